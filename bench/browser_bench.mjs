// 2, 3, 6, 7 in Chromium (Debian's, through playwright-core): edit latency from an input
// event to the updated total in the DOM for selfeval's page and for the SurveyJS peer, cold
// start of dist/selfeval.html from file://, and memory of the 10,000-row form.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, distFile } from '../tests/e2e/browser.mjs';
import { root } from '../tests/node/helpers.mjs';
import { sizedTemplate, sizedAnswers, positiveAnswers, positiveLeaves } from './sized_forms.mjs';
import { surveyJsonFor, surveyDataFor } from './surveyjs_model.mjs';
import { percentile } from './stats.mjs';

const dir = mkdtempSync(join(tmpdir(), 'selfeval-browser-bench-'));

// Captures the wasm memory of whatever the page instantiates (its size never shrinks:
// at the end it is the peak).
function captureWasmMemory() {
  const wrap = (orig) => async function (...args) {
    const r = await orig.apply(this, args);
    const exports = (r.instance || r).exports;
    for (const k of Object.keys(exports)) if (exports[k] instanceof WebAssembly.Memory) window.__wasmMemory = exports[k];
    return r;
  };
  WebAssembly.instantiate = wrap(WebAssembly.instantiate);
  if (WebAssembly.instantiateStreaming) WebAssembly.instantiateStreaming = wrap(WebAssembly.instantiateStreaming);
}

// Opens the form page with a template and answers, the way a user does (file inputs).
async function openForm(browser, tpl, answers, url) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  await context.addInitScript(captureWasmMemory);
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]');
  const tf = join(dir, `${tpl.id}.template.json`), af = join(dir, `${tpl.id}.answers.json`);
  writeFileSync(tf, JSON.stringify(tpl));
  writeFileSync(af, JSON.stringify(answers));
  await page.setInputFiles('#template-file', tf);
  await page.waitForSelector('#indicator-table', { timeout: 600000 });
  await page.setInputFiles('#answers-file', af);
  // Loaded when a filled row shows its answer (large forms draw rows in blocks: its block is built).
  const probe = positiveLeaves(tpl).find((n) => answers.values[n.id] && answers.values[n.id].actual);
  await page.waitForFunction(({ id, v }) => { SE.view.reveal(id); return document.getElementById(`val-${id}-actual`)?.value === v; },
    { id: probe.id, v: answers.values[probe.id].actual }, { timeout: 600000 });
  return { context, page };
}

// `edits` edits of positive rows' actuals, each timed from dispatching the input event to
// reading the new total out of the DOM (everything the page does synchronously).
// A form drawn in blocks has the row's block built first (not timed). A large form's engine
// runs in a worker: its answer comes back a moment later, and the time runs until it is drawn
// (on the page's own engine the answer is drawn within the event).
async function timeSelfevalEdits(page, ids, edits) {
  return page.evaluate(async ({ ids, edits }) => {
    const times = [];
    let changed = 0;
    for (let k = 0; k < edits; k++) {
      const id = ids[k % ids.length];
      if (SE.view.reveal) SE.view.reveal(id);
      const input = document.getElementById(`val-${id}-actual`);
      const before = document.getElementById('total').textContent;
      const answered = SE.deltas || 0;
      input.value = Math.floor(k / ids.length) % 2 ? '1' : '100000';
      const t0 = performance.now();
      input.dispatchEvent(new Event('input', { bubbles: true }));
      // A worker's answer comes in a later task: wait for it.
      while ((SE.deltas || 0) === answered && performance.now() - t0 < 5000) await new Promise((r) => setTimeout(r, 0));
      const after = document.getElementById('total').textContent;
      times.push(performance.now() - t0);
      if (after !== before) changed++;
    }
    return { times, changed, total: document.getElementById('total').textContent };
  }, { ids, edits });
}

// `url`: the page under test (another build's selfeval.html for a before/after comparison).
export async function selfevalEdit(browser, tpl, answers, edits, url = distFile('selfeval.html')) {
  const { context, page } = await openForm(browser, tpl, answers, url);
  const ids = positiveLeaves(tpl).map((n) => n.id);
  // A few edits first, so the measured ones do not include the first calls' compilation.
  await timeSelfevalEdits(page, ids, 20);
  const r = await timeSelfevalEdits(page, ids, edits);
  if (r.changed < edits * 0.5) throw new Error(`selfeval: only ${r.changed} of ${edits} edits changed the total (${r.total}; ${JSON.stringify(r.times.slice(0, 5))}; ${ids.slice(0, 5)})`);
  const memory = await pageMemory(context, page);
  await context.close();
  return { p50: percentile(r.times, 0.5), p95: percentile(r.times, 0.95), edits, total_after: r.total, memory };
}

