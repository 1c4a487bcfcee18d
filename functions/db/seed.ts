import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from './client';
import { districts } from './schema';
import { districtSeed } from './seed-districts';

/**
 * Fills an empty or partly filled database with the reference data. Idempotent: rows that exist
 * are left as they are, so a coordinator's later edits survive a re-seed.
 */
export async function seedDatabase({ db }: { db: Db }): Promise<void> {
  await db.batch([
    db
      .insert(districts)
      .values(districtSeed.map(({ slug, name, validFrom, validTo }) => ({ slug, name, validFrom, validTo: validTo ?? null })))
      .onConflictDoNothing({ target: districts.slug }),
  ]);
  const ids = new Map((await db.select({ id: districts.id, slug: districts.slug }).from(districts)).map((d) => [d.slug, d.id]));
  const links = districtSeed.flatMap((d) => {
    const successorId = d.successor ? ids.get(d.successor) : undefined;
    return successorId === undefined
      ? []
      : [db.update(districts).set({ successorId }).where(and(eq(districts.slug, d.slug), isNull(districts.successorId)))];
  });
  const [first, ...rest] = links;
  if (first) await db.batch([first, ...rest]);
}
