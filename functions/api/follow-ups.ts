import { Hono } from 'hono';
import { openDb } from '../db/client';
import { getFollowUp, saveFollowUp } from '../domain/follow-ups';
import { followUpFields, followUpSchema } from '../validation/follow-up';
import { keepValues, parseForm, readForm } from './form';
import { areaRoles } from '../domain/access';
import { requireRole } from './middleware';
import { renderPage } from './render';
import { idParam, signedInUser } from './params';
import type { AppEnv } from './types';

const pageFor = { school: '/skola/uppfoljning', district: '/stadsdel/uppfoljning' } as const;

/** Both parties' yearly follow-up of an agreement: save a draft or submit. */
export const followUpRoutes = new Hono<AppEnv>()
  .use(requireRole(...areaRoles.followUp))
  .post('/:id', async (c) => {
    const id = idParam(c);
    const user = signedInUser(c);
    const db = openDb(c.env.DB);
    const { action, ...values } = await readForm(c);
    const { doc, side } = await getFollowUp({ db, user, agreementId: id, now: new Date() });
    const submit = action === 'skicka';
    const parsed = parseForm(followUpSchema(doc.template.content, { complete: submit }), values, followUpFields(doc.template.content));
    if (!parsed.ok) return renderPage(c, `${pageFor[side]}?id=${id}`, { values: keepValues(values), errors: parsed.errors }, 400);
    await saveFollowUp({ db, user, agreementId: id, answers: parsed.data, submit, now: new Date() });
    return c.redirect(`${pageFor[side]}?id=${id}&${submit ? 'skickat' : 'sparat'}=1`, 303);
  });
