import { describe, expect, it } from 'vitest';
import { signSchema } from '../../functions/validation/agreement';
import { districtContactSchema } from '../../functions/validation/district';
import { line } from '../../functions/validation/fields';
import { containsPersonalNumber } from '../../functions/validation/personal-number';
import { inviteSchema } from '../../functions/validation/officer';

describe('the personnummer guard', () => {
  it.each([
    '120315-1234',
    '20120315-1234',
    '19850101+1234',
    '120315 1234',
    '1203151234',
    '１２０３１５－１２３４',
    '１２０３１５１２３４',
    '12 03 15–12 34',
    '12 03 15 — 12 34',
    '12.03.15-1234',
    '2012 03 15 - 1234',
    '120375-1234',
    'Eleven 20120315-1234 behöver stöd',
  ])('finds %j', (text) => {
    expect(containsPersonalNumber(text)).toBe(true);
  });

  it.each([
    '556677-8899',
    '212000-0142',
    '5566778899',
    '08-508 000 00',
    '070-123 45 67',
    '08-123 456 78',
    '116 46 Stockholm',
    '12345678',
    'Skolenhetskod 1234 5678',
    'Mån–fre 08.00–16.30',
    'Möte 2025-09-15 14.00',
    '121315-1234',
    '120332-1234',
    '120315-12345',
    '9120315-1234',
  ])('leaves %j alone', (text) => {
    expect(containsPersonalNumber(text)).toBe(false);
  });
});

describe('single-line fields refuse a personnummer', () => {
  it('in any line, with a message that names the field', () => {
    const result = line('skolans namn', 120).safeParse('Skolan 120315-1234');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe(
      'Skolans namn ser ut att innehålla ett personnummer. Portalen sparar inga personnummer, så ta bort det',
    );
  });

  it('in the sign-off name, the district contact and an officer name', () => {
    const sha = 'a'.repeat(64);
    expect(
      signSchema.safeParse({ fullName: 'Åsa Öberg 12 03 15–12 34', statement: 'ja', documentSha256: sha }).success,
    ).toBe(false);
    expect(signSchema.safeParse({ fullName: 'Åsa Öberg', statement: 'ja', documentSha256: sha }).success).toBe(true);
    const contact = {
      contactFunction: 'Mottagningen',
      contactEmail: 'mottagning@stockholm.se',
      contactPhone: '08-508 000 00',
      contactHours: 'Vardagar 08.00–16.30',
    };
    expect(districtContactSchema.safeParse(contact).success).toBe(true);
    expect(districtContactSchema.safeParse({ ...contact, contactHours: 'Ring 120315-1234' }).success).toBe(false);
    expect(
      inviteSchema.safeParse({
        name: 'Handläggare １２０３１５－１２３４',
        email: 'h@stockholm.se',
        district: 'bromma',
      }).success,
    ).toBe(false);
  });
});
