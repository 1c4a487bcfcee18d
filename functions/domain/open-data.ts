import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { agreements, districts, schools } from '../db/schema';
import { shownAgreementId } from './agreement-in-force';
import { displayStatus } from './agreement-status';
import { getIndicator } from './indicator';
import { stockholmDay } from './time';

export const openDataPageSize = 500;

/**
 * One page of the register as open data: organisations and functional addresses only. Never
 * principals' names or personal addresses. Paged by school id so every page costs the same.
 */
export async function openRegisterPage({ db, after, now }: { db: Db; after: number; now: Date }) {
  const rows = await db
    .select({ id: schools.id, code: schools.schoolUnitCode, name: schools.name, kind: schools.kind, district: districts.name, contactEmail: schools.contactEmail, status: agreements.status, validTo: agreements.validTo, reSignBy: agreements.reSignBy })
    .from(schools)
    .innerJoin(districts, eq(districts.id, schools.districtId))
    .leftJoin(agreements, eq(agreements.id, shownAgreementId(sql`${schools.id}`)))
    .where(and(eq(schools.status, 'active'), gt(schools.id, after)))
    .orderBy(asc(schools.id))
    .limit(openDataPageSize);
  const today = stockholmDay(now);
  const items = rows.map((r) => {
    const status = displayStatus(r.status ? { status: r.status, validTo: r.validTo, reSignBy: r.reSignBy } : null, today);
    return {
      skolenhetskod: r.code,
      namn: r.name,
      typ: r.kind,
      stadsdel: r.district,
      overenskommelse: status,
      giltig_till: status === 'valid' || status === 'due' ? r.validTo : null,
      funktionsadress: r.contactEmail,
    };
  });
  const last = rows.at(-1);
  return { items, next: rows.length === openDataPageSize && last ? last.id : null };
}

/** The indicator as open data: the newest snapshot per district and kind, and the city per year. */
export async function openIndicator({ db }: { db: Db }) {
  const indicator = await getIndicator({ db });
  if (!indicator) return { datum: null, rader: [], per_ar: [] };
  const row = (r: { districtName: string; kind: string; registered: number; withValidAgreement: number; awaiting: number; followUpsDone: number }) => ({
    stadsdel: r.districtName,
    typ: r.kind,
    registrerade: r.registered,
    med_giltig_overenskommelse: r.withValidAgreement,
    vantar_pa_bekraftelse: r.awaiting,
    uppfoljningar_gjorda: r.followUpsDone,
  });
  return { datum: indicator.takenOn, rader: indicator.rows.map(row), per_ar: indicator.trend.map((r) => ({ ar: r.year, ...row(r) })) };
}

/** CSV as a spreadsheet expects it: ";" separated, every text quoted, a header line. */
export function toCsv(rows: Record<string, string | number | null>[]): string {
  const [first] = rows;
  if (!first) return '';
  const cell = (v: string | number | null) => (v === null ? '' : typeof v === 'number' ? String(v) : `"${v.replace(/"/g, '""')}"`);
  return `${[Object.keys(first).join(';'), ...rows.map((r) => Object.values(r).map(cell).join(';'))].join('\r\n')}\r\n`;
}
