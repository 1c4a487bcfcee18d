import { sql, type SQL } from 'drizzle-orm';
import { agreements } from '../db/schema';

// Which of a school's agreements a status line shows: the one in force while there is one (a
// revision waiting for the district does not make it any less valid), otherwise the newest.

/** The id of the agreement to show for the school whose id is `schoolId` (a column or value). */
export const shownAgreementId = (schoolId: SQL | number) => sql`coalesce(
  (select ${sql.identifier('f')}.${sql.identifier('id')} from ${agreements} ${sql.identifier('f')} where ${sql.identifier('f')}.${sql.identifier('school_id')} = ${schoolId} and ${sql.identifier('f')}.${sql.identifier('status')} = 'confirmed' order by ${sql.identifier('f')}.${sql.identifier('id')} desc limit 1),
  (select max(${sql.identifier('n')}.${sql.identifier('id')}) from ${agreements} ${sql.identifier('n')} where ${sql.identifier('n')}.${sql.identifier('school_id')} = ${schoolId}))`;

/** The status of a revision in the making beside the agreement in force, or null. */
export const revisionStatus = (schoolId: SQL | number) => sql<
  string | null
>`(select ${sql.identifier('r')}.${sql.identifier('status')} from ${agreements} ${sql.identifier('r')}
  where ${sql.identifier('r')}.${sql.identifier('school_id')} = ${schoolId} and ${sql.identifier('r')}.${sql.identifier('revision_of')} is not null
  and ${sql.identifier('r')}.${sql.identifier('status')} in ('draft', 'awaiting', 'returned') limit 1)`;
