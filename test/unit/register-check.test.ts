import { describe, expect, it } from 'vitest';
import { prefillFrom, refusalFor } from '../../functions/domain/register-check';
import type { SchoolUnit } from '../../functions/register/skolverket';

const unit = (overrides: Partial<SchoolUnit> = {}): SchoolUnit => ({
  code: '91000201',
  name: 'Exempelskolan Bromma',
  organizerName: 'Exempelskolan AB',
  organizerType: 'enskild',
  orgNumber: '5566778899',
  municipalityCode: '0180',
  status: 'active',
  forms: ['grundskola'],
  streetAddress: 'Testgatan 1',
  postcode: '168 67',
  postalTown: 'Bromma',
  email: 'expedition@exempelskolan.example',
  ...overrides,
});

describe('which units may register', () => {
  it.each([
    ['an active independent unit in Stockholm', {}, null],
    ['a closed unit', { status: 'closed' }, 'UNIT_CLOSED'],
    ['a unit in Solna', { municipalityCode: '0184' }, 'UNIT_OTHER_MUNICIPALITY'],
    [
      'a closed unit in Solna: the municipality is the reason given',
      { municipalityCode: '0184', status: 'closed' },
      'UNIT_OTHER_MUNICIPALITY',
    ],
    ['a municipal unit', { organizerType: 'kommunal' }, 'UNIT_NOT_INDEPENDENT'],
    ['a unit the state or a region runs', { organizerType: 'annan' }, 'UNIT_NOT_INDEPENDENT'],
  ] as const)('%s', (_what, overrides, refusal) => {
    expect(refusalFor(unit(overrides))).toBe(refusal);
  });
});

describe('the prefill from the register', () => {
  it('fills in what the register holds, the organisation number as the form asks for it', () => {
    expect(prefillFrom(unit())).toEqual({
      name: 'Exempelskolan Bromma',
      organizerName: 'Exempelskolan AB',
      organizerOrgNumber: '556677-8899',
      streetAddress: 'Testgatan 1',
      postcode: '168 67',
      postalTown: 'Bromma',
      forms: ['grundskola'],
    });
  });

  it('leaves out what the register lacks, for the school to fill in', () => {
    expect(
      prefillFrom(
        unit({ orgNumber: null, organizerName: '', streetAddress: null, postcode: null, postalTown: null, forms: [] }),
      ),
    ).toEqual({ name: 'Exempelskolan Bromma', forms: [] });
  });
});
