// The web form as a unit's finance officer meets it, in Debian's Chromium, opened from
// disk: fill seed 001 through the page, see 100 / 优; break one actual and watch the row,
// total, grade and findings move; reload half-way and lose nothing; render hostile text
// as text; pass axe-core; make no network request at all.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { launch, openPage, distFile } from './browser.mjs';
import { readText, root } from '../node/helpers.mjs';

const require = createRequire(import.meta.url);
const seed = JSON.parse(readText('tests/golden/seed001-project/answers.json'));
const artifacts = join(root, 'tests/e2e/artifacts');
mkdirSync(artifacts, { recursive: true });

// Adds the seed's project rows and fills every field through the page, like a person.
async function fillSeed001(page, { stopAfterRows } = {}) {
  for (const [k, v] of Object.entries(seed.unit)) await page.fill(`#unit-${k}`, v);
  for (const [row, cols] of Object.entries(seed.budget.rows))
    for (const [col, v] of Object.entries(cols)) await page.fill(`#bud-${row}-${col}`, v);
  await page.fill('#text-goals\\.expected', seed.goals.expected);
  await page.fill('#text-goals\\.actual', seed.goals.actual);
  let n = 0;
  for (const row of seed.indicators) {
    if (stopAfterRows !== undefined && n === stopAfterRows) return;
    n++;
    await page.click(`button[data-parent="${row.parent}"]`);
    const id = `r${n}`;
    await page.fill(`#def-${id}-name`, row.name);
    await page.fill(`#def-${id}-target`, row.target);
    await page.fill(`#def-${id}-weight`, String(row.weight));
    await page.selectOption(`#def-${id}-direction`, row.direction);
    for (const [field, v] of Object.entries(seed.values[row.id])) {
      if (field === 'reported_score' || field === 'evidence') continue;
      const sel = `#val-${id}-${field}`;
      if (await page.$eval(sel, (e) => e.tagName) === 'SELECT') await page.selectOption(sel, v);
      else await page.fill(sel, v);
    }
  }
}

