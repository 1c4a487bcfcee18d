import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { schools, users } from '../../functions/db/schema';
import { coordinatorEmail, officerEmail } from '../../functions/db/seed-accounts';
import { filledAdditions, officerOf, schoolWithDraft, sha256Of } from '../support/agreement-flows';
import { Visitor, validRegistration } from '../support/client';
import { testUnitCode } from '../support/register-units';
import { syncSchoolUnits } from '../../functions/domain/sync-school-units';
import { failedMail, registerAndSignIn, signIn } from '../support/flows';
import { startPortal, type Portal } from '../support/portal';
import { apiRoutes, formPages, onDemandPages } from '../support/routes';

// Every route and method × every kind of visitor, with the answer each must get. A new page or API
// route without a row here fails the first test: decide who may use it before it ships.

const actors = ['anonymous', 'school A', 'school B', 'officer of A', 'other officer', 'coordinator'] as const;
type Actor = (typeof actors)[number];
/** A status code, or "→ /where" for a 303 redirect there ("…*" matches the start only). */
type Answer = number | `→ ${string}`;
type Fields = Record<string, string | string[]>;
type Fixture = {
  schoolId: number;
  schoolUnitCode: string;
  agreementId: number;
  officerId: number;
  mailIds: [number, number];
  schoolName: string;
  additions: Fields;
  documentSha256: string;
};
const importCsv =
  'skolenhetskod;namn;skolformer;stadsdel;funktionsadress\n79000001;Matrisens kommunala skola;grundskola;Bromma;matris.kommunal@edu.stockholm.example';
type Row = { path: string; fields?: (f: Fixture, actor: Actor) => Fields | Promise<Fields>; answers: Answer[] };

const signInFirst = (path: string): Answer => `→ /logga-in?tillbaka=${encodeURIComponent(path)}`;
const all = (answer: Answer): Answer[] => actors.map(() => answer);
/** The answers of the registration's second step: all but the code, which the first step took. */
const registrationAnswers = () =>
  Object.fromEntries(Object.entries(validRegistration()).filter(([k]) => k !== 'schoolUnitCode'));
/** An active independent unit of the recorded register that no test registers (see the fixture). */
const outsideUnit = '91000205';
const signature = (f: Fixture) => ({ fullName: 'Åsa Öberg', statement: 'ja', documentSha256: f.documentSha256 });

