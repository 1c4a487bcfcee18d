// The local stand-in for the city's identity provider (see scripts/lib/local-oidc.ts); `npm start`
// runs it beside the portal with the client id and secret it passes to the Worker.
import { startLocalProvider } from './lib/local-oidc';

const required = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} saknas`);
  return value;
};

const provider = await startLocalProvider({
  portalOrigin: required('PORTAL_ORIGIN'),
  clientId: required('OIDC_CLIENT_ID'),
  clientSecret: required('OIDC_CLIENT_SECRET'),
  port: Number(process.env['OIDC_PORT'] ?? 8788),
});
console.log(`Lokal identitetsleverantör (stadens konto) på ${provider.issuer}`);

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => void provider.close().then(() => process.exit(0)));
}
