// The one-file page, opened from disk: typing a target shows its parsed form live,
// and the page makes no request besides loading itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launch, openPage, distFile } from './browser.mjs';
import { root } from '../node/helpers.mjs';

test('typing a target in dist/selfeval.html shows its parsed parts and findings', async () => {
  const browser = await launch();
  try {
    const { page, requests, errors } = await openPage(browser, distFile('selfeval.html'));
    await page.click('#about > summary');  // a developer's tool, in 关于 / 高级
    await page.click('#target-tool > summary');
    await page.fill('#target-input', '展馆每年不少于10000人次，展厅不少于3000人次');
    const rows = await page.$$eval('#parts-table tbody tr', (trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)));
    assert.deepEqual(rows, [['展馆', '>=', '10000', '人次', '年'], ['展厅', '>=', '3000', '人次', '年']]);
    assert.equal(await page.textContent('#target-kind'), '复合');

    await page.fill('#target-input', '≥100百分比');
    // The code for support is in each finding's tooltip; the text is the message in words.
    const codes = () => page.$$eval('#target-findings li', (ls) => ls.map((l) => l.title).join(' '));
    assert.match(await codes(), /target\.unknown_unit/);
    assert.match(await page.textContent('#target-findings'), /^提醒：|^错误：/);

    await page.selectOption('#direction', '反向');
    await page.fill('#target-input', '≥95%');
    assert.match(await codes(), /target\.direction_conflict/);

    // HTML typed into the field is shown as text, never run.
    await page.fill('#target-input', '<img src=x onerror="window.__pwned=1">≥5个');
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    assert.match(await page.textContent('#target-json'), /<img src=x/);

    await page.click('#lang-switch');
    assert.equal(await page.textContent('#target-heading'), 'Target parser');

    mkdirSync(join(root, 'tests/e2e/artifacts'), { recursive: true });
    await page.screenshot({ path: join(root, 'tests/e2e/artifacts/target-demo.png') });
    assert.deepEqual(errors, []);
    assert.deepEqual(requests.filter((u) => !u.startsWith('file://')), [], 'no network request');
    assert.equal(requests.length, 1, `only the page itself is loaded: ${requests}`);
  } finally {
    await browser.close();
  }
});
