import { and, asc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { outbox } from '../db/schema';
import { AppError } from '../errors';
import { claimMinutes } from './delivery';
import { addMinutes, iso } from './time';
import { commitExpecting, rowExists } from './transition';

/** How long a message may wait for its first try before the coordinator is shown it as delayed. */
export const delayedAfterMinutes = 15;

const domainOf = (address: string) => address.slice(address.lastIndexOf('@') + 1);

/**
 * Failed and delayed messages for the coordinator: the recipient's domain only, the subject, the
 * attempts, the reason and when; never the address, the text or a link.
 */
export async function listTroubledMail({ db, now }: { db: Db; now: Date }) {
  const delayed = and(
    eq(outbox.status, 'queued'),
    or(sql`${outbox.attempts} > 0`, lt(outbox.createdAt, iso(addMinutes(now, -delayedAfterMinutes)))),
  );
  const rows = await db
    .select({
      id: outbox.id,
      to: outbox.to,
      subject: outbox.subject,
      status: outbox.status,
      attempts: outbox.attempts,
      lastError: outbox.lastError,
      createdAt: outbox.createdAt,
      nextAttemptAt: outbox.nextAttemptAt,
    })
    .from(outbox)
    .where(or(eq(outbox.status, 'failed'), delayed))
    .orderBy(asc(outbox.id))
    .limit(200);
  return rows.map(({ to, ...row }) => ({ ...row, domain: domainOf(to) }));
}

/**
 * A message the coordinator may act on: failed, or still queued and held by no dispatcher at work
 * (one that is being sent right now is not put back, or it could go out twice).
 */
const actionable = (id: number, now: Date) =>
  and(
    eq(outbox.id, id),
    or(
      eq(outbox.status, 'failed'),
      and(
        eq(outbox.status, 'queued'),
        or(isNull(outbox.claim), lt(outbox.claimedAt, iso(addMinutes(now, -claimMinutes)))),
      ),
    ),
  );

async function act({
  db,
  actorUserId,
  mailId,
  now,
  action,
}: {
  db: Db;
  actorUserId: number;
  mailId: number;
  now: Date;
  action: 'resent' | 'discarded';
}) {
  const [mail] = await db
    .select({ to: outbox.to, subject: outbox.subject, attempts: outbox.attempts })
    .from(outbox)
    .where(eq(outbox.id, mailId))
    .limit(1);
  if (!mail) throw new AppError('NOT_FOUND');
  const change =
    action === 'resent'
      ? { status: 'queued' as const, attempts: 0, nextAttemptAt: null, claim: null, claimedAt: null }
      : { status: 'discarded' as const, nextAttemptAt: null, claim: null, claimedAt: null };
  await commitExpecting(db, {
    now,
    expect: rowExists(db, outbox, actionable(mailId, now)),
    refused: 'MAIL_HANDLED',
    statements: [db.update(outbox).set(change).where(actionable(mailId, now))],
    events: [
      {
        action: `mail.${action}`,
        subjectType: 'mail',
        subjectId: mailId,
        actorUserId,
        data: { domain: domainOf(mail.to), subject: mail.subject, attempts: mail.attempts },
      },
    ],
  });
}

/** The coordinator puts a failed or delayed message back in the queue, with all its tries again. */
export const resendMail = (input: { db: Db; actorUserId: number; mailId: number; now: Date }) =>
  act({ ...input, action: 'resent' });

/** The coordinator gives a failed or delayed message up: it is never sent. */
export const discardMail = (input: { db: Db; actorUserId: number; mailId: number; now: Date }) =>
  act({ ...input, action: 'discarded' });
