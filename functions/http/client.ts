/** Who is asking, for rate limits: Cloudflare's client address, or "lokal" in development. */
export function clientKey(headers: Headers): string {
  return headers.get('cf-connecting-ip') ?? headers.get('x-forwarded-for')?.split(',')[0]?.trim() ?? 'lokal';
}
