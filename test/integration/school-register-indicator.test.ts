import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schoolUnits } from '../../functions/db/schema';
import { confirmAsDistrict, officerOf, schoolWithDraft, signAsSchool } from '../support/agreement-flows';
import { Visitor } from '../support/client';
import { startPortal, type Portal } from '../support/portal';

// The built Worker's nightly cron syncs Skolverket's register (the portal's recorded fixture:
// 14 active independent and 26 active municipal units in Stockholm), and /statistik/ and the open
// data give the share of all active units beside the share of the registered, with the sync time.

let portal: Portal;
beforeAll(async () => {
  portal = await startPortal();
  // Exempelskolan Bromma (91000201 in the register) registers and gets a valid agreement.
  const school = await schoolWithDraft(portal, { district: 'bromma', schoolUnitCode: '91000201' });
  await signAsSchool(school.visitor, school.agreementId);
  const confirmed = await confirmAsDistrict(await officerOf(portal, 'bromma'), school.agreementId);
  if (confirmed.status !== 303) throw new Error(`Kunde inte bekräfta: ${confirmed.status}`);
});
afterAll(async () => portal?.close());

const nightly = (at: string) => portal.worker.scheduled({ cron: '0 3 * * *', scheduledTime: new Date(at) });
type Indicator = { registret_hamtat: string | null; rader: Record<string, string | number | null>[] };
const openIndicator = async () => (await (await portal.fetch('/api/oppna-data/indikator.json')).json()) as Indicator;

describe('the indicator with Skolverket’s register', () => {
  it('gives both denominators and when the register was synced, on /statistik/ and in the open data', async () => {
    await nightly('2026-11-30T03:00:00Z');
    const data = await openIndicator();
    expect(data.registret_hamtat).toBe('2026-11-30T03:00:00.000Z');
    const row = (stadsdel: string, typ: string) =>
      data.rader.find((r) => r['stadsdel'] === stadsdel && r['typ'] === typ);
    expect(row('Hela staden', 'fristaende')).toMatchObject({
      registrerade: 1,
      med_giltig_overenskommelse: 1,
      skolenheter_i_registret: 14,
      skolenheter_i_registret_med_giltig_overenskommelse: 1,
    });
    expect(row('Hela staden', 'kommunal')).toMatchObject({
      registrerade: 0,
      skolenheter_i_registret: 26,
      skolenheter_i_registret_med_giltig_overenskommelse: 0,
    });
    expect(row('Bromma', 'fristaende')).toMatchObject({
      registrerade: 1,
      skolenheter_i_registret: 1,
      skolenheter_i_registret_med_giltig_overenskommelse: 1,
    });

    const csv = await (await portal.fetch('/api/oppna-data/indikator.csv')).text();
    expect(csv.split(/\r?\n/)[0]).toContain('skolenheter_i_registret');
    expect(csv).toContain('2026-11-30T03:00:00.000Z');

    const page = await (await new Visitor(portal).get('/statistik/')).text();
    expect(page).toContain('Av alla aktiva fristående skolenheter i Stockholm (1 av 14)');
    expect(page).toContain('7,1 %');
    expect(page).toContain('Av de registrerade:');
    expect(page).toMatch(/Skolverkets skolenhetsregister hämtades senast [^<]*2026/);
    expect(page).not.toContain('Vid senaste försöket');
  });

  it('keeps the last register when Skolverket is down, and says so', async () => {
    const before = await portal.db.select().from(schoolUnits);
    portal.skolverket.setMode('down');
    try {
      await nightly('2026-12-01T03:00:00Z');
    } finally {
      portal.skolverket.setMode('normal');
    }
    expect(await portal.db.select().from(schoolUnits)).toEqual(before);
    const data = await openIndicator();
    expect(data.registret_hamtat).toBe('2026-11-30T03:00:00.000Z');
    const page = await (await new Visitor(portal).get('/statistik/')).text();
    expect(page).toContain('Vid senaste försöket');
    expect(page).toContain('(1 av 14)');
  });
});
