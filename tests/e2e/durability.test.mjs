// Nothing typed is lost: Chromium killed (SIGKILL) in the middle of filling a form keeps
// every value typed more than a second before the kill, and with browser storage
// unavailable (private mode, quota full) the page says so, offers a file, and asks
// before the page is closed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { launch, openPage, distFile } from './browser.mjs';

// Debian's Chromium as its own process (so it can be killed), driven over CDP.
async function startChromium(profile) {
  const portFile = join(profile, 'DevToolsActivePort');
  rmSync(portFile, { force: true });  // a killed browser leaves its old one behind
  const proc = spawn('/usr/bin/chromium', ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--no-first-run', '--disable-sync', `--user-data-dir=${profile}`, '--remote-debugging-port=0',
    'about:blank'], { stdio: 'ignore', detached: true });
  for (let i = 0; i < 200 && !existsSync(portFile); i++) await new Promise((r) => setTimeout(r, 50));
  let port = '';
  for (let i = 0; i < 100 && !port; i++) {
    port = readFileSync(portFile, 'utf8').split('\n')[0];
    if (!port) await new Promise((r) => setTimeout(r, 50));
  }
  const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
  const context = browser.contexts()[0];
  const page = context.pages()[0] || await context.newPage();
  return { proc, browser, page };
}

test('a killed browser loses nothing typed more than a second before the kill', async () => {
  const profile = mkdtempSync(join(tmpdir(), 'selfeval-profile-'));
  let c = await startChromium(profile);
  await c.page.goto(distFile('selfeval.html'));
  await c.page.waitForSelector('body[data-ready="true"]');
  await c.page.click('button[data-template="project-self-assessment"]');
  await c.page.waitForSelector('#indicator-table');
  await c.page.fill('#unit-project_name', '产业人才发展专项资金');
  await c.page.fill('#bud-total-adjusted', '14.53');
  await c.page.fill('#bud-total-executed', '14.53');
  await c.page.click('button.add[data-parent="output.quantity"]');
  await c.page.waitForSelector('#def-r1-name');
  await c.page.fill('#def-r1-name', '政策调研、咨询');
  await c.page.fill('#def-r1-target', '1次');
  await c.page.fill('#def-r1-weight', '20');
  await c.page.fill('#val-r1-actual', '1次');
  await c.page.fill('#text-goals\\.expected', '打造人才创新创业优质生态圈');
  await c.page.waitForTimeout(1200);
  // Typed just before the kill: may or may not survive; everything above must.
  await c.page.fill('#unit-department', '番禺区委组织部');
  process.kill(-c.proc.pid, 'SIGKILL');
  await new Promise((r) => c.proc.once('exit', r));

  c = await startChromium(profile);
  try {
    await c.page.goto(distFile('selfeval.html'));
    await c.page.waitForSelector('body[data-ready="true"]');
    await c.page.waitForSelector('#indicator-table', { timeout: 5000 });
    assert.equal(await c.page.inputValue('#unit-project_name'), '产业人才发展专项资金');
    assert.equal(await c.page.inputValue('#bud-total-adjusted'), '14.53');
    assert.equal(await c.page.inputValue('#bud-total-executed'), '14.53');
    assert.equal(await c.page.inputValue('#def-r1-name'), '政策调研、咨询');
    assert.equal(await c.page.inputValue('#def-r1-target'), '1次');
    assert.equal(await c.page.inputValue('#val-r1-actual'), '1次');
    assert.equal(await c.page.inputValue('#text-goals\\.expected'), '打造人才创新创业优质生态圈');
  } finally {
    await c.browser.close().catch(() => {});
    try { process.kill(-c.proc.pid, 'SIGKILL'); } catch { /* gone */ }
  }
});

test('with storage unavailable the page says so, offers a file and asks before closing', async () => {
  const browser = await launch();
  try {
    // Quota full: both stores refuse every write.
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, acceptDownloads: true });
    await context.addInitScript(() => {
      const full = () => { throw new DOMException('quota', 'QuotaExceededError'); };
      Storage.prototype.setItem = full;
      IDBObjectStore.prototype.put = full;
    });
    const page = await context.newPage();
    await page.goto(distFile('selfeval.html'));
    await page.waitForSelector('body[data-ready="true"]');
    await page.click('button[data-template="project-self-assessment"]');
    await page.waitForSelector('#indicator-table');
    await page.fill('#unit-project_name', '不会丢的项目');
    await page.waitForSelector('#storage-warning:not([hidden])');
    assert.match(await page.textContent('#storage-warning'), /无法在本机保存草稿/);
    assert.match(await page.textContent('#save-status'), /无法保存到本机/);
    const [d] = await Promise.all([page.waitForEvent('download'), page.click('#storage-save-file')]);
    const saved = JSON.parse(readFileSync(await d.path(), 'utf8'));
    assert.equal(saved.unit.project_name, '不会丢的项目');
    // Typed again after the file was saved: closing the page asks first.
    await page.fill('#unit-department', '还没保存的部门');
    const asked = new Promise((resolve) => page.once('dialog', (dialog) => { resolve(dialog.type()); dialog.dismiss(); }));
    await page.close({ runBeforeUnload: true });
    assert.equal(await asked, 'beforeunload');
    // Stayed (the question dismissed): the page is still open with what was typed. (Asking the
    // page also waits for the dialog's round trip to end before the context is closed.)
    assert.equal(await page.inputValue('#unit-department'), '还没保存的部门');
    await context.close();

    // Private mode without any storage: the warning is there before anything is typed.
    const priv = await browser.newContext();
    await priv.addInitScript(() => {
      Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('denied', 'SecurityError'); } });
      Object.defineProperty(window, 'indexedDB', { value: undefined });
    });
    const p2 = await priv.newPage();
    await p2.goto(distFile('selfeval.html'));
    await p2.waitForSelector('body[data-ready="true"]');
    assert.equal(await p2.isVisible('#storage-warning'), true);
    await priv.close();
  } finally {
    await browser.close();
  }
});
