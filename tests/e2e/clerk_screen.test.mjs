// The form as a 财务科 clerk meets it (issue 15, the screen): no errors on a blank form,
// the selected language only and no engineer's words, English complete, a layout that
// fits 1024×768, scoring standards where the score is entered, feedback where the clerk
// is, the key registration form as an official form, developer items out of the way.
// Driven by visible labels, in Debian's Chromium, from file://.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { launch, openPage, distFile } from './browser.mjs';
import { root } from '../node/helpers.mjs';

const require = createRequire(import.meta.url);
const BUILTINS = ['project-self-assessment', 'department-self-assessment', 'department-target-declaration',
  'verification-sheet', 'policy-evaluation', 'contract-kpi'];
// What a clerk must never read: finding codes, rule names, ASCII operators.
const CODE = /\b[a-z]+(_[a-z]+)*\.[a-z]+(_[a-z]+)+\b|\b(actual|target|unit|budget|reason|score|choice|tier)\.[a-z_]+\b/;
const RULE = /\b(positive|reverse|expert|qualitative|per_occurrence|budget_execution|slope|choice|tiers|penalty)\b/;
const OP = />=|<=|‹=|›=|!=/;

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

async function fresh(viewport) {
  const o = await openPage(browser, distFile('selfeval.html'));
  if (viewport) await o.page.setViewportSize(viewport);
  return o;
}
async function openForm(page, id) {
  await page.click(`button[data-template="${id}"]`);
  await page.waitForSelector('#form[data-drawn="true"]');
}
// Text a person sees: the body's rendered text (closed details, hidden parts left out).
const visibleText = (page) => page.evaluate(() => document.body.innerText);
const settle = (page) => page.waitForFunction(() => !document.body.hasAttribute('data-saving'));
const draftCount = (page) => page.evaluate(() => SE.storage.list().then((l) => l.length));

test('a blank form of each built-in template shows no error and no grade 差; a field left empty says so; 检查 shows all', async () => {
  const { context, page, errors } = await fresh();
  try {
    for (const id of BUILTINS) {
      await openForm(page, id);
      const seen = await page.evaluate(() => ({
        errors: [...document.querySelectorAll('#form .msg .note.error, #summary-list li.error')].filter((e) => e.offsetParent).length,
        invalid: document.querySelectorAll('#form [aria-invalid="true"]').length,
        grade: document.getElementById('grade').textContent,
        bar: document.getElementById('bar-grade').textContent,
        counts: document.getElementById('summary-counts').textContent,
        payment: document.getElementById('payment').offsetParent ? document.getElementById('payment').textContent : '',
      }));
      assert.equal(seen.errors, 0, `${id}: no error shown before interaction`);
      assert.equal(seen.invalid, 0, `${id}: no field marked invalid`);
      assert.notEqual(seen.grade, '差', id);
      assert.notEqual(seen.bar, '差', id);
      assert.equal(seen.payment, '', `${id}: no payment deduction before anything is filled`);
      // Warnings the core finds in a blank form may show (提醒, never red); no error does.
      assert.match(seen.counts, /^(0 项错误，\d+ 项提醒；)?尚有 \d+ 项未填写$/, id);
      await page.click('#new-form');
    }
    // Merely opening six forms made no draft.
    await settle(page);
    assert.equal(await draftCount(page), 0, 'opening a form creates no draft');

    await openForm(page, 'project-self-assessment');
    const left = Number(/尚有 (\d+) 项/.exec(await page.textContent('#summary-counts'))[1]);
    // Leaving 项目名称 empty: its "missing" finding shows there, in words.
    const name = page.getByLabel('项目名称', { exact: false }).first();
    await name.focus();
    await page.keyboard.press('Tab');
    await page.waitForSelector('#msg-unit-project_name .note.error');
    assert.match(await page.textContent('#msg-unit-project_name'), /^错误：.*项目名称/);
    assert.equal(await page.getAttribute('#unit-project_name', 'aria-invalid'), 'true');
    assert.match(await page.textContent('#summary-counts'), new RegExp(`^1 项错误，0 项提醒；尚有 ${left - 1} 项未填写$`));
    assert.equal(await page.textContent('#grade'), '—');
    // 检查 shows everything the core found, and the core's grade.
    await page.getByRole('button', { name: '检查' }).click();
    assert.match(await page.textContent('#summary-counts'), /^\d+ 项错误，\d+ 项提醒$/);
    assert.ok(await page.locator('#summary-list li.error').count() >= left);
    assert.equal(await page.textContent('#grade'), '差');
    // Typing makes the draft.
    await name.fill('产业人才发展专项资金');
    await settle(page);
    assert.equal(await draftCount(page), 1);
    assert.deepEqual(errors, []);
  } finally { await context.close(); }
});

