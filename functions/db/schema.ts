import { sql } from 'drizzle-orm';
import type { TemplateContent } from '../validation/template';
import { check, index, integer, sqliteTable, text, uniqueIndex, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';

// The whole D1 schema. Change it here, then `npm run db:generate` writes the migration.

/**
 * A stadsdelsnämnd/stadsdelsförvaltning. Districts merge over time, so they are data with a
 * validity period and a link to their successor, never code.
 */
export const districts = sqliteTable(
  'districts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    slug: text('slug').notNull().unique(),
    name: text('name').notNull(),
    /** ISO date (YYYY-MM-DD) the district came into being, or the earliest date we know it. */
    validFrom: text('valid_from').notNull(),
    /** ISO date of the last day it existed; null while it still exists. */
    validTo: text('valid_to'),
    successorId: integer('successor_id').references((): AnySQLiteColumn => districts.id),
    /** The district's contact function (a function, never a named person); null until filled in. */
    contactFunction: text('contact_function'),
    contactEmail: text('contact_email'),
    contactPhone: text('contact_phone'),
    contactHours: text('contact_hours'),
    contactChangedAt: text('contact_changed_at'),
    createdAt: text('created_at')
      .notNull()
      .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  },
  (t) => [index('districts_valid_to_idx').on(t.validTo)],
);

export type District = typeof districts.$inferSelect;

export const schoolForms = [
  'forskola',
  'grundskola',
  'anpassad-grundskola',
  'gymnasieskola',
  'anpassad-gymnasieskola',
] as const;
export type SchoolForm = (typeof schoolForms)[number];

/** A school unit (skolenhet) in the register: independent schools register themselves. */
export const registerChecks = ['verified', 'unverified'] as const;
export type RegisterCheck = (typeof registerChecks)[number];

export const schools = sqliteTable(
  'schools',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** Public reference shown on the receipt, e.g. "SVP-2026-000123". */
    reference: text('reference').notNull().unique(),
    name: text('name').notNull(),
    schoolUnitCode: text('school_unit_code').notNull().unique(),
    kind: text('kind', { enum: ['fristaende', 'kommunal'] }).notNull(),
    organizerName: text('organizer_name').notNull(),
    organizerOrgNumber: text('organizer_org_number').notNull(),
    forms: text('forms', { mode: 'json' }).$type<SchoolForm[]>().notNull(),
    streetAddress: text('street_address').notNull(),
    postcode: text('postcode').notNull(),
    postalTown: text('postal_town').notNull(),
    districtId: integer('district_id')
      .notNull()
      .references(() => districts.id),
    principalName: text('principal_name').notNull(),
    principalEmail: text('principal_email').notNull(),
    contactEmail: text('contact_email').notNull(),
    /** "pending" until the principal's address is verified through a sign-in link. */
    status: text('status', { enum: ['pending', 'active'] }).notNull(),
    registeredAt: text('registered_at').notNull(),
    verifiedAt: text('verified_at'),
    consentAt: text('consent_at').notNull(),
    /**
     * Whether Skolverket's register confirmed the code as an active independent unit in Stockholm
     * when the school registered; "unverified" when it did not answer, for the coordinator to check.
     */
    registerCheck: text('register_check', { enum: registerChecks }).notNull().default('unverified'),
  },
  (t) => [
    index('schools_register_check_idx').on(t.registerCheck),
    index('schools_district_name_idx').on(t.districtId, t.name),
    index('schools_status_registered_idx').on(t.status, t.registeredAt),
    // The open register pages through active schools by id.
    index('schools_status_id_idx').on(t.status, t.id),
  ],
);

/** A person or function mailbox that can sign in. */
export const users = sqliteTable('users', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  email: text('email').notNull().unique(),
  name: text('name'),
  createdAt: text('created_at').notNull(),
  verifiedAt: text('verified_at'),
});

