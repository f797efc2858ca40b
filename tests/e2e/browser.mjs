// Launches Debian's Chromium through playwright-core (never a downloaded browser) and
// records every request a page makes, so tests can assert the page stays offline.
import { chromium } from 'playwright-core';
import { join } from 'node:path';
import { root } from '../node/helpers.mjs';

export const distFile = (name) => 'file://' + join(root, 'dist', name);

export async function launch() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'],
  });
}

// Opens `url` in a fresh page at 1366×768; `requests` collects every URL requested.
export async function openPage(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  const requests = [];
  const errors = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 15000 });
  return { context, page, requests, errors };
}

// Starts tools/serve.mjs (dist/ under the documented CSP) on a free port.
export async function startServer() {
  const { spawn } = await import('node:child_process');
  const port = 20000 + Math.floor(Math.random() * 20000);
  const server = spawn(process.execPath, [join(root, 'tools/serve.mjs'), '--port', String(port)]);
  await new Promise((resolve, reject) => {
    server.stdout.on('data', (d) => { if (String(d).includes('served at')) resolve(); });
    server.on('exit', reject);
  });
  return { port, base: `http://127.0.0.1:${port}/`, stop: () => server.kill() };
}

// Records CSP violations (the securitypolicyviolation event) in every page of a context.
export async function recordCspViolations(context) {
  await context.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__csp.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sourceFile || '') + ':' + (e.lineNumber || ''));
    });
  });
}

// Screenshots of what the page shows now at the three screens the users have (two office
// laptops and a desktop): tests/e2e/artifacts/<name>-<w>x<h>.png. The viewport is put back.
export const SCREENS = [[1024, 768], [1366, 768], [1920, 1080]];
// `settle` (optional) runs after each resize, before the shot (to scroll something into view).
export async function screenshots(page, name, settle) {
  const { mkdirSync } = await import('node:fs');
  const dir = join(root, 'tests/e2e/artifacts');
  mkdirSync(dir, { recursive: true });
  const before = page.viewportSize();
  for (const [width, height] of SCREENS) {
    await page.setViewportSize({ width, height });
    await page.waitForTimeout(100);
    if (settle) { await settle(); await page.waitForTimeout(150); }
    await page.screenshot({ path: join(dir, `${name}-${width}x${height}.png`) });
  }
  if (before) await page.setViewportSize(before);
}
