// The security headers of every response, in one place: the Worker adds them to what it answers,
// and the build writes the same values into dist/client/_headers for the assets layer, which
// serves static files and prerendered pages without running the Worker.

// Scripts and styles come only from the portal's own files (no inline code anywhere).
// 'wasm-unsafe-eval' lets Pagefind on /sok compile its WebAssembly; it permits no JavaScript eval.
const contentSecurityPolicy = (formActions: readonly string[]) =>
  [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self'",
    "img-src 'self'",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    ["form-action 'self'", ...formActions].join(' '),
    "frame-ancestors 'none'",
  ].join('; ');

// Nothing in the portal needs the device's sensors, camera, microphone or payment.
const deniedFeatures = [
  'accelerometer',
  'camera',
  'display-capture',
  'geolocation',
  'gyroscope',
  'hid',
  'magnetometer',
  'microphone',
  'midi',
  'payment',
  'serial',
  'usb',
  'xr-spatial-tracking',
];

const headersFor = (formActions: readonly string[]): Readonly<Record<string, string>> => ({
  'Content-Security-Policy': contentSecurityPolicy(formActions),
  'Strict-Transport-Security': 'max-age=63072000; includeSubDomains',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'Permissions-Policy': deniedFeatures.map((f) => `${f}=()`).join(', '),
  'Cross-Origin-Opener-Policy': 'same-origin',
});

export const securityHeaders = headersFor([]);

/**
 * The response with the security headers added. A header the response already has is kept: a page
 * may be stricter than the default (the sign-in link page sends no referrer at all).
 * `formActions` are further origins a form may end up at (browsers apply form-action to the
 * redirects after a post too): the city's identity provider, where signing in and out go.
 */
export function withSecurityHeaders(response: Response, formActions: readonly string[] = []): Response {
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(formActions.length ? headersFor(formActions) : securityHeaders))
    if (!headers.has(name)) headers.set(name, value);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

/** The same headers as a `_headers` rule for every path of the static assets. */
export function headersFileRule(): string {
  return `/*\n${Object.entries(securityHeaders)
    .map(([name, value]) => `  ${name}: ${value}`)
    .join('\n')}\n`;
}