/** What a user may do: act for one school, for one district, or for the whole city. */
export const memberships = sqliteTable(
  'memberships',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ['principal', 'contact', 'officer', 'coordinator'] }).notNull(),
    schoolId: integer('school_id').references(() => schools.id, { onDelete: 'cascade' }),
    districtId: integer('district_id').references(() => districts.id),
    createdAt: text('created_at').notNull(),
  },
  (t) => [
    index('memberships_user_idx').on(t.userId),
    index('memberships_school_idx').on(t.schoolId),
    // A role exists once per person and school or district. SQLite counts NULLs as distinct, so
    // the index is on coalesced ids: otherwise an officer (no school) or the coordinator (neither)
    // could hold the same role twice.
    uniqueIndex('memberships_one_role').on(
      t.userId,
      t.role,
      sql`(case when school_id is null then 0 else school_id end)`,
      sql`(case when district_id is null then 0 else district_id end)`,
    ),
  ],
);

/** One-time sign-in links: only the SHA-256 of the token is stored. */
export const signInTokens = sqliteTable(
  'sign_in_tokens',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    tokenHash: text('token_hash').notNull().unique(),
    /** Null when the address is unknown: the row exists so both paths do the same work. */
    userId: integer('user_id').references(() => users.id, { onDelete: 'cascade' }),
    createdAt: text('created_at').notNull(),
    expiresAt: text('expires_at').notNull(),
    usedAt: text('used_at'),
    /** Set when spending this link also completes a principal hand-over (the new principal's consent). */
    handoverId: integer('handover_id').references((): AnySQLiteColumn => principalHandovers.id, {
      onDelete: 'cascade',
    }),
  },
  (t) => [index('sign_in_tokens_expires_idx').on(t.expiresAt)],
);

/**
 * A change of principal: started by the school's principal or the city coordinator, it takes
 * effect only when the new principal spends the sign-in link mailed to them. At most one is
 * pending per school.
 */
export const principalHandovers = sqliteTable(
  'principal_handovers',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    schoolId: integer('school_id')
      .notNull()
      .references(() => schools.id, { onDelete: 'cascade' }),
    startedBy: integer('started_by').notNull(),
    newName: text('new_name').notNull(),
    newEmail: text('new_email').notNull(),
    status: text('status', { enum: ['pending', 'accepted', 'cancelled'] }).notNull(),
    createdAt: text('created_at').notNull(),
    expiresAt: text('expires_at').notNull(),
    closedAt: text('closed_at'),
  },
  (t) => [
    uniqueIndex('principal_handovers_one_pending')
      .on(t.schoolId)
      .where(sql`status = 'pending'`),
  ],
);

/**
 * The guard of a conditional change: the first statement of a batch inserts whether the state it
 * expects holds (1) or not (0), the CHECK aborts the whole batch on 0, and the last statement
 * clears the row. So a change that finds another state writes nothing at all.
 */
export const writeGuards = sqliteTable(
  'write_guards',
  { id: integer('id').primaryKey({ autoIncrement: true }), ok: integer('ok').notNull() },
  (t) => [check('expected_state', sql`${t.ok} = 1`)],
);

export const sessions = sqliteTable(
  'sessions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    tokenHash: text('token_hash').notNull().unique(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: text('created_at').notNull(),
    expiresAt: text('expires_at').notNull(),
  },
  (t) => [index('sessions_expires_idx').on(t.expiresAt), index('sessions_user_idx').on(t.userId)],
);

/**
 * Who a staff member is at an OpenID provider (the city's identity provider): the provider's
 * issuer and its stable `sub` for them. Made at the first sign-in, from the verified e-mail of an
 * invited officer or coordinator; later sign-ins match on issuer + subject only, so a changed
 * address at the provider neither locks them out nor lets someone else in.
 */
export const identities = sqliteTable(
  'identities',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    issuer: text('issuer').notNull(),
    subject: text('subject').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('identities_issuer_subject_idx').on(t.issuer, t.subject),
    uniqueIndex('identities_user_issuer_idx').on(t.userId, t.issuer),
  ],
);

/** Fixed-window counters for rate limits, keyed by what is limited ("signin:email:<hash>"). */
export const rateLimits = sqliteTable('rate_limits', {
  key: text('key').primaryKey(),
  windowStart: text('window_start').notNull(),
  count: integer('count').notNull(),
});

