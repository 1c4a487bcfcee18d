import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { auditEvents, schools, sessions } from '../../functions/db/schema';
import { Visitor, validRegistration } from '../support/client';
import { registerAndSignIn } from '../support/flows';
import { startPortal, type Portal } from '../support/portal';

let portal: Portal;
beforeAll(async () => {
  portal = await startPortal();
});
afterAll(async () => portal?.close());

it('the daily cron removes unverified registrations after 30 days and expired sessions, and logs it', async () => {
  const stale = validRegistration({ name: 'Glömda skolan' });
  await new Visitor(portal).post('/api/registrering/skicka', stale);
  const fresh = validRegistration({ name: 'Nya skolan' });
  await new Visitor(portal).post('/api/registrering/skicka', fresh);
  const { school: verified } = await registerAndSignIn(portal, { name: 'Bekräftade skolan' });
  await portal.db.update(schools).set({ registeredAt: new Date(Date.now() - 31 * 86_400_000).toISOString() }).where(eq(schools.schoolUnitCode, stale.schoolUnitCode as string));
  await portal.db.update(schools).set({ registeredAt: new Date(Date.now() - 31 * 86_400_000).toISOString() }).where(eq(schools.id, verified.id));
  await portal.db.update(sessions).set({ expiresAt: new Date(Date.now() - 1000).toISOString() });

  await portal.worker.scheduled({ cron: '0 3 * * *', scheduledTime: new Date() });

  const left = (await portal.db.select({ name: schools.name }).from(schools)).map((s) => s.name);
  expect(left).not.toContain('Glömda skolan');
  expect(left).toEqual(expect.arrayContaining(['Nya skolan', 'Bekräftade skolan']));
  expect(await portal.db.select().from(sessions)).toEqual([]);
  expect((await portal.db.select().from(auditEvents).where(eq(auditEvents.action, 'purge.ran'))).length).toBe(1);
});
