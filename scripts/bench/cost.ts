import { queriesHeader, roundTripsHeader, rowsReadHeader } from '../../functions/db/rows-read';
import { registrationAnswers, type Visitor } from './client';
import { origin } from './server';
import { benchCodes } from './units';

// What production pays per request: D1 queries, the sequential round trips among them (each a
// network trip from the Worker to D1; a batch or queries in flight together count once) and the
// rows read, from the X-D1-* headers the Worker adds in development when asked
// (functions/db/rows-read.ts). Such a request is always rendered by the Worker, never the edge.

export type Cost = {
  name: string;
  path: string;
  method: 'GET' | 'POST';
  status: number;
  queries: number;
  roundTrips: number;
  rowsRead: number;
};
type Who = 'school' | 'officer';

export const pageGoal = 2;
export const postGoal = 3;

const tally = { [rowsReadHeader]: '1' };
const costOf = (name: string, path: string, method: Cost['method'], res: Response): Cost => ({
  name,
  path,
  method,
  status: res.status,
  queries: Number(res.headers.get(queriesHeader)),
  roundTrips: Number(res.headers.get(roundTripsHeader)),
  rowsRead: Number(res.headers.get(rowsReadHeader)),
});

/** Every on-demand page type, anonymous and signed in, and each step of a registration, one refused. */
export async function measureCost(visitors: Record<Who, Visitor>, fresh: () => Visitor): Promise<Cost[]> {
  const inbox = await (await visitors.officer.get('/stadsdel/inkorg')).text();
  const agreementId = /\/stadsdel\/overenskommelse\/(\d+)/.exec(inbox)?.[1] ?? '1';
  const pages: [string, string, Who?][] = [
    ['Register', '/registrera'],
    ['Sign in', '/logga-in'],
    ['Search', `/sok?q=${encodeURIComponent('anmälan')}`],
    ['Districts', '/stadsdelar/'],
    ['District page', '/stadsdelar/sodermalm/'],
    ['District page (signed in)', '/stadsdelar/sodermalm/', 'officer'],
    ['Statistics', '/statistik/'],
    ['Open data', '/api/oppna-data/skolor.json'],
    ['School desk', '/skola/', 'school'],
    ['School agreement', '/skola/overenskommelse/', 'school'],
    ['School follow-up', '/skola/uppfoljning', 'school'],
    ['District desk', '/stadsdel/', 'officer'],
    ['District inbox', '/stadsdel/inkorg', 'officer'],
    ['District agreement', `/stadsdel/overenskommelse/${agreementId}`, 'officer'],
    ['District contact', '/stadsdel/kontakt', 'officer'],
    ['District follow-up', '/stadsdel/uppfoljning', 'officer'],
  ];
  const costs: Cost[] = [];
  for (const [name, path, who] of pages) {
    const res = await fetch(`${origin}${path}`, {
      redirect: 'manual',
      headers: { ...tally, cookie: who ? visitors[who].cookieHeader : '' },
    });
    await res.arrayBuffer();
    costs.push(costOf(name, path, 'GET', res));
  }
  // Registration, as a visitor without JavaScript sends it: the code looked up (step 1), the
  // answers refused for a bad field and then accepted (step 2), and "send" (step 3).
  const applicant = fresh();
  const code = benchCodes.cost;
  const answers = registrationAnswers(code);
  const step1 = await applicant.post('/registrera', { schoolUnitCode: code }, tally);
  const refused = await applicant.post(
    '/registrera/uppgifter',
    { ...answers, principalEmail: 'inte en adress' },
    tally,
  );
  const step2 = await applicant.post('/registrera/uppgifter', answers, tally);
  const step3 = await applicant.post('/registrera/kontrollera', {}, tally);
  costs.push(
    costOf('Registration, refused (step 2)', '/registrera/uppgifter', 'POST', refused),
    costOf('Registration step 1', '/registrera', 'POST', step1),
    costOf('Registration step 2', '/registrera/uppgifter', 'POST', step2),
    costOf('Registration step 3', '/registrera/kontrollera', 'POST', step3),
  );
  return costs;
}