test('Chinese mode shows Chinese messages only, no code, rule name or ASCII operator; errors in words; Chinese times', async () => {
  const { context, page, errors } = await fresh();
  try {
    await openForm(page, 'project-self-assessment');
    await page.click('button.add[data-parent="output.quantity"]');
    await page.waitForSelector('#def-r1-name');
    await page.fill('#def-r1-name', '政策调研');
    await page.fill('#def-r1-target', '≥1次');
    await page.selectOption('#def-r1-direction', '正向');
    await page.fill('#def-r1-weight', '20');
    await page.fill('#val-r1-actual', '完成');
    await page.waitForFunction(() => /正向：≥1次/.test(document.getElementById('parsed-r1').textContent));
    await page.click('button.add[data-parent="output.quality"]');
    await page.waitForSelector('#def-r2-name');
    await page.fill('#def-r2-name', '满意度');
    await page.fill('#def-r2-target', '≤5次');
    await page.selectOption('#def-r2-direction', '反向');
    await page.waitForFunction(() => /反向：≤5次/.test(document.getElementById('parsed-r2').textContent));
    // No 方向 chosen and a bare number: read as the core scores it, never 正向：=5.
    await page.click('button.add[data-parent="output.quantity"]');
    await page.waitForSelector('#def-r3-name');
    await page.fill('#def-r3-name', '培训');
    await page.fill('#def-r3-target', '5次');
    await page.waitForFunction(() => /^正向：≥5次$/.test(document.getElementById('parsed-r3').textContent));
    await page.getByRole('button', { name: '检查' }).click();
    await settle(page);
    const text = await visibleText(page);
    assert.doesNotMatch(text, CODE, 'no finding code is visible');
    assert.doesNotMatch(text, RULE, 'no rule name is visible');
    assert.doesNotMatch(text, OP, 'no ASCII operator is visible');
    assert.doesNotMatch(text, /not a number|missing|is empty/i, 'no English message in Chinese mode');
    // The actual written 完成 is an error, said in words, with its code kept for support.
    const note = page.locator('#msg-val-r1-actual .note.error');
    assert.match(await note.locator('summary').textContent(), /^错误：/);
    assert.equal(await note.locator('.note-code').isVisible(), false);
    await note.locator('summary').click();
    assert.match(await note.locator('.note-code').textContent(), /问题代码：actual\.not_numeric/);
    assert.match(await page.getAttribute('#summary-list li.error >> nth=0', 'title'), /问题代码 [a-z_.]+/);
    // The autosave line in Chinese form.
    assert.match(await page.textContent('#save-status'), /^已自动保存 \d{2}:\d{2}$/);
    assert.deepEqual(errors, []);
  } finally { await context.close(); }
});

// Chinese text visible in English mode that is neither template content (tagged lang=zh)
// nor quoted user data.
const chineseOutsideContent = (page) => page.evaluate(() => {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const e = n.parentElement;
    if (!e || !e.offsetParent && getComputedStyle(e).position !== 'fixed') continue;
    if (e.closest('[lang^="zh"], script, style, option:not(:checked)')) continue;
    if (e.closest('details:not([open])') && !e.closest('summary')) continue;
    const text = n.textContent.replace(/"[^"]*"|“[^”]*”/g, '');
    if (/[\u3400-\u9fff]/.test(text)) out.push(text.trim().slice(0, 60));
  }
  return out;
});

