// Shared set-up for the browser tests: Debian's Chromium through playwright-core, a page that
// records every console error and page error, screenshots, and layout checks.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { repoRoot } from '../support/server.mjs';

export const webDist = join(repoRoot, 'web', 'dist');
export const screenshotDir = join(repoRoot, 'tests', 'e2e', 'screenshots');
export const fixture = (name) => join(repoRoot, 'tests', 'data', name);

export const VIEWPORTS = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 360, height: 740 },
};

/** Fails early with a useful message instead of a blank page. */
export function requireBuiltWeb() {
  if (!existsSync(join(webDist, 'index.html'))) {
    throw new Error(`no built web UI in ${webDist}: run \`npm --prefix web ci && npm --prefix web run build\` first`);
  }
}

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_BIN || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

/**
 * A fresh browser profile with one page. `problems` collects console errors and uncaught page
 * errors; `expect(re)` allows one kind of console error the test provokes on purpose (a 404 the
 * server must answer, for instance).
 */
export async function openPage(browser, { viewport, locale, baseUrl }) {
  const context = await browser.newContext({ viewport, locale, baseURL: baseUrl });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl });
  const page = await context.newPage();
  const allowed = [];
  const problems = [];
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const text = `${msg.text()} @ ${msg.location().url || '?'}`;
    if (!allowed.some((re) => re.test(text))) problems.push(`console error: ${text}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  return {
    context,
    page,
    problems,
    expect(re) {
      allowed.push(re);
    },
    assertClean() {
      assert.deepEqual(problems, [], 'the page logged errors');
    },
  };
}

export async function shot(page, name) {
  mkdirSync(screenshotDir, { recursive: true });
  const path = join(screenshotDir, `${name}.png`);
  await page.evaluate(() => document.activeElement?.blur()); // no focus ring in the picture
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** With UPDATE_DOC_SCREENSHOTS=1 a screenshot also goes to docs/screenshots/ for the README. */
export function publish(path, docName) {
  if (process.env.UPDATE_DOC_SCREENSHOTS !== '1') return;
  const dir = join(repoRoot, 'docs', 'screenshots');
  mkdirSync(dir, { recursive: true });
  copyFileSync(path, join(dir, docName));
}

/** The page must fit the viewport: no sideways scrolling on a 360 px phone. */
export async function assertFits(page, where) {
  const { scroll, client } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  assert.ok(scroll <= client, `${where}: page is ${scroll}px wide in a ${client}px viewport`);
}