async function pageMemory(context, page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const m = Object.fromEntries(metrics.map((x) => [x.name, x.value]));
  const wasm = await page.evaluate(() => (window.__wasmMemory ? window.__wasmMemory.buffer.byteLength : null));
  return { wasm_heap_bytes: wasm, js_heap_used_bytes: m.JSHeapUsedSize, dom_nodes: m.Nodes };
}

async function surveyEdit(browser, tpl, answers, edits) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('file://' + join(root, 'bench/pages/surveyjs.html'));
  const model = surveyJsonFor(tpl);
  const r = await page.evaluate(({ model, data, edits }) => {
    const survey = new Survey.Model({ elements: model.elements });
    survey.data = data;
    const input = document.getElementById('actual');
    const total = document.getElementById('total');
    let row = model.rows[0];
    // What a SurveyJS form does on input: set the value; the expressions re-run; show the total.
    input.addEventListener('input', () => {
      survey.setValue(`a_${row.id}`, Number(input.value));
      total.textContent = survey.getValue('total').toFixed(2);
    });
    const once = (k) => {
      row = model.rows[k % model.rows.length];
      const before = total.textContent;
      input.value = Math.floor(k / model.rows.length) % 2 ? '1' : '100000';
      const t0 = performance.now();
      input.dispatchEvent(new Event('input', { bubbles: true }));
      const after = total.textContent;
      return { t: performance.now() - t0, changed: after !== before };
    };
    for (let k = 0; k < 20; k++) once(k);
    const times = [];
    let changed = 0;
    for (let k = 0; k < edits; k++) { const o = once(k); times.push(o.t); if (o.changed) changed++; }
    return { times, changed, total: total.textContent };
  }, { model, data: surveyDataFor(answers), edits });
  await context.close();
  if (r.changed < edits * 0.5) throw new Error(`SurveyJS: only ${r.changed} of ${edits} edits changed the total`);
  return { p50: percentile(r.times, 0.5), p95: percentile(r.times, 0.95), edits, total_after: r.total };
}

// From navigation to the first score: a fresh profile opens the page, picks the built-in
// project form as soon as the engine is ready (no think time), and the total appears.
async function coldStart(browser, runs) {
  const times = [];
  const ready = [];
  for (let k = 0; k < runs; k++) {
    const context = await browser.newContext();
    await context.addInitScript(() => {
      const watch = new MutationObserver(() => {
        if (!window.__readyAt && document.body && document.body.dataset.ready === 'true') {
          window.__readyAt = performance.now();
          document.querySelector('button[data-template="project-self-assessment"]').click();
        }
        const total = document.getElementById('total');
        if (!window.__scoreAt && total && /\d/.test(total.textContent)) { window.__scoreAt = performance.now(); watch.disconnect(); }
      });
      watch.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
    });
    const page = await context.newPage();
    await page.goto(distFile('selfeval.html'));
    await page.waitForFunction(() => window.__scoreAt, null, { timeout: 30000 });
    const r = await page.evaluate(() => ({ ready: window.__readyAt, score: window.__scoreAt }));
    times.push(r.score);
    ready.push(r.ready);
    await context.close();
  }
  return { p50: percentile(times, 0.5), p95: percentile(times, 0.95), engine_ready_p50: percentile(ready, 0.5), runs, samples: times };
}

export async function browserBench({ edits = 200, coldRuns = 10 } = {}) {
  const browser = await launch();
  try {
    const out = { selfeval: {}, selfeval_positive: {}, surveyjs: {} };
    out.cold_start = await coldStart(browser, coldRuns);
    for (const n of [30, 1000, 10000]) {
      const tpl = sizedTemplate(n);
      out.selfeval[n] = await selfevalEdit(browser, tpl, sizedAnswers(tpl), edits);
    }
    for (const n of [30, 1000]) {
      const tpl = sizedTemplate(n, { positiveOnly: true });
      const answers = positiveAnswers(tpl);
      out.selfeval_positive[n] = await selfevalEdit(browser, tpl, answers, edits);
      out.surveyjs[n] = await surveyEdit(browser, tpl, answers, edits);
    }
    return out;
  } finally {
    await browser.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try { console.log(JSON.stringify(await browserBench(), null, 1)); } catch (e) { console.error(String(e.stack || e).slice(0, 2000)); process.exit(1); }
}
