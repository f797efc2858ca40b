// How the one-file page starts and redraws: the wasm unpacks with the browser's
// DecompressionStream, without it (the JS inflate), and without streaming compilation; and
// findings drawn edit by edit (per row) are exactly what a full redraw shows.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { launch, openPage, distFile } from './browser.mjs';
import { root } from '../node/helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

async function startsWith(initScript) {
  const context = await browser.newContext();
  await context.addInitScript(initScript);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(distFile('selfeval.html'));
  await page.waitForSelector('body[data-ready="true"]', { timeout: 20000 });
  await page.click('button[data-template="project-self-assessment"]');
  await page.waitForFunction(() => /^\d+\.\d\d$/.test(document.getElementById('total')?.textContent || ''));
  const marks = await page.evaluate(() => performance.getEntriesByType('mark').map((m) => m.name));
  await context.close();
  assert.deepEqual(errors, []);
  return marks;
}

test('the engine starts with streaming compilation, with only DecompressionStream, and with neither', async () => {
  // Default: compiled while unpacked, so the "unpacked" mark of the buffered path is absent.
  assert.ok(!(await startsWith(() => {})).includes('selfeval:unpacked'));
  const noStreaming = await startsWith(() => { WebAssembly.instantiateStreaming = undefined; });
  assert.ok(noStreaming.includes('selfeval:unpacked'));
  const noDecompression = await startsWith(() => { delete window.DecompressionStream; });
  assert.ok(noDecompression.includes('selfeval:unpacked'));
});

// What the page shows of the findings: the summary list, the counts, every message box
// and every marked field.
function snapshot(page) {
  return page.evaluate(() => ({
    // Each entry's words and its code (kept for support in the entry's tooltip).
    list: [...document.querySelectorAll('#summary-list li')].map((li) => li.className + ' ' + li.title + ' ' + li.textContent),
    counts: document.getElementById('summary-counts').textContent,
    boxes: Object.fromEntries([...document.querySelectorAll('#form .msg')].filter((b) => b.textContent).map((b) => [b.id || b.parentNode.id, b.textContent])),
    invalid: [...document.querySelectorAll('#form [aria-invalid]')].map((e) => `${e.id}=${e.getAttribute('aria-invalid')}`).sort(),
    total: document.getElementById('total').textContent,
  }));
}

test('findings drawn row by row while editing equal a full redraw of the same answers', async () => {
  const { context, page } = await openPage(browser, distFile('selfeval.html'));
  await page.setInputFiles('#answers-file-2', join(root, 'tests/golden/seed001-project/answers.json'));
  await page.waitForFunction(() => document.getElementById('total')?.textContent === '100.00');
  const list = async () => page.$$eval('#summary-list li', (ls) => ls.map((li) => li.title + ' ' + li.textContent).join('\n'));
  await page.fill('#val-q1-actual', '0次');
  assert.match(await list(), /reason\.missing_below_weight/);
  await page.fill('#val-q2-actual', '0场');
  await page.fill('#unit-project_name', '');
  assert.match(await list(), /unit\.field_missing/);
  await page.fill('#val-q1-actual', '1次');
  await page.fill('#val-q2-reason', '已全部完成');
  const edited = await snapshot(page);
  assert.notEqual(edited.total, '100.00');
  assert.ok(edited.list.some((x) => /reason\.contradicts_score/.test(x)), 'the contradicting reason is listed');
  assert.ok(!edited.list.some((x) => /指标|q1/.test(x) && /reason\.missing_below_weight/.test(x) && /政策调研/.test(x)), 'q1 is fine again');
  // Reload: the draft opens with a full redraw.
  await page.waitForTimeout(600);
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  await page.waitForFunction((t) => document.getElementById('total')?.textContent === t, edited.total);
  assert.deepEqual(await snapshot(page), edited);
  await context.close();
});
