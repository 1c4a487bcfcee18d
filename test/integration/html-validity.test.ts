import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import vnuJar from 'vnu-jar';
import { coordinatorEmail } from '../../functions/db/seed-accounts';
import { confirmedAgreement, officerOf, schoolWithDraft, signAsSchool } from '../support/agreement-flows';
import { Visitor, validRegistration } from '../support/client';
import { signIn } from '../support/flows';
import { startPortal, type Portal } from '../support/portal';

// Every page type is valid HTML by the Nu Html Checker (vnu, run once over all pages with the
// machine's Java): the prerendered pages from the build and the on-demand pages as each kind of
// visitor gets them, forms with errors included.

let portal: Portal;
let dir: string;
beforeAll(async () => {
  portal = await startPortal();
  dir = mkdtempSync(join(tmpdir(), 'vnu-'));
});
afterAll(async () => {
  await portal?.close();
  rmSync(dir, { recursive: true, force: true });
});

const prerendered = (root = 'dist/client'): string[] =>
  readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.html'))
    .map((e) => join(e.parentPath, e.name));

describe('valid HTML', () => {
  it('every page type passes the Nu Html Checker', { timeout: 180_000 }, async () => {
    const pages = new Map<string, string>();
    const keep = async (name: string, res: Response | Awaited<ReturnType<Portal['fetch']>>) => {
      expect(res.status, name).toBeLessThan(500);
      // A redirect has no page of its own; the page it leads to is checked under its own name.
      if (res.status >= 300 && res.status < 400) return;
      pages.set(name, await res.text());
    };
    const anonymous = new Visitor(portal);
    for (const path of [
      '/registrera',
      '/logga-in',
      '/logga-in/skickat/',
      '/logga-in/bekrafta?token=x',
      '/sok?q=anm%C3%A4lan',
      '/stadsdelar/',
      '/stadsdelar/bromma/',
      '/statistik/',
      '/verifiera',
      '/oppna-data/',
      '/ingen-behorighet',
      '/dev/mail',
    ]) {
      await keep(`anonym ${path}`, await anonymous.get(path));
    }
    await keep(
      'registrering med fel',
      await anonymous.post('/registrera', validRegistration({ name: '', postcode: 'x' })),
    );
    await anonymous.post('/registrera', validRegistration());
    await keep('kontrollera', await anonymous.get('/registrera/kontrollera'));

    const { visitor, agreementId, officer } = await confirmedAgreement(portal, 'bromma');
    for (const path of [
      '/skola/',
      '/skola/overenskommelse/',
      `/skola/uppfoljning?id=${agreementId}`,
      `/overenskommelse/utskrift/${agreementId}`,
    ])
      await keep(`skola ${path}`, await visitor.get(path));
    const draft = await schoolWithDraft(portal, { district: 'bromma' });
    await keep('utkast', await draft.visitor.get(`/skola/overenskommelse/utkast?id=${draft.agreementId}`));
    await keep('granska', await draft.visitor.get(`/skola/overenskommelse/granska?id=${draft.agreementId}`));
    await signAsSchool(draft.visitor, draft.agreementId);
    const district = await officerOf(portal, 'bromma');
    for (const path of [
      '/stadsdel/',
      '/stadsdel/inkorg',
      '/stadsdel/kontakt',
      '/stadsdel/uppfoljning',
      `/stadsdel/overenskommelse/${draft.agreementId}`,
      `/stadsdel/uppfoljning?id=${agreementId}`,
    ])
      await keep(`stadsdel ${path}`, await district.get(path));
    await keep(
      'bekräfta med fel',
      await officer.post(`/stadsdel/overenskommelse/${draft.agreementId}?atgard=bekrafta`, {
        fullName: '',
        documentSha256: '0'.repeat(64),
      }),
    );
    const coordinator = new Visitor(portal);
    await signIn(portal, coordinator, coordinatorEmail);
    for (const path of [
      '/admin/',
      '/admin/mallar',
      '/admin/overenskommelser',
      '/admin/skolor',
      '/admin/stadsdelar',
      '/admin/stadsdelar/bromma',
      '/admin/rektor',
      `/admin/uppfoljning?id=${agreementId}`,
    ])
      await keep(`admin ${path}`, await coordinator.get(path));

    expect(pages.size).toBeGreaterThan(30);
    const files = [...pages].map(([name, html], i) => {
      const file = join(dir, `${String(i).padStart(3, '0')}-${name.replace(/[^\w]+/g, '-')}.html`);
      writeFileSync(file, html);
      return file;
    });
    let report = '';
    try {
      execFileSync('java', ['-jar', vnuJar, '--errors-only', '--format', 'gnu', ...prerendered(), ...files], {
        stdio: 'pipe',
      });
    } catch (error) {
      report = String((error as { stderr?: Buffer }).stderr ?? error);
    }
    expect(report.split('\n').filter(Boolean)).toEqual([]);
  });
});