// Answers in the order of `actors`: anonymous, school A, school B (same district as A), the officer
// of A's district, an officer of another district, the coordinator. Rows run top to bottom and the
// POST rows move school A's agreement along its life: saved, signed, confirmed, then revised.
// Within a row the columns run left to right. Signing out comes last.
const matrix: Record<string, Row> = {
  'GET /admin/': { path: '/admin/', answers: [signInFirst('/admin/'), 403, 403, 403, 403, 200] },
  'GET /admin/mallar': { path: '/admin/mallar', answers: [signInFirst('/admin/mallar'), 403, 403, 403, 403, 200] },
  'GET /admin/overenskommelser': {
    path: '/admin/overenskommelser',
    answers: [signInFirst('/admin/overenskommelser'), 403, 403, 403, 403, 200],
  },
  'GET /admin/uppfoljning': {
    path: '/admin/uppfoljning?id={agreement}',
    answers: [signInFirst('/admin/uppfoljning'), 403, 403, 403, 403, 200],
  },
  'GET /admin/skolor': { path: '/admin/skolor', answers: [signInFirst('/admin/skolor'), 403, 403, 403, 403, 200] },
  'GET /admin/skolenheter': {
    path: '/admin/skolenheter',
    answers: [signInFirst('/admin/skolenheter'), 403, 403, 403, 403, 200],
  },
  'GET /admin/stadsdelar/': {
    path: '/admin/stadsdelar',
    answers: [signInFirst('/admin/stadsdelar'), 403, 403, 403, 403, 200],
  },
  'GET /admin/stadsdelar/[slug]': {
    path: '/admin/stadsdelar/alvsjo',
    answers: [signInFirst('/admin/stadsdelar/alvsjo'), 403, 403, 403, 403, 200],
  },
  'GET /statistik': { path: '/statistik/', answers: all(200) },
  'GET /skola/uppfoljning': {
    path: '/skola/uppfoljning?id={agreement}',
    answers: [signInFirst('/skola/uppfoljning'), 200, 404, 403, 403, 403],
  },
  'GET /stadsdel/uppfoljning': {
    path: '/stadsdel/uppfoljning',
    answers: [signInFirst('/stadsdel/uppfoljning'), 403, 403, 200, 200, 403],
  },
  'GET /api/oppna-data': { path: '/api/oppna-data/', answers: all(200) },
  'GET /api/oppna-data/skolor.json': { path: '/api/oppna-data/skolor.json', answers: all(200) },
  'GET /api/oppna-data/skolor.csv': { path: '/api/oppna-data/skolor.csv', answers: all(200) },
  'GET /api/oppna-data/indikator.json': { path: '/api/oppna-data/indikator.json', answers: all(200) },
  'GET /api/oppna-data/indikator.csv': { path: '/api/oppna-data/indikator.csv', answers: all(200) },
  // Local development only; production.test.ts checks that it is 404 when deployed.
  'GET /dev/mail': { path: '/dev/mail', answers: all(200) },
  'GET /ingen-behorighet': { path: '/ingen-behorighet', answers: all(200) },
  'GET /logga-in/': { path: '/logga-in', answers: all(200) },
  'GET /logga-ut': { path: '/logga-ut', answers: all(200) },
  'GET /logga-in/bekrafta': { path: '/logga-in/bekrafta?token=x', answers: all(200) },
  'GET /overenskommelse/': { path: '/overenskommelse/', answers: all(200) },
  'GET /overenskommelse/utskrift/[id]': {
    path: '/overenskommelse/utskrift/{agreement}',
    answers: [signInFirst('/overenskommelse/utskrift/{agreement}'), 200, 404, 200, 404, 200],
  },
  'GET /overenskommelse/version/[version]': { path: '/overenskommelse/version/1', answers: all(200) },
  'GET /registrera/': { path: '/registrera', answers: all(200) },
  'GET /registrera/klar': { path: '/registrera/klar', answers: all(200) },
  'GET /registrera/kontrollera': { path: '/registrera/kontrollera', answers: all('→ /registrera') },
  'GET /registrera/uppgifter': { path: '/registrera/uppgifter', answers: all('→ /registrera') },
  'GET /skola/': { path: '/skola/', answers: [signInFirst('/skola/'), 200, 200, 403, 403, 403] },
  'GET /skola/overenskommelse/': {
    path: '/skola/overenskommelse/',
    answers: [signInFirst('/skola/overenskommelse/'), 200, 200, 403, 403, 403],
  },
  'GET /skola/overenskommelse/granska': {
    path: '/skola/overenskommelse/granska?id={agreement}',
    answers: [signInFirst('/skola/overenskommelse/granska'), 200, 404, 403, 403, 403],
  },
  'GET /skola/overenskommelse/utkast': {
    path: '/skola/overenskommelse/utkast?id={agreement}',
    answers: [signInFirst('/skola/overenskommelse/utkast'), 200, 404, 403, 403, 403],
  },
  'GET /sok': { path: '/sok?q=sekretess', answers: all(200) },
  'GET /stadsdel/': { path: '/stadsdel/', answers: [signInFirst('/stadsdel/'), 403, 403, 200, 200, 403] },
  'GET /stadsdel/inkorg': {
    path: '/stadsdel/inkorg',
    answers: [signInFirst('/stadsdel/inkorg'), 403, 403, 200, 200, 403],
  },
  'GET /stadsdel/kontakt': {
    path: '/stadsdel/kontakt',
    answers: [signInFirst('/stadsdel/kontakt'), 403, 403, 200, 200, 403],
  },
  'GET /stadsdel/overenskommelse/[id]': {
    path: '/stadsdel/overenskommelse/{agreement}',
    answers: [signInFirst('/stadsdel/overenskommelse/{agreement}'), 403, 403, 200, 404, 403],
  },
  'GET /stadsdelar/': { path: '/stadsdelar/', answers: all(200) },
  'GET /stadsdelar/[slug]': { path: '/stadsdelar/bromma/', answers: all(200) },
  'GET /verifiera': { path: '/verifiera', answers: all(200) },
  'GET /api/health': { path: '/api/health', answers: all(200) },
  // Local development only, like /dev/mail.
  'GET /api/dev/mail': { path: '/api/dev/mail', answers: all(200) },
  'POST /logga-in/': {
    path: '/logga-in',
    fields: (_, actor) => ({ email: `matris.${actors.indexOf(actor)}@skola.example` }),
    answers: all('→ /logga-in/skickat'),
  },
  'POST /logga-in/bekrafta': {
    path: '/logga-in/bekrafta',
    fields: () => ({ token: 'x'.repeat(43) }),
    answers: all(400),
  },
  // The city's account is not configured for this portal, so its routes are not there;
  // city-account.test.ts runs them against a real provider.
  'POST /logga-in/stadens-konto/': { path: '/logga-in/stadens-konto', fields: () => ({}), answers: all(404) },
  'GET /logga-in/stadens-konto/svar': { path: '/logga-in/stadens-konto/svar?code=x&state=y', answers: all(404) },
  'GET /logga-in/stadens-konto/': { path: '/logga-in/stadens-konto', answers: all('→ /logga-in') },
  'POST /registrera/': {
    path: '/registrera',
    fields: () => ({ schoolUnitCode: testUnitCode() }),
    answers: all('→ /registrera/uppgifter'),
  },
  // Fills in the rest for the code the row above looked up, for each visitor.
  'POST /registrera/uppgifter': {
    path: '/registrera/uppgifter',
    fields: () => registrationAnswers(),
    answers: all('→ /registrera/kontrollera'),
  },
  // Sends the answers the rows above kept for each visitor.
  'POST /registrera/kontrollera': {
    path: '/registrera/kontrollera',
    fields: () => ({}),
    answers: all('→ /registrera/klar?referens=*'),
  },
  'POST /skola/?atgard=kontakt': {
    path: '/skola/?atgard=kontakt&skola={school}',
    fields: (_, actor) => ({ contactEmail: `kansli.${actors.indexOf(actor)}@skola.example` }),
    answers: [signInFirst('/skola/'), '→ /skola/?andrat=kontakt', 403, 403, 403, 403],
  },
  // Only the principal hands over; nothing changes until the new principal signs in.
  'POST /skola/?atgard=rektor': {
    path: '/skola/?atgard=rektor&skola={school}',
    fields: (_, actor) => ({
      principalName: 'Ny Rektor',
      principalEmail: `ny.rektor.${actors.indexOf(actor)}@matris.example`,
    }),
    answers: [signInFirst('/skola/'), '→ /skola/?andrat=rektor', 403, 403, 403, 403],
  },
  'POST /admin/?atgard=rakna-om': {
    path: '/admin/?atgard=rakna-om',
    fields: () => ({}),
    answers: [signInFirst('/admin/'), 403, 403, 403, 403, '→ /admin/?indikator=1'],
  },
  'GET /admin/rektor': { path: '/admin/rektor', answers: [signInFirst('/admin/rektor'), 403, 403, 403, 403, 200] },
  'POST /admin/rektor': {
    path: '/admin/rektor',
    fields: (f, actor) => ({
      schoolUnitCode: f.schoolUnitCode,
      principalName: 'Ny Rektor',
      principalEmail: `ny.rektor.${actors.indexOf(actor)}@matris.example`,
    }),
    answers: [signInFirst('/admin/rektor'), 403, 403, 403, 403, '→ /admin/rektor?skickad=1'],
  },
  'POST /admin/?atgard=bjud-in': {
    path: '/admin/?atgard=bjud-in',
    fields: (_, actor) => ({
      name: 'Ny Handläggare',
      email: `ny.${actors.indexOf(actor)}@stockholm.example`,
      district: 'bromma',
    }),
    answers: [signInFirst('/admin/'), 403, 403, 403, 403, '→ /admin/?inbjuden=1'],
  },
  // Version 1 is published already, so even the coordinator is refused — by the rules, not the role.
  'POST /admin/mallar': {
    path: '/admin/mallar',
    fields: () => ({ version: '1' }),
    answers: [signInFirst('/admin/mallar'), 403, 403, 403, 403, 409],
  },
  'POST /skola/overenskommelse/?atgard=starta': {
    path: '/skola/overenskommelse?atgard=starta',
    fields: (f) => ({ schoolId: String(f.schoolId) }),
    answers: [
      signInFirst('/skola/overenskommelse'),
      '→ /skola/overenskommelse/utkast?id={agreement}',
      403,
      403,
      403,
      403,
    ],
  },
  'POST /skola/overenskommelse/utkast': {
    path: '/skola/overenskommelse/utkast?id={agreement}',
    fields: (f) => ({ ...f.additions, action: 'granska' }),
    answers: [
      signInFirst('/skola/overenskommelse/utkast'),
      '→ /skola/overenskommelse/granska?id={agreement}',
      403,
      403,
      403,
      403,
    ],
  },
  'POST /skola/overenskommelse/granska': {
    path: '/skola/overenskommelse/granska?id={agreement}',
    fields: signature,
    answers: [
      signInFirst('/skola/overenskommelse/granska'),
      '→ /skola/overenskommelse?undertecknad=1',
      403,
      403,
      403,
      403,
    ],
  },
  'POST /stadsdel/overenskommelse/[id]?atgard=bekrafta': {
    path: '/stadsdel/overenskommelse/{agreement}?atgard=bekrafta',
    fields: signature,
    answers: [
      signInFirst('/stadsdel/overenskommelse/{agreement}'),
      403,
      403,
      '→ /stadsdel/inkorg?bekraftad=1',
      403,
      403,
    ],
  },
  // Confirmed already by the row above, so the district's own officer is refused by the rules.
  'POST /stadsdel/overenskommelse/[id]?atgard=returnera': {
    path: '/stadsdel/overenskommelse/{agreement}?atgard=returnera',
    fields: () => ({ comment: 'Komplettera mötesplanen.' }),
    answers: [signInFirst('/stadsdel/overenskommelse/{agreement}'), 403, 403, 409, 403, 403],
  },
  // Confirmed by now, so both parties may save their part of the follow-up; nobody else may.
  'POST /skola/uppfoljning': {
    path: '/skola/uppfoljning?id={agreement}',
    fields: () => ({ action: 'spara' }),
    answers: [signInFirst('/skola/uppfoljning'), '→ /skola/uppfoljning?id={agreement}&sparat=1', 403, 403, 403, 403],
  },
  'POST /stadsdel/uppfoljning': {
    path: '/stadsdel/uppfoljning?id={agreement}',
    fields: () => ({ action: 'spara' }),
    answers: [
      signInFirst('/stadsdel/uppfoljning'),
      403,
      403,
      '→ /stadsdel/uppfoljning?id={agreement}&sparat=1',
      403,
      403,
    ],
  },
  'POST /admin/skolor?atgard=forhandsgranska': {
    path: '/admin/skolor?atgard=forhandsgranska',
    fields: () => ({ csv: importCsv }),
    answers: [signInFirst('/admin/skolor'), 403, 403, 403, 403, 200],
  },
  'POST /admin/skolor?atgard=las-in': {
    path: '/admin/skolor?atgard=las-in',
    fields: () => ({ csv: importCsv }),
    answers: [signInFirst('/admin/skolor'), 403, 403, 403, 403, '→ /admin/skolor?nya=1&andrade=0'],
  },
  'POST /admin/stadsdelar/': {
    path: '/admin/stadsdelar',
    fields: () => ({ name: 'Matrisdalen', slug: 'matrisdalen', validFrom: '2030-01-01' }),
    answers: [signInFirst('/admin/stadsdelar'), 403, 403, 403, 403, '→ /admin/stadsdelar?tillagd=matrisdalen'],
  },
  'POST /admin/stadsdelar/[slug]': {
    path: '/admin/stadsdelar/alvsjo',
    fields: () => ({ name: 'Älvsjö', validTo: '2019-12-31', successor: 'hagersten-alvsjo' }),
    answers: [signInFirst('/admin/stadsdelar/alvsjo'), 403, 403, 403, 403, '→ /admin/stadsdelar?sparad=1'],
  },
  'POST /admin/?atgard=flytta': {
    path: '/admin/?atgard=flytta&id={officer}',
    fields: () => ({ district: 'skarholmen' }),
    answers: [signInFirst('/admin/'), 403, 403, 403, 403, '→ /admin/?flyttad=1'],
  },
  'GET /admin/handlaggare/[userId]/ta-bort': {
    path: '/admin/handlaggare/{officer}/ta-bort',
    answers: [signInFirst('/admin/handlaggare/{officer}/ta-bort'), 403, 403, 403, 403, 200],
  },
  'POST /admin/handlaggare/[userId]/ta-bort': {
    path: '/admin/handlaggare/{officer}/ta-bort',
    fields: () => ({ confirm: 'ja' }),
    answers: [signInFirst('/admin/handlaggare/{officer}/ta-bort'), 403, 403, 403, 403, '→ /admin/?borttagen=1'],
  },
  // Two messages that failed: the coordinator puts one back in the queue and gives the other up.
  // A unit of the register outside the network; the coordinator invites it once.
  'POST /admin/skolenheter?atgard=bjud-in': {
    path: '/admin/skolenheter?atgard=bjud-in',
    fields: () => ({ schoolUnitCode: outsideUnit }),
    answers: [signInFirst('/admin/skolenheter'), 403, 403, 403, 403, `→ /admin/skolenheter?inbjuden=${outsideUnit}`],
  },
  // School A's registration, flagged as made while Skolverket did not answer; the coordinator checks it again.
  'POST /admin/skolenheter?atgard=kontrollera': {
    path: '/admin/skolenheter?atgard=kontrollera',
    fields: (f) => ({ schoolUnitCode: f.schoolUnitCode }),
    answers: [signInFirst('/admin/skolenheter'), 403, 403, 403, 403, '→ /admin/skolenheter?kontrollerad=*'],
  },
  'GET /admin/e-post': { path: '/admin/e-post', answers: [signInFirst('/admin/e-post'), 403, 403, 403, 403, 200] },
  'POST /admin/e-post?atgard=skicka-igen': {
    path: '/admin/e-post?atgard=skicka-igen&id={mail}',
    fields: () => ({}),
    answers: [signInFirst('/admin/e-post'), 403, 403, 403, 403, '→ /admin/e-post?skickas=1'],
  },
  'POST /admin/e-post?atgard=kasta': {
    path: '/admin/e-post?atgard=kasta&id={otherMail}',
    fields: () => ({}),
    answers: [signInFirst('/admin/e-post'), 403, 403, 403, 403, '→ /admin/e-post?kastat=1'],
  },
  'POST /skola/overenskommelse/?atgard=revidera': {
    path: '/skola/overenskommelse?atgard=revidera&id={agreement}',
    fields: () => ({}),
    answers: [signInFirst('/skola/overenskommelse'), '→ /skola/overenskommelse/utkast?id=*', 403, 403, 403, 403],
  },
  'POST /stadsdel/kontakt': {
    path: '/stadsdel/kontakt',
    fields: () => ({
      contactFunction: 'Mottagningen för barn och unga',
      contactEmail: 'mottagning@stockholm.example',
      contactPhone: '08-508 000 00',
      contactHours: 'Vardagar 8–16',
    }),
    answers: [
      signInFirst('/stadsdel/kontakt'),
      403,
      403,
      '→ /stadsdel/kontakt?sparat=1',
      '→ /stadsdel/kontakt?sparat=1',
      403,
    ],
  },
  'POST /logga-ut': { path: '/logga-ut', fields: () => ({}), answers: all('→ /logga-in/utloggad') },
};

