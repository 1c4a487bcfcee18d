import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import { coordinatorEmail, officerEmail } from '../../functions/db/seed-accounts';
import { districtSeed } from '../../functions/db/seed-districts';

/**
 * A real OpenID provider (the `oidc-provider` package) standing in for the city's, for `npm start`
 * and the tests. It runs on 127.0.0.1 only and reaches nothing else. Its login page lets you pick
 * or type an address: no passwords, every address counts as verified. Subjects are derived from
 * the address, so the portal sees the same `sub` for the same person every time.
 */
export type LocalProviderOptions = {
  /** The portal's public origin: where the provider may send the browser back. */
  portalOrigin: string;
  clientId: string;
  clientSecret: string;
  port?: number;
};

export const demoStaff = [coordinatorEmail, ...districtSeed.filter((d) => !d.validTo).map((d) => officerEmail(d.slug))];

export const subjectOf = (email: string) =>
  createHash('sha256').update(`lokal-idp:${email}`).digest('hex').slice(0, 32);

export async function startLocalProvider({ portalOrigin, clientId, clientSecret, port = 0 }: LocalProviderOptions) {
  const addresses = new Map(demoStaff.map((email) => [subjectOf(email), email]));
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });

  const configuration: Configuration = {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [`${portalOrigin}/logga-in/stadens-konto/svar`],
        post_logout_redirect_uris: [`${portalOrigin}/logga-in/utloggad`],
        response_types: ['code'],
        grant_types: ['authorization_code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    jwks: { keys: [{ ...signingKey, kid: 'lokal', use: 'sig', alg: 'RS256' }] },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    // The portal reads the address from the ID token, as it would from the city's provider.
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    // Short lives: this provider keeps everything in memory and only for a local session.
    ttl: { AccessToken: 600, AuthorizationCode: 60, Grant: 3600, IdToken: 600, Interaction: 600, Session: 3600 },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: { enabled: true, logoutSource, postLogoutSuccessSource },
    },
    interactions: { url: (_ctx, interaction) => `/inloggning/${interaction.uid}` },
    findAccount: (_ctx, sub) => {
      const email = addresses.get(sub);
      return email ? { accountId: sub, claims: () => ({ sub, email, email_verified: true }) } : undefined;
    },
    // The portal is the city's own service: no consent page, the grant covers what it asks for.
    loadExistingGrant: async (ctx) => {
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client!.clientId,
        accountId: ctx.oidc.session!.accountId!,
      });
      grant.addOIDCScope('openid email profile');
      await grant.save();
      return grant;
    },
    renderError: (ctx, out) => {
      ctx.type = 'html';
      ctx.body = page(
        'Inloggningen gick inte',
        `<p>${escape(out.error)}: ${escape(String(out.error_description ?? ''))}</p>`,
      );
    },
  };
  const provider = new Provider(issuer, configuration);
  const callback = provider.callback();

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const match = /^\/inloggning\/([\w-]+)$/.exec(new URL(req.url ?? '/', issuer).pathname);
    if (!match) {
      void callback(req, res);
      return;
    }
    void (req.method === 'POST' ? signIn(req, res) : loginPage(req, res)).catch((error: unknown) => {
      res.writeHead(400, { 'content-type': 'text/html; charset=utf-8' });
      res.end(page('Inloggningen gick inte', `<p>${escape(String(error))}</p>`));
    });
  });

  async function loginPage(req: IncomingMessage, res: ServerResponse) {
    const { uid } = await provider.interactionDetails(req, res);
    const choices = demoStaff
      .map(
        (email, i) =>
          `<div><input type="radio" name="konto" id="konto-${i}" value="${email}"><label for="konto-${i}">${email}</label></div>`,
      )
      .join('');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(
      page(
        'Stadens konto (lokal test)',
        `<p>Det här är en lokal inloggning för utveckling och test, inte Stockholms stads riktiga. Här behövs inget lösenord: välj ett konto eller skriv en e-postadress.</p>
<form method="post" action="/inloggning/${uid}">
<fieldset><legend>Konto</legend>${choices}</fieldset>
<p><label for="epost">Eller skriv en e-postadress</label><br><input id="epost" name="epost" type="email"></p>
<button type="submit">Logga in</button>
</form>`,
      ),
    );
  }

  async function signIn(req: IncomingMessage, res: ServerResponse) {
    const form = new URLSearchParams(await readBody(req));
    const email = (form.get('epost') || form.get('konto') || '').trim().toLowerCase();
    if (!/^[^@\s]+@[^@\s]+$/.test(email)) throw new Error('Välj ett konto eller skriv en e-postadress.');
    const sub = subjectOf(email);
    addresses.set(sub, email);
    await provider.interactionFinished(req, res, { login: { accountId: sub } }, { mergeWithLastSubmission: false });
  }

  return { issuer, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

export type LocalProvider = Awaited<ReturnType<typeof startLocalProvider>>;

async function readBody(req: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of req) {
    body += chunk;
    if (body.length > 10_000) throw new Error('För stort formulär.');
  }
  return body;
}

function logoutSource(ctx: KoaContextWithOIDC, form: string) {
  ctx.body = page(
    'Logga ut från stadens konto',
    `${form}<p>Vill du logga ut från stadens konto också?</p><button form="op.logoutForm" type="submit" name="logout" value="yes">Ja, logga ut</button>`,
  );
}

function postLogoutSuccessSource(ctx: KoaContextWithOIDC) {
  ctx.body = page('Utloggad', '<p>Du är utloggad från stadens konto.</p>');
}

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const page = (title: string, body: string) =>
  `<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>${title}</title></head><body><main><h1>${title}</h1>${body}</main></body></html>`;
