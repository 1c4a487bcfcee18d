import { expect, it } from 'vitest';
import {
  auditDataCutoff,
  auditDataYears,
  mailDays,
  unverifiedRegistrationDays,
} from '../../functions/domain/retention';
import { readCollection } from '../support/content';

const privacy =
  readCollection('sidor')
    .find((e) => e.slug === 'personuppgifter')
    ?.body.replace(/\s+/g, ' ') ?? '';
const inWords = ['noll', 'ett', 'två', 'tre', 'fyra', 'fem'];

it('the privacy page states the periods the purge enforces', () => {
  expect(privacy).toContain(`tas bort efter ${unverifiedRegistrationDays} dagar`);
  expect(privacy).toContain(`sparas i ${mailDays} dagar`);
  expect(privacy).toContain(`tas bort ${inWords[auditDataYears]} år efter händelsen`);
});

it('audit data outlives its retention on the same calendar day years later', () => {
  expect(auditDataCutoff(new Date('2026-11-30T03:00:00Z')).toISOString()).toBe(
    `${2026 - auditDataYears}-11-30T03:00:00.000Z`,
  );
});