let portal: Portal;
let fixture: Fixture;
let visitors: Record<Actor, Visitor>;
beforeAll(async () => {
  portal = await startPortal();
  const a = await schoolWithDraft(portal, {
    district: 'bromma',
    name: 'Matrisskolan Alfa',
    principalEmail: 'rektor.a@matris.example',
  });
  const b = await registerAndSignIn(portal, { district: 'bromma', name: 'Matrisskolan Beta' });
  const coordinator = new Visitor(portal);
  await signIn(portal, coordinator, coordinatorEmail);
  await portal.db.update(schools).set({ registerCheck: 'unverified' }).where(eq(schools.id, a.school.id));
  // Skolverket's recorded units in school_units, for the coordinator's outreach page.
  await syncSchoolUnits({
    db: portal.db,
    config: { baseUrl: portal.skolverket.url, timeoutMs: 3_000 },
    now: new Date(),
  });
  visitors = {
    anonymous: new Visitor(portal),
    'school A': a.visitor,
    'school B': b.visitor,
    'officer of A': await officerOf(portal, 'bromma'),
    'other officer': await officerOf(portal, 'farsta'),
    coordinator,
  };
  // What school A is shown and signs; the district confirms the very same text.
  const documentSha256 = sha256Of(
    await (await a.visitor.get(`/skola/overenskommelse/granska?id=${a.agreementId}`)).text(),
  );
  // An officer no other row signs in as, to move and then remove.
  const [officer] = await portal.db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, officerEmail('skarholmen')));
  const lastError = { lastError: 'Domänen finns inte' };
  const mails = [
    await failedMail(portal, 'a@fel.example', lastError),
    await failedMail(portal, 'b@fel.example', lastError),
  ];
  fixture = {
    schoolId: a.school.id,
    schoolUnitCode: a.school.schoolUnitCode,
    agreementId: a.agreementId,
    officerId: officer?.id ?? 0,
    mailIds: [mails[0] ?? 0, mails[1] ?? 0],
    schoolName: a.school.name,
    additions: await filledAdditions(portal),
    documentSha256,
  };
});
afterAll(async () => portal?.close());

