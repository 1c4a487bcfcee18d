import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { rateLimits } from '../db/schema';

export type Limit = { key: string; max: number; windowSeconds: number };

/**
 * Counts one attempt against a fixed window, atomically (one upsert). Returns whether the
 * attempt is within the limit.
 */
export async function hitRateLimit({ db, limit, now }: { db: Db; limit: Limit; now: Date }): Promise<boolean> {
  const windowStart = new Date(
    Math.floor(now.getTime() / (limit.windowSeconds * 1000)) * limit.windowSeconds * 1000,
  ).toISOString();
  const [row] = await db
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
  return (row?.count ?? 1) <= limit.max;
}
