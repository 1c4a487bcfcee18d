// Moments are ISO strings in UTC, so D1 compares them as text. Days that users see or rules use
// (validity, deadlines, follow-up windows, the indicator) are Stockholm days: the helpers below.
export const iso = (date: Date) => date.toISOString();
export const addMinutes = (date: Date, minutes: number) => new Date(date.getTime() + minutes * 60_000);
export const addDays = (date: Date, days: number) => new Date(date.getTime() + days * 86_400_000);

const stockholm = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Stockholm',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar day (YYYY-MM-DD) in Stockholm at a moment: 00:30 Swedish time is already today. */
export const stockholmDay = (moment: Date): string => stockholm.format(moment);

/** The Stockholm year of a moment. */
export const stockholmYear = (moment: Date): number => Number(stockholmDay(moment).slice(0, 4));

/** A calendar day plus whole days (a day, not 24 hours: daylight saving does not move it). */
export function addCalendarDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The same calendar day a number of years later (29 February becomes 28 February). */
export function addCalendarYears(day: string, years: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y + years, m - 1, d));
  return target.getUTCMonth() === m - 1
    ? target.toISOString().slice(0, 10)
    : new Date(Date.UTC(y + years, m, 0)).toISOString().slice(0, 10);
}

/** The Stockholm day a number of days after (or before) a moment's Stockholm day. */
export const stockholmDayPlus = (moment: Date, days: number) => addCalendarDays(stockholmDay(moment), days);
