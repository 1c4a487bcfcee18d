import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { rateLimits } from '../db/schema';

export type Limit = { key: string; max: number; windowSeconds: number };

/** One attempt against a fixed window, atomically (one upsert that returns the new count). */
function countAttempt(db: Db, limit: Limit, now: Date) {
  const windowStart = new Date(
    Math.floor(now.getTime() / (limit.windowSeconds * 1000)) * limit.windowSeconds * 1000,
  ).toISOString();
  return db
    .insert(rateLimits)
    .values({ key: limit.key, windowStart, count: 1 })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`case when ${rateLimits.windowStart} = ${windowStart} then ${rateLimits.count} + 1 else 1 end`,
        windowStart,
      },
    })
    .returning({ count: rateLimits.count });
}

/** Counts one attempt against a fixed window. Returns whether the attempt is within the limit. */
export const hitRateLimit = ({ db, limit, now }: { db: Db; limit: Limit; now: Date }): Promise<boolean> =>
  hitRateLimits({ db, limits: [limit], now });

/**
 * Counts one attempt against each limit, all in one batch (one round trip to D1). Returns whether
 * the attempt is within every limit; each is counted either way, as separate hits would be.
 */
export async function hitRateLimits({
  db,
  limits: [first, ...rest],
  now,
}: {
  db: Db;
  limits: [Limit, ...Limit[]];
  now: Date;
}): Promise<boolean> {
  const results = await db.batch([countAttempt(db, first, now), ...rest.map((l) => countAttempt(db, l, now))]);
  return [first, ...rest].every((limit, i) => (results[i]?.[0]?.count ?? 1) <= limit.max);
}
