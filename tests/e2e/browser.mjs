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
