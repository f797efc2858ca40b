// 1. Core evaluation time for generated forms of 30, 1,000 and 10,000 indicators, natively
// (`selfeval bench`, timed in C++) and in wasm under node (timed here, the same calls):
// opening the form (template + answers), loading the answers again (parse, build, score
// everything), and single-value edits (one row's actual, the delta serialized as the page
// receives it).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadEngine, cli } from '../tests/node/helpers.mjs';
import { sizedTemplate, sizedAnswers } from './sized_forms.mjs';
import { percentile } from './stats.mjs';

export async function coreBench({ sizes = [30, 1000, 10000], runs = 20, edits = 200 } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'selfeval-bench-'));
  const { Module } = await loadEngine();
  const out = {};
  for (const n of sizes) {
    const tpl = sizedTemplate(n);
    const tplText = JSON.stringify(tpl);
    const ansText = JSON.stringify(sizedAnswers(tpl));
    writeFileSync(join(dir, `t${n}.json`), tplText);
    writeFileSync(join(dir, `a${n}.json`), ansText);
    const r = Math.max(3, Math.round(runs * (n >= 10000 ? 0.25 : 1)));
    const native = JSON.parse(execFileSync(cli, ['bench', '--template', join(dir, `t${n}.json`), '--answers', join(dir, `a${n}.json`),
      '--runs', String(r), '--edits', String(edits)], { encoding: 'utf8', maxBuffer: 64 << 20 }));

    const s = new Module.Session();
    let t0 = performance.now();
    const loaded = JSON.parse(s.loadTemplate(tplText));
    const answered = JSON.parse(s.loadAnswers(ansText));
    const firstLoad = performance.now() - t0;
    if (!loaded.ok || !answered.ok) throw new Error(`bench form ${n} does not load`);
    const loads = [];
    for (let k = 0; k < r; k++) { t0 = performance.now(); s.loadAnswers(ansText); loads.push(performance.now() - t0); }
    const desc = JSON.parse(s.describe());
    const ids = desc.nodes.filter((x) => x.leaf && x.rule === 'positive').map((x) => x.id);
    const times = [];
    let total = '';
    for (let k = 0; k < edits; k++) {
      t0 = performance.now();
      const d = JSON.parse(s.setValue(ids[k % ids.length], 'actual', Math.floor(k / ids.length) % 2 ? '1' : '100000'));
      times.push(performance.now() - t0);
      total = d.total;
    }
    s.delete();
    out[n] = {
      native,
      wasm: {
        first_load_ms: firstLoad,
        load_answers_ms_p50: percentile(loads, 0.5),
        edit_ms_p50: percentile(times, 0.5),
        edit_ms_p95: percentile(times, 0.95),
        total_after_edits: total,
      },
    };
    if (total !== native.total_after_edits) throw new Error(`wasm and native disagree on the ${n}-row total: ${total} vs ${native.total_after_edits}`);
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try { console.log(JSON.stringify(await coreBench(), null, 1)); } catch (e) { console.error(String(e.stack || e).slice(0, 2000)); process.exit(1); }
}
