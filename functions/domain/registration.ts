import { and, eq, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { memberships, schools, users, type RegisterCheck } from '../db/schema';
import { violates } from '../db/constraints';
import { AppError } from '../errors';
import { messages } from '../messages';
import type { Registration } from '../validation/registration';
import { commitWithAudit } from './audit';
import { queueMail } from './mail';
import { newSignInLink } from './sign-in';
import { unverifiedRegistrationDays } from './retention';
import { addDays, iso } from './time';
import { readRegistrationFacts, type RegistrationFacts } from './check-registration';

const referenceAlphabet = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/** A short reference for receipts and letters, e.g. "SVP-7K3M-9Q2X"; no 0/O or 1/I to misread. */
export function newReference(): string {
  const chars = [...crypto.getRandomValues(new Uint8Array(8))].map(
    (b) => referenceAlphabet[b % referenceAlphabet.length],
  );
  return `SVP-${chars.slice(0, 4).join('')}-${chars.slice(4).join('')}`;
}

/**
 * Registers an independent school as "pending" and mails its principal a link; the first
 * sign-in through it verifies the address and confirms the school. One batch: the school, its
 * two sign-in identities, their roles, the token, the letter and the audit event. `registerCheck`
 * says whether Skolverket's register confirmed the code; "unverified" flags it for the coordinator.
 * `facts`, when the caller has just read them (check-registration.ts), spare reading them again;
 * the unique school unit code still decides a race.
 */
export async function registerSchool({
  db,
  input,
  registerCheck,
  origin,
  now,
  facts,
}: {
  db: Db;
  input: Registration;
  registerCheck: RegisterCheck;
  origin: string;
  now: Date;
  facts?: RegistrationFacts;
}) {
  const { district, taken, principalIsStaff, contactIsStaff } =
    facts ?? (await readRegistrationFacts({ db, input, now }));
  if (!district) throw new AppError('VALIDATION');
  if (taken) throw new AppError('DUPLICATE_SCHOOL');
  if (principalIsStaff || contactIsStaff) throw new AppError('CITY_ROLE_CONFLICT');

  const reference = newReference();
  const { district: _slug, consent: _consent, ...fields } = input;
  const schoolId = sql`(select ${schools.id} from ${schools} where ${schools.schoolUnitCode} = ${input.schoolUnitCode})`;
  const userId = (email: string) => sql`(select ${users.id} from ${users} where ${users.email} = ${email})`;
  const { insert: token, link } = await newSignInLink(db, { userId: userId(input.principalEmail), origin, now });
  const identities = [
    { email: input.principalEmail, role: 'principal' as const, name: input.principalName },
    ...(input.contactEmail === input.principalEmail
      ? []
      : [{ email: input.contactEmail, role: 'contact' as const, name: null }]),
  ];
  try {
    await commitWithAudit(db, {
      now,
      statements: [
        db.insert(schools).values({
          ...fields,
          reference,
          kind: 'fristaende',
          districtId: district.id,
          status: 'pending',
          registeredAt: iso(now),
          consentAt: iso(now),
          registerCheck,
        }),
        ...identities.map((i) =>
          db
            .insert(users)
            .values({ email: i.email, name: i.name, createdAt: iso(now) })
            .onConflictDoNothing(),
        ),
        ...identities.map((i) =>
          db
            .insert(memberships)
            .values({ userId: userId(i.email), role: i.role, schoolId, createdAt: iso(now) })
            .onConflictDoNothing(),
        ),
        token,
        queueMail(
          db,
          {
            to: input.principalEmail,
            subject: messages.mail.verifySubject(input.name),
            body: messages.mail.verifyBody(input.name, reference, link),
            links: [link],
          },
          now,
        ),
      ],
      events: [
        {
          action: 'school.registered',
          subjectType: 'school',
          subjectId: reference,
          data: { ...fields, district: district.name, registeredAt: iso(now), registerCheck },
        },
      ],
    });
  } catch (error) {
    // Two registrations of the same code at once: the unique index lets exactly one through.
    if (violates(error, 'unique', 'schools.school_unit_code')) throw new AppError('DUPLICATE_SCHOOL', { cause: error });
    throw error;
  }
  return { reference };
}

/** Removes registrations whose principal never verified the address within 30 days. */
export function purgeUnverifiedQuery(db: Db, now: Date) {
  return db
    .delete(schools)
    .where(and(eq(schools.status, 'pending'), lt(schools.registeredAt, iso(addDays(now, -unverifiedRegistrationDays)))))
    .returning({ reference: schools.reference });
}
