import { and, asc, eq, gt, notExists, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { schools, schoolUnits, unitInvitations } from '../db/schema';
import { AppError } from '../errors';
import { messages } from '../messages';
import { stockholmMunicipalityCode } from '../register/skolverket';
import { queueMail } from './mail';
import { hitRateLimit } from './rate-limit';
import { addDays, iso } from './time';
import { commitExpecting, rowExists } from './transition';

/** A unit is invited at most once in this many days: an invitation is a letter, not a campaign. */
export const reinviteDays = 30;
/** Invitations per coordinator and hour: a slip (or a stolen session) cannot flood schools with mail. */
const invitationsPerHour = 50;

const outsideNetwork = (db: Db) =>
  and(
    eq(schoolUnits.status, 'active'),
    eq(schoolUnits.organizerType, 'enskild'),
    eq(schoolUnits.municipalityCode, stockholmMunicipalityCode),
    notExists(
      db
        .select({ one: sql`1` })
        .from(schools)
        .where(eq(schools.schoolUnitCode, schoolUnits.code)),
    ),
  );

/** The active independent units in Stockholm (from the synced register) that have not registered. */
export async function listUnitsOutsideNetwork({ db }: { db: Db }) {
  return db
    .select({
      code: schoolUnits.code,
      name: schoolUnits.name,
      organizerName: schoolUnits.organizerName,
      postalTown: schoolUnits.postalTown,
      email: schoolUnits.email,
      lastInvitedAt: sql<
        string | null
      >`(select max(${unitInvitations.sentAt}) from ${unitInvitations} where ${unitInvitations.schoolUnitCode} = ${schoolUnits.code})`,
    })
    .from(schoolUnits)
    .where(outsideNetwork(db))
    .orderBy(asc(schoolUnits.name), asc(schoolUnits.code));
}

/**
 * The coordinator invites a unit outside the network, by mail to the address the register holds,
 * with a link that opens its registration prefilled. One conditional write: the invitation, the
 * letter and the audit event, only if the unit is still outside the network and was not invited
 * in the last 30 days — so two invitations sent at once make one letter.
 */
export async function inviteSchoolUnit({
  db,
  actorUserId,
  code,
  origin,
  now,
}: {
  db: Db;
  actorUserId: number;
  code: string;
  origin: string;
  now: Date;
}) {
  const [unit] = await db
    .select()
    .from(schoolUnits)
    .where(and(eq(schoolUnits.code, code), outsideNetwork(db)))
    .limit(1);
  if (!unit) {
    const registered = await db
      .select({ id: schools.id })
      .from(schools)
      .where(eq(schools.schoolUnitCode, code))
      .limit(1);
    throw new AppError(registered.length > 0 ? 'UNIT_IN_NETWORK' : 'NOT_FOUND');
  }
  if (!unit.email) throw new AppError('UNIT_NO_EMAIL');
  const since = iso(addDays(now, -reinviteDays));
  const recent = and(eq(unitInvitations.schoolUnitCode, code), gt(unitInvitations.sentAt, since));
  if ((await db.select({ id: unitInvitations.id }).from(unitInvitations).where(recent).limit(1)).length > 0)
    throw new AppError('UNIT_INVITED_RECENTLY');
  if (
    !(await hitRateLimit({
      db,
      now,
      limit: { key: `unit-invitation:user:${actorUserId}`, max: invitationsPerHour, windowSeconds: 60 * 60 },
    }))
  ) {
    throw new AppError('RATE_LIMITED');
  }
  const link = `${origin}/registrera?skolenhetskod=${code}`;
  await commitExpecting(db, {
    now,
    expect:
      and(
        notExists(
          db
            .select({ one: sql`1` })
            .from(unitInvitations)
            .where(recent),
        ),
        rowExists(db, schoolUnits, and(eq(schoolUnits.code, code), outsideNetwork(db))),
      ) ?? null,
    refused: 'UNIT_INVITED_RECENTLY',
    statements: [
      db.insert(unitInvitations).values({ schoolUnitCode: code, sentAt: iso(now), sentBy: actorUserId }),
      queueMail(
        db,
        {
          to: unit.email,
          subject: messages.mail.unitInvitationSubject(unit.name),
          body: messages.mail.unitInvitationBody(unit.name, link),
          links: [link],
        },
        now,
      ),
    ],
    events: [
      {
        action: 'school-unit.invited',
        subjectType: 'school-unit',
        subjectId: code,
        actorUserId,
        data: { name: unit.name, email: unit.email },
      },
    ],
  });
}

/** Independent schools registered while Skolverket did not answer: the coordinator checks their codes. */
export async function listUnverifiedRegistrations({ db }: { db: Db }) {
  return db
    .select({
      name: schools.name,
      schoolUnitCode: schools.schoolUnitCode,
      reference: schools.reference,
      registeredAt: schools.registeredAt,
      status: schools.status,
    })
    .from(schools)
    .where(and(eq(schools.registerCheck, 'unverified'), eq(schools.kind, 'fristaende')))
    .orderBy(asc(schools.registeredAt));
}
