import { desc, eq } from 'drizzle-orm';
import { agreements } from '../../functions/db/schema';
import { officerEmail } from '../../functions/db/seed-accounts';
import { getCurrentTemplate } from '../../functions/domain/templates';
import { additionFields, sectionField } from '../../functions/validation/agreement';
import { Visitor } from './client';
import { registerAndSignIn, signIn } from './flows';
import type { Portal } from './portal';

/** Every local addition filled in, as the school would. */
export async function filledAdditions(portal: Portal): Promise<Record<string, string>> {
  const template = await getCurrentTemplate({ db: portal.db });
  if (!template) throw new Error('Ingen mall');
  return Object.fromEntries(
    additionFields(template.content).map((f) => [
      f,
      f.startsWith('section.') ? `Lokalt för ${f.slice(8)}: mottagningsfunktionen och elevhälsan.` : '',
    ]),
  );
}

export const sha256Of = (html: string) => /name="documentSha256" value="([0-9a-f]{64})"/.exec(html)?.[1] ?? '';

/** A verified school with a draft filled in; returns ids and the visitor. */
export async function schoolWithDraft(portal: Portal, overrides: Record<string, string | string[]> = {}) {
  const school = await registerAndSignIn(portal, overrides);
  const started = await school.visitor.post('/skola/overenskommelse?atgard=starta', {
    schoolId: String(school.school.id),
  });
  if (started.status !== 303) throw new Error(`Kunde inte påbörja: ${started.status}`);
  const [agreement] = await portal.db
    .select()
    .from(agreements)
    .where(eq(agreements.schoolId, school.school.id))
    .orderBy(desc(agreements.id))
    .limit(1);
  if (!agreement) throw new Error('Ingen överenskommelse');
  const saved = await school.visitor.post(`/skola/overenskommelse/utkast?id=${agreement.id}`, {
    ...(await filledAdditions(portal)),
    action: 'granska',
  });
  if (saved.status !== 303) throw new Error(`Kunde inte spara: ${saved.status} ${await saved.text()}`);
  return { ...school, agreementId: agreement.id };
}

/** The principal signs what the preview shows. */
export async function signAsSchool(visitor: Visitor, agreementId: number) {
  const preview = await (await visitor.get(`/skola/overenskommelse/granska?id=${agreementId}`)).text();
  return visitor.post(`/skola/overenskommelse/granska?id=${agreementId}`, {
    fullName: 'Åsa Öberg',
    statement: 'ja',
    documentSha256: sha256Of(preview),
  });
}

export async function officerOf(portal: Portal, slug: string) {
  const officer = new Visitor(portal);
  await signIn(portal, officer, officerEmail(slug));
  return officer;
}

export async function confirmAsDistrict(officer: Visitor, agreementId: number) {
  const page = await (await officer.get(`/stadsdel/overenskommelse/${agreementId}`)).text();
  return officer.post(`/stadsdel/overenskommelse/${agreementId}?atgard=bekrafta`, {
    fullName: 'Karin Handläggare',
    statement: 'ja',
    documentSha256: sha256Of(page),
  });
}

/** A school whose agreement the district has confirmed. */
export async function confirmedAgreement(portal: Portal, district = 'sodermalm') {
  const school = await schoolWithDraft(portal, { district });
  await signAsSchool(school.visitor, school.agreementId);
  const officer = await officerOf(portal, district);
  const res = await confirmAsDistrict(officer, school.agreementId);
  if (res.status !== 303) throw new Error(`Kunde inte bekräfta: ${res.status}`);
  return { ...school, officer };
}

export { sectionField };
