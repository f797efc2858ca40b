// The static site in dist/ as `make demo` serves it: index.html loads selfeval.js and
// selfeval.wasm from the same origin and nothing from anywhere else.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, startServer } from './browser.mjs';

test('the served site parses a typed target and loads only its own files', async () => {
  const server = await startServer();
  const browser = await launch();
  try {
    const base = server.base;
    const { page, requests } = await openPage(browser, base);
    // The served site offers the same forms; open one to prove the wasm loaded from the server.
    await page.click('button[data-template="policy-evaluation"]');
    await page.waitForSelector('#indicator-table');
    assert.equal(await page.textContent('#total'), '0.00');
    await page.click('#about > summary');
    await page.click('#target-tool > summary');
    await page.fill('#target-input', '不低于1人次/月');
    const cells = await page.$$eval('#parts-table tbody td', (tds) => tds.map((td) => td.textContent));
    assert.deepEqual(cells, ['', '>=', '1', '人次', '月']);
    assert.deepEqual(requests.filter((u) => !u.startsWith(base)), []);
    assert.ok(requests.some((u) => u.endsWith('selfeval.wasm')));
  } finally {
    await browser.close();
    server.stop();
  }
});

// A form large enough for the engine worker (README: Limits), 4,000 rows: the static site starts
// it from selfeval-worker.js under its CSP with no violation; the frame, whose CSP refuses blob:
// workers, opens it on its own thread instead (the one report is the refused worker).
test('the served site opens a large form in its engine worker; under a CSP without blob: workers the element falls back', async () => {
  const { recordCspViolations } = await import('./browser.mjs');
  const { mkdtempSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const rows = [];
  for (let k = 0; k < 4000; k++) rows.push({ id: `r${k}`, name: `指标${k}`, weight: 1, target: `≥${k + 1}次`, direction: '正向' });
  const groups = [];
  for (let g = 0; g < 40; g++) groups.push({ id: `g${g}`, name: `类别${g}`, weight: 100, children: rows.slice(g * 100, g * 100 + 100) });
  const tpl = { format: 'selfeval.template.v1', id: 'served-large', name: '大型模板', version: '1', indicators: groups, total: 4000,
    grade_bands: [{ grade: '合格', min: 0, max: 4000 }] };
  const file = join(mkdtempSync(join(tmpdir(), 'selfeval-served-')), 'large.json');
  writeFileSync(file, JSON.stringify(tpl));
  const server = await startServer();
  const browser = await launch();
  try {
    const context = await browser.newContext();
    await recordCspViolations(context);
    const page = await context.newPage();
    await page.goto(server.base);
    await page.waitForSelector('body[data-ready="true"]');
    await page.setInputFiles('#template-file', file);
    await page.waitForSelector('#form[data-drawn]', { timeout: 30000 });
    assert.equal(await page.evaluate(() => document.body.dataset.engine), 'worker');
    await page.fill('#val-r0-actual', '1次');
    await page.waitForFunction(() => document.getElementById('total').textContent === '1.00');
    assert.deepEqual(await page.evaluate(() => window.__csp), []);

    const frame = await context.newPage();
    await frame.goto(server.base + 'embed.html');
    await frame.waitForFunction(() => customElements.get('selfeval-form'));
    const opened = await frame.evaluate((t) => document.querySelector('selfeval-form').loadTemplate(t).then((x) => x.id, (e) => String(e)), JSON.stringify(tpl));
    assert.equal(opened, 'served-large');
    assert.deepEqual(await frame.evaluate(() => window.__csp.map((v) => v.split(' ')[0])), ['worker-src']);
  } finally {
    await browser.close();
    server.stop();
  }
});
