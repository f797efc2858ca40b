// Large templates (issue 14): a 10,000-row template opens in under 3 s, and keystrokes made
// while it opens are handled within 100 ms — in the page and in <selfeval-form>; the rows are
// drawn as they come into view, edits far down the form score and are saved; a 100,000-row
// template is refused at once with the limit in the message (README: Limits).
//
// Input latency is measured as a person meets it: the time from this process sending a key
// (over the DevTools protocol) to the page's own handler having run, both read from the
// machine's clock — a key that arrives while the page is busy waits, and shows here.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, distFile, screenshots } from './browser.mjs';
import { root } from '../node/helpers.mjs';

let browser;
const dir = mkdtempSync(join(tmpdir(), 'selfeval-large-'));
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

// `sections` × 10 groups × 10 rows: positive, reverse and qualitative rows in turn.
function template(sections) {
  const indicators = [];
  let k = 0;
  for (let s = 0; s < sections; s++) {
    const groups = [];
    for (let g = 0; g < 10; g++) {
      const rows = [];
      for (let r = 0; r < 10; r++, k++) {
        const id = `r${k}`;
        if (k % 3 === 0) rows.push({ id, name: `培训人次${k}`, weight: 1, target: `≥${100 + (k % 50)}人次`, direction: '正向' });
        else if (k % 3 === 1) rows.push({ id, name: `投诉次数${k}`, weight: 1, target: `≤${1 + (k % 5)}次`, direction: '反向' });
        else rows.push({ id, name: `制度建设${k}`, weight: 1, target: '制度健全', direction: '定性' });
      }
      groups.push({ id: `s${s}g${g}`, name: `二级${s}-${g}`, weight: 10, children: rows });
    }
    indicators.push({ id: `s${s}`, name: `一级${s}`, weight: 100, children: groups });
  }
  const total = sections * 100;
  return {
    format: 'selfeval.template.v1', id: `large-${sections}`, name: `大型模板（${sections * 100} 项）`, version: '1',
    kind: 'self_assessment', levels: ['一级指标', '二级指标', '三级指标'], indicators, total,
    grade_bands: [{ grade: '优', min: total * 0.9, max: total, max_inclusive: true }, { grade: '良', min: total * 0.8, max: total * 0.9 },
      { grade: '中', min: total * 0.6, max: total * 0.8 }, { grade: '差', min: 0, max: total * 0.6 }],
  };
}
function templateFile(sections) {
  const file = join(dir, `large-${sections}.json`);
  writeFileSync(file, JSON.stringify(template(sections)));
  return file;
}

// In the page: when `start` fires (a file chosen, a call made), the clock starts; `done()`
// says whether the form is drawn; every handled input records its wall-clock time.
async function instrument(page, probe) {
  await page.evaluate((probe) => {
    window.__handled = [];
    const input = document.querySelector(probe);
    // After the page's own listeners (bubbling to the document): the handling is included.
    document.addEventListener('input', (e) => { if (e.target === input) window.__handled.push(Date.now()); });
  }, probe);
}
// Types into `probe` (focused once, before the opening starts) until `drawn` holds in the
// page (or 30 s pass); returns each key's delay.
async function typeWhileOpening(page, probe, drawn) {
  const delays = [];
  const t0 = Date.now();
  while (Date.now() - t0 < 30000) {
    if (await page.evaluate(drawn)) break;
    const count = await page.evaluate(() => window.__handled.length);
    const sent = Date.now();
    await page.keyboard.type('1');
    const handled = await page.evaluate(() => window.__handled);
    if (handled.length > count) delays.push(handled[handled.length - 1] - sent);
    else await page.focus(probe);  // the key went elsewhere: not a sample
    await page.waitForTimeout(20);
  }
  return delays;
}

// The machine these tests share runs other builds and browsers: a measurement is taken up to
// three times, in a fresh tab each, and the best one must meet both limits. Today's quadratic
// drawing (tens of seconds) fails every attempt; a busy moment fails one.
async function bestOf(attempt) {
  const tries = [];
  for (let k = 0; k < 3; k++) {
    const r = await attempt();
    tries.push(r);
    if (r.opened > 0 && r.opened < 3000 && r.delays.length >= 3 && Math.max(...r.delays) < 100) return { ok: r, tries };
    await r.close();
  }
  return { ok: null, tries };
}
const said = (tries) => tries.map((r) => `opened in ${Math.round(r.opened)} ms, ${r.delays.length} keys, delays ${r.delays.join('/')} ms${r.error ? ' ' + r.error : ''}`).join('; ');

