import { sql } from 'drizzle-orm';
import type { Db } from './client';
import { memberships, users } from './schema';
import { listCurrentDistricts } from '../domain/districts';

// Local development and tests only: a coordinator and one officer per district, on the
// reserved .example domain so they can never reach anyone.
export const coordinatorEmail = 'samordnare@stockholm.example';
export const officerEmail = (slug: string) => `handlaggare.${slug}@stockholm.example`;

/**
 * Idempotent, like the district seed: existing accounts and roles are left as they are (the
 * unique index on memberships makes a second run insert nothing).
 */
export async function seedDemoAccounts({ db, now = new Date() }: { db: Db; now?: Date }): Promise<void> {
  const current = await listCurrentDistricts({ db, today: now });
  const createdAt = now.toISOString();
  const userId = (email: string) => sql`(select ${users.id} from ${users} where ${users.email} = ${email})`;
  await db.batch([
    db.insert(users).values({ email: coordinatorEmail, name: 'Stadens samordnare', createdAt }).onConflictDoNothing(),
    db
      .insert(memberships)
      .values({ userId: userId(coordinatorEmail), role: 'coordinator', createdAt })
      .onConflictDoNothing(),
    ...current.flatMap((d) => [
      db
        .insert(users)
        .values({ email: officerEmail(d.slug), name: `Handläggare ${d.name}`, createdAt })
        .onConflictDoNothing(),
      db
        .insert(memberships)
        .values({ userId: userId(officerEmail(d.slug)), role: 'officer', districtId: d.id, createdAt })
        .onConflictDoNothing(),
    ]),
  ]);
}
