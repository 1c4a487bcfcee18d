/**
 * The body, read to its end; null when it is over the limit (the rest is drained, not kept). An
 * answer given early (415, 403, 413) must not leave the body half-read: that breaks the connection
 * it came on, and the next request on it fails.
 */
export async function readWithin(
  body: ReadableStream<Uint8Array>,
  maxBytes: number,
): Promise<Uint8Array<ArrayBuffer> | null> {
  const kept = new Uint8Array(maxBytes);
  let size = 0;
  for await (const chunk of body) {
    if (size + chunk.byteLength <= maxBytes) kept.set(chunk, size);
    size += chunk.byteLength;
  }
  return size <= maxBytes ? kept.slice(0, size) : null;
}
