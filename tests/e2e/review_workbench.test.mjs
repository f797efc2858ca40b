// The bureau's workbench (dist/review.html) from file://, on 500 generated submissions
// (tests/e2e/review_fixtures.mjs: several units, all six built-in forms, a tampered file, an
// unregistered key, a revoked key, a modified template, a duplicate, a superseded one and a
// file that is no submission): loaded as a folder and as a .zip, every verdict equal to
// `selfeval verify --json` on the same files, the summary workbook and CSV byte for byte
// those of `selfeval verify --summary`, read back by LibreOffice; filters, the read-only
// drill-down, a seeded sample redrawn by the CLI, the A4 print, the key registry kept in the
// page, zero network requests, axe-core, screenshots at 1366×768 and 1920×1080, and input
// handled within 50 ms while files are verified.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';
import { launch, distFile } from './browser.mjs';
import { CHECK_DAY, makeReviewBatch, zipFolder } from './review_fixtures.mjs';
import { root, runCli } from '../node/helpers.mjs';

const require = createRequire(import.meta.url);
const artifacts = join(root, 'tests/e2e/artifacts');
mkdirSync(artifacts, { recursive: true });
let batch, zipPath, report, browser;

before(async () => {
  batch = await makeReviewBatch(500, 17);
  zipPath = await zipFolder(batch.dir, join(batch.work, 'submissions.zip'));
  const r = runCli(['verify', batch.dir, '--keys', batch.registry, '--at', CHECK_DAY, '--json',
    '--summary', join(batch.work, 'cli.xlsx'), '--summary-csv', join(batch.work, 'cli.csv')]);
  assert.equal(r.status, 1, r.stderr);  // some fail, as planted
  report = JSON.parse(r.stdout);
  browser = await launch();
});
after(async () => {
  if (browser) await browser.close();
  if (batch) rmSync(batch.work, { recursive: true, force: true });
});

async function open(viewport = { width: 1366, height: 768 }) {
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  const page = await context.newPage();
  const requests = [], errors = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(distFile('review.html'));
  await page.waitForSelector('body[data-ready="true"]', { timeout: 20000 });
  return { context, page, requests, errors };
}
const network = (requests) => requests.filter((u) => !/^(file|data|blob):/.test(u));

async function loadRegistry(page) {
  await page.setInputFiles('#registry-file', batch.registry);
  await page.waitForFunction(() => document.querySelectorAll('#keys-table tbody tr').length === 8);
}
async function verified(page, n) {
  await page.waitForFunction((n) => window.SE.review.rows.length === n && !window.SE.review.running, n, { timeout: 90000 });
  return page.evaluate(() => window.SE.review.rows);
}
async function download(page, selector) {
  const [d] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  const file = join(batch.work, 'page-' + d.suggestedFilename());
  await d.saveAs(file);
  return { name: d.suggestedFilename(), file };
}

// Every file the CLI verified has a row with the same verdict, total, grade and counts, and
// the reason the page names is one of the CLI's findings.
function sameVerdicts(rows) {
  assert.equal(rows.length, report.files.length);
  for (const f of report.files) {
    const row = rows.find((r) => r.name === basename(f.file));
    assert.ok(row, f.file);
    assert.equal(row.status, f.status, row.name);
    assert.equal(row.total, f.total, row.name);
    assert.equal(row.grade, f.grade, row.name);
    assert.equal(row.errors, f.errors, row.name);
    assert.equal(row.warnings, f.warnings, row.name);
    if (f.status !== 'passed') assert.ok(f.findings.some((x) => x.code === row.reason_code), `${row.name}: ${row.reason_code}`);
  }
}

