// What a clerk hands on (issue 15): the year typed into 年度 reaches the printed title,
// every download's file name and the signed submission; signing a form with an error is
// refused with the errors listed, each taking the clerk to its field.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, openPage, distFile } from './browser.mjs';
import { root } from '../node/helpers.mjs';

const base = '2022年度-产业人才发展专项资金-项目支出绩效自评表';

async function download(page, selector) {
  const [d] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  return d;
}

test('the year typed into 年度 reaches the print title, every file name and the signed submission', async () => {
  const browser = await launch();
  try {
    const { page } = await openPage(browser, distFile('selfeval.html'));
    const answers = JSON.parse(readFileSync(join(root, 'tests/golden/seed001-project/answers.json'), 'utf8'));
    delete answers.year;
    delete answers.unit.year;
    const dir = mkdtempSync(join(tmpdir(), 'selfeval-year-'));
    const file = join(dir, 'noyear.json');
    (await import('node:fs')).writeFileSync(file, JSON.stringify(answers));
    await page.setInputFiles('#answers-file-2', file);
    await page.waitForSelector('#indicator-table');
    await page.fill('#unit-year', '2022');
    await page.waitForFunction(() => /2022年度项目支出绩效自评表/.test(document.getElementById('print-sheet').textContent), null, { timeout: 5000 });
    assert.equal((await download(page, '#export-xlsx')).suggestedFilename(), base + '.xlsx');
    assert.equal((await download(page, '#export-csv')).suggestedFilename(), base + '.csv');
    assert.equal((await download(page, '#save-answers')).suggestedFilename(), base + '.json');
    // The year survives a reload in its field (it lives in the answers' year).
    await page.waitForTimeout(400);  // the draft is written a moment after typing stops
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    await page.waitForSelector('#indicator-table');  // the open draft comes back
    assert.equal(await page.inputValue('#unit-year'), '2022');
    // Signed: the file name and the submission's year.
    await page.click('#signing-panel > summary');
    await page.setInputFiles('#key-import', join(root, 'schemas/examples/unit.key.json'));
    await page.waitForFunction(() => /[0-9a-f]{4} [0-9a-f]{4}/.test(document.getElementById('key-status').textContent));
    await page.fill('#key-pass', 'selfeval-示例口令-2023');
    const signed = await download(page, '#export-signed');
    assert.equal(signed.suggestedFilename(), base + '.signed.json');
    const out = join(dir, 'out.signed.json');
    await signed.saveAs(out);
    const env = JSON.parse(readFileSync(out, 'utf8'));
    assert.equal(env.submission.year, 2022);
    assert.equal(env.submission.answers.year, 2022);
  } finally {
    await browser.close();
  }
});

test('signing a form with an error is refused and its errors are listed, each jumping to its field', async () => {
  const browser = await launch();
  try {
    const { page } = await openPage(browser, distFile('selfeval.html'));
    await page.setInputFiles('#answers-file-2', join(root, 'tests/golden/seed001-project/answers.json'));
    await page.waitForSelector('#indicator-table');
    const first = await page.$eval('#indicator-table tbody tr[data-id]', (tr) => tr.dataset.id);
    await page.fill(`#val-${first}-actual`, '完成');
    await page.click('#signing-panel > summary');
    await page.setInputFiles('#key-import', join(root, 'schemas/examples/unit.key.json'));
    await page.waitForFunction(() => /[0-9a-f]{4} [0-9a-f]{4}/.test(document.getElementById('key-status').textContent));
    await page.fill('#key-pass', 'selfeval-示例口令-2023');
    let downloaded = false;
    page.on('download', () => { downloaded = true; });
    await page.click('#export-signed');
    await page.waitForSelector('#sign-errors:not([hidden])');
    assert.match(await page.textContent('#sign-errors'), /表单有 1 处错误，改正后才能签名/);
    assert.match(await page.textContent('#sign-errors'), /没有数值/);
    await page.click('#sign-errors button.jump');
    assert.equal(await page.evaluate(() => document.activeElement.id), `val-${first}-actual`);
    await page.waitForTimeout(300);
    assert.equal(downloaded, false);
  } finally {
    await browser.close();
  }
});
