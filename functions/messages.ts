// Every user-facing sentence the server produces, in one place (Swedish).
export const messages = {
  errors: {
    DB_UNAVAILABLE: 'Databasen svarar inte just nu. Försök igen om en stund.',
    NOT_FOUND: 'Sidan eller resursen finns inte.',
    BAD_REQUEST: 'Begäran kunde inte tolkas.',
    INTERNAL: 'Något gick fel hos oss. Försök igen om en stund.',
  },
  districts: {
    noContact:
      'Stadsdelsförvaltningen har ännu inte angett någon kontaktfunktion i portalen. Kontakta stadens växel, 08-508 000 00, och fråga efter socialtjänstens mottagning för barn och unga.',
  },
} as const;

export type ErrorCode = keyof typeof messages.errors;
