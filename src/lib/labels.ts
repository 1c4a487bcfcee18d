import type { DatePrecision } from '../../functions/validation/template';
// Swedish labels for the codes used in content and search.
export const collectionLabels: Record<string, string> = {
  riktlinjer: 'Riktlinjer',
  stodmaterial: 'Stödmaterial',
  overenskommelse: 'Överenskommelse',
  historik: 'Historik',
  sidor: 'Om portalen',
};

export const audienceLabels: Record<string, string> = {
  skola: 'Skolor',
  forskola: 'Förskolor',
  fristaende: 'Fristående skolor',
  socialtjanst: 'Socialtjänsten',
  stadsdel: 'Stadsdelsförvaltningar',
  alla: 'Alla',
};

const longDate = new Intl.DateTimeFormat('sv-SE', { dateStyle: 'long', timeZone: 'Europe/Stockholm' });
const monthYear = new Intl.DateTimeFormat('sv-SE', { month: 'long', year: 'numeric', timeZone: 'Europe/Stockholm' });

export const formatDate = (date: Date | string) => longDate.format(typeof date === 'string' ? new Date(date) : date);
export const formatMonth = (date: Date) => monthYear.format(date);
export const isoDate = (date: Date) => date.toISOString().slice(0, 10);

export const schoolFormLabels: Record<string, string> = {
  forskola: 'Förskola',
  grundskola: 'Grundskola',
  'anpassad-grundskola': 'Anpassad grundskola',
  gymnasieskola: 'Gymnasieskola',
  'anpassad-gymnasieskola': 'Anpassad gymnasieskola',
};

export const schoolStatusLabels: Record<string, string> = {
  pending: 'Väntar på bekräftelse',
  active: 'Registrerad',
};

export const schoolKindLabels: Record<string, string> = { fristaende: 'Fristående', kommunal: 'Kommunal' };

const dateTime = new Intl.DateTimeFormat('sv-SE', {
  dateStyle: 'long',
  timeStyle: 'short',
  timeZone: 'Europe/Stockholm',
});
export const formatDateTime = (value: string | Date) =>
  dateTime.format(typeof value === 'string' ? new Date(value) : value);

export const agreementStatusLabels: Record<string, string> = {
  none: 'Ingen överenskommelse',
  draft: 'Utkast',
  awaiting: 'Väntar på stadsdelen',
  returned: 'Tillbakaskickad',
  valid: 'Giltig',
  due: 'Behöver revideras',
  expired: 'Har gått ut',
  replaced: 'Ersatt av en nyare',
  confirmed: 'Giltig',
};

/** Where this year's follow-up stands, in the same words for the school and the district. */
export const followUpStateLabels = {
  'not-open': 'Inte dags än',
  missing: 'Saknas',
  'school-done': 'Skolan klar, stadsdelen saknas',
  'district-done': 'Stadsdelen klar, skolan saknas',
  done: 'Klar',
} as const;

/** A revision in the making beside the agreement in force. */
export const revisionLabels: Record<string, string> = {
  draft: 'revidering påbörjad',
  awaiting: 'revidering väntar på stadsdelen',
  returned: 'revidering tillbakaskickad',
};

/** A date shown as precisely as it is known: "14 februari 2008", "april 2008" or "2011". */
export const formatPartialDate = (date: Date, precision: DatePrecision) =>
  precision === 'year' ? String(date.getUTCFullYear()) : precision === 'month' ? formatMonth(date) : formatDate(date);

/** The same for <time datetime>: 2008-02-14, 2008-04 or 2011. */
export const isoPartialDate = (date: Date, precision: DatePrecision) =>
  isoDate(date).slice(0, precision === 'year' ? 4 : precision === 'month' ? 7 : 10);

/** An outbox row's delivery state, as the mail viewer and the coordinator see it. */
export const mailStatusLabels: Record<string, string> = {
  queued: 'Väntar på att skickas',
  sent: 'Skickat',
  failed: 'Gick inte att skicka',
  discarded: 'Kastat',
};
