// `make bench`: every benchmark of bench/README.md in one run; writes bench/results/latest.json
// (with machine, date and commit) and the summary table in bench/README.md.
import { execFileSync } from 'node:child_process';
import { cpus, totalmem, release } from 'node:os';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { root } from '../tests/node/helpers.mjs';
import { coreBench } from './core_bench.mjs';
import { browserBench } from './browser_bench.mjs';
import { batchBench } from './batch_bench.mjs';
import { signatureBench } from './signature_bench.mjs';
import { reviewBench } from './review_bench.mjs';
import { surveyNodeBench } from './surveyjs_node.mjs';
import { sizes } from './sizes.mjs';
import { round } from './stats.mjs';
import { summaryTable } from './summary.mjs';

const git = (args) => execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();
const only = process.argv.slice(2);
const want = (name) => only.length === 0 || only.includes(name);
const log = (m) => process.stderr.write(`[bench] ${new Date().toISOString().slice(11, 19)} ${m}\n`);

const latestPath = join(root, 'bench/results/latest.json');
let previous = {};
try { previous = JSON.parse(readFileSync(latestPath, 'utf8')); } catch { /* first run */ }
const detail = { ...(previous.detail || {}) };

if (want('size')) { log('sizes'); detail.sizes = sizes(); }
if (want('core')) { log('core (native and wasm in node)'); detail.core = await coreBench(); }
if (want('surveyjs-node')) { log('SurveyJS in node'); detail.surveyjs_node = await surveyNodeBench(); }
if (want('browser')) { log('Chromium: cold start, edits, SurveyJS, memory'); detail.browser = await browserBench(); }
if (want('batch')) { log('native batch verify'); const b = batchBench(); delete b.dir; detail.batch = b; }
if (want('signatures')) { log('signatures: Ed25519 and SM2-SM3 (OpenSSL, the page, the CLI batch)'); detail.signatures = await signatureBench(); }
if (want('review')) { log('the workbench: 10,000 submissions natively and in Chromium'); detail.review = await reviewBench(); }

const d = detail;
const dirty = git(['status', '--porcelain', '--untracked-files=no']) !== '';
const results = {
  machine: { cpu: cpus()[0].model, cores: cpus().length, memory_bytes: totalmem(), kernel: release(), node: process.version,
    chromium: execFileSync('/usr/bin/chromium', ['--version'], { encoding: 'utf8' }).trim() },
  date: new Date().toISOString(),
  commit: git(['rev-parse', 'HEAD']) + (dirty ? '+dirty' : ''),
  edit_ms_p50_30_chromium: round(d.browser?.selfeval[30].p50, 4),
  edit_ms_p50_1000_chromium: round(d.browser?.selfeval[1000].p50, 4),
  edit_ms_p50_10000_chromium: round(d.browser?.selfeval[10000].p50, 4),
  edit_ms_p95_1000_chromium: round(d.browser?.selfeval[1000].p95, 4),
  edit_ms_p95_10000_chromium: round(d.browser?.selfeval[10000].p95, 4),
  cold_start_ms_p50: round(d.browser?.cold_start.p50, 1),
  selfeval_html_bytes: d.sizes?.['selfeval.html'].raw,
  selfeval_html_gzip_bytes: d.sizes?.['selfeval.html'].gzip9,
  selfeval_positive_edit_ms_p50_1000_chromium: round(d.browser?.selfeval_positive[1000].p50, 4),
  surveyjs_edit_ms_p50_30_chromium: round(d.browser?.surveyjs[30].p50, 4),
  surveyjs_edit_ms_p50_1000_chromium: round(d.browser?.surveyjs[1000].p50, 4),
  surveyjs_ratio_1000: d.browser ? round(d.browser.surveyjs[1000].p50 / d.browser.selfeval_positive[1000].p50, 1) : null,
  batch_submissions_per_s_core: round(d.batch?.submissions_per_s_core, 0),
  sm2_page_sign_per_s: round(d.signatures?.page.sm2_sign_per_s, 0),
  sm2_page_verify_per_s: round(d.signatures?.page.sm2_verify_per_s, 0),
  ed25519_wasm_sign_per_s: round(d.signatures?.page.ed25519_wasm_sign_per_s, 0),
  ed25519_wasm_verify_per_s: round(d.signatures?.page.ed25519_wasm_verify_per_s, 0),
  review_per_s_native_10000: round(d.review?.native_per_s, 0),
  review_per_s_chromium_10000: round(d.review?.chromium_per_s, 0),
  review_chromium_to_native: round(d.review?.ratio_chromium_to_native, 2),
  review_peak_bytes_native_10000: d.review?.native_peak_rss_bytes,
  review_peak_bytes_chromium_10000: d.review?.chromium_renderer_peak_bytes,
  review_worker_to_native: round(d.review?.ratio_worker_to_native, 2),
  review_longest_task_ms_10000: d.review?.chromium_thread
    ? Math.max(d.review.chromium_thread.longest_task_ms.handover, d.review.chromium_thread.longest_task_ms.run, d.review.chromium_thread.longest_task_ms.end) : null,
  wasm_heap_peak_bytes_10000: d.browser?.selfeval[10000].memory.wasm_heap_bytes,
  js_heap_used_bytes_10000: d.browser?.selfeval[10000].memory.js_heap_used_bytes,
  detail,
};
mkdirSync(join(root, 'bench/results'), { recursive: true });
writeFileSync(latestPath, JSON.stringify(results, null, 1) + '\n');
const readme = join(root, 'bench/README.md');
const text = readFileSync(readme, 'utf8');
const table = summaryTable(results);
writeFileSync(readme, text.replace(/<!-- summary -->[\s\S]*<!-- \/summary -->/, `<!-- summary -->\n${table}\n<!-- /summary -->`));
log(`written: bench/results/latest.json, bench/README.md (summary)`);
console.log(table);
