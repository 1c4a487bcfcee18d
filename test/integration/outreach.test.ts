import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, outbox } from '../../functions/db/schema';
import { coordinatorEmail } from '../../functions/db/seed-accounts';
import { syncSchoolUnits } from '../../functions/domain/sync-school-units';
import { messages } from '../../functions/messages';
import { Visitor, register, validRegistration } from '../support/client';
import { signIn } from '../support/flows';
import { startPortal, type Portal } from '../support/portal';

// Outreach against the recorded register: the coordinator sees the active independent units in
// Stockholm that are not in the network and invites one, through the outbox, audited, once.

let portal: Portal;
let coordinator: Visitor;
beforeAll(async () => {
  portal = await startPortal();
  await syncSchoolUnits({
    db: portal.db,
    config: { baseUrl: portal.skolverket.url, timeoutMs: 3_000 },
    now: new Date(),
  });
  coordinator = new Visitor(portal);
  await signIn(portal, coordinator, coordinatorEmail);
  // One independent unit of the register has registered already.
  expect((await register(new Visitor(portal), validRegistration({ schoolUnitCode: '91000203' }))).status).toBe(303);
});
afterAll(async () => portal?.close());

const outsideList = async () => {
  const html = await (await coordinator.get('/admin/skolenheter')).text();
  return html.slice(html.indexOf('Fristående skolenheter som inte är med'));
};
const invite = (code: string) => coordinator.post('/admin/skolenheter?atgard=bjud-in', { schoolUnitCode: code });
const lettersTo = (to: string) => portal.db.select().from(outbox).where(eq(outbox.to, to));

describe('the units outside the network', () => {
  it('lists the active independent units in Stockholm that have not registered, and nothing else', async () => {
    const list = await outsideList();
    expect(list).toContain('Exempelskolan Bromma');
    expect(list).toContain('expedition@exempelskolanbromma.example');
    // Registered, municipal, closed or dormant, run by the state, or in another municipality.
    for (const name of [
      'Montessoriskolan Söder',
      'Björkdalens skola',
      'Nedlagda testskolan Vasastan',
      'Vilande testskolan Spånga',
      'Teststatens specialskola',
      'Testskolan Solna',
    ]) {
      expect(list, name).not.toContain(name);
    }
  });
});

describe('an invitation', () => {
  it('sent twice at once is one letter to the register’s address, with one audit event; its link opens the registration prefilled', async () => {
    const to = 'expedition@exempelskolanbromma.example';
    const answers = await Promise.all([invite('91000201'), invite('91000201')]);
    expect(answers.map((a) => a.status).sort()).toEqual([303, 409]);
    const sent = answers.find((a) => a.status === 303);
    expect(sent?.headers.get('location')).toBe('/admin/skolenheter?inbjuden=91000201');
    expect(await answers.find((a) => a.status === 409)?.text()).toContain(messages.errors.UNIT_INVITED_RECENTLY);
    expect(await (await coordinator.get('/admin/skolenheter?inbjuden=91000201')).text()).toContain(
      `Inbjudan till Exempelskolan Bromma är skickad till ${to}`,
    );

    const letters = await lettersTo(to);
    expect(letters).toHaveLength(1);
    // From the configured public origin, whatever address the coordinator used.
    const link = 'http://portal.test/registrera?skolenhetskod=91000201';
    expect(letters[0]?.links).toEqual([link]);
    expect(letters[0]?.body).toContain(link);
    const events = await portal.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'school-unit.invited'), eq(auditEvents.subjectId, '91000201')));
    expect(events).toHaveLength(1);
    expect(events[0]?.data).toMatchObject({ email: to });

    const school = new Visitor(portal);
    const opened = await school.get(new URL(link).pathname + new URL(link).search);
    expect(opened.headers.get('location')).toBe('/registrera/uppgifter');
    expect(await (await school.get('/registrera/uppgifter')).text()).toContain('value="Exempelskolan Bromma"');
  });

  it('is refused again within 30 days, and for a unit in the network, saying why and sending nothing', async () => {
    await invite('91000202');
    const again = await invite('91000202');
    expect(again.status).toBe(409);
    expect(await again.text()).toContain(messages.errors.UNIT_INVITED_RECENTLY);
    expect(await lettersTo('expedition@friakunskapsskolankista.example')).toHaveLength(1);
    expect(await outsideList()).toMatch(/Fria Kunskapsskolan Kista[\s\S]*?Kan bjudas in igen från/);

    const registered = await invite('91000203');
    expect(registered.status).toBe(409);
    expect(await registered.text()).toContain(messages.errors.UNIT_IN_NETWORK);
    expect(await lettersTo('expedition@montessoriskolansoder.example')).toHaveLength(0);
  });
});