test('English mode is complete: no Chinese UI text, English options and plurals, the toolbar on one row at 1366', async () => {
  const { context, page, errors } = await fresh();
  try {
    await page.click('#lang-switch');
    assert.deepEqual(await chineseOutsideContent(page), [], 'start screen');
    await openForm(page, 'project-self-assessment');
    await page.setInputFiles('#answers-file', join(root, 'tests/golden/seed001-project/answers.json'));
    await page.waitForFunction(() => document.getElementById('total').textContent === '100.00');
    await page.fill('#val-q2-actual', '');
    await page.getByRole('button', { name: 'Check' }).click();
    await page.click('#signing-panel > summary');
    assert.deepEqual(await chineseOutsideContent(page), [], 'the filled form, checked, signing open');
    assert.match(await page.textContent('#summary-counts'), /^1 error, \d+ warnings$/);
    assert.equal(await page.evaluate(() => SE.fmt(SE.t('counts_line'), { e: 0, w: 1 })), '0 errors, 1 warning');
    // Menus in English, from the core's words.
    const dirs = await page.$$eval('#def-q1-direction option', (os) => os.map((o) => o.textContent));
    assert.ok(dirs.includes('Positive') || dirs.some((d) => /positive/i.test(d)), dirs.join());
    assert.ok(dirs.every((d) => !/[\u3400-\u9fff]/.test(d)), dirs.join());
    const tiers = await page.$$eval('#val-q3-tier option', (os) => os.map((o) => o.textContent));
    assert.deepEqual(tiers.map((x) => x.replace(/ \(.*\)$/, '')), ['Choose', 'met', 'partly met', 'not met']);
    assert.match(await page.textContent('#key-status'), /^No signing key yet$|Key fingerprint/);
    assert.match(await page.textContent('#save-status'), /^(Autosaved \d{2}:\d{2})?$/);
    // One row at 1366.
    const tops = await page.$$eval('header.bar > *:not([hidden]), #form-actions > *', (es) => es.filter((e) => e.offsetParent).map((e) => Math.round(e.getBoundingClientRect().top / 10)));
    assert.equal(new Set(tops).size <= 2 && (await page.$eval('header.bar', (h) => h.getBoundingClientRect().height)) < 60, true, 'the bar is one row');
    assert.deepEqual(errors, []);
  } finally { await context.close(); }
});

test('at 1024×768 the reason box holds 12 characters, nothing overflows, text grows, messages stay one line, the bar hides nothing', async () => {
  const { context, page, errors } = await fresh({ width: 1024, height: 768 });
  try {
    await page.setInputFiles('#answers-file-2', join(root, 'tests/golden/seed001-project/answers.json'));
    await page.waitForSelector('#form[data-drawn="true"]');
    const m = await page.evaluate(() => {
      const ta = document.getElementById('val-q1-reason');
      const font = parseFloat(getComputedStyle(ta).fontSize);
      const s = document.scrollingElement;
      const total = document.getElementById('total');
      return { width: ta.clientWidth, font, scroll: s.scrollWidth, client: s.clientWidth, totalFits: total.scrollWidth <= total.clientWidth };
    });
    assert.ok(m.width >= 12 * m.font, `reason box ${m.width}px < 12 characters of ${m.font}px`);
    assert.ok(m.scroll <= m.client, `no horizontal overflow (${m.scroll} > ${m.client})`);
    assert.ok(m.totalFits, 'the total fits its cell');
    // The box grows with what is typed.
    const h0 = await page.$eval('#val-q1-reason', (e) => e.offsetHeight);
    await page.fill('#val-q1-reason', '一\n二\n三\n四\n五');
    await page.dispatchEvent('#val-q1-reason', 'input');
    const h1 = await page.$eval('#val-q1-reason', (e) => e.offsetHeight);
    assert.ok(h1 > h0 * 2, `the box grows (${h0} → ${h1})`);
    // A long message is one short line, not a tall red column.
    await page.fill('#val-b2-actual', '3篇');
    await page.locator('#val-b2-actual').blur();
    const note = page.locator('#msg-val-b2-reason .note summary');
    await note.waitFor();
    const lh = await note.evaluate((e) => e.getBoundingClientRect().height);
    assert.ok(lh < 30, `one line (${lh}px)`);
    // Tab onto a field just under the sticky bar: the bar does not cover it.
    const bar = await page.$eval('#scorebar', (b) => b.getBoundingClientRect().height);
    await page.$eval('#val-q2-actual', (e, bar) => { window.scrollTo(0, e.getBoundingClientRect().top + window.scrollY - bar / 2); }, bar);
    await page.focus('#val-q1-reason');
    await page.$eval('#val-q2-actual', (e, bar) => { window.scrollTo(0, e.getBoundingClientRect().top + window.scrollY - bar / 2); }, bar);
    await page.focus('#val-q2-actual');
    const covered = await page.evaluate(() => document.getElementById('val-q2-actual').getBoundingClientRect().top < document.getElementById('scorebar').getBoundingClientRect().bottom);
    assert.equal(covered, false, 'the field being edited is not under the score bar');
    // At 1920 the form uses the width.
    await page.setViewportSize({ width: 1920, height: 1080 });
    const w = await page.$eval('#indicator-table', (t) => t.getBoundingClientRect().width);
    assert.ok(w >= 1700, `table ${w}px wide at 1920`);
    assert.deepEqual(errors, []);
  } finally { await context.close(); }
});

