// The official print layout: the filled seed 001 form (and the 23-row policy form)
// printed to PDF by headless Chromium, then read back with poppler: A4 landscape, every
// indicator name in the text layer, the table's header row on every page the table
// reaches, page numbers; page images for people to look at.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, openPage, distFile } from './browser.mjs';
import { root } from '../node/helpers.mjs';

const artifacts = join(root, 'tests/e2e/artifacts');
let browser;
before(async () => { mkdirSync(artifacts, { recursive: true }); browser = await launch(); });
after(async () => { await browser.close(); });

const squash = (s) => s.replace(/\s+/g, '');

async function printCase(name) {
  const dir = join(root, 'tests/golden', name);
  const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8'));
  const { context, page } = await openPage(browser, distFile('selfeval.html'));
  await page.setInputFiles('#answers-file-2', join(dir, 'answers.json'));
  await page.waitForFunction((t) => document.getElementById('total') && document.getElementById('total').textContent === t, expected.total);
  const file = join(artifacts, `${name}-print.pdf`);
  writeFileSync(file, await page.pdf({ preferCSSPageSize: true, printBackground: true }));
  await context.close();
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const pages = Number(/Pages:\s+(\d+)/.exec(info)[1]);
  const texts = [];
  for (let p = 1; p <= pages; p++) texts.push(execFileSync('pdftotext', ['-f', String(p), '-l', String(p), '-raw', file, '-'], { encoding: 'utf8' }));
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', file, join(artifacts, `${name}-print`)]);
  return { info, pages, texts, expected };
}

function checkLayout({ info, pages, texts, expected }, header = '年度指标值实际完成值分值得分') {
  // A4 landscape: 297 × 210 mm = 841.89 × 595.28 pt (Chromium rounds to whole device pixels).
  const [, w, h] = /Page size:\s+([\d.]+) x ([\d.]+) pts \(A4\)/.exec(info) || [];
  assert.ok(Math.abs(w - 841.89) < 1 && Math.abs(h - 595.28) < 1, info);
  const all = squash(texts.join('\n'));
  for (const ind of expected.indicators) assert.ok(all.includes(squash(ind.name)), `indicator ${ind.name} is in the text layer`);
  assert.ok(all.includes('总分') && all.includes('评价等级') && all.includes(squash(expected.total)));
  for (const who of ['填报人', '审核人', '单位负责人', '单位盖章']) assert.ok(all.includes(who), who);
  // Every page that shows indicator rows starts them under the repeated header row.
  let tablePages = 0;
  texts.forEach((t, i) => {
    const page = squash(t);
    const rows = expected.indicators.filter((ind) => page.includes(squash(ind.name))).length;
    if (rows > 0) {
      tablePages++;
      assert.ok(page.includes(header), `page ${i + 1} repeats the header row`);
    }
    assert.ok(page.includes(`第${i + 1}页，共${pages}页`), `page ${i + 1} is numbered`);
  });
  return tablePages;
}

test('seed 001 prints in the official A4 landscape layout', async () => {
  const r = await printCase('seed001-project');
  checkLayout(r);
  const all = squash(r.texts.join(''));
  assert.ok(all.includes('2022年度项目支出绩效自评表'));
  r.texts.forEach((t) => assert.ok(squash(t).includes('一级指标二级指标三级指标年度指标值实际完成值分值得分偏差原因分析及改进措施')));
  assert.ok(all.includes('年初预算数全年预算数全年执行数分值执行率得分'));
  assert.ok(all.includes('优'));
});

test('a long form repeats the header row on every page and splits no row', async () => {
  const r = await printCase('seed004-policy');
  assert.ok(r.pages >= 2, `${r.pages} page(s)`);
  // The policy system's own column names (seed 004), its 评分标准 printed beside each row.
  assert.ok(checkLayout(r, '一级目标二级目标三级目标指标值实际完成值权重评分标准得分评分依据') >= 2, 'the indicator table spans pages, each with its header');
  assert.ok(r.pages <= 8, `${r.pages} pages: every column keeps its width`);
  // No row split: each indicator's name appears whole on one page.
  for (const ind of r.expected.indicators) {
    assert.ok(r.texts.some((t) => squash(t).includes(squash(ind.name))), `${ind.name} whole on one page`);
  }
});

