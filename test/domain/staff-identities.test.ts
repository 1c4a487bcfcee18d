import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { identities, sessions, users } from '../../functions/db/schema';
import { coordinatorEmail, officerEmail } from '../../functions/db/seed-accounts';
import type { Db } from '../../functions/db/client';
import type { VerifiedIdentity } from '../../functions/domain/oidc';
import { signInWithIdentity } from '../../functions/domain/staff-sign-in';
import { domainDatabases } from '../support/domain-db';

// Who the city's identity provider may sign in: an invited officer or coordinator, found by the
// verified address the first time and by issuer + subject after that; nobody else.

const freshDb = domainDatabases();
const now = new Date('2026-03-02T09:00:00Z');
const issuer = 'https://idp.stockholm.example';
const person = (email: string, more: Partial<VerifiedIdentity> = {}): VerifiedIdentity => ({
  issuer,
  subject: `sub-${email}`,
  email,
  emailVerified: true,
  ...more,
});
const userId = async (db: Db, email: string) =>
  (await db.select({ id: users.id }).from(users).where(eq(users.email, email)))[0]?.id ?? 0;
const sessionsOf = async (db: Db, email: string) =>
  db
    .select()
    .from(sessions)
    .where(eq(sessions.userId, await userId(db, email)));

describe('signing staff in by the provider’s word', () => {
  it('links an invited officer by the verified address, then knows them by subject even when the address changes', async () => {
    const db = await freshDb();
    const email = officerEmail('bromma');
    const first = await signInWithIdentity({ db, identity: person(email), now });
    expect(first.userId).toBe(await userId(db, email));
    const again = await signInWithIdentity({
      db,
      identity: person(email, { email: 'nytt.namn@stockholm.example' }),
      now,
    });
    expect(again.userId).toBe(first.userId);
    expect(await db.select().from(identities)).toHaveLength(1);
    expect(await sessionsOf(db, email)).toHaveLength(2);
  });

  it('refuses an address the provider has not verified, and writes nothing', async () => {
    const db = await freshDb();
    await expect(
      signInWithIdentity({ db, identity: person(coordinatorEmail, { emailVerified: false }), now }),
    ).rejects.toMatchObject({ code: 'NOT_INVITED' });
    await expect(
      signInWithIdentity({ db, identity: person(coordinatorEmail, { email: null }), now }),
    ).rejects.toMatchObject({ code: 'NOT_INVITED' });
    expect(await db.select().from(identities)).toEqual([]);
    expect(await sessionsOf(db, coordinatorEmail)).toEqual([]);
  });

  it('does not let a second subject of the same issuer take over a linked account by its address', async () => {
    const db = await freshDb();
    const email = officerEmail('farsta');
    await signInWithIdentity({ db, identity: person(email), now });
    await expect(
      signInWithIdentity({ db, identity: person(email, { subject: 'someone-else' }), now }),
    ).rejects.toMatchObject({ code: 'NOT_INVITED' });
    expect(await sessionsOf(db, email)).toHaveLength(1);
  });
});