test('a 10,000-row template opens in under 3 s in the page, and input is handled within 100 ms while it opens', async () => {
  const file = templateFile(100);
  const { ok, tries } = await bestOf(async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(distFile('selfeval.html'));
    await page.waitForSelector('body[data-ready="true"]');
    await page.click('#about > summary');
    await page.click('#target-tool > summary');
    await instrument(page, '#target-input');
    await page.evaluate(() => {
      document.getElementById('template-file').addEventListener('change', () => { window.__t0 = performance.now(); }, true);
      // Open: the total shows and the first rows are there.
      new MutationObserver(() => {
        if (window.__t0 && !window.__open && /\d/.test(document.getElementById('total')?.textContent || '')
          && document.querySelector('#indicator-table tr[data-id]')) window.__open = performance.now() - window.__t0;
      }).observe(document.getElementById('form'), { childList: true, subtree: true, characterData: true });
    });
    await page.focus('#target-input');
    await page.setInputFiles('#template-file', file);
    const delays = await typeWhileOpening(page, '#target-input', () => !!window.__open);
    const opened = await page.evaluate(() => window.__open || -1);
    return { page, errors, opened, delays, close: () => context.close() };
  });
  assert.ok(ok, said(tries));
  console.log(`# 10,000 rows in the page: ${said(tries)}`);
  const { page, errors } = ok;
  assert.equal(await page.textContent('#form-title'), '大型模板（10000 项）');
  assert.equal(await page.textContent('#full-marks'), '/ 10000');
  // Only the rows near the view are in the page.
  assert.ok(await page.$$eval('#indicator-table tr[data-id]', (r) => r.length) < 1000);
  // A block further down repeats the cells of the sections it continues.
  const toBlock = async () => {
    for (let k = 0; k < 3; k++) {
      await page.evaluate(() => { SE.view.reveal('r5025'); document.getElementById('row-r5025').scrollIntoView({ block: 'start' }); window.scrollBy(0, -60); });
      await page.waitForTimeout(200);
    }
  };
  await toBlock();
  await page.waitForSelector('#indicator-table th.level.cont');
  await screenshots(page, 'large-form-blocks', toBlock);

  // The last rows, far down: built when scrolled to, scored when typed into.
  await page.evaluate(() => document.querySelector('#indicator-table tbody:last-of-type').scrollIntoView());
  await page.waitForSelector('#val-r9999-actual');
  const before = await page.textContent('#total');
  await page.fill('#val-r9997-actual', '0次');
  await page.waitForFunction((b) => document.getElementById('total').textContent !== b, before);
  assert.equal(await page.textContent('#score-r9997'), '1.00');
  // Enter moves to the same column of the next row, also into the next block of rows.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForSelector('#val-r24-reason');
  await page.focus('#val-r24-reason');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'val-r25-reason');
  // The draft of a large form is saved and opens again with what was typed.
  await page.waitForFunction(() => !document.body.hasAttribute('data-saving'), null, { timeout: 10000 });
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
  await page.waitForSelector('#form[data-drawn]', { timeout: 30000 });
  await page.evaluate(() => document.querySelector('#indicator-table tbody:last-of-type').scrollIntoView());
  await page.waitForSelector('#val-r9997-actual');
  assert.equal(await page.inputValue('#val-r9997-actual'), '0次');
  assert.deepEqual(errors, []);
  await ok.close();
});

test('<selfeval-form> opens a 10,000-row template in under 3 s and the portal takes input meanwhile', async () => {
  const portal = join(dir, 'portal.html');
  writeFileSync(portal, `<!DOCTYPE html><meta charset="utf-8"><title>portal</title>
    <label>搜索 <input id="portal-search"></label>
    <selfeval-form id="f"></selfeval-form>
    <script src="${distFile('selfeval-form.js')}"></script>`);
  const text = JSON.stringify(template(100));
  const { ok, tries } = await bestOf(async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    await page.goto('file://' + portal);
    await page.waitForFunction(() => customElements.get('selfeval-form'));
    await instrument(page, '#portal-search');
    await page.evaluate(() => new Promise((resolve) => { document.getElementById('f').addEventListener('ready', resolve); setTimeout(resolve, 5000); }));
    await page.focus('#portal-search');
    await page.evaluate((t) => {
      const f = document.getElementById('f');
      window.__t0 = performance.now();
      f.loadTemplate(t).then(() => {
        // Open: the total shows and the first rows are there.
        const root = f.shadowRoot;
        const check = () => {
          if (/\d/.test(root.getElementById('total')?.textContent || '') && root.querySelector('#indicator-table tr[data-id]')) window.__open = performance.now() - window.__t0;
          else setTimeout(check, 5);
        };
        check();
      }, (e) => { window.__open = -1; window.__error = String(e); });
    }, text);
    const delays = await typeWhileOpening(page, '#portal-search', () => !!window.__open);
    const opened = await page.evaluate(() => window.__open || -1);
    return { page, opened, delays, error: await page.evaluate(() => window.__error), close: () => context.close() };
  });
  assert.ok(ok, said(tries));
  console.log(`# <selfeval-form>, 10,000 rows: ${said(tries)}`);
  // An edit in the element scores.
  const page = ok.page;
  const total = await page.evaluate(() => document.getElementById('f').shadowRoot.getElementById('total').textContent);
  await page.fill('selfeval-form #val-r0-actual', '200人次');
  await page.waitForFunction((t) => document.getElementById('f').shadowRoot.getElementById('total').textContent !== t, total);
  await ok.close();
});

test('a 100,000-row template is refused at once with the limit in the message', async () => {
  const file = templateFile(1000);
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  await page.goto(distFile('selfeval.html'));
  await page.waitForSelector('body[data-ready="true"]');
  const t0 = Date.now();
  await page.setInputFiles('#template-file', file);
  await page.waitForFunction(() => /超过上限/.test(document.getElementById('status').textContent), null, { timeout: 30000 });
  const took = Date.now() - t0;
  assert.match(await page.textContent('#status'), /模板共有 111000 项指标（含各级分类），超过上限 20000 项，无法打开：请拆分为几个较小的模板/);
  console.log(`# 100,000 rows: refused after ${took} ms`);
  await screenshots(page, 'large-form-refused');
  assert.equal(await page.isVisible('#start'), true);
  // The page still works.
  await page.click('button[data-template="project-self-assessment"]');
  await page.waitForSelector('#indicator-table');
  await context.close();
});