test('at 1024×768 every built-in form keeps 12 characters of its reason column and does not overflow', async () => {
  const { context, page, errors } = await fresh({ width: 1024, height: 768 });
  try {
    for (const id of BUILTINS) {
      await openForm(page, id);
      const m = await page.evaluate(() => {
        // A form with no row yet (the project form): the reason column's own width.
        const ta = document.querySelector('#indicator-table textarea[data-col="reason"]') || document.querySelector('#indicator-table thead th:last-child');
        const s = document.scrollingElement;
        const pad = ta.tagName === 'TH' ? parseFloat(getComputedStyle(ta).paddingLeft) + parseFloat(getComputedStyle(ta).paddingRight) + 14 : 0;
        return { width: ta.clientWidth - pad, font: parseFloat(getComputedStyle(document.body).fontSize), scroll: s.scrollWidth, client: s.clientWidth };
      });
      assert.ok(m.width >= 12 * m.font, `${id}: reason box ${m.width}px < 12 × ${m.font}px`);
      assert.ok(m.scroll <= m.client, `${id}: no horizontal overflow (${m.scroll} > ${m.client})`);
      await page.click('#new-form');
    }
    assert.deepEqual(errors, []);
  } finally { await context.close(); }
});

test('scoring standards are on screen where the score is entered; choices name their points; a tier proposes its top score', async () => {
  const { context, page, errors } = await fresh();
  try {
    await openForm(page, 'policy-evaluation');
    const policy = JSON.parse(readFileSync(join(root, 'schemas/templates/policy-evaluation.json'), 'utf8'));
    let std = null;
    (function walk(x) { if (Array.isArray(x)) x.forEach(walk); else if (x && typeof x === 'object') { if (!std && x.scoring_standard) std = x.scoring_standard; Object.values(x).forEach(walk); } })(policy.indicators);
    const shown = page.locator('.standard', { hasText: std.slice(0, 20) }).first();
    assert.equal(await shown.isVisible(), true, 'the 评分标准 is visible, not a tooltip');
    assert.match(await shown.textContent(), /^评分标准：/);
    const options = await page.$$eval('select[data-col="choice"] >> nth=0', () => []).catch(() => []);
    const choice = page.locator('select[data-col="choice"]').first();
    const texts = await choice.locator('option').allTextContents();
    assert.ok(texts.some((x) => /^得满分 \d+(\.\d+)? 分$/.test(x)), texts.join('|'));
    assert.ok(texts.some((x) => /^不得分 0(\.0+)? 分$/.test(x)), texts.join('|'));
    void options;
    await page.click('#new-form');
    await openForm(page, 'verification-sheet');
    assert.equal(await page.locator('.standard', { hasText: '评分说明：' }).first().isVisible(), true);
    await page.click('#new-form');
    await openForm(page, 'department-self-assessment');
    assert.equal(await page.locator('.standard').first().isVisible(), true, 'the department form shows its criteria');
    await page.click('#new-form');

    // The qualitative row of seed 001: labelled inputs; 达成 proposes the weight (10).
    await openForm(page, 'project-self-assessment');
    await page.click('button.add[data-parent="output.quality"]');
    await page.fill('#def-r1-name', '人才政策');
    await page.fill('#def-r1-target', '出台人才政策实施细则');
    await page.fill('#def-r1-weight', '10');
    await page.selectOption('#def-r1-direction', '定性');
    await page.waitForSelector('#val-r1-tier');
    const row = page.locator('#row-r1');
    await row.getByLabel('达成程度').selectOption({ index: 1 });
    assert.equal(await row.getByLabel('评分').inputValue(), '10.00');
    assert.ok(await row.getByLabel('实际完成值').count() === 1, 'the actual is labelled too');
    await row.getByLabel('达成程度').selectOption({ index: 2 });
    assert.equal(await row.getByLabel('评分').inputValue(), '7.99');
    // A typed score is never replaced.
    await row.getByLabel('评分').fill('7');
    await row.getByLabel('达成程度').selectOption({ index: 1 });
    assert.equal(await row.getByLabel('评分').inputValue(), '7');
    assert.deepEqual(errors, []);
  } finally { await context.close(); }
});

