import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { agreements, districts, memberships, schools, users } from '../db/schema';
import { shownAgreementId } from './agreement-in-force';
import { displayStatus } from './agreement-status';
import { getIndicator, type IndicatorRow } from './indicator';
import { stockholmDay } from './time';

export const openDataPageSize = 500;

/**
 * A school's address is a person's, not a function mailbox, when it is the principal's, or when
 * it belongs to a named sign-in (principals and officers are named, function mailboxes are not)
 * or to anyone who is a principal: so an address registered as the principal's own stays
 * unpublished after the principal changes.
 */
const personalAddress = sql<number>`(${schools.contactEmail} = ${schools.principalEmail} or exists (select 1 from ${users} where ${users.email} = ${schools.contactEmail} and (${users.name} is not null or exists (select 1 from ${memberships} where ${memberships.userId} = ${users.id} and ${memberships.role} = 'principal'))))`;

/**
 * One page of the register as open data: organisations and functional addresses only. Never
 * principals' names or personal addresses. Paged by school id so every page costs the same.
 */
export async function openRegisterPage({ db, after, now }: { db: Db; after: number; now: Date }) {
  const rows = await db
    .select({
      id: schools.id,
      code: schools.schoolUnitCode,
      name: schools.name,
      kind: schools.kind,
      district: districts.name,
      contactEmail: schools.contactEmail,
      personal: personalAddress,
      status: agreements.status,
      validTo: agreements.validTo,
      reSignBy: agreements.reSignBy,
    })
    .from(schools)
    .innerJoin(districts, eq(districts.id, schools.districtId))
    .leftJoin(agreements, eq(agreements.id, shownAgreementId(sql`${schools.id}`)))
    .where(and(eq(schools.status, 'active'), gt(schools.id, after)))
    .orderBy(asc(schools.id))
    .limit(openDataPageSize);
  const today = stockholmDay(now);
  const items = rows.map((r) => {
    const status = displayStatus(
      r.status ? { status: r.status, validTo: r.validTo, reSignBy: r.reSignBy } : null,
      today,
    );
    return {
      skolenhetskod: r.code,
      namn: r.name,
      typ: r.kind,
      stadsdel: r.district,
      overenskommelse: status,
      giltig_till: status === 'valid' || status === 'due' ? r.validTo : null,
      funktionsadress: r.personal ? null : r.contactEmail,
    };
  });
  const last = rows.at(-1);
  return { items, next: rows.length === openDataPageSize && last ? last.id : null };
}

/**
 * The indicator as open data: the newest snapshot per district and kind, and the city per year.
 * Each row has both denominators: the registered schools, and the active units in Skolverket's
 * register (null until the register has been synced); `registret_hamtat` says when it last was.
 */
export async function openIndicator({ db }: { db: Db }) {
  const indicator = await getIndicator({ db });
  if (!indicator) return { datum: null, registret_hamtat: null, rader: [], per_ar: [] };
  const synced = indicator.registerSync?.lastOk?.ranAt ?? null;
  const row = (r: IndicatorRow) => ({
    stadsdel: r.districtName,
    typ: r.kind,
    registrerade: r.registered,
    med_giltig_overenskommelse: r.withValidAgreement,
    vantar_pa_bekraftelse: r.awaiting,
    uppfoljningar_gjorda: r.followUpsDone,
    skolenheter_i_registret: r.registerUnits,
    skolenheter_i_registret_med_giltig_overenskommelse: r.registerWithValidAgreement,
  });
  return {
    datum: indicator.takenOn,
    registret_hamtat: synced,
    rader: indicator.rows.map((r) => ({ ...row(r), registret_hamtat: synced })),
    per_ar: indicator.trend.map((r) => ({ ar: r.year, ...row(r) })),
  };
}