test('fill seed 001 from file://, see 100 / 优, then a shortfall moves row, total, grade, findings', async () => {
  const browser = await launch();
  try {
    const { page, requests, errors } = await openPage(browser, distFile('selfeval.html'));
    await page.click('button[data-template="project-self-assessment"]');
    await page.waitForSelector('#indicator-table');
    await fillSeed001(page);
    assert.equal(await page.textContent('#total'), '100.00');
    assert.equal(await page.textContent('#grade'), '优');
    assert.equal(await page.textContent('#budget-rate'), '100.00%');
    assert.equal(await page.textContent('#budget-score'), '10.00');
    assert.equal(await page.textContent('#score-r1'), '20.00');

    await page.setViewportSize({ width: 1366, height: 768 });
    await page.evaluate(() => document.getElementById('indicator-table').scrollIntoView());
    await page.screenshot({ path: join(artifacts, 'seed001-filled-1366x768.png') });

    // 媒体报道 (15 points, target 5篇) falls to 3篇: 9 points.
    await page.fill('#val-r5-actual', '3篇');
    assert.equal(await page.textContent('#score-r5'), '9.00');
    assert.equal(await page.textContent('#sub-benefit'), '小计 24.00');
    assert.equal(await page.textContent('#total'), '94.00');
    assert.equal(await page.textContent('#grade'), '优');
    assert.match(await page.textContent('#msg-val-r5-reason'), /偏差原因/);
    // 政策调研 (20 points, target 1次) not done: 0 points, the grade drops to 良.
    await page.fill('#val-r1-actual', '0次');
    assert.equal(await page.textContent('#score-r1'), '0.00');
    assert.equal(await page.textContent('#total'), '74.00');
    assert.equal(await page.textContent('#grade'), '中');
    // Listed in words; the code stays in the entry's tooltip for support.
    const titles = await page.$$eval('#summary-list li', (ls) => ls.map((l) => l.title));
    assert.ok(titles.some((x) => /reason\.missing_below_weight/.test(x)), titles.join());
    assert.doesNotMatch(await page.textContent('#summary-list'), /reason\.missing_below_weight/);
    // A finding in the summary jumps to its field.
    await page.click('#summary-list li[title$="reason.missing_below_weight"] button >> nth=0');
    assert.match(await page.evaluate(() => document.activeElement.id), /^val-r\d-reason$/);
    // Bad input gives a message at the field; the page keeps working.
    await page.fill('#val-r3-score', '十分');
    assert.match(await page.textContent('#msg-val-r3-score'), /不是有效数字/);
    await page.fill('#val-r3-score', '10');
    assert.equal(await page.textContent('#msg-val-r3-score'), '');

    // The English switch relabels the form; the values stay.
    await page.click('#lang-switch');
    assert.match(await page.textContent('#indicator-table thead'), /Annual target.*Actual.*Weight.*Score/);
    assert.equal(await page.inputValue('#val-r2-actual'), '3场');
    await page.click('#lang-switch');
    assert.match(await page.textContent('#indicator-table thead'), /年度指标值.*实际完成值.*分值.*得分/);

    // axe-core on the filled form: no serious or critical violation.
    await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
    const axe = await page.evaluate(async () => (await window.axe.run(document, { resultTypes: ['violations'] })).violations
      .filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`));
    assert.deepEqual(axe, []);

    assert.deepEqual(errors, []);
    assert.deepEqual(requests.filter((u) => !u.startsWith('file://')), [], 'no network request');
    assert.equal(requests.length, 1, `only the page itself: ${requests}`);
  } finally {
    await browser.close();
  }
});

test('reloading half-way through filling restores every value', async () => {
  const browser = await launch();
  try {
    const { context, page } = await openPage(browser, distFile('selfeval.html'));
    await page.click('button[data-template="project-self-assessment"]');
    await page.waitForSelector('#indicator-table');
    await fillSeed001(page, { stopAfterRows: 3 });
    const before = await page.textContent('#total');
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    await page.waitForSelector('#indicator-table');
    assert.equal(await page.inputValue('#unit-project_name'), seed.unit.project_name);
    assert.equal(await page.inputValue('#bud-total-executed'), '14.53');
    assert.equal(await page.inputValue('#def-r2-name'), '人才活动');
    assert.equal(await page.inputValue('#val-r2-actual'), '3场');
    assert.equal(await page.inputValue('#val-r3-tier'), '达成');
    assert.equal(await page.textContent('#total'), before);
    // The draft is listed by form name and unit; deleting asks first.
    await page.click('#new-form');
    await page.waitForSelector('#draft-list li .draft-name');
    assert.match(await page.textContent('#draft-list'), /项目支出绩效自评表.*产业人才发展专项资金/);
    page.once('dialog', (d) => d.dismiss());
    await page.click('#draft-list button.danger');
    assert.match(await page.textContent('#draft-list'), /产业人才发展专项资金/);
    page.once('dialog', (d) => d.accept());
    await page.click('#draft-list button.danger');
    await page.waitForSelector('#draft-list li.empty');
    await context.close();
  } finally {
    await browser.close();
  }
});

test('HTML in a template name and in an answer renders as text and runs nothing', async () => {
  const browser = await launch();
  try {
    const { page } = await openPage(browser, distFile('selfeval.html'));
    const payload = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
    const tmpl = JSON.parse(readText('tests/data/templates/good-mini.json'));
    tmpl.name = '恶意模板' + payload;
    tmpl.indicators[0].children[0].children[0].name = payload;
    const file = join(tmpdir(), 'selfeval-hostile-template.json');
    writeFileSync(file, JSON.stringify(tmpl));
    await page.setInputFiles('#template-file', file);
    await page.waitForSelector('#indicator-table');
    assert.match(await page.textContent('#form-title'), /<img src=x onerror=/);
    await page.fill('#val-a\\.1\\.1-actual', payload + '12人次');
    await page.fill('#val-a\\.1\\.1-reason', payload);
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    assert.equal(await page.$$eval('#form img', (imgs) => imgs.length), 0);
    assert.equal(await page.$$eval('#form script', (s) => s.length), 0);
  } finally {
    await browser.close();
  }
});

test('Enter and arrow keys move through the grid like a spreadsheet', async () => {
  const browser = await launch();
  try {
    const { page } = await openPage(browser, distFile('selfeval.html'));
    await page.click('button[data-template="project-self-assessment"]');
    await page.waitForSelector('#indicator-table');
    await page.click('button[data-parent="output.quantity"]');
    await page.fill('#def-r1-target', '≥2场');
    await page.click('button[data-parent="output.quantity"]');
    await page.fill('#def-r2-target', '≥3场');
    await page.focus('#val-r1-actual');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'val-r2-actual');
    await page.keyboard.press('ArrowUp');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'val-r1-actual');
    await page.keyboard.press('ArrowRight');  // empty field: the caret is at its end
    assert.equal(await page.evaluate(() => document.activeElement.id), 'def-r1-weight');
    assert.equal(await page.textContent('#bar-total'), await page.textContent('#total'));
  } finally {
    await browser.close();
  }
});

test('without WebAssembly the page says so clearly', async () => {
  const browser = await launch();
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.addInitScript(() => { delete window.WebAssembly; });
    await page.goto(distFile('selfeval.html'));
    await page.waitForSelector('#no-wasm:not([hidden])');
    assert.match(await page.textContent('#no-wasm'), /WebAssembly/);
    assert.equal(await page.isHidden('#app'), true);
  } finally {
    await browser.close();
  }
});

test('save the answers to a file, open them in a fresh browser, get the same form back', async () => {
  const browser = await launch();
  try {
    const first = await openPage(browser, distFile('selfeval.html'));
    await first.page.click('button[data-template="project-self-assessment"]');
    await first.page.waitForSelector('#indicator-table');
    await fillSeed001(first.page, { stopAfterRows: 2 });
    const total = await first.page.textContent('#total');
    const [download] = await Promise.all([first.page.waitForEvent('download'), first.page.click('#save-answers')]);
    assert.match(download.suggestedFilename(), /^2022年度-产业人才发展专项资金-项目支出绩效自评表\.json$/);
    const file = join(tmpdir(), 'selfeval-saved.answers.json');
    await download.saveAs(file);
    await first.context.close();

    const second = await openPage(browser, distFile('selfeval.html'));  // a new context: no drafts
    await second.page.setInputFiles('#answers-file-2', file);
    await second.page.waitForSelector('#indicator-table');
    assert.equal(await second.page.inputValue('#def-r2-name'), '人才活动');
    assert.equal(await second.page.inputValue('#val-r2-actual'), '3场');
    assert.equal(await second.page.textContent('#total'), total);
    // At 1366×768 the form fits the width: no sideways scrolling.
    assert.ok(await second.page.evaluate(() => document.documentElement.scrollWidth <= 1366));
  } finally {
    await browser.close();
  }
});

test('import indicators from a declaration, then a changed target is flagged against it', async () => {
  const browser = await launch();
  try {
    const { page } = await openPage(browser, distFile('selfeval.html'));
    await page.click('button[data-template="project-self-assessment"]');
    await page.waitForSelector('#indicator-table');
    await page.setInputFiles('#import-file', join(root, 'schemas/examples/project-planted-defects.declaration.json'));
    await page.waitForSelector('#def-q3-target');
    assert.match(await page.textContent('#status'), /12/);
    assert.equal(await page.inputValue('#def-q3-target'), '≥120人次');
    await page.fill('#def-q3-target', '≥100人次');
    await page.waitForFunction(() => [...document.querySelectorAll('#summary-list li')].some((li) => li.title.includes('target.differs_from_declaration')));
    assert.match(await page.textContent('#msg-def-q3-target'), /申报表/);
  } finally {
    await browser.close();
  }
});
