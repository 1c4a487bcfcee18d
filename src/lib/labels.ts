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
