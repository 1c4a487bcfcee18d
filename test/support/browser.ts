import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { chromiumArgs, chromiumPath } from '../../scripts/lib/chromium';
import { startPortal, type Portal } from './portal';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Debian's Chromium with a fresh profile; closing it removes the profile. */
export async function openBrowser({ javaScript = true } = {}): Promise<BrowserContext> {
  const profile = mkdtempSync(join(tmpdir(), 'samverkan-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    args: chromiumArgs,
    javaScriptEnabled: javaScript,
    locale: 'sv-SE',
  });
  // Chromium may still be writing into the profile as it closes; retry, never fail a test on it.
  context.on('close', () => {
    try {
      rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    } catch {
      // A leftover temp dir is harmless.
    }
  });
  return context;
}

type Served = { url: URL; close(): Promise<void> };
export type BrowserFixture<P extends Served> = {
  portal: P;
  browser: BrowserContext;
  /** Chromium with JavaScript off, when the file asked for it. */
  noJs: BrowserContext;
  url(path: string): string;
};

/**
 * The browser tests' one fixture: a portal and Chromium (and, when asked, a Chromium without
 * JavaScript), opened before a file's tests and closed after them. Read its fields in tests and
 * hooks, which run after it is open.
 */
export function browserFixture(options?: { withoutJavaScript?: boolean }): BrowserFixture<Portal>;
export function browserFixture<P extends Served>(options: {
  start: () => Promise<P>;
  withoutJavaScript?: boolean;
}): BrowserFixture<P>;
export function browserFixture({
  start = () => startPortal({ forBrowser: true }),
  withoutJavaScript = false,
}: { start?: () => Promise<Served>; withoutJavaScript?: boolean } = {}): BrowserFixture<Served> {
  const fixture = { url: (path: string) => new URL(path, fixture.portal.url).href } as BrowserFixture<Served>;
  beforeAll(async () => {
    fixture.portal = await start();
    fixture.browser = await openBrowser();
    if (withoutJavaScript) fixture.noJs = await openBrowser({ javaScript: false });
  });
  afterAll(async () => {
    await fixture.browser?.close();
    await fixture.noJs?.close();
    await fixture.portal?.close();
  });
  return fixture;
}

type Violation = { id: string; impact: string; help: string; nodes: { target: string[] }[] };

/** Runs axe-core against the page for WCAG 2.1 A and AA; returns the violations, readable. */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.waitForLoadState('load');
  // page.evaluate has no timeout of its own: a page that never settles fails here, by its address.
  return withTimeout(runAxe(page), 30_000, `axe on ${page.url()}`);
}

async function runAxe(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as { axe: { run: (ctx: Document, o: object) => Promise<{ violations: Violation[] }> } }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations;
  });
  return violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

/** Signs in through the UI as a person would: ask for a link, open it from /dev/mail, press the button. */
export async function signInAs(page: Page, base: URL, email: string) {
  await page.goto(new URL('/logga-in', base).href);
  await page.getByLabel('E-postadress').fill(email);
  await clickAndLoad(page.getByRole('button', { name: 'Skicka inloggningslänk' }));
  await page.goto(new URL('/dev/mail', base).href);
  await clickAndLoad(mailedLink(page, email));
  await clickAndLoad(page.getByRole('button', { name: 'Logga in' }));
}

/** The first link in the newest message to an address in the local outbox (/dev/mail). */
export function mailedLink(page: Page, to: string): Locator {
  return page
    .locator('.mail-list > li')
    .filter({ hasText: `Till ${to}` })
    .first()
    .getByRole('link')
    .first();
}

/**
 * Clicks a link or a submit button and waits until the page it leads to has loaded. Without the
 * wait the next step races the navigation: a goto cancels a POST still on its way (the mail it
 * sends may then be missing from /dev/mail), and axe may start on the page being left.
 */
export async function clickAndLoad(target: Locator): Promise<void> {
  const page = target.page();
  const committed = page.waitForEvent('framenavigated', (frame) => frame === page.mainFrame());
  await target.click();
  await committed;
  await page.waitForLoadState('load');
}

function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer in ${ms / 1000} s`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