/** The path with the fixture's ids, also where the path is itself inside a query string. */
const fill = (text: string, f: Fixture) =>
  text.replace(
    /\{(school|agreement|officer|mail|otherMail)\}|%7B(school|agreement|officer|mail|otherMail)%7D/g,
    (_, raw, encoded) => {
      const key = raw ?? encoded;
      const ids: Record<string, number> = {
        school: f.schoolId,
        officer: f.officerId,
        mail: f.mailIds[0],
        otherMail: f.mailIds[1],
      };
      return String(ids[key] ?? f.agreementId);
    },
  );

async function ask(actor: Actor, method: string, row: Row): Promise<{ answer: string; body: string }> {
  const visitor = visitors[actor];
  const path = fill(row.path, fixture);
  const res =
    method === 'GET' ? await visitor.get(path) : await visitor.post(path, (await row.fields?.(fixture, actor)) ?? {});
  const location = res.headers.get('location');
  return { answer: res.status === 303 && location ? `→ ${location}` : String(res.status), body: await res.text() };
}

const matches = (expected: Answer, answer: string) => {
  const want = fill(String(expected), fixture);
  return want.endsWith('*') ? answer.startsWith(want.slice(0, -1)) : answer === want;
};

// Only school A, its district's officer and the coordinator may ever see school A.
const outsiders: Actor[] = ['anonymous', 'school B', 'other officer'];
// The local mail viewer shows every message; the open register is public by design (schools are
// organisations, named with their functional address and nothing personal).
const showsEverything = new Set([
  'GET /dev/mail',
  'GET /api/dev/mail',
  'GET /api/oppna-data/skolor.json',
  'GET /api/oppna-data/skolor.csv',
]);

describe('the authorization matrix', () => {
  it('has a row for every on-demand page and API route, and none for a route that is gone', () => {
    const declared = [...onDemandPages(), ...formPages(), ...apiRoutes()].sort();
    expect(Object.keys(matrix).sort(), 'the matrix needs exactly one row per declared route').toEqual(declared);
  });

  it(
    'every visitor gets exactly the answer in the table, and outsiders never see school A',
    { timeout: 120_000 },
    async () => {
      const unexpected: string[] = [];
      for (const [route, row] of Object.entries(matrix)) {
        const method = route.split(' ')[0] ?? 'GET';
        for (const [i, actor] of actors.entries()) {
          const expected = row.answers[i] as Answer;
          const { answer, body } = await ask(actor, method, row);
          if (!matches(expected, answer))
            unexpected.push(`${route} as ${actor}: expected ${fill(String(expected), fixture)}, got ${answer}`);
          if (outsiders.includes(actor) && !showsEverything.has(route) && body.includes(fixture.schoolName))
            unexpected.push(`${route} as ${actor}: shows school A`);
        }
      }
      expect(unexpected).toEqual([]);
    },
  );
});
