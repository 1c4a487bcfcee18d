import { startLocalProvider, type LocalProvider } from '../../scripts/lib/local-oidc';
import type { Visitor } from './client';
import { startPortal } from './portal';

// The portal with the city's account configured, against a real OpenID provider (oidc-provider,
// the same one `npm start` runs) on 127.0.0.1.

export const cityClient = {
  clientId: 'samverkansportalen-test',
  clientSecret: 'testklientens-hemlighet-som-bara-finns-i-testerna',
};

export async function startPortalWithCityAccount({ forBrowser = false } = {}) {
  let provider: LocalProvider | undefined;
  const portal = await startPortal({
    forBrowser,
    // The provider must know the portal's public origin, which a browser's portal knows only once it listens.
    moreVars: async (origin) => {
      await provider?.close();
      provider = await startLocalProvider({ portalOrigin: origin, ...cityClient });
      return {
        OIDC_ISSUER: provider.issuer,
        OIDC_CLIENT_ID: cityClient.clientId,
        OIDC_CLIENT_SECRET: cityClient.clientSecret,
      };
    },
  });
  if (!provider) throw new Error('Ingen identitetsleverantör startades');
  const started = provider;
  return { ...portal, provider: started, close: async () => (await portal.close(), await started.close()) };
}

/**
 * A browser without JavaScript at the provider: follows its redirects with a cookie jar of its own,
 * signs in as `email` on its login page and returns where the provider sends the browser back.
 */
export async function loginAtProvider(authorizeUrl: string, email: string): Promise<URL> {
  const jar = new Map<string, string>();
  const step = async (url: URL, init: RequestInit = {}) => {
    const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), cookie },
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair = '', ...attrs] = line.split(';');
      const [name = '', ...value] = pair.split('=');
      if (attrs.some((a) => /expires=thu, 01 jan 1970/i.test(a.trim()))) jar.delete(name.trim());
      else jar.set(name.trim(), value.join('='));
    }
    return res;
  };
  let url = new URL(authorizeUrl);
  const provider = url.origin;
  let res = await step(url);
  let signedIn = false;
  for (let hop = 0; hop < 10; hop += 1) {
    if (res.status >= 300 && res.status < 400) {
      const next = new URL(res.headers.get('location') ?? '', url);
      await res.body?.cancel();
      if (next.origin !== provider) return next;
      url = next;
      res = await step(url);
      continue;
    }
    const html = await res.text();
    const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
    if (res.status !== 200 || signedIn || !action)
      throw new Error(`Identitetsleverantören svarade ${res.status}: ${html}`);
    url = new URL(action, url);
    res = await step(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ epost: email }).toString(),
    });
    signedIn = true;
  }
  throw new Error('För många omdirigeringar hos identitetsleverantören');
}

/**
 * Starts a sign-in with the city's account as the visitor, signs in at the provider and returns the
 * portal path the provider sends the browser back to. `tamper` may change the request on its way.
 */
export async function cityAccountCallback(
  visitor: Visitor,
  email: string,
  tamper: (authorize: URL) => void = () => {},
): Promise<string> {
  const started = await visitor.post('/logga-in/stadens-konto', {});
  if (started.status !== 303)
    throw new Error(`Inloggningen med stadens konto startade inte: ${started.status} ${await started.text()}`);
  const authorize = new URL(started.headers.get('location') ?? '');
  tamper(authorize);
  const back = await loginAtProvider(authorize.href, email);
  return `${back.pathname}${back.search}`;
}

export async function signInWithCityAccount(visitor: Visitor, email: string) {
  return visitor.get(await cityAccountCallback(visitor, email));
}