test('results appear where the clerk is and go when the form changes; passphrases asked twice, told apart, cleared; drafts restored and named', async () => {
  const { context, page, errors } = await fresh();
  try {
    await page.setInputFiles('#answers-file-2', join(root, 'tests/golden/seed001-project/answers.json'));
    await page.waitForSelector('#form[data-drawn="true"]');
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 Excel' }).click()]);
    const st = page.locator('#status');
    await st.filter({ hasText: dl.suggestedFilename() }).waitFor();
    assert.match(await st.textContent(), /^已导出：/);
    assert.equal(await st.evaluate((e) => { const r = e.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }), true, 'in view');
    await page.fill('#val-q1-evidence', '调研报告').catch(() => page.fill('#val-q1-reason', '调研报告'));
    assert.equal(await st.textContent(), '', 'cleared when the form changes');

    await page.click('#signing-panel > summary');
    await page.getByRole('button', { name: '生成签名密钥' }).click();
    assert.match(await page.textContent('#sign-status'), /请先输入密钥口令/);
    await page.getByLabel('密钥口令').fill('单位口令 unit passphrase');
    await page.getByLabel('再次输入口令').fill('单位口令 unit passphrasE');
    await page.getByRole('button', { name: '生成签名密钥' }).click();
    assert.match(await page.textContent('#sign-status'), /两次输入的口令不一致/);
    await page.getByLabel('密钥口令').fill('单位口令 unit passphrase');
    await page.getByLabel('再次输入口令').fill('单位口令 unit passphrase');
    await page.getByRole('button', { name: '生成签名密钥' }).click();
    await page.waitForFunction(() => /[0-9a-f]{4} [0-9a-f]{4}/.test(document.getElementById('key-status').textContent));
    assert.equal(await page.inputValue('#key-pass'), '');
    assert.equal(await page.isVisible('#key-pass2'), false, 'asked twice only when creating a key');
    // Empty and wrong passphrases are told apart, next to the button.
    await page.getByRole('button', { name: '导出签名提交文件' }).click();
    assert.match(await page.textContent('#sign-status'), /请先输入密钥口令/);
    await page.getByLabel('密钥口令').fill('wrong passphrase');
    await page.getByRole('button', { name: '导出签名提交文件' }).click();
    await page.waitForFunction(() => /口令错误/.test(document.getElementById('sign-status').textContent));
    await page.getByLabel('密钥口令').fill('单位口令 unit passphrase');
    const [signed] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出签名提交文件' }).click()]);
    assert.match(await page.textContent('#sign-status'), new RegExp('已导出签名提交文件：' + signed.suggestedFilename().replace(/[.]/g, '\\.')));
    assert.equal(await page.inputValue('#key-pass'), '', 'cleared after signing');
    // Typed and not used: the passphrase goes when the form changes, and so does the message.
    await page.getByLabel('密钥口令').fill('单位口令 unit passphrase');
    await page.fill('#val-q2-actual', '4场');
    assert.equal(await page.inputValue('#key-pass'), '');
    assert.equal(await page.textContent('#sign-status'), '');

    // The draft is named by form, unit and date, and restoring it says so.
    await settle(page);
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    await page.waitForSelector('#form[data-drawn="true"]');
    assert.match(await page.textContent('#status'), /^已恢复“项目支出绩效自评表”（产业人才发展专项资金）（\d{4}年\d+月\d+日 \d{2}:\d{2} 保存）的草稿$/);
    await page.click('#new-form');
    const item = page.locator('#draft-list li').first();
    assert.match(await item.textContent(), /项目支出绩效自评表产业人才发展专项资金更新于 \d{4}年\d+月\d+日 \d{2}:\d{2}/);
    assert.deepEqual(errors, []);
  } finally { await context.close(); }
});

