// Every user-facing sentence the server produces, in one place (Swedish).
export const messages = {
  errors: {
    DB_UNAVAILABLE: 'Databasen svarar inte just nu. Försök igen om en stund.',
    NOT_FOUND: 'Sidan eller resursen finns inte.',
    BAD_REQUEST: 'Begäran kunde inte tolkas.',
    VALIDATION: 'Uppgifterna behöver rättas. Se meddelandena vid fälten.',
    UNKNOWN_FIELDS: 'Formuläret innehöll fält som inte hör dit. Ladda om sidan och fyll i formuläret igen.',
    PAYLOAD_TOO_LARGE: 'Det du skickade var för stort. Korta texterna och försök igen.',
    UNSUPPORTED_MEDIA_TYPE: 'Formuläret skickades i ett format som portalen inte tar emot.',
    CSRF_FAILED: 'Formuläret har gått ut eller kom inte från portalen. Ladda om sidan och försök igen.',
    RATE_LIMITED: 'Du har gjort för många försök på kort tid. Vänta en kvart och försök igen.',
    TOKEN_INVALID:
      'Inloggningslänken fungerar inte. Den kan redan ha använts, vara äldre än 15 minuter eller vara felaktig. Begär en ny länk.',
    UNAUTHENTICATED: 'Du behöver logga in för att se sidan.',
    FORBIDDEN: 'Du har inte behörighet till det här.',
    DUPLICATE_SCHOOL: 'Skolenheten är redan registrerad i portalen.',
    INTERNAL: 'Något gick fel hos oss. Försök igen om en stund.',
  },
  districts: {
    noContact:
      'Stadsdelsförvaltningen har ännu inte angett någon kontaktfunktion i portalen. Kontakta stadens växel, 08-508 000 00, och fråga efter socialtjänstens mottagning för barn och unga.',
  },
  fields: {
    required: (label: string) => `Ange ${label}`,
    tooLong: (label: string, max: number) => `${capitalize(label)} får vara högst ${max} tecken`,
    tooShort: (label: string, min: number) => `${capitalize(label)} måste vara minst ${min} tecken`,
    controlChars: (label: string) => `${capitalize(label)} innehåller tecken som inte är tillåtna`,
    wrongType: (label: string) => `${capitalize(label)} kunde inte läsas. Fyll i fältet igen`,
    schoolUnitCode: 'Skolenhetskoden ska vara 8 siffror, till exempel 12345678',
    orgNumberFormat: 'Organisationsnumret ska vara 10 siffror, till exempel 556677-8899',
    orgNumberThirdDigit: 'Organisationsnumret ska ha en tvåa eller högre som tredje siffra (annars är det ett personnummer)',
    orgNumberChecksum: 'Organisationsnumret stämmer inte. Kontrollera siffrorna, den sista är en kontrollsiffra',
    postcode: 'Postnumret ska vara 5 siffror, till exempel 123 45',
    email: (label: string) => `Ange ${label} i rätt format, till exempel namn@skolan.se`,
    forms: 'Välj minst en skolform',
    district: 'Välj den stadsdel där skolan ligger',
    consent: 'Du måste godkänna att uppgifterna behandlas för att kunna registrera skolan',
    duplicateSchoolUnitCode: 'Skolenheten med den här koden är redan registrerad. Logga in för att se den',
  },
  mail: {
    signInSubject: 'Din inloggningslänk till Samverkansportalen',
    signInBody: (link: string) =>
      `Hej!\n\nNågon, förhoppningsvis du, bad om en inloggningslänk till Samverkansportalen.\n\nÖppna länken och tryck på knappen "Logga in":\n${link}\n\nLänken gäller i 15 minuter och kan bara användas en gång. Har du inte bett om den kan du bortse från det här meddelandet.\n\nSamverkansportalen, Stockholms stad`,
    unknownSubject: 'Inloggning till Samverkansportalen',
    unknownBody: (registerLink: string) =>
      `Hej!\n\nNågon bad om en inloggningslänk till Samverkansportalen för den här adressen, men adressen finns inte i portalen.\n\nÄr du rektor för en fristående skola kan du registrera skolan här:\n${registerLink}\n\nHar du inte bett om en länk kan du bortse från det här meddelandet.\n\nSamverkansportalen, Stockholms stad`,
    verifySubject: (school: string) => `Bekräfta registreringen av ${school}`,
    verifyBody: (school: string, reference: string, link: string) =>
      `Hej!\n\n${school} har registrerats i Samverkansportalen (referens ${reference}) med dig som rektor.\n\nBekräfta din e-postadress genom att öppna länken och trycka på knappen "Logga in":\n${link}\n\nLänken gäller i 15 minuter. Har den gått ut kan du begära en ny på sidan Logga in. En registrering som inte bekräftas inom 30 dagar tas bort.\n\nSamverkansportalen, Stockholms stad`,
    contactChangedSubject: (school: string) => `Kontaktuppgifterna för ${school} har ändrats`,
    contactChangedBody: (school: string) =>
      `Hej!\n\nKontaktuppgifterna för ${school} har ändrats i Samverkansportalen. Den här adressen är nu registrerad för skolan.\n\nSamverkansportalen, Stockholms stad`,
    inviteSubject: 'Du har bjudits in till Samverkansportalen',
    inviteBody: (district: string, link: string) =>
      `Hej!\n\nDu har bjudits in som handläggare för ${district} i Samverkansportalen.\n\nLogga in genom att öppna länken och trycka på knappen "Logga in":\n${link}\n\nLänken gäller i 15 minuter. Har den gått ut kan du begära en ny på sidan Logga in.\n\nSamverkansportalen, Stockholms stad`,
  },
} as const;

function capitalize(text: string): string {
  return text.charAt(0).toLocaleUpperCase('sv') + text.slice(1);
}

export type ErrorCode = keyof typeof messages.errors;
