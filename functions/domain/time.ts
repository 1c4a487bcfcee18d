// Time as ISO strings (UTC), so D1 compares them as text.
export const iso = (date: Date) => date.toISOString();
export const addMinutes = (date: Date, minutes: number) => new Date(date.getTime() + minutes * 60_000);
export const addDays = (date: Date, days: number) => new Date(date.getTime() + days * 86_400_000);
