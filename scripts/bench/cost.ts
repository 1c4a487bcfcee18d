import { registration, type Visitor } from './client';
import { origin } from './server';

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

const tally = { 'x-d1-rows-read': '1' };
const costOf = (name: string, path: string, method: Cost['method'], res: Response): Cost => ({
  name,
  path,
  method,
  status: res.status,
  queries: Number(res.headers.get('x-d1-queries')),
  roundTrips: Number(res.headers.get('x-d1-round-trips')),
  rowsRead: Number(res.headers.get('x-d1-rows-read')),
});

/** Every on-demand page type, anonymous and signed in, and a failed and a successful registration. */
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
  // Registration, as a visitor without JavaScript sends it: a refused step 1, then steps 1 and 2.
  const applicant = fresh();
  const form = registration('34567890');
  const failed = await applicant.post('/registrera', { ...form, principalEmail: 'inte en adress' }, tally);
  costs.push(costOf('Registration, refused', '/registrera', 'POST', failed));
  costs.push(costOf('Registration step 1', '/registrera', 'POST', await applicant.post('/registrera', form, tally)));
  costs.push(
    costOf(
      'Registration step 2',
      '/registrera/kontrollera',
      'POST',
      await applicant.post('/registrera/kontrollera', {}, tally),
    ),
  );
  return costs;
}
