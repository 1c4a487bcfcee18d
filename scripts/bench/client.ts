import { officerEmail } from '../../functions/db/seed-accounts';
import { origin } from './server';
import { benchCodes } from './units';

// A visitor of the running benchmark Worker that keeps its cookies, as a browser without
// JavaScript would: enough to sign in by link and to post forms with the CSRF token.

export class Visitor {
  readonly cookies = new Map<string, string>();

  get cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async get(path: string, headers: Record<string, string> = {}): Promise<Response> {
    return this.keep(
      await fetch(`${origin}${path}`, { redirect: 'manual', headers: { cookie: this.cookieHeader, ...headers } }),
    );
  }

  private formToken?: { token: string; forCookies: string };

  /** The CSRF token a form page carries; it belongs to the cookies and session, so it is read again after signing in. */
  async csrf(): Promise<string> {
    const forCookies = () => `${this.cookies.get('__Host-csrf')}|${this.cookies.get('__Host-session')}`;
    if (this.formToken?.forCookies !== forCookies()) {
      const page = await (await this.get('/logga-in')).text();
      this.formToken = { token: /name="csrf" value="([^"]*)"/.exec(page)?.[1] ?? '', forCookies: forCookies() };
    }
    return this.formToken.token;
  }

  /** Posts a form and reads the answer to its end. */
  async post(
    path: string,
    fields: Record<string, string | string[]>,
    extra: Record<string, string> = {},
  ): Promise<Response> {
    const body = formBody({ ...fields, csrf: await this.csrf() });
    const headers = { ...extra, cookie: this.cookieHeader, 'content-type': 'application/x-www-form-urlencoded' };
    const res = this.keep(await fetch(`${origin}${path}`, { method: 'POST', redirect: 'manual', headers, body }));
    await res.arrayBuffer();
    return res;
  }

  /** Asks for a sign-in link (unless one was just mailed) and spends it, as the button does. */
  async signIn(email: string, { request = true } = {}): Promise<void> {
    if (request) expectStatus(await this.post('/logga-in', { email }), 303);
    const res = await fetch(`${origin}/api/dev/mail`);
    const { messages } = (await res.json()) as { messages: { to: string; links: string[] }[] };
    const link = messages.find((m) => m.to === email)?.links.find((l) => l.includes('token='));
    if (!link) throw new Error(`Ingen inloggningslänk till ${email}`);
    expectStatus(
      await this.post('/logga-in/bekrafta', { token: new URL(link).searchParams.get('token') ?? '' }),
      303,
    );
  }

  private keep(res: Response): Response {
    for (const line of res.headers.getSetCookie()) {
      const [name, ...value] = (line.split(';')[0] ?? '').split('=');
      if (name) this.cookies.set(name.trim(), value.join('='));
    }
    return res;
  }
}

export const formBody = (fields: Record<string, string | string[]>) =>
  new URLSearchParams(
    Object.entries(fields).flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((one) => [k, one])),
  ).toString();

/** Every answer here comes from post(), which has read the body to its end. */
function expectStatus(res: Response, status: number): void {
  if (res.status !== status) throw new Error(`${res.url}: väntade ${status}, fick ${res.status}`);
}

/** The answers of a valid registration's second step; `code` keeps the addresses of the bench's schools apart. */
export const registrationAnswers = (code: string) => ({
  name: 'Mätskolan',
  organizerName: 'Mätskolan AB',
  organizerOrgNumber: '556677-8899',
  forms: ['grundskola'],
  streetAddress: 'Götgatan 1',
  postcode: '116 46',
  postalTown: 'Stockholm',
  district: 'sodermalm',
  principalName: 'Åsa Öberg',
  principalEmail: `rektor.${code}@matskolan.example`,
  contactEmail: `kansli.${code}@matskolan.example`,
  consent: 'ja',
});

/** Steps 1 and 2 of a registration: the code looked up in the register, then the answers. */
export async function fillInRegistration(visitor: Visitor, code: string): Promise<void> {
  expectStatus(await visitor.post('/registrera', { schoolUnitCode: code }), 303);
  expectStatus(await visitor.post('/registrera/uppgifter', registrationAnswers(code)), 303);
}

/** An officer of Södermalm and the principal of a newly registered school, both signed in. */
export async function signedInVisitors(): Promise<{ officer: Visitor; school: Visitor }> {
  const officer = new Visitor();
  await officer.signIn(officerEmail('sodermalm'));
  const school = new Visitor();
  await fillInRegistration(school, benchCodes.signedIn);
  expectStatus(await school.post('/registrera/kontrollera', {}), 303);
  await school.signIn(registrationAnswers(benchCodes.signedIn).principalEmail, { request: false });
  return { officer, school };
}
