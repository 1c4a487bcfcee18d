import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  fetchMunicipalityUnits,
  fetchSchoolUnit,
  registerConfig,
  stockholmMunicipalityCode,
  type RegisterConfig,
} from '../../functions/register/skolverket';
import { startSkolverketFixture, type SkolverketFixture } from '../../scripts/lib/skolverket-fixture';

// The adapter against the local fixture (recorded TEST DATA in the API v2 format), over real HTTP.
let fixture: SkolverketFixture;
let config: RegisterConfig;

beforeAll(async () => {
  fixture = await startSkolverketFixture({ slowMs: 2_000 });
  config = registerConfig({ SKOLVERKET_BASE_URL: `${fixture.url}/` } as Env);
});
afterAll(() => fixture.close());

describe('one unit by skolenhetskod', () => {
  it('maps an independent unit: huvudman, org number, forms, visiting address, e-mail', async () => {
    expect(await fetchSchoolUnit(config, '91000206')).toEqual({
      unit: {
        code: '91000206',
        name: 'Musikgymnasiet City',
        organizerName: 'Musikgymnasiet City AB',
        organizerType: 'enskild',
        orgNumber: '5566778899',
        municipalityCode: '0180',
        status: 'active',
        forms: ['gymnasieskola'],
        streetAddress: expect.stringMatching(/^Testgatan \d+$/),
        postcode: expect.stringMatching(/^\d{3} \d{2}$/),
        postalTown: 'Stockholm',
        email: 'expedition@musikgymnasietcity.example',
      },
    });
  });

  it('maps a municipal unit and its school forms (förskoleklass and fritidshem are not forms of ours)', async () => {
    const lookup = await fetchSchoolUnit(config, '90000106');
    expect(lookup).toMatchObject({
      unit: {
        organizerType: 'kommunal',
        organizerName: 'Stockholms kommun',
        forms: ['grundskola', 'anpassad-grundskola'],
      },
    });
  });

  it('says missing for a code the register does not know, and for a code that is not eight digits', async () => {
    const before = fixture.counts.unit;
    expect(await fetchSchoolUnit(config, '99999999')).toEqual({ missing: true });
    expect(fixture.counts.unit).toBe(before + 1);
    expect(await fetchSchoolUnit(config, '1234')).toEqual({ missing: true });
    expect(fixture.counts.unit).toBe(before + 1);
  });

  it('gives a unit of another municipality with its kommunkod', async () => {
    expect(await fetchSchoolUnit(config, '92000001')).toMatchObject({
      unit: { municipalityCode: '0184', status: 'active' },
    });
  });

  it('gives a closed (UPPHORT) and a dormant (VILANDE) unit as closed', async () => {
    expect(await fetchSchoolUnit(config, '91000390')).toMatchObject({ unit: { status: 'closed' } });
    expect(await fetchSchoolUnit(config, '91000391')).toMatchObject({ unit: { status: 'closed' } });
  });

  it('a state-run unit is neither municipal nor independent', async () => {
    expect(await fetchSchoolUnit(config, '91000392')).toMatchObject({ unit: { organizerType: 'annan' } });
  });
});

describe('the units of a municipality', () => {
  it('lists Stockholm units that exist now, not closed ones nor other municipalities', async () => {
    const units = await fetchMunicipalityUnits(config, stockholmMunicipalityCode);
    const codes = units?.map((u) => u.code) ?? [];
    expect(codes).toContain('90000101');
    expect(codes).toContain('91000301');
    expect(codes).toContain('91000391');
    expect(codes).not.toContain('91000390');
    expect(codes).not.toContain('92000001');
    expect(units?.every((u) => u.municipalityCode === '0180')).toBe(true);
    expect(units?.filter((u) => u.status === 'active' && u.organizerType === 'enskild')).toHaveLength(14);
  });
});

describe('when Skolverket is slow or down', () => {
  it('a timeout is tried once more, then the unit is unavailable', async () => {
    fixture.setMode('slow');
    try {
      const before = fixture.counts.unit;
      const started = Date.now();
      const short = { ...config, timeoutMs: 300 };
      expect(await fetchSchoolUnit(short, '91000201')).toEqual({ unavailable: true });
      expect(fixture.counts.unit - before).toBe(2);
      expect(Date.now() - started).toBeLessThan(2_000);
    } finally {
      fixture.setMode('normal');
    }
  });

  it('a 5xx is tried once more; the municipality list is then unavailable (null), never partial', async () => {
    fixture.setMode('down');
    try {
      const before = fixture.counts.list;
      expect(await fetchMunicipalityUnits(config, stockholmMunicipalityCode)).toBeNull();
      expect(fixture.counts.list - before).toBe(2);
      expect(await fetchSchoolUnit(config, '91000201')).toEqual({ unavailable: true });
    } finally {
      fixture.setMode('normal');
    }
    expect(await fetchSchoolUnit(config, '91000201')).toMatchObject({ unit: { code: '91000201' } });
  });

  it('nobody listening is unavailable too', async () => {
    expect(await fetchSchoolUnit({ ...config, baseUrl: 'http://127.0.0.1:9' }, '91000201')).toEqual({
      unavailable: true,
    });
  });
});
