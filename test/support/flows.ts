import { eq } from 'drizzle-orm';
import { outbox, schools } from '../../functions/db/schema';
import { Visitor, register, validRegistration } from './client';
import { linkFor, tokenOf, type Portal } from './portal';

/** Registers a school through the forms and signs its principal in; returns the visitor. */
export async function registerAndSignIn(portal: Portal, overrides: Record<string, string | string[]> = {}) {
  const visitor = new Visitor(portal);
  const form = validRegistration(overrides);
  const sent = await register(visitor, form);
  if (sent.status !== 303) throw new Error(`Registreringen misslyckades: ${sent.status}`);
  await signIn(portal, visitor, form.principalEmail as string, { request: false });
  const [school] = await portal.db
    .select()
    .from(schools)
    .where(eq(schools.schoolUnitCode, form.schoolUnitCode as string));
  if (!school) throw new Error('Skolan finns inte');
  return { visitor, form, school };
}

/** Asks for a link (unless one was just mailed) and spends it with the button. */
export async function signIn(portal: Portal, visitor: Visitor, email: string, { request = true } = {}) {
  if (request) await visitor.post('/logga-in', { email });
  const res = await visitor.post('/logga-in/bekrafta', { token: tokenOf(await linkFor(portal, email)) });
  if (res.status !== 303) throw new Error(`Inloggningen misslyckades: ${res.status}`);
  return res;
}

/** A letter that failed for good in the outbox, which the coordinator may resend or discard; its id. */
export async function failedMail(portal: Portal, to = 'a@fel.example', extra: { lastError?: string } = {}) {
  const [mail] = await portal.db
    .insert(outbox)
    .values({
      to,
      subject: 'Påminnelse',
      body: 'Hej!',
      links: [],
      createdAt: new Date().toISOString(),
      status: 'failed',
      attempts: 6,
      ...extra,
    })
    .returning({ id: outbox.id });
  if (!mail) throw new Error('Inget brev skrevs');
  return mail.id;
}
