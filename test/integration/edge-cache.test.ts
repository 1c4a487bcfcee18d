import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { districts } from '../../functions/db/schema';
import { officerEmail } from '../../functions/db/seed-accounts';
import { Visitor } from '../support/client';
import { signIn } from '../support/flows';
import { startPortal, type Portal } from '../support/portal';

// Public pages kept at the edge (functions/http/edge-cache.ts), in workerd's local Cache API.
const edge = (res: { headers: { get(name: string): string | null } }) => res.headers.get('x-edge-cache');

/** Where the district's contact form posts, read from its page as a browser would. */
async function postContact(officer: Visitor, contactFunction: string) {
  const page = await (await officer.get('/stadsdel/kontakt')).text();
  const form = /<form method="post"(?: action="([^"]*)")?[^>]*>(?:(?!<\/form>)[\s\S])*name="contactFunction"/.exec(
    page,
  );
  const res = await officer.post(form?.[1] ?? '/stadsdel/kontakt', {
    contactFunction,
    contactEmail: 'mottagning@stockholm.example',
    contactPhone: '08-508 000 00',
    contactHours: 'Vardagar 8–16',
  });
  expect(res.status).toBe(303);
}

describe('with the default lifetime', () => {
  let portal: Portal;
  let officer: Visitor;
  beforeAll(async () => {
    portal = await startPortal();
    officer = new Visitor(portal);
    await signIn(portal, officer, officerEmail('bromma'));
  });
  afterAll(() => portal?.close());

  it('answers a repeated anonymous visit from the edge, keyed without the Host or unused parameters, and sets no cookie', async () => {
    const first = await portal.fetch('/stadsdelar/bromma/');
    expect(first.status).toBe(200);
    expect(first.headers.getSetCookie()).toEqual([]);
    await first.text();
    const again = await portal.fetch('/stadsdelar/bromma/?utm_source=nyhetsbrev', {
      headers: { host: 'annan.example' },
    });
    expect(edge(again)).toBe('HIT');
    expect(await again.text()).toContain('Bromma');
  });

  it('shows a contact change at once on the district page', async () => {
    await (await portal.fetch('/stadsdelar/bromma/')).text();
    expect(edge(await portal.fetch('/stadsdelar/bromma/'))).toBe('HIT');
    await postContact(officer, 'Mottagningen Bromma väster');
    const after = await portal.fetch('/stadsdelar/bromma/');
    expect(edge(after)).toBe('MISS');
    expect(await after.text()).toContain('Mottagningen Bromma väster');
  });

  it('never answers a signed-in visitor from the edge, nor keeps their page for others', async () => {
    await postContact(officer, 'Mottagningen Bromma öster');
    const signedIn = await officer.get('/stadsdelar/bromma/');
    expect(edge(signedIn)).toBeNull();
    expect(signedIn.headers.get('cache-control')).toBe('no-store');
    expect(await signedIn.text()).toContain('Mina sidor');
    expect(edge(await officer.get('/stadsdelar/bromma/'))).toBeNull();
    const anonymous = await portal.fetch('/stadsdelar/bromma/');
    expect(edge(anonymous)).toBe('MISS');
    expect(await anonymous.text()).not.toContain('Mina sidor');
  });

  it('gives a visitor who wrote a bookmark, so their next request reads at least their own write', async () => {
    await postContact(officer, 'Mottagningen Bromma norr');
    const bookmark = officer.cookies.get('__Host-d1-bookmark');
    expect(bookmark).toMatch(/^[\w-]+$/);
    expect(await (await officer.get('/stadsdel/kontakt')).text()).toContain('Mottagningen Bromma norr');
  });
});

describe('with the lifetime lowered to one second', () => {
  let portal: Portal;
  beforeAll(async () => {
    portal = await startPortal({ vars: { EDGE_CACHE_SECONDS: '1' } });
  });
  afterAll(() => portal?.close());

  it('serves a change no purge reached for at most the lifetime', async () => {
    await (await portal.fetch('/stadsdelar/farsta/')).text();
    // Written behind the Worker's back: as if the purge had failed (or ran in another data center).
    await portal.db
      .update(districts)
      .set({ contactFunction: 'Mottagningen Farsta ny' })
      .where(eq(districts.slug, 'farsta'));
    const stale = await portal.fetch('/stadsdelar/farsta/');
    expect(edge(stale)).toBe('HIT');
    expect(await stale.text()).not.toContain('Mottagningen Farsta ny');
    await new Promise((done) => setTimeout(done, 1_500));
    const fresh = await portal.fetch('/stadsdelar/farsta/');
    expect(await fresh.text()).toContain('Mottagningen Farsta ny');
  });
});
