import { describe, expect, it } from 'vitest';
import { fieldErrors, luhnValid } from '../../functions/validation/fields';
import { registrationFields, registrationSchema } from '../../functions/validation/registration';

const valid = {
  name: ' Exempelskolan Södermalm ',
  schoolUnitCode: '1234 5678',
  organizerName: 'Exempelskolan AB',
  organizerOrgNumber: '556677-8899',
  forms: ['grundskola', 'anpassad-grundskola'],
  streetAddress: 'Götgatan 1',
  postcode: '11646',
  postalTown: 'Stockholm',
  district: 'sodermalm',
  principalName: 'Åsa Öberg',
  principalEmail: 'Rektor@Exempelskolan.se',
  contactEmail: 'kansli@exempelskolan.se',
  consent: 'ja',
};

const errorsFor = (input: Record<string, unknown>) => {
  const result = registrationSchema.safeParse(input);
  return result.success ? {} : fieldErrors(result.error, registrationFields);
};

describe('registration schema', () => {
  it('normalises a valid registration', () => {
    const r = registrationSchema.parse(valid);
    expect(r).toMatchObject({
      name: 'Exempelskolan Södermalm',
      schoolUnitCode: '12345678',
      organizerOrgNumber: '556677-8899',
      postcode: '116 46',
      principalEmail: 'rektor@exempelskolan.se',
    });
  });

  it('takes a single checkbox as a one-element list', () => {
    expect(registrationSchema.parse({ ...valid, forms: 'forskola' }).forms).toEqual(['forskola']);
  });

  it.each([
    ['schoolUnitCode', '1234567', 'Skolenhetskoden ska vara 8 siffror, till exempel 12345678'],
    ['organizerOrgNumber', '556677-889', 'Organisationsnumret ska vara 10 siffror, till exempel 556677-8899'],
    [
      'organizerOrgNumber',
      '551677-8899',
      'Organisationsnumret ska ha en tvåa eller högre som tredje siffra (annars är det ett personnummer)',
    ],
    [
      'organizerOrgNumber',
      '556677-8898',
      'Organisationsnumret stämmer inte. Kontrollera siffrorna, den sista är en kontrollsiffra',
    ],
    ['postcode', '1164', 'Postnumret ska vara 5 siffror, till exempel 123 45'],
    ['principalEmail', 'rektor@', 'Ange rektors e-postadress i rätt format, till exempel namn@skolan.se'],
    ['forms', [], 'Välj minst en skolform'],
    ['forms', ['hogskola'], 'Välj minst en skolform'],
    ['consent', undefined, 'Bekräfta att du har läst informationen om hur portalen behandlar personuppgifter'],
    ['name', '', 'Ange skolans namn'],
    ['name', 'x'.repeat(121), 'Skolans namn får vara högst 120 tecken'],
    ['name', 'Skola\u0000', 'Skolans namn innehåller tecken som inte är tillåtna'],
    ['name', ['a', 'b'], 'Skolans namn kunde inte läsas. Fyll i fältet igen'],
  ])('%s = %j gives "%s"', (field, value, message) => {
    expect(errorsFor({ ...valid, [field]: value })[field]).toBe(message);
  });

  it('refuses unknown fields', () => {
    expect(registrationSchema.safeParse({ ...valid, isAdmin: 'ja' }).success).toBe(false);
  });

  it('lists errors in page order', () => {
    expect(Object.keys(errorsFor({ ...valid, contactEmail: '', name: '' }))).toEqual(['name', 'contactEmail']);
  });
});

describe('Luhn', () => {
  it('accepts real-shaped numbers and refuses a changed digit', () => {
    expect(luhnValid('5566778899')).toBe(true);
    expect(luhnValid('2120000142')).toBe(true);
    expect(luhnValid('2120000143')).toBe(false);
  });
});
