import type { Portal } from './portal';
import { testUnitCode } from './register-units';

type HarnessResponse = Awaited<ReturnType<Portal['fetch']>>;

/**
 * A cookie-keeping client over the test harness: what a browser without JavaScript does,
 * form posts included. Each instance is one visitor.
 */
export class Visitor {
  readonly cookies = new Map<string, string>();
  constructor(
    private readonly portal: Pick<Portal, 'fetch'>,
    readonly ip = `10.0.0.${Math.floor(Math.random() * 250) + 1}`,
  ) {}

  private header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private keep(res: HarnessResponse): HarnessResponse {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const [name, ...value] = (pair ?? '').split('=');
      if (!name) continue;
      const expired = attrs.some((a) => /max-age=0|expires=thu, 01 jan 1970/i.test(a.trim()));
      if (expired) this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), value.join('='));
    }
    return res;
  }

  async get(path: string) {
    return this.keep(
      await this.portal.fetch(path, { headers: { cookie: this.header(), 'cf-connecting-ip': this.ip } }),
    );
  }

  private formToken?: { token: string; forCookies: string };

  /**
   * The CSRF token a form page carries, read from a page as a browser would. It belongs to this
   * visitor's cookies and session, so a new page is read after signing in or out.
   */
  async csrf(): Promise<string> {
    const forCookies = () => `${this.cookies.get('__Host-csrf')}|${this.cookies.get('__Host-session')}`;
    if (this.formToken?.forCookies !== forCookies()) {
      const page = await (await this.get('/logga-in')).text();
      const token = /name="csrf" value="([^"]*)"/.exec(page)?.[1] ?? '';
      this.formToken = { token, forCookies: forCookies() };
    }
    return this.formToken.token;
  }

  async post(path: string, fields: Record<string, string | string[]>, { csrf = true } = {}) {
    const body = new URLSearchParams();
    if (csrf) body.append('csrf', await this.csrf());
    for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
    return this.keep(
      await this.portal.fetch(path, {
        method: 'POST',
        headers: {
          cookie: this.header(),
          'content-type': 'application/x-www-form-urlencoded',
          'cf-connecting-ip': this.ip,
        },
        body: body.toString(),
      }),
    );
  }
}

/**
 * The first two steps of a registration, as a browser sends them: the skolenhetskod (/registrera,
 * looked up in Skolverket's register), then the other answers (/registrera/uppgifter), which
 * replace what the register prefilled. The first answer that is not the expected 303 is returned.
 */
export async function fillInRegistration(visitor: Visitor, fields: Record<string, string | string[]>) {
  const { schoolUnitCode = '', ...answers } = fields;
  const lookedUp = await visitor.post('/registrera', { schoolUnitCode });
  if (lookedUp.status !== 303) return lookedUp;
  return visitor.post('/registrera/uppgifter', answers);
}

/** A whole registration: the two steps above, then "send" on check your answers (/registrera/kontrollera). */
export async function register(visitor: Visitor, fields: Record<string, string | string[]>) {
  const filledIn = await fillInRegistration(visitor, fields);
  if (filledIn.status !== 303) return filledIn;
  return visitor.post('/registrera/kontrollera', {});
}

/**
 * A registration that passes every check. Its code is a fresh one from the range the test harness
 * reserves in Skolverket's fixture (register-units.ts): an active independent unit in Stockholm.
 */
export const validRegistration = (overrides: Record<string, string | string[]> = {}) => ({
  name: 'Exempelskolan Södermalm',
  schoolUnitCode: testUnitCode(),
  organizerName: 'Exempelskolan AB',
  organizerOrgNumber: '556677-8899',
  forms: ['grundskola'],
  streetAddress: 'Götgatan 1',
  postcode: '116 46',
  postalTown: 'Stockholm',
  district: 'sodermalm',
  principalName: 'Åsa Öberg',
  principalEmail: `rektor.${Math.random().toString(36).slice(2, 10)}@skola.example`,
  contactEmail: `kansli.${Math.random().toString(36).slice(2, 10)}@skola.example`,
  consent: 'ja',
  ...overrides,
});
