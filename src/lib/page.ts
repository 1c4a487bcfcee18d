/** The ?sida= page number, 1 when absent or nonsense. */
export const pageOf = (url: URL) =>
  Math.max(1, Math.min(10_000, Number.parseInt(url.searchParams.get('sida') ?? '1', 10) || 1));