export const mailStatuses = ['queued', 'sent', 'failed', 'discarded'] as const;
export type MailStatus = (typeof mailStatuses)[number];

/**
 * Every e-mail the portal sends is written here first; the dispatcher (functions/domain/delivery.ts)
 * delivers from it. A dispatcher claims a row by writing its random `claim`; a claim older than a
 * few minutes is free again, so a dispatcher that died strands nothing. `last_error` never holds
 * a token or the body.
 */
export const outbox = sqliteTable(
  'outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    to: text('to').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    links: text('links', { mode: 'json' }).$type<string[]>().notNull(),
    createdAt: text('created_at').notNull(),
    sentAt: text('sent_at'),
    status: text('status', { enum: mailStatuses }).notNull().default('queued'),
    /** Failed deliveries so far. */
    attempts: integer('attempts').notNull().default(0),
    /** Not before this moment (ISO); null: at once. */
    nextAttemptAt: text('next_attempt_at'),
    claim: text('claim'),
    claimedAt: text('claimed_at'),
    lastError: text('last_error'),
  },
  (t) => [
    index('outbox_created_idx').on(t.createdAt),
    index('outbox_due_idx').on(t.status, t.nextAttemptAt),
    check('outbox_status', sql`${t.status} in ('queued', 'sent', 'failed', 'discarded')`),
  ],
);

/**
 * The audit trail, chained with a key D1 never holds (functions/domain/audit.ts): each event's hash
 * is an HMAC over what it says and the hash of the event before. prev_hash is unique, so two
 * writers racing from the same head cannot both append; the loser retries. The chain covers
 * data_hash, not data, so the purge can redact the data once its retention has run out
 * (redacted_at set, data emptied) without breaking the chain.
 */
export const auditEvents = sqliteTable(
  'audit_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: text('at').notNull(),
    actorUserId: integer('actor_user_id'),
    action: text('action').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id').notNull(),
    data: text('data', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    /** Keyed hash of data as written; empty only on events from before the chain was keyed. */
    dataHash: text('data_hash').notNull().default(''),
    redactedAt: text('redacted_at'),
    prevHash: text('prev_hash').notNull().unique(),
    hash: text('hash').notNull().unique(),
  },
  // The daily purge finds the events whose data is still there and old enough to redact.
  (t) => [
    index('audit_events_unredacted_at_idx')
      .on(t.at)
      .where(sql`${t.redactedAt} is null`),
  ],
);

export type School = typeof schools.$inferSelect;
export type User = typeof users.$inferSelect;
export type Membership = typeof memberships.$inferSelect;

/** A published agreement template: immutable once written, identified by its version number. */
export const templateVersions = sqliteTable('template_versions', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  version: integer('version').notNull().unique(),
  title: text('title').notNull(),
  content: text('content', { mode: 'json' }).$type<TemplateContent>().notNull(),
  canonicalText: text('canonical_text').notNull(),
  sha256: text('sha256').notNull(),
  publishedAt: text('published_at').notNull(),
  publishedBy: integer('published_by'),
  /** Schools with a valid agreement on an older version are asked to re-sign by this date. */
  reSignBy: text('re_sign_by'),
});

export const agreementStatuses = ['draft', 'awaiting', 'returned', 'confirmed', 'expired', 'replaced'] as const;
export type AgreementStatus = (typeof agreementStatuses)[number];

/**
 * What a school fills in on top of the template: a text for every section that asks for a local
 * addition, and a local note per meeting (how often, who takes part), keyed by their template ids.
 */
export type AgreementAdditions = { sections: Record<string, string>; meetings: Record<string, string> };

/**
 * A cooperation agreement between a school and the district where it is located. It keeps the
 * district's name as it was when the agreement was made, so a later merger does not rewrite it.
 */
