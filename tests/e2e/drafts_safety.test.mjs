// Nothing typed is replaced in silence (issue 14): a file opened over a draft of the same
// form asks first and keeps the replaced version; two tabs on one draft never overwrite each
// other; a draft that no longer opens leaves the start screen usable and can be saved as
// files; a draft changed outside the page is flagged and signing it asks first; the page
// says where it keeps drafts. Screenshots of every new prompt at 1024×768, 1366×768 and
// 1920×1080 in tests/e2e/artifacts/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { launch, distFile, screenshots } from './browser.mjs';
import { root } from '../node/helpers.mjs';

let browser;
const dir = mkdtempSync(join(tmpdir(), 'selfeval-drafts-'));
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

const seedAnswers = join(root, 'tests/golden/seed001-project/answers.json');
const require = createRequire(import.meta.url);

// axe-core on what the page shows now: no serious or critical violation.
async function axe(page) {
  if (!(await page.evaluate(() => !!window.axe))) await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  return page.evaluate(async () => (await window.axe.run(document, { resultTypes: ['violations'] })).violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`));
}

async function newPage(context) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(distFile('selfeval.html'));
  await page.waitForSelector('body[data-ready="true"]');
  return { page, errors };
}
// Every save scheduled so far has been written (body[data-saving] goes when none waits).
const saved = (page) => page.waitForFunction(() => !document.body.hasAttribute('data-saving') && /已自动保存/.test(document.getElementById('save-status').textContent));
async function download(page, selector, name) {
  const [d] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  const file = join(dir, name);
  await d.saveAs(file);
  return file;
}
async function draftNames(page) {
  await page.click('#new-form');
  await page.waitForSelector('#draft-list li');
  return page.$$eval('#draft-list li', (lis) => lis.map((li) => li.textContent));
}

test('an answers file or exported workbook for the open form asks first; replacing keeps the old version', async () => {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, acceptDownloads: true });
  const { page, errors } = await newPage(context);
  await page.click('button[data-template="project-self-assessment"]');
  await page.waitForSelector('#indicator-table');
  await page.fill('#unit-project_name', '手填的项目');
  await page.fill('#text-goals\\.expected', '手填的总体目标');
  await saved(page);

  // Cancel: the draft stays as it was.
  await page.setInputFiles('#answers-file', seedAnswers);
  await page.waitForSelector('dialog[data-dialog="replace-draft"][open]');
  assert.match(await page.textContent('dialog[data-dialog="replace-draft"]'), /替换当前草稿.*另开为新草稿.*取消/s);
  assert.match(await page.textContent('dialog[data-dialog="replace-draft"]'), /answers\.json.*项目支出绩效自评表（手填的项目）/s);
  await screenshots(page, 'prompt-replace-draft');
  assert.deepEqual(await axe(page), []);
  await page.click('dialog[data-dialog="replace-draft"] [data-choice="cancel"]');
  assert.equal(await page.inputValue('#unit-project_name'), '手填的项目');
  assert.equal(await page.$('dialog[open]'), null);

  // As a new draft: the file opens beside the draft, which keeps what was typed.
  await page.setInputFiles('#answers-file', seedAnswers);
  await page.click('dialog[data-dialog="replace-draft"] [data-choice="new"]');
  await page.waitForFunction(() => document.getElementById('total')?.textContent === '100.00');
  assert.equal(await page.inputValue('#unit-project_name'), '产业人才发展专项资金');
  await saved(page);
  let names = await draftNames(page);
  assert.equal(names.length, 2);
  assert.ok(names.some((n) => /手填的项目/.test(n)) && names.some((n) => /产业人才发展专项资金/.test(n)), names.join(' | '));

  // Back to the typed draft; an exported workbook of the same form over it, replaced.
  await page.click('#draft-list li:has-text("手填的项目") button.resume');
  await page.waitForSelector('#indicator-table');
  await page.waitForFunction(() => document.getElementById('unit-project_name')?.value === '手填的项目');
  const other = await browser.newContext({ acceptDownloads: true });
  const { page: exporter } = await newPage(other);
  await exporter.setInputFiles('#answers-file-2', seedAnswers);
  await exporter.waitForFunction(() => document.getElementById('total')?.textContent === '100.00');
  const xlsx = await download(exporter, '#export-xlsx', 'seed001.xlsx');
  await other.close();
  await page.setInputFiles('#answers-file', xlsx);
  await page.waitForSelector('dialog[data-dialog="replace-draft"][open]');
  assert.match(await page.textContent('dialog[data-dialog="replace-draft"]'), /seed001\.xlsx/);
  await page.click('dialog[data-dialog="replace-draft"] [data-choice="replace"]');
  await page.waitForFunction(() => document.getElementById('total')?.textContent === '100.00');
  assert.equal(await page.inputValue('#unit-project_name'), '产业人才发展专项资金');
  assert.match(await page.textContent('#status'), /替换前的版本/);
  await saved(page);

  // The replaced version is in the drafts list and opens with what was typed.
  names = await draftNames(page);
  assert.equal(names.length, 3, names.join(' | '));
  const previous = names.find((n) => /替换前的版本/.test(n));
  assert.ok(previous && /手填的项目/.test(previous), names.join(' | '));
  await screenshots(page, 'drafts-previous-version');
  await page.click('#draft-list li:has-text("替换前的版本") button.resume');
  await page.waitForFunction(() => document.getElementById('unit-project_name')?.value === '手填的项目');
  assert.equal(await page.inputValue('#text-goals\\.expected'), '手填的总体目标');
  // In English mode the question is in English.
  await page.click('#lang-switch');
  await page.setInputFiles('#answers-file', seedAnswers);
  await page.waitForSelector('dialog[data-dialog="replace-draft"][open]');
  assert.match(await page.textContent('dialog[data-dialog="replace-draft"]'), /Replace the draft you are filling in\?.*Replace the draft.*Open as a new draft.*Cancel/s);
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.querySelector('dialog[open]'));
  assert.match(await page.textContent('#status'), /Cancelled; the draft is unchanged/);
  await page.click('#lang-switch');
  // A draft with nothing typed yet is replaced without a question.
  await page.click('#new-form');
  await page.click('button[data-template="project-self-assessment"]');
  await page.waitForSelector('#indicator-table');
  await page.setInputFiles('#answers-file', seedAnswers);
  await page.waitForFunction(() => document.getElementById('total')?.textContent === '100.00');
  assert.equal(await page.$('dialog[open]'), null);
  assert.deepEqual(errors, []);
  await context.close();
});

test('two tabs on one draft: the second is read-only, takes over on request, and nothing is overwritten', async () => {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const one = await newPage(context);
  await one.page.click('button[data-template="project-self-assessment"]');
  await one.page.waitForSelector('#indicator-table');
  await one.page.fill('#unit-department', '第一页的主管部门');
  await saved(one.page);

  // The second tab opens the same draft (the one open last) and may not edit it.
  const two = await newPage(context);
  await two.page.waitForSelector('#indicator-table');
  await two.page.waitForSelector('#draft-lock:not([hidden])');
  assert.match(await two.page.textContent('#draft-lock'), /另一个标签页中编辑.*只读/);
  assert.equal(await two.page.isDisabled('#unit-department'), true);
  assert.equal(await two.page.isDisabled('#text-goals\\.expected'), true);
  await two.page.evaluate(() => window.scrollTo(0, 0));
  await screenshots(two.page, 'prompt-tab-read-only');
  assert.deepEqual(await axe(two.page), []);

  // The first tab goes on typing; the second takes over and gets all of it.
  await one.page.fill('#text-goals\\.expected', '第一页的总体目标');
  await one.page.waitForTimeout(50);
  await two.page.click('#lock-take');
  await two.page.waitForFunction(() => document.getElementById('draft-lock').hidden && !document.getElementById('unit-department').disabled);
  assert.equal(await two.page.inputValue('#unit-department'), '第一页的主管部门');
  assert.equal(await two.page.inputValue('#text-goals\\.expected'), '第一页的总体目标');
  await one.page.waitForSelector('#draft-lock:not([hidden])');
  assert.match(await one.page.textContent('#draft-lock'), /转到另一个标签页/);
  await one.page.evaluate(() => window.scrollTo(0, 0));
  await screenshots(one.page, 'prompt-tab-taken-over');
  assert.equal(await one.page.isDisabled('#unit-project_name'), true);
  await two.page.fill('#unit-project_name', '第二页的项目');
  await saved(two.page);

  // A fresh tab sees both tabs' input.
  await one.page.close();
  await two.page.close();
  const three = await newPage(context);
  await three.page.waitForSelector('#indicator-table');
  assert.equal(await three.page.inputValue('#unit-department'), '第一页的主管部门');
  assert.equal(await three.page.inputValue('#text-goals\\.expected'), '第一页的总体目标');
  assert.equal(await three.page.inputValue('#unit-project_name'), '第二页的项目');
  assert.deepEqual([...one.errors, ...two.errors, ...three.errors], []);
  await context.close();
});

test('without a channel between tabs, a save over another tab\'s newer one is refused and kept as a copy', async () => {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  // A browser without BroadcastChannel: only the revision check stands between the tabs.
  await context.addInitScript(() => { delete window.BroadcastChannel; });
  const one = await newPage(context);
  await one.page.click('button[data-template="project-self-assessment"]');
  await one.page.waitForSelector('#indicator-table');
  await one.page.fill('#unit-project_name', '共同的项目');
  await saved(one.page);
  const two = await newPage(context);
  await two.page.waitForSelector('#indicator-table');
  assert.equal(await two.page.isHidden('#draft-lock'), true);
  // Both edit; the first saves first.
  await one.page.fill('#unit-department', '第一页的主管部门');
  await saved(one.page);
  await two.page.fill('#text-goals\\.expected', '第二页的总体目标');
  // The second tab's save finds the first tab's newer one: it writes nothing over it.
  await two.page.waitForSelector('#draft-lock:not([hidden])');
  assert.match(await two.page.textContent('#draft-lock'), /另一个标签页已修改并保存.*冲突副本/);
  assert.equal(await two.page.isDisabled('#text-goals\\.expected'), true);
  await two.page.evaluate(() => window.scrollTo(0, 0));
  await screenshots(two.page, 'prompt-tab-conflict');
  // The draft has the first tab's input; the second tab's is in its copy.
  const three = await newPage(context);
  await three.page.waitForSelector('#indicator-table');
  assert.equal(await three.page.inputValue('#unit-department'), '第一页的主管部门');
  const names = await draftNames(three.page);
  const copy = names.find((n) => /冲突副本/.test(n));
  assert.ok(copy, names.join(' | '));
  await three.page.click('#draft-list li:has-text("冲突副本") button.resume');
  await three.page.waitForFunction(() => document.getElementById('text-goals.expected')?.value === '第二页的总体目标');
  assert.equal(await three.page.inputValue('#unit-project_name'), '共同的项目');
  await context.close();
});

test('a draft whose template no longer loads leaves the start screen usable, marked, and saveable', async () => {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, acceptDownloads: true });
  const { page } = await newPage(context);
  await page.setInputFiles('#template-file', join(root, 'tests/data/templates/good-mini.json'));
  await page.waitForSelector('#indicator-table');
  await page.fill('#val-a\\.1\\.1-actual', '120人次');
  await page.fill('#val-a\\.1\\.1-reason', '超额完成');
  await saved(page);
  // As after a schema change: the stored template has a field the engine does not know.
  await page.evaluate(() => new Promise((resolve, reject) => {
    const open = indexedDB.open('selfeval');
    open.onsuccess = () => {
      const t = open.result.transaction('drafts', 'readwrite');
      const s = t.objectStore('drafts');
      s.getAll().onsuccess = (e) => {
        for (const d of e.target.result) {
          if (!d.template_text) continue;
          const tpl = JSON.parse(d.template_text);
          tpl.layout_v2 = { columns: 7 };
          d.template_text = JSON.stringify(tpl);
          s.put(d);
        }
      };
      t.oncomplete = resolve;
      t.onerror = () => reject(t.error);
    };
  }));
  for (const k of await page.evaluate(() => Object.keys(localStorage))) if (k.startsWith('selfeval.draft.')) await page.evaluate((key) => localStorage.removeItem(key), k);
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  // The start screen, with everything on it.
  assert.equal(await page.isVisible('#start'), true);
  assert.equal(await page.$$eval('#builtin-list button', (b) => b.length), 8);
  assert.match(await page.textContent('#status'), /草稿“测试模板”无法打开.*layout_v2.*已回到开始页面/);
  const li = page.locator('#draft-list li', { hasText: '测试模板' });
  assert.match(await li.textContent(), /无法打开/);
  await screenshots(page, 'start-broken-draft');
  assert.deepEqual(await axe(page), []);
  // Its answers and its template can be saved as files.
  const answers = JSON.parse(readFileSync(await download(page, '#draft-list li.broken button[data-save="answers"]', 'broken.answers.json'), 'utf8'));
  assert.equal(answers.values['a.1.1'].actual, '120人次');
  assert.equal(answers.values['a.1.1'].reason, '超额完成');
  const template = JSON.parse(readFileSync(await download(page, '#draft-list li.broken button[data-save="template"]', 'broken.template.json'), 'utf8'));
  assert.deepEqual(template.layout_v2, { columns: 7 });
  // Trying it again says why again; a new form opens as usual.
  await li.locator('button.resume').click();
  assert.equal(await page.isVisible('#start'), true);
  await page.click('button[data-template="policy-evaluation"]');
  await page.waitForSelector('#indicator-table');
  // The next start opens the form last edited, as always (merely opening one makes no draft).
  await page.fill('#unit-policy_name', '人才引进政策');
  await saved(page);
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  await page.waitForSelector('#indicator-table');
  assert.equal(await page.inputValue('#unit-policy_name'), '人才引进政策');
  await context.close();
});

test('a draft changed outside the page is flagged and signing it asks first; the page says where drafts are kept', async () => {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, acceptDownloads: true });
  const { page } = await newPage(context);
  assert.match(await page.textContent('#storage-where'), /本机所有本地网页共用同一份存储.*其他本地 HTML 文件也能读取或修改.*单位内网地址/);
  await page.setInputFiles('#answers-file-2', seedAnswers);
  await page.waitForFunction(() => document.getElementById('total')?.textContent === '100.00');
  await saved(page);
  assert.equal(await page.isHidden('#draft-alert'), true);
  // Another local HTML file, opened in the same browser, rewrites an actual in the stored draft.
  const evil = join(dir, 'other-local-page.html');
  writeFileSync(evil, `<!DOCTYPE html><meta charset="utf-8"><title>x</title><script>
    const open = indexedDB.open('selfeval');
    open.onsuccess = () => {
      const s = open.result.transaction('drafts', 'readwrite').objectStore('drafts');
      s.getAll().onsuccess = (e) => { for (const d of e.target.result) if (d.answers) {
        const a = JSON.parse(d.answers); a.values.q1.actual = '9次'; d.answers = JSON.stringify(a); s.put(d);
        for (const k of Object.keys(localStorage)) if (k === 'selfeval.draft.' + d.id) localStorage.setItem(k, JSON.stringify(d));
      } document.title = 'done'; };
    };</script>`);
  const other = await context.newPage();
  await other.goto('file://' + evil);
  await other.waitForFunction(() => document.title === 'done');
  await other.close();
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  await page.waitForSelector('#indicator-table');
  assert.equal(await page.inputValue('#val-q1-actual'), '9次');
  await page.waitForSelector('#draft-alert:not([hidden])');
  assert.match(await page.textContent('#draft-alert'), /校验值不符或缺失.*签名前请逐项核对/);
  // Signing asks first; cancelling signs nothing.
  await page.click('#signing-panel > summary');
  assert.match(await page.textContent('#key-where'), /本地网页共用/);
  await page.fill('#key-pass', 'correct horse battery');
  await page.fill('#key-pass2', 'correct horse battery');  // a new key asks for it twice
  await page.click('#key-generate');
  await page.waitForFunction(() => /指纹/.test(document.getElementById('key-status').textContent));
  await page.fill('#key-pass', 'correct horse battery');  // cleared once the key was made
  await page.click('#export-signed');
  await page.waitForSelector('dialog[data-dialog="sign-check"][open]');
  assert.match(await page.textContent('dialog[data-dialog="sign-check"]'), /在本页之外被修改过.*已核对，继续签名/s);
  await screenshots(page, 'prompt-sign-check');
  assert.deepEqual(await axe(page), []);
  let downloads = 0;
  page.on('download', () => { downloads++; });
  await page.click('dialog[data-dialog="sign-check"] [data-choice="cancel"]');
  await page.waitForTimeout(300);
  assert.equal(downloads, 0);
  // Checked: it signs, and the flag is gone (also after a reload).
  const [signed] = await Promise.all([page.waitForEvent('download'), (async () => {
    await page.click('#export-signed');
    await page.click('dialog[data-dialog="sign-check"] [data-choice="checked"]');
  })()]);
  assert.match(signed.suggestedFilename(), /\.signed\.json$/);
  assert.equal(await page.isHidden('#draft-alert'), true);
  await saved(page);
  await page.reload();
  await page.waitForSelector('#indicator-table');
  assert.equal(await page.isHidden('#draft-alert'), true);
  await context.close();
});