test('the filled seed 004 sheet prints in its own layout: every item, score, subtotal and reason', async () => {
  const r = await printCase('seed004-verification-apartment');
  const answers = JSON.parse(readFileSync(join(root, 'tests/golden/seed004-verification-apartment/answers.json'), 'utf8'));
  const [, w, h] = /Page size:\s+([\d.]+) x ([\d.]+) pts \(A4\)/.exec(r.info) || [];
  assert.ok(Math.abs(w - 841.89) < 1 && Math.abs(h - 595.28) < 1, r.info);
  const all = squash(r.texts.join('\n'));
  assert.ok(all.includes('2021年度财政支出项目绩效核查评分意见表'));
  // The header as seed 004 prints it, and the table's own columns on every page it reaches.
  for (const s of ['项目单位', answers.unit.unit_name, '项目代码', answers.unit.project_code, '项目名称', '人才公寓补助', '预算金额']) {
    assert.ok(all.includes(squash(s)), s);
  }
  r.texts.forEach((t, i) => {
    const page = squash(t);
    if (r.expected.indicators.some((ind) => page.includes(squash(ind.name)))) {
      assert.ok(page.includes('一级指标二级指标三级指标权重评分说明核查数据专家评分合计扣分原因'), `page ${i + 1} header`);
    }
    assert.ok(page.includes(`第${i + 1}页，共${r.pages}页`));
  });
  // Every item with its expert score, every reason in full, the 一级 subtotals and the total.
  for (const ind of r.expected.indicators) assert.ok(all.includes(squash(ind.name)), ind.name);
  for (const [id, v] of Object.entries(answers.values)) {
    if (v.reason) assert.ok(all.includes(squash(v.reason)), `${id} reason`);
  }
  const scores = r.expected.indicators.map((ind) => ind.score);
  const numbers = r.texts.join(' ').match(/\d+/g);
  for (const s of scores) assert.ok(numbers.includes(s), `score ${s}`);
  for (const s of r.expected.sections.filter((x) => x.level === 1)) assert.ok(numbers.includes(s.score), `${s.name} subtotal ${s.score}`);
  assert.ok(all.includes('合计') && all.includes('85') && all.includes('评价等级') && all.includes('良'));
  // Under the table: 评价意见, the recommendation as check boxes, 评审组, 机构名称, 日期.
  assert.ok(all.includes('评价意见'));
  assert.ok(all.includes('☑保留但建议部分核减'), 'the chosen recommendation is ticked');
  assert.ok(all.includes('□保留') && all.includes('□取消'));
  for (const s of ['评审组', answers.unit.reviewers, '机构名称', answers.unit.agency, '日期', answers.unit.date]) {
    assert.ok(all.includes(squash(s)), s);
  }
  assert.ok(!all.includes('单位盖章'), 'no unit signature area on a reviewer sheet');
});

test('a monitoring form (seed 003 at month 6) prints its own layout: months in the title, lights in words, counts', async () => {
  const dir = join(root, 'tests/golden/seed003-monitoring');
  const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8'));
  const { context, page } = await openPage(browser, distFile('selfeval.html'));
  await page.setInputFiles('#answers-file-2', join(dir, 'answers.json'));
  await page.waitForSelector('#indicator-table');
  await page.waitForFunction(() => !document.body.hasAttribute('data-saving'));
  const file = join(artifacts, 'seed003-monitoring-print.pdf');
  writeFileSync(file, await page.pdf({ preferCSSPageSize: true, printBackground: true }));
  await context.close();
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const [, w, h] = /Page size:\s+([\d.]+) x ([\d.]+) pts \(A4\)/.exec(info) || [];
  assert.ok(Math.abs(w - 841.89) < 1 && Math.abs(h - 595.28) < 1, info);
  const pages = Number(/Pages:\s+(\d+)/.exec(info)[1]);
  const texts = [];
  for (let p = 1; p <= pages; p++) texts.push(execFileSync('pdftotext', ['-f', String(p), '-l', String(p), '-raw', file, '-'], { encoding: 'utf8' }));
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', file, join(artifacts, 'seed003-monitoring-print')]);
  const all = squash(texts.join('\n'));
  assert.ok(all.includes('绩效运行监控表（1–6月）'), 'the months in the title');
  for (const ind of expected.indicators) assert.ok(all.includes(squash(ind.name)), ind.name);
  texts.forEach((t, i) => {
    const p = squash(t);
    if (expected.indicators.some((ind) => p.includes(squash(ind.name)))) {
      assert.ok(p.includes('年度指标值1–N月实际完成值全年预计完成值亮灯完成可能性偏差原因类别原因说明纠偏措施'), `page ${i + 1} header`);
    }
  });
  // Each light as a word, as many times as the core counts it, and the counts line.
  const L = expected.lights;
  for (const [k, zh] of [['red', '红灯'], ['yellow', '黄灯'], ['green', '绿灯'], ['blue', '蓝灯']]) {
    assert.ok(all.includes(`${zh}${L[k]}项`), `${zh} ${L[k]} 项`);
    // (a qualitative row's chosen outcome names its light too: 未达到（红灯）)
    assert.ok(all.split(zh).length - 1 >= L[k] + 1, `${zh} on ${L[k]} rows and in the counts`);
  }
  assert.ok(all.includes('1–N月执行率') && all.includes('时间进度'));
});
