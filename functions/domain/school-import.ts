import { and, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client';
import { memberships, schoolForms, schools, users, type SchoolForm } from '../db/schema';
import { messages } from '../messages';
import { email, line, schoolUnitCode } from '../validation/fields';
import { commitWithAudit } from './audit';
import { parseCsv } from './csv';
import { newReference } from './registration';
import { listCurrentDistricts } from './districts';
import { iso } from './time';

export const importColumns = ['skolenhetskod', 'namn', 'skolformer', 'stadsdel', 'funktionsadress'] as const;
export const maxImportRows = 2000;

// The city is the organiser (huvudman) of every municipal school.
const cityOrganizer = { organizerName: 'Stockholms stad', organizerOrgNumber: '212000-0142' };

const formByWord = new Map<string, SchoolForm>([
  ...schoolForms.map((f) => [f, f] as const),
  ['förskola', 'forskola'],
  ['anpassad grundskola', 'anpassad-grundskola'],
  ['anpassad gymnasieskola', 'anpassad-gymnasieskola'],
]);

const rowSchema = z.object({
  schoolUnitCode: schoolUnitCode('skolenhetskod'),
  name: line('namn', 120),
  forms: z.string().transform((v, ctx) => {
    const words = v
      .split(/[|,]/)
      .map((w) => w.trim().toLocaleLowerCase('sv'))
      .filter(Boolean);
    const forms = words.map((w) => formByWord.get(w) ?? formByWord.get(w.replace(/ /g, '-')));
    if (words.length === 0 || forms.some((f) => !f)) ctx.addIssue({ code: 'custom', message: messages.import.forms });
    return [...new Set(forms.filter((f): f is SchoolForm => Boolean(f)))];
  }),
  district: z.string(),
  contactEmail: email('funktionsadress'),
});

export type ImportChange = {
  line: number;
  code: string;
  name: string;
  action: 'create' | 'update' | 'unchanged';
  changes: string[];
};
export type ImportPlan = { errors: { line: number; message: string }[]; changes: ImportChange[] };

type Planned = ImportChange & { data: { name: string; forms: SchoolForm[]; districtId: number; contactEmail: string } };

/** Reads and checks the whole file; nothing is written. Every bad row is reported with its line. */
export async function planSchoolImport({
  db,
  csv,
  now,
}: {
  db: Db;
  csv: string;
  now: Date;
}): Promise<ImportPlan & { planned: Planned[] }> {
  const read = parseCsv(csv);
  if ('error' in read)
    return { errors: [{ line: read.error.line, message: messages.import.unreadable }], changes: [], planned: [] };
  const [header, ...data] = read.rows;
  const errors: { line: number; message: string }[] = [];
  if (!header || header.cells.map((c) => c.toLocaleLowerCase('sv')).join(';') !== importColumns.join(';')) {
    return {
      errors: [{ line: 1, message: messages.import.header(importColumns.join(';')) }],
      changes: [],
      planned: [],
    };
  }
  if (data.length === 0) return { errors: [{ line: 2, message: messages.import.empty }], changes: [], planned: [] };
  if (data.length > maxImportRows)
    return {
      errors: [{ line: maxImportRows + 2, message: messages.import.tooMany(maxImportRows) }],
      changes: [],
      planned: [],
    };
  const current = await listCurrentDistricts({ db, today: now });
  const districtFor = (v: string) =>
    current.find(
      (d) => d.slug === v.toLocaleLowerCase('sv') || d.name.toLocaleLowerCase('sv') === v.toLocaleLowerCase('sv'),
    );
  const codes = data.map((r) => (r.cells[0] ?? '').replace(/\s/g, ''));
  const existing = new Map(
    (
      await db
        .select()
        .from(schools)
        .where(
          inArray(
            schools.schoolUnitCode,
            codes.filter((c) => /^\d{8}$/.test(c)),
          ),
        )
    ).map((s) => [s.schoolUnitCode, s]),
  );
  const seen = new Set<string>();
  const planned: Planned[] = [];
  for (const row of data) {
    if (row.cells.length !== importColumns.length) {
      errors.push({ line: row.line, message: messages.import.columns(importColumns.length, row.cells.length) });
      continue;
    }
    const [schoolUnitCodeCell, name, forms, district, contactEmail] = row.cells;
    const parsed = rowSchema.safeParse({ schoolUnitCode: schoolUnitCodeCell, name, forms, district, contactEmail });
    if (!parsed.success) {
      errors.push({ line: row.line, message: parsed.error.issues.map((i) => i.message).join('. ') });
      continue;
    }
    const r = parsed.data;
    const d = districtFor(r.district);
    const old = existing.get(r.schoolUnitCode);
    const problem = !d
      ? messages.import.district(r.district)
      : seen.has(r.schoolUnitCode)
        ? messages.import.duplicate
        : old?.kind === 'fristaende'
          ? messages.import.independent
          : null;
    seen.add(r.schoolUnitCode);
    if (problem || !d) {
      errors.push({ line: row.line, message: problem ?? '' });
      continue;
    }
    const next = { name: r.name, forms: r.forms, districtId: d.id, contactEmail: r.contactEmail };
    const changes = old
      ? [
          old.name !== next.name && `namn: ${old.name} → ${next.name}`,
          old.forms.join(',') !== next.forms.join(',') && 'skolformer',
          old.districtId !== next.districtId && `stadsdel → ${d.name}`,
          old.contactEmail !== next.contactEmail && `funktionsadress → ${next.contactEmail}`,
        ].filter((c): c is string => Boolean(c))
      : [];
    planned.push({
      line: row.line,
      code: r.schoolUnitCode,
      name: r.name,
      action: !old ? 'create' : changes.length ? 'update' : 'unchanged',
      changes,
      data: next,
    });
  }
  return { errors, changes: planned.map(({ data: _d, ...c }) => c), planned };
}

/** Applies a file that has no errors, all of it in one batch; a file with errors changes nothing. */
export async function importSchools({
  db,
  csv,
  actorUserId,
  now,
}: {
  db: Db;
  csv: string;
  actorUserId: number | null;
  now: Date;
}) {
  const plan = await planSchoolImport({ db, csv, now });
  if (plan.errors.length > 0) return { ...plan, applied: false };
  const userId = (e: string) => sql`(select ${users.id} from ${users} where ${users.email} = ${e})`;
  const schoolId = (code: string) =>
    sql`(select ${schools.id} from ${schools} where ${schools.schoolUnitCode} = ${code})`;
  const statements = plan.planned.flatMap((p) => {
    if (p.action === 'unchanged') return [];
    const identity = [
      db
        .insert(users)
        .values({ email: p.data.contactEmail, createdAt: iso(now) })
        .onConflictDoNothing(),
      // The functional address is the school's contact; a principal set later is left alone.
      db
        .delete(memberships)
        .where(and(eq(memberships.role, 'contact'), sql`${memberships.schoolId} = ${schoolId(p.code)}`)),
      db
        .insert(memberships)
        .values({
          userId: userId(p.data.contactEmail),
          role: 'contact',
          schoolId: schoolId(p.code),
          createdAt: iso(now),
        })
        .onConflictDoNothing(),
    ];
    const school =
      p.action === 'create'
        ? db.insert(schools).values({
            ...p.data,
            ...cityOrganizer,
            schoolUnitCode: p.code,
            reference: newReference(),
            kind: 'kommunal',
            streetAddress: '',
            postcode: '',
            postalTown: 'Stockholm',
            principalName: '',
            principalEmail: '',
            status: 'active',
            registeredAt: iso(now),
            consentAt: iso(now),
          })
        : db.update(schools).set(p.data).where(eq(schools.schoolUnitCode, p.code));
    return [school, ...identity];
  });
  const counts = {
    created: plan.changes.filter((c) => c.action === 'create').length,
    updated: plan.changes.filter((c) => c.action === 'update').length,
  };
  await commitWithAudit(db, {
    now,
    statements: statements as [(typeof statements)[number], ...typeof statements],
    events: [
      { action: 'schools.imported', subjectType: 'register', subjectId: 'kommunala', actorUserId, data: counts },
    ],
  });
  return { ...plan, applied: true };
}
