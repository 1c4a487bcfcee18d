// How long the portal keeps what, in one place: the daily purge (purge.ts) enforces these and the
// privacy page (content/sidor/personuppgifter.md) states them; test/unit/retention.test.ts keeps
// the page in step. Signatures are the agreements' evidence and follow the city's records
// schedule, so nothing here removes them.

/** A registration whose address is never verified is removed after this many days. */
export const unverifiedRegistrationDays = 30;
/** Mail in the outbox is removed this many days after it was written. */
export const mailDays = 90;
/** Names and addresses in audit events are redacted this many years after the event. */
export const auditDataYears = 2;

/** Audit events before this moment have outlived the retention of their data. */
export function auditDataCutoff(now: Date): Date {
  const cutoff = new Date(now);
  cutoff.setUTCFullYear(cutoff.getUTCFullYear() - auditDataYears);
  return cutoff;
}