async function axe(page) {
  if (!(await page.evaluate(() => !!window.axe))) await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  return page.evaluate(async () => (await window.axe.run(document, { resultTypes: ['violations'] })).violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id + ': ' + v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')));
}

test('a folder of 500 submissions: verdicts, workbook and CSV as the CLI\'s, filters, drill-down, sample, print, offline, accessible', async () => {
  const { context, page, requests, errors } = await open();
  try {
    await loadRegistry(page);
    await page.fill('#check-date', CHECK_DAY);
    await page.setInputFiles('#pick-folder', batch.dir);
    const rows = await verified(page, report.files.length);
    sameVerdicts(rows);
    const by = (name) => rows.find((r) => r.name === name);
    const s = batch.specials;
    assert.equal(by(s.tampered).reason_zh, '签名无效');
    assert.equal(by(s.unregistered).reason_zh, '密钥未登记');
    assert.equal(by(s.revoked).reason_zh, '密钥已注销');
    assert.equal(by(s.modified).reason_zh, '模板不符');
    assert.equal(by(s.notSubmission).reason_zh, '不是提交文件');
    assert.equal(by(s.superseded).status, 'superseded');
    assert.equal(by(s.superseded).superseded_by, s.later);
    assert.equal([by(s.duplicate), by(s.duplicate.replace('-copy', ''))].filter((r) => r.status === 'duplicate').length, 1);
    assert.match(await page.textContent('#skipped'), /说明\.txt/);  // the text file: skipped, said so
    // Every built-in form is there.
    assert.equal(new Set(rows.filter((r) => r.status === 'passed').map((r) => r.form_id)).size, 6);

    // The summary workbook and CSV: byte for byte the CLI's; LibreOffice reads the workbook.
    const xlsx = await download(page, '#export-xlsx');
    assert.equal(xlsx.name, `汇总表-${CHECK_DAY}.xlsx`);
    assert.ok(readFileSync(xlsx.file).equals(readFileSync(join(batch.work, 'cli.xlsx'))), 'xlsx differs from the CLI\'s');
    const csv = await download(page, '#export-csv');
    assert.ok(readFileSync(csv.file).equals(readFileSync(join(batch.work, 'cli.csv'))), 'csv differs from the CLI\'s');
    const lo = join(batch.work, 'lo');
    execFileSync('soffice', ['--headless', '--norestore', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1', '--outdir', lo, xlsx.file],
      { env: { ...process.env, HOME: batch.work }, stdio: 'pipe', timeout: 120000 });
    // (LibreOffice quotes every text field; no field here holds a quote or a line break.)
    const loLines = readFileSync(join(lo, basename(xlsx.file).replace('.xlsx', '.csv')), 'utf8').trim().split('\n').map((l) => l.replace(/"/g, ''));
    assert.equal(loLines.length, rows.length + 1);
    assert.match(loLines[0], /^序号,文件,单位,项目,表单,年度,复核总分/);
    const lifted = loLines.find((l) => l.includes(',' + s.later + ','));
    assert.ok(lifted.includes(',' + by(s.later).total + ','), lifted);  // the number as a number, two decimals
    assert.ok(loLines.some((l) => l.includes(s.tampered) && l.includes('签名无效')));

    // Filters and search.
    await page.selectOption('#f-status', 'failed');
    assert.equal(await page.locator('#summary-table tbody tr').count(), report.summary.failed);
    await page.selectOption('#f-status', '');
    await page.fill('#f-search', '陌生人冒签');
    assert.equal(await page.locator('#summary-table tbody tr').count(), 1);
    await page.fill('#f-search', '');
    await page.check('#f-errors');
    const withErrors = rows.filter((r) => r.errors > 0).length;
    assert.match(await page.textContent('#shown-count'), new RegExp(`显示 ${withErrors} /`));
    await page.uncheck('#f-errors');
    await page.selectOption('#f-grade', '优');
    assert.match(await page.textContent('#shown-count'), new RegExp(`显示 ${rows.filter((r) => r.grade === '优').length} /`));
    await page.selectOption('#f-grade', '');
    await page.selectOption('#f-form', '合同 KPI 考核表');
    assert.match(await page.textContent('#shown-count'), new RegExp(`显示 ${rows.filter((r) => r.form === '合同 KPI 考核表').length} /`));
    await page.selectOption('#f-form', '');
    // Sorting by total, descending: the first row has the highest.
    await page.click('#summary-table thead th:nth-child(6) button');
    await page.click('#summary-table thead th:nth-child(6) button');
    const top = Math.max(...rows.filter((r) => r.total).map((r) => Number(r.total)));
    assert.equal(Number(await page.textContent('#summary-table tbody tr:first-child td:nth-child(6)')), top);
    await page.screenshot({ path: join(artifacts, 'review-table-1366x768.png') });
    assert.deepEqual(await axe(page), [], 'the results');

    // Drill-down: a passed project form read-only in the units' form view, with its signature.
    await page.fill('#f-search', '番禺区项目0000');
    await page.click('#summary-table tbody tr:first-child button.linkish');
    await page.waitForSelector('#detail:not([hidden]) #form #total');
    assert.equal(await page.textContent('#form #total'), by(rows.find((r) => r.project === '番禺区项目0000').name).total);
    assert.ok(await page.locator('#form input:not([disabled])').count() === 0, 'every field is locked');
    assert.match(await page.textContent('#detail-verdict'), /有效，签名者已登记/);
    await page.screenshot({ path: join(artifacts, 'review-detail-1366x768.png') });
    assert.deepEqual(await axe(page), [], 'the drill-down');
    // 生成核查评分表 (issue 18): the reviewer's sheet drafted from this submission, as the CLI drafts it.
    const [drafted] = await Promise.all([page.waitForEvent('download'), page.click('#detail-draft')]);
    assert.match(drafted.suggestedFilename(), /核查评分意见表\.json$/);
    const sheet = JSON.parse(readFileSync(await drafted.path(), 'utf8'));
    assert.equal(sheet.template.id, 'verification-sheet');
    assert.equal(sheet.unit.project_name, '番禺区项目0000');
    // The sheet names the submission it was drafted from (the row opened: the one that counts).
    const opened = rows.find((r) => r.project === '番禺区项目0000' && r.digest === sheet.reviewed.sha256);
    assert.ok(opened, 'the sheet names a submission of this project by its digest');
    const source = join(batch.dir, opened.name);
    assert.deepEqual(sheet, JSON.parse(runCli(['review-draft', source]).stdout));
    assert.match(await page.textContent('#detail-draft-status'), /已生成核查评分表草稿/);
    await page.screenshot({ path: join(artifacts, 'review-detail-drafted-1366x768.png') });
    await page.click('#detail-close');
    await page.fill('#f-search', '');

    // Sampling: a fixed seed, stratified; the CLI redraws the same files from the export.
    await page.fill('#s-seed', '20261201');
    await page.selectOption('#s-mode', 'count');
    await page.fill('#s-amount', '25');
    await page.check('#s-stratify');
    await page.click('#s-draw');
    await page.waitForSelector('#s-list li');
    assert.equal(await page.locator('#s-list li').count(), 25);
    const sample = await download(page, '#s-export');
    const redraw = join(batch.work, 'redraw.json');
    const r = runCli(['verify', batch.dir, '--keys', batch.registry, '--at', CHECK_DAY, '--sample', sample.file, '--sample-out', redraw]);
    assert.equal(r.status, 1, r.stderr);
    assert.deepEqual(JSON.parse(readFileSync(redraw, 'utf8')).selected, JSON.parse(readFileSync(sample.file, 'utf8')).selected);

    // Charts drawn from the core's counts; the print: A4 with the totals and the charts.
    assert.equal(await page.locator('#chart-grades svg rect').count(), (await page.evaluate(() => window.SE.review.charts.grades.length)));
    await page.evaluate(() => { window.print = () => { window.__printed = true; }; });  // headless: no dialog
    await page.click('#print');
    assert.ok(await page.evaluate(() => window.__printed));
    const pdf = join(artifacts, 'review-summary-print.pdf');
    writeFileSync(pdf, await page.pdf({ preferCSSPageSize: true, printBackground: true }));
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    assert.match(text, /绩效自评提交汇总/);
    assert.match(text, new RegExp(`共 ${rows.length} 份`));
    assert.match(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }), /Page size:.*\(A4\)/);
    execFileSync('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '1', pdf, join(artifacts, 'review-summary-print')]);

    // The screens, in Chinese and in English.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.screenshot({ path: join(artifacts, 'review-1920x1080.png') });
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.screenshot({ path: join(artifacts, 'review-1366x768.png') });
    await page.evaluate(() => document.getElementById('results').scrollIntoView());
    await page.screenshot({ path: join(artifacts, 'review-results-1366x768.png') });
    await page.locator('#charts').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(artifacts, 'review-charts-1366x768.png') });
    await page.click('#lang-switch');
    assert.match(await page.textContent('#totals'), /passed/);
    assert.deepEqual(await axe(page), [], 'English');
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(artifacts, 'review-en-1366x768.png') });

    assert.deepEqual(network(requests), []);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('the same files as a .zip give the same verdicts and the same workbook', async () => {
  const { context, page, requests, errors } = await open();
  try {
    await loadRegistry(page);
    await page.fill('#check-date', CHECK_DAY);
    await page.setInputFiles('#pick-zip', zipPath);
    sameVerdicts(await verified(page, report.files.length));
    const xlsx = await download(page, '#export-xlsx');
    assert.ok(readFileSync(xlsx.file).equals(readFileSync(join(batch.work, 'cli.xlsx'))));
    // A row from the archive opens read-only too (its entry read again from the zip).
    await page.click('#summary-table tbody tr:nth-child(3) button.linkish');
    await page.waitForSelector('#detail:not([hidden]) #form #total');
    assert.deepEqual(network(requests), []);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('key registry kept in the page: a unit\'s key file added with its fingerprint, revoked, exported as the CLI reads it', async () => {
  const { context, page, errors } = await open();
  try {
    // A new registry from the unit's key file: the fingerprint shows in groups of four.
    await page.setInputFiles('#key-file', join(batch.work, 'unit0.key.json'));
    await page.waitForFunction(() => document.getElementById('key-fp').textContent !== '—');
    const fp = await page.textContent('#key-fp');
    assert.match(fp, /^([0-9a-f]{4} ){15}[0-9a-f]{4}$/);
    assert.equal(await page.inputValue('#key-unit'), '番禺区委组织部');
    await page.fill('#key-from', '2023-01-01');
    await page.fill('#key-to', '2030-12-31');
    await page.click('#key-add');
    await page.waitForFunction(() => document.querySelectorAll('#keys-table tbody tr').length === 1);
    assert.equal(await page.textContent('#keys-table tbody code'), fp);
    // Verified with it: unit 0's files pass, the others' signers are not registered.
    await page.fill('#check-date', CHECK_DAY);
    await page.setInputFiles('#pick-folder', batch.dir);
    let rows = await verified(page, report.files.length);
    const mine = rows.filter((r) => r.unit === '番禺区委组织部' && r.status === 'passed');
    assert.ok(mine.length > 50);
    assert.ok(rows.filter((r) => r.unit === '黄埔区科学技术局').every((r) => r.reason_zh === '密钥未登记'));
    // Revoked: the page asks to verify again, and then the unit's files fail as revoked.
    // The registry stepped aside for the results: opened again. The key's validity ended before
    // the day of checking: after verifying again the unit's files fail for that.
    await page.click('#registry-panel > summary');
    await page.fill('#keys-table tbody tr:first-child input[type=date] >> nth=1', '2024-12-31');
    await page.click('#keys-table tbody tr:first-child button:not(.danger)');
    await page.waitForSelector('#rerun-box:not([hidden])');
    await page.click('#rerun');
    await page.waitForFunction(() => !window.SE.review.running && window.SE.review.rows.some((r) => r.reason_zh === '密钥不在有效期内'));
    rows = await page.evaluate(() => window.SE.review.rows);
    assert.ok(rows.filter((r) => r.unit === '番禺区委组织部' && r.submission && r.digest).every((r) => r.status !== 'passed'));
    // Revoked (confirmed).
    page.once('dialog', (d) => d.accept());
    await page.click('#keys-table tbody button.danger');
    await page.waitForSelector('#rerun-box:not([hidden])');
    await page.click('#rerun');
    await page.waitForFunction(() => !window.SE.review.running && window.SE.review.rows.some((r) => r.reason_zh === '密钥已注销'));
    rows = await page.evaluate(() => window.SE.review.rows);
    assert.ok(rows.filter((r) => r.unit === '番禺区委组织部' && r.submission && r.digest).every((r) => r.status !== 'passed'));
    // Exported: the CLI reads it and says the same.
    const exported = await download(page, '#registry-export');
    const r = runCli(['verify', join(batch.dir, rows.find((x) => x.unit === '番禺区委组织部').name), '--keys', exported.file, '--at', CHECK_DAY, '--json']);
    assert.equal(r.status, 1, r.stderr);
    assert.ok(JSON.parse(r.stdout).files[0].findings.some((f) => f.code === 'registry.revoked'));
    await page.locator('#registry-panel').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(artifacts, 'review-registry-1366x768.png') });
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('the page handles input within 50 ms while it verifies, and a cancel stops the run', async () => {
  const { context, page } = await open();
  try {
    await page.evaluate(() => {
      window.__handled = [];
      window.__long = [];
      const input = document.getElementById('key-text');
      // After the page's own listeners (bubbling to the document): the handling is included.
      document.addEventListener('input', (e) => { if (e.target === input) window.__handled.push(Date.now()); });
      // Tasks of the page's thread over 50 ms while files are verified.
      new PerformanceObserver((list) => {
        // (a task that began before the run — the browser handing over the chosen files — is not counted)
        for (const e of list.getEntries()) window.__long.push({ start: e.startTime, ms: Math.round(e.duration) });
      }).observe({ entryTypes: ['longtask'] });
    });
    await page.fill('#check-date', CHECK_DAY);
    // The folder's files and the zip together: 998 files, seconds of work in the worker.
    await page.setInputFiles('#pick-files', [zipPath, ...batch.files.map((f) => join(batch.dir, f))]);
    await page.waitForFunction(() => window.SE.review.running);
    await page.focus('#key-text');
    // Keys sent as a person types them: from this process sending a key to the page's handler.
    const delays = [];
    while (await page.evaluate(() => window.SE.review.running) && delays.length < 40) {
      const count = await page.evaluate(() => window.__handled.length);
      const sent = Date.now();
      await page.keyboard.type('1');
      const handled = await page.evaluate(() => window.__handled);
      if (handled.length > count) delays.push(handled[handled.length - 1] - sent);
      await page.waitForTimeout(25);
    }
    assert.ok(delays.length >= 5, `only ${delays.length} keys while verifying`);
    const sorted = [...delays].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)];
    const long = await page.evaluate(() => window.__long.filter((e) => e.start >= window.SE.review.startedAt
      && (window.SE.review.running || e.start < window.SE.review.endedAt)).map((e) => e.ms));
    const all = await page.evaluate(() => window.__long.map((e) => Math.round(e.start - window.SE.review.startedAt) + ':' + e.ms));
    console.log(`keys while verifying: ${delays.length}, median ${median} ms, max ${sorted[sorted.length - 1]} ms; long tasks while verifying: ${long.join(', ') || 'none'} (all, start:ms from the run's start: ${all.join(' ')})`);
    assert.ok(median <= 50, `input waited ${median} ms (median of ${delays.join(', ')})`);
    // Cancel (in this run if it still goes on, else in a new one): it stops short and says so.
    await page.waitForFunction(() => !window.SE.review.running || /已处理 [1-9]/.test(document.getElementById('progress-text').textContent), null, { timeout: 60000 });
    if (!(await page.evaluate(() => window.SE.review.running))) {
      await page.setInputFiles('#pick-files', [zipPath, ...batch.files.map((f) => join(batch.dir, f))]);
      await page.waitForFunction(() => /已处理 [1-9]/.test(document.getElementById('progress-text').textContent), null, { timeout: 60000 });
    }
    await page.click('#cancel');
    await page.waitForFunction(() => !window.SE.review.running, null, { timeout: 60000 });
    assert.ok(await page.evaluate(() => window.SE.review.lastRun.cancelled));
    assert.ok((await page.evaluate(() => window.SE.review.rows.length)) < 998);
    assert.match(await page.textContent('#status'), /已取消/);
  } finally {
    await context.close();
  }
});

test('make demo serves the workbench under the documented policy, its inline blocks allowed by hash: no violation', async () => {
  const { startServer, recordCspViolations } = await import('./browser.mjs');
  const server = await startServer();
  const context = await browser.newContext();
  try {
    await recordCspViolations(context);
    const page = await context.newPage();
    const response = await page.goto(server.base + 'review.html');
    const csp = response.headers()['content-security-policy'];
    assert.match(csp, /script-src 'sha256-[^']+' 'sha256-[^']+' 'wasm-unsafe-eval'/);
    assert.match(csp, /worker-src blob:/);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 20000 });
    await page.setInputFiles('#pick-files', [join(root, 'schemas/examples/seed001.signed.json')]);
    await page.waitForFunction(() => window.SE.review.rows.length === 1 && !window.SE.review.running);
    assert.equal(await page.evaluate(() => window.SE.review.rows[0].status), 'passed');
    assert.deepEqual(await page.evaluate(() => window.__csp), []);
  } finally {
    await context.close();
    server.stop();
  }
});
