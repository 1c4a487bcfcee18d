import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client';
import { memberships, users, type Membership } from '../db/schema';

/**
 * Whether an address holds one of the roles (e.g. `districtRoles` or `schoolRoles` from
 * access.ts): the two sides of an agreement are never the same person.
 */
export async function addressHoldsRole(db: Db, email: string, roles: readonly Membership['role'][]) {
  const [row] = await db
    .select({ id: memberships.id })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(users.email, email), inArray(memberships.role, roles)))
    .limit(1);
  return Boolean(row);
}