test('the 公钥登记表 prints as an official form: centred title, Chinese labels only, a seal area of at least 4 cm, room to sign', async () => {
  const { context, page, errors } = await fresh();
  try {
    await page.setInputFiles('#answers-file-2', join(root, 'tests/golden/seed001-project/answers.json'));
    await page.waitForSelector('#form[data-drawn="true"]');
    await page.click('#lang-switch');  // printed in Chinese whatever the page's language
    await page.click('#signing-panel > summary');
    await page.fill('#key-pass', '单位口令 unit passphrase');
    await page.fill('#key-pass2', '单位口令 unit passphrase');
    await page.click('#key-generate');
    await page.waitForFunction(() => /[0-9a-f]{4} [0-9a-f]{4}/.test(document.getElementById('key-status').textContent));
    await page.evaluate(() => { window.print = () => {}; });
    await page.click('#key-print');
    const text = await page.textContent('#key-register');
    // Labels in Chinese only: what is not Chinese is the key itself (fingerprint, id) and SHA-256.
    assert.doesNotMatch(text.replace(/[0-9a-f ]{20,}|[A-Za-z0-9_-]{20,}|SHA-256/g, ''), /[A-Za-z]{2,}/, 'Chinese labels only');
    await page.evaluate(() => document.body.classList.add('print-register'));
    await page.emulateMedia({ media: 'print' });
    const dir = mkdtempSync(join(tmpdir(), 'selfeval-register-'));
    const pdf = join(dir, 'register.pdf');
    await page.pdf({ path: pdf, format: 'A4' });
    // The title centred on the page; the seal label inside a box measured in the PDF itself.
    const bbox = execFileSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8' });
    const words = [...bbox.matchAll(/<page width="([\d.]+)"|xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]+)</g)];
    const pageWidth = Number(words.find((w) => w[1])[1]);
    const title = words.find((w) => w[6] === '公钥登记表');
    assert.ok(title, 'the title is in the PDF');
    const mid = (Number(title[2]) + Number(title[4])) / 2;
    assert.ok(Math.abs(mid - pageWidth / 2) < 6, `title centred (${mid} vs ${pageWidth / 2})`);
    const seal = words.find((w) => w[6] === '单位盖章');
    assert.ok(seal, 'the seal area is labelled');
    assert.ok(words.some((w) => w[6] && /经办人签字/.test(w[6])), 'room to sign');
    // Rasterize at 72 dpi (1 px = 1 pt) and walk from under the label to the box's edges.
    execFileSync('pdftoppm', ['-r', '72', '-gray', '-f', '1', '-l', '1', pdf, join(dir, 'p')]);
    const file = readdirPgm(dir);
    const { w, px } = readPgm(file);
    const x0 = Math.round((Number(seal[2]) + Number(seal[4])) / 2), y0 = Math.round(Number(seal[5]) + 12);
    const dark = (x, y) => px[y * w + x] < 128;
    let l = x0; while (l > 0 && !dark(l, y0)) l--;
    let r = x0; while (r < w - 1 && !dark(r, y0)) r++;
    let b = y0; while (b < px.length / w - 1 && !dark(x0, b)) b++;
    let t = y0; while (t > 0 && !dark(l + 3, t)) t--;
    const cm = (pt) => pt / 72 * 2.54;
    assert.ok(cm(r - l) >= 4 && cm(b - t) >= 4, `seal box ${cm(r - l).toFixed(2)} × ${cm(b - t).toFixed(2)} cm`);
    assert.deepEqual(errors, []);
  } finally { await context.close(); }
});

function readdirPgm(dir) {
  const { readdirSync } = require('node:fs');
  return join(dir, readdirSync(dir).find((f) => f.endsWith('.pgm')));
}
function readPgm(file) {
  const buf = readFileSync(file);
  // P5 <w> <h> <max>\n then bytes
  const head = buf.subarray(0, 64).toString('latin1').split(/\s+/);
  const w = Number(head[1]), h = Number(head[2]);
  const px = buf.subarray(buf.length - w * h);
  return { w, h, px };
}

test('developer items (engine version, template id and version, the target parser) are in 关于 / 高级, out of the way', async () => {
  const { context, page, errors } = await fresh();
  try {
    await openForm(page, 'project-self-assessment');
    const text = await visibleText(page);
    assert.doesNotMatch(text, /project-self-assessment|engine|1\.0\.0|指标值解析工具/);
    assert.equal(await page.isVisible('#engine-version'), false);
    await page.getByText('关于 / 高级').click();
    assert.equal(await page.isVisible('#engine-version'), true);
    assert.match(await page.textContent('#about'), /project-self-assessment 1\.0\.0/);
    assert.equal(await page.isVisible('#target-tool > summary'), true);
    assert.deepEqual(errors, []);
  } finally { await context.close(); }
});