export const agreements = sqliteTable(
  'agreements',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    schoolId: integer('school_id')
      .notNull()
      .references(() => schools.id, { onDelete: 'cascade' }),
    districtId: integer('district_id')
      .notNull()
      .references(() => districts.id),
    districtName: text('district_name').notNull(),
    templateVersion: integer('template_version').notNull(),
    revisionOf: integer('revision_of'),
    status: text('status', { enum: agreementStatuses }).notNull(),
    /** Raised by every change: each change expects the version it read, so none overwrites another. */
    version: integer('version').notNull().default(0),
    additions: text('additions', { mode: 'json' }).$type<AgreementAdditions>().notNull(),
    returnComment: text('return_comment'),
    /** Public code for checking online that the agreement is valid and unchanged. */
    verificationCode: text('verification_code').notNull().unique(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    signedAt: text('signed_at'),
    confirmedAt: text('confirmed_at'),
    validFrom: text('valid_from'),
    validTo: text('valid_to'),
    reSignBy: text('re_sign_by'),
    reminded30At: text('reminded_30_at'),
    reminded7At: text('reminded_7_at'),
    districtRemindedAt: text('district_reminded_at'),
    /** Set on the old version when a revision is confirmed: its validity ended then. */
    replacedAt: text('replaced_at'),
    replacedBy: integer('replaced_by'),
  },
  (t) => [
    index('agreements_school_idx').on(t.schoolId),
    index('agreements_district_status_idx').on(t.districtId, t.status, t.signedAt),
    index('agreements_status_valid_to_idx').on(t.status, t.validTo),
    // One agreement in the making per school, however many press "start" at once.
    uniqueIndex('agreements_one_open_per_school')
      .on(t.schoolId)
      .where(sql`status in ('draft', 'awaiting', 'returned')`),
  ],
);

/** A signature: who, when, from which verified address, and the SHA-256 of exactly what was signed. */
export const signatures = sqliteTable(
  'signatures',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    agreementId: integer('agreement_id')
      .notNull()
      .references(() => agreements.id, { onDelete: 'cascade' }),
    party: text('party', { enum: ['school', 'district'] }).notNull(),
    userId: integer('user_id').notNull(),
    email: text('email').notNull(),
    fullName: text('full_name').notNull(),
    statement: text('statement').notNull(),
    signedAt: text('signed_at').notNull(),
    documentSha256: text('document_sha256').notNull(),
    documentText: text('document_text').notNull(),
    /** The hash of the audit event that recorded this signature: the chain must still hold it. */
    auditHash: text('audit_hash'),
  },
  (t) => [index('signatures_agreement_idx').on(t.agreementId)],
);

export type Agreement = typeof agreements.$inferSelect;
export type Signature = typeof signatures.$inferSelect;
export type TemplateVersion = typeof templateVersions.$inferSelect;

/** One party's answers in a yearly follow-up. */
export type FollowUpAnswers = {
  meetingsHeld: Record<string, number>;
  functionsPresent: string[];
  worked: string;
  develop: string;
  rating: number | null;
};

/**
 * A school's yearly follow-up of its cooperation with the district: one per school and Stockholm
 * year in which it is made, so a revision of the agreement never leaves it behind. School and
 * district answer separately; each part is a draft until submitted, and is submitted once.
 */
export const followUps = sqliteTable(
  'follow_ups',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    schoolId: integer('school_id')
      .notNull()
      .references(() => schools.id, { onDelete: 'cascade' }),
    /** The agreement (version) in force when the answers were last saved. */
    agreementId: integer('agreement_id')
      .notNull()
      .references(() => agreements.id, { onDelete: 'cascade' }),
    districtId: integer('district_id').notNull(),
    /** The Stockholm year the follow-up is made in; the indicator counts it in that year. */
    year: integer('year').notNull(),
    school: text('school', { mode: 'json' }).$type<FollowUpAnswers>(),
    district: text('district', { mode: 'json' }).$type<FollowUpAnswers>(),
    schoolSubmittedAt: text('school_submitted_at'),
    districtSubmittedAt: text('district_submitted_at'),
    /** When the parties were last reminded to answer (at most every 14 days). */
    remindedAt: text('reminded_at'),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('follow_ups_school_year').on(t.schoolId, t.year),
    index('follow_ups_district_year_idx').on(t.districtId, t.year),
  ],
);

/**
 * The participation indicator, computed once a day (not per request): per district (null = the
 * whole city) and school kind. The newest row per year makes the trend.
 */
