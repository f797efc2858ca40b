// Excel and CSV through the page: export the filled seed 001 form, open the exported
// workbook in a fresh browser and get the same answers, CSV with its BOM, and a template
// made from an indicator-list spreadsheet.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, openPage, distFile } from './browser.mjs';
import { root, runCli } from '../node/helpers.mjs';

let browser;
const dir = mkdtempSync(join(tmpdir(), 'selfeval-excel-'));
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

const seedAnswers = join(root, 'tests/golden/seed001-project/answers.json');

async function download(page, selector, name) {
  const [d] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  const file = join(dir, name);
  await d.saveAs(file);
  return { file, suggested: d.suggestedFilename() };
}

test('the page exports Excel and CSV, and reads its Excel back to the same answers', async () => {
  const a = await openPage(browser, distFile('selfeval.html'));
  await a.page.setInputFiles('#answers-file-2', seedAnswers);
  await a.page.waitForFunction(() => document.getElementById('total')?.textContent === '100.00');
  const xlsx = await download(a.page, '#export-xlsx', 'seed001.xlsx');
  assert.equal(xlsx.suggested, '2022年度-产业人才发展专项资金-项目支出绩效自评表.xlsx');
  const csv = await download(a.page, '#export-csv', 'seed001.csv');
  const bytes = readFileSync(csv.file);
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  assert.match(bytes.toString('utf8'), /\r\n总分,,,,,100,100\.00,\r\n/);
  // The bureau's CLI reads the page's workbook to the answers that were loaded.
  const native = runCli(['import-xlsx', xlsx.file]);
  assert.equal(native.status, 0, native.stderr);
  assert.deepEqual(JSON.parse(native.stdout), JSON.parse(readFileSync(seedAnswers, 'utf8')));
  await a.context.close();

  // A fresh browser (no drafts) opens the workbook as an answers file.
  const b = await openPage(browser, distFile('selfeval.html'));
  await b.page.setInputFiles('#answers-file-2', xlsx.file);
  await b.page.waitForFunction(() => document.getElementById('total') && document.getElementById('total').textContent === '100.00');
  const saved = await download(b.page, '#save-answers', 'back.answers.json');
  assert.deepEqual(JSON.parse(readFileSync(saved.file, 'utf8')), JSON.parse(readFileSync(seedAnswers, 'utf8')));
  assert.deepEqual(b.requests.filter((u) => !u.startsWith('file://') && !u.startsWith('data:') && !u.startsWith('blob:')), []);
  await b.context.close();
});

test('a template from an indicator list (.csv) opens as a form; a broken list is explained', async () => {
  const list = join(dir, '培训项目.csv');
  writeFileSync(list, '\uFEFF一级,二级,三级,年度指标值,分值,方向,规则\r\n产出指标,数量指标,培训人数,≥15名/年,50,正向,\r\n' +
    '效益指标,社会效益指标,投诉次数,≤5次,40,反向,\r\n满意度指标,满意度指标,学员满意度,≥90%,10,,\r\n');
  const { context, page } = await openPage(browser, distFile('selfeval.html'));
  await page.setInputFiles('#template-file', list);
  await page.waitForSelector('#indicator-table');
  assert.equal(await page.textContent('#form-title'), '培训项目');
  const names = await page.$$eval('#indicator-table th.leaf-name', (ths) => ths.map((t) => t.textContent.trim()));
  assert.deepEqual(names, ['培训人数', '投诉次数', '学员满意度']);
  const bad = join(dir, 'bad.csv');
  writeFileSync(bad, '一级,二级,三级,年度指标值,分值\n产出,数量,培训,1次,四十\n');
  await page.setInputFiles('#template-file', bad);
  await page.waitForFunction(() => /第 2 行（E2）/.test(document.getElementById('status').textContent));
  await context.close();
});

const sheets = join(root, 'tests/data/sheets');

test('the page reads office files as they show: 95% typed in Excel, a GB18030 list, an .xls list with its limits named', async () => {
  const { context, page } = await openPage(browser, distFile('selfeval.html'));
  // 95% typed into 实际完成值 (exceljs stands in for Excel): the total the page gives for typing 95%.
  await page.setInputFiles('#answers-file-2', join(sheets, 'seed001-percent.exceljs.xlsx'));
  await page.waitForFunction(() => document.getElementById('total')?.textContent === '99.25');
  // A GB18030 CSV indicator list (Excel's "CSV (逗号分隔)" on Chinese Windows), rare characters included.
  await page.setInputFiles('#template-file', join(sheets, 'list.gb18030.csv'));
  await page.waitForFunction(() => document.getElementById('form-title')?.textContent === 'list.gb18030');
  const names = await page.$$eval('#indicator-table th.leaf-name', (ths) => ths.map((t) => t.textContent.trim()));
  assert.deepEqual(names, ['培训人数', '结业率', '完成时间', '政策知晓率', '学员满意度（䶮𠀀）']);
  const targets = await page.$$eval('#indicator-table td.target', (tds) => tds.map((t) => t.textContent.trim()));
  assert.ok(targets.includes('95%') && targets.includes('100%') && targets.includes('2022年12月31日'), targets.join('|'));
  // An .xls list opens too, and the page says what .xls cannot carry and how to save as .xlsx.
  await page.setInputFiles('#template-file', join(sheets, 'list.xls'));
  await page.waitForFunction(() => document.getElementById('form-title')?.textContent === 'list');
  const status = await page.textContent('#status');
  assert.match(status, /Excel 97-2003 文件（\.xls）/);
  assert.match(status, /另存为”Excel 工作簿（\.xlsx）/);
  assert.match(status, /第 3 行（D3）/);
  assert.equal(await page.getAttribute('#status', 'class'), 'status warning');
  await page.screenshot({ path: join(root, 'tests/e2e/artifacts/xls-list-warning.png') });
  await context.close();
});
