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
