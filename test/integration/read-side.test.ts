import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPortal, type Portal } from '../support/portal';

let portal: Portal;
beforeAll(async () => {
  portal = await startPortal();
});
afterAll(async () => portal?.close());

describe('the built Worker with a real local D1', () => {
  it('reports health: version, D1 and the last applied migration', async () => {
    const res = await portal.fetch('/api/health');
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      status: string;
      version: string;
      database: string;
      migration: { number: number };
    };
    expect(body.status).toBe('ok');
    expect(body.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(body.database).toBe('ok');
    expect(body.migration.number).toBeGreaterThanOrEqual(0);
  });

  it('serves a prerendered content page in Swedish', async () => {
    const res = await portal.fetch('/stodmaterial/sekretess/');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<html lang="sv"');
    expect(html).toContain('Senast granskad');
    expect(html).toContain('Lagrum');
    expect(html).not.toContain('<script');
  });

  it('lists today’s eleven districts from D1', async () => {
    const html = await (await portal.fetch('/stadsdelar/')).text();
    const links = [...html.matchAll(/href="\/stadsdelar\/([a-z-]+)\/"/g)].map((m) => m[1]);
    expect(new Set(links).size).toBe(11);
    expect(links).toContain('jarva');
    expect(links).not.toContain('rinkeby-kista');
  });

  it('renders a district page from D1 and says plainly that the contact is missing', async () => {
    const res = await portal.fetch('/stadsdelar/skarholmen/');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<h1>Skärholmen</h1>');
    expect(html).toContain('har ännu inte angett någon kontaktfunktion');
  });

  it('shows a contact function once the district has one', async () => {
    const { districts } = await import('../../functions/db/schema');
    const { eq } = await import('drizzle-orm');
    await portal.db
      .update(districts)
      .set({ contactFunction: 'Mottagningen för barn och unga', contactEmail: 'mottagning.farsta@example.se' })
      .where(eq(districts.slug, 'farsta'));
    const html = await (await portal.fetch('/stadsdelar/farsta/')).text();
    expect(html).toContain('Mottagningen för barn och unga');
    expect(html).toContain('mailto:mottagning.farsta@example.se');
  });

  it('links a merged district to its successor', async () => {
    const html = await (await portal.fetch('/stadsdelar/alvsjo/')).text();
    expect(html).toContain('href="/stadsdelar/hagersten-alvsjo/"');
    expect(html).toMatch(/fanns till och med 31 december 2019/);
  });

  it('searches without JavaScript, finding parts of compounds', async () => {
    const res = await portal.fetch(`/sok?q=${encodeURIComponent('anmälan')}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('/stodmaterial/aterkoppling-orosanmalan/');
    expect(html).toMatch(/<mark>[^<]*anmälan<\/mark>/i);
  });

  it('finds "överenskommelse" inside "samverkansöverenskommelse"', async () => {
    const html = await (await portal.fetch(`/sok?q=${encodeURIComponent('överenskommelse')}`)).text();
    expect(html).toContain('href="/overenskommelse/"');
  });

  it('narrows a search by collection', async () => {
    const html = await (await portal.fetch(`/sok?q=sekretess&samling=stodmaterial`)).text();
    const urls = [...html.matchAll(/<h3><a href="([^"]+)"/g)].map((m) => m[1]);
    expect(urls.length).toBeGreaterThan(0);
    expect(urls.every((u) => u?.startsWith('/stodmaterial/'))).toBe(true);
  });

  it('refuses an overlong query with a Swedish message', async () => {
    const html = await (await portal.fetch(`/sok?q=${'a'.repeat(300)}`)).text();
    expect(html).toContain('<title>Fel:');
    expect(html).toContain('högst 200 tecken');
  });

  it('answers 404 for unknown pages, districts and API paths', async () => {
    for (const path of ['/finns-inte', '/stadsdelar/atlantis/']) {
      const res = await portal.fetch(path);
      expect(res.status, path).toBe(404);
      expect(await res.text()).toContain('Sidan finns inte');
    }
    const api = await portal.fetch('/api/finns-inte');
    expect(api.status).toBe(404);
    expect(await api.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });
});
