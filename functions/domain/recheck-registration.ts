import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { schools } from '../db/schema';
import { AppError } from '../errors';
import type { RegisterConfig } from '../register/skolverket';
import { checkSchoolUnit } from './register-check';
import { commitExpecting, rowExists } from './transition';

/**
 * The coordinator checks a registration made while Skolverket did not answer against the register
 * again. An active independent unit in Stockholm clears the flag (one conditional write with its
 * audit event: of two presses at once one clears it, the other is told it is done); any other
 * answer of the register, or none, changes nothing and says why, and the school stays listed.
 */
export async function recheckRegistration({
  db,
  config,
  actorUserId,
  code,
  now,
}: {
  db: Db;
  config: RegisterConfig;
  actorUserId: number;
  code: string;
  now: Date;
}) {
  const flagged = and(
    eq(schools.schoolUnitCode, code),
    eq(schools.kind, 'fristaende'),
    eq(schools.registerCheck, 'unverified'),
  );
  const [school] = await db.select({ reference: schools.reference }).from(schools).where(flagged).limit(1);
  if (!school) throw new AppError('REGISTRATION_CHECKED');
  const check = await checkSchoolUnit(config, code);
  if ('unavailable' in check) throw new AppError('REGISTER_UNAVAILABLE');
  if ('refused' in check) throw new AppError(check.refused);
  await commitExpecting(db, {
    now,
    expect: rowExists(db, schools, flagged),
    refused: 'REGISTRATION_CHECKED',
    statements: [db.update(schools).set({ registerCheck: 'verified' }).where(flagged)],
    events: [
      {
        action: 'school.register_verified',
        subjectType: 'school',
        subjectId: school.reference,
        actorUserId,
        data: { schoolUnitCode: code, registerName: check.unit.name, organizer: check.unit.organizerName },
      },
    ],
  });
}