export const indicatorSnapshots = sqliteTable(
  'indicator_snapshots',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    takenOn: text('taken_on').notNull(),
    year: integer('year').notNull(),
    districtId: integer('district_id'),
    districtName: text('district_name').notNull(),
    kind: text('kind', { enum: ['fristaende', 'kommunal'] }).notNull(),
    registered: integer('registered').notNull(),
    withValidAgreement: integer('with_valid_agreement').notNull(),
    awaiting: integer('awaiting').notNull(),
    followUpsDone: integer('follow_ups_done').notNull(),
    /**
     * Active units of this kind in Skolverket's register (school_units), and how many of them have a
     * valid agreement. The city row counts every active unit in Stockholm; a district row only the
     * units whose district is known (matched by skolenhetskod to a registered school there). Null
     * while the register has never been synced.
     */
    registerUnits: integer('register_units'),
    registerWithValidAgreement: integer('register_with_valid_agreement'),
  },
  (t) => [
    uniqueIndex('indicator_snapshots_unique').on(t.takenOn, t.districtName, t.kind),
    index('indicator_snapshots_year_idx').on(t.year, t.takenOn),
  ],
);

export type FollowUp = typeof followUps.$inferSelect;
export type IndicatorSnapshot = typeof indicatorSnapshots.$inferSelect;

/**
 * Skolverket's school units in Stockholm (Skolenhetsregistret), kept by the nightly sync
 * (functions/domain/sync-school-units.ts). A unit that closes or leaves the register is marked
 * closed, never deleted. `contentHash` covers every field from the register, so an unchanged
 * unit is not written again.
 */
export const schoolUnits = sqliteTable(
  'school_units',
  {
    code: text('code').primaryKey(),
    name: text('name').notNull(),
    organizerName: text('organizer_name').notNull(),
    organizerType: text('organizer_type', { enum: ['kommunal', 'enskild', 'annan'] }).notNull(),
    orgNumber: text('org_number'),
    municipalityCode: text('municipality_code').notNull(),
    status: text('status', { enum: ['active', 'closed'] }).notNull(),
    forms: text('forms', { mode: 'json' }).$type<SchoolForm[]>().notNull(),
    streetAddress: text('street_address'),
    postcode: text('postcode'),
    postalTown: text('postal_town'),
    email: text('email'),
    contentHash: text('content_hash').notNull(),
    firstSeenAt: text('first_seen_at').notNull(),
    /** When the sync last wrote the row (a change, or the unit was first seen). */
    syncedAt: text('synced_at').notNull(),
    closedAt: text('closed_at'),
  },
  (t) => [
    // The indicator and the outreach list count and list active units per organizer type.
    index('school_units_status_type_idx').on(t.status, t.organizerType, t.code),
    check('school_units_closed_at', sql`(${t.status} = 'closed') = (${t.closedAt} IS NOT NULL)`),
  ],
);

/** One row per sync run: when, whether Skolverket answered, and what changed. */
export const registerSyncs = sqliteTable(
  'register_syncs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    ranAt: text('ran_at').notNull(),
    municipalityCode: text('municipality_code').notNull(),
    outcome: text('outcome', { enum: ['ok', 'unavailable'] }).notNull(),
    /** Units Skolverket listed (0 when it did not answer). */
    unitsSeen: integer('units_seen').notNull(),
    added: integer('added').notNull(),
    changed: integer('changed').notNull(),
    closed: integer('closed').notNull(),
  },
  (t) => [index('register_syncs_outcome_idx').on(t.outcome, t.id)],
);

export type SchoolUnitRow = typeof schoolUnits.$inferSelect;
export type RegisterSync = typeof registerSyncs.$inferSelect;

/** The coordinator's invitations to units in Skolverket's register that are not in the network yet. */
export const unitInvitations = sqliteTable(
  'unit_invitations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    schoolUnitCode: text('school_unit_code').notNull(),
    sentAt: text('sent_at').notNull(),
    sentBy: integer('sent_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [index('unit_invitations_code_sent_idx').on(t.schoolUnitCode, t.sentAt)],
);
