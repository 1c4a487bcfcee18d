import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from './client';
import { districts } from './schema';
import { districtSeed } from './seed-districts';

/**
 * Fills an empty or partly filled database with the reference data, in one batch (a successor is
 * found by its slug inside the batch, so nothing has to be read in between). Idempotent: rows that
 * exist are left as they are, so a coordinator's later edits survive a re-seed.
 */
export async function seedDatabase({ db }: { db: Db }): Promise<void> {
  const successorId = (slug: string) =>
    sql`(select ${districts.id} from ${districts} where ${districts.slug} = ${slug})`;
  await db.batch([
    db
      .insert(districts)
      .values(
        districtSeed.map(({ slug, name, validFrom, validTo }) => ({ slug, name, validFrom, validTo: validTo ?? null })),
      )
      .onConflictDoNothing({ target: districts.slug }),
    ...districtSeed.flatMap((d) =>
      d.successor
        ? [
            db
              .update(districts)
              .set({ successorId: successorId(d.successor) })
              .where(and(eq(districts.slug, d.slug), isNull(districts.successorId))),
          ]
        : [],
    ),
  ]);
}
