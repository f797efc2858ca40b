// 6 (node half). The same positive-ratio edits, selfeval's wasm Session against SurveyJS's
// model, in this one node process: setting one row's actual and reading the new total.
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { loadEngine } from '../tests/node/helpers.mjs';
import { sizedTemplate, positiveAnswers } from './sized_forms.mjs';
import { surveyJsonFor, surveyDataFor } from './surveyjs_model.mjs';
import { percentile } from './stats.mjs';

const require = createRequire(import.meta.url);

export async function surveyNodeBench({ sizes = [30, 1000], edits = 200 } = {}) {
  const Survey = require('survey-core');
  const { Module } = await loadEngine();
  const out = {};
  for (const n of sizes) {
    const tpl = sizedTemplate(n, { positiveOnly: true });
    const answers = positiveAnswers(tpl);
    const model = surveyJsonFor(tpl);
    const survey = new Survey.Model({ elements: model.elements });
    survey.data = surveyDataFor(answers);
    const s = new Module.Session();
    s.loadTemplate(JSON.stringify(tpl));
    s.loadAnswers(JSON.stringify(answers));
    const sv = [], se = [];
    for (let k = 0; k < edits + 20; k++) {
      const row = model.rows[k % model.rows.length];
      const v = Math.floor(k / model.rows.length) % 2 ? 1 : 100000;
      let t0 = performance.now();
      survey.setValue(`a_${row.id}`, v);
      survey.getValue('total');
      const a = performance.now() - t0;
      t0 = performance.now();
      JSON.parse(s.setValue(row.id, 'actual', String(v))).total;
      const b = performance.now() - t0;
      if (k >= 20) { sv.push(a); se.push(b); }
    }
    s.delete();
    out[n] = { surveyjs_ms_p50: percentile(sv, 0.5), selfeval_wasm_ms_p50: percentile(se, 0.5), ratio: percentile(sv, 0.5) / percentile(se, 0.5) };
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try { console.log(JSON.stringify(await surveyNodeBench(), null, 1)); } catch (e) { console.error(String(e.stack || e).slice(0, 2000)); process.exit(1); }
}
