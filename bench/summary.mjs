// The summary table of bench/README.md from a results object (bench/results/latest.json).
const fmt = (x, unit, d = 2) => (x === null || x === undefined ? '—' : `${Number(x).toFixed(d)} ${unit}`);
const kb = (b) => (b === null || b === undefined ? '—' : `${(b / 1024).toFixed(1)} KiB`);

export function summaryTable(r) {
  const d = r.detail || {};
  const rows = [
    ['Edit → total in the DOM, 30 rows (Chromium, p50)', fmt(r.edit_ms_p50_30_chromium, 'ms', 3), '—'],
    ['Edit → total in the DOM, 1,000 rows (p50 / p95)', `${fmt(r.edit_ms_p50_1000_chromium, 'ms', 3)} / ${fmt(r.edit_ms_p95_1000_chromium, 'ms', 3)}`, '≤ 1 ms'],
    ['Edit → total in the DOM, 10,000 rows (p50 / p95)', `${fmt(r.edit_ms_p50_10000_chromium, 'ms', 3)} / ${fmt(r.edit_ms_p95_10000_chromium, 'ms', 3)}`, '≤ 16 ms'],
    ['SurveyJS, same edit, 1,000 positive-ratio rows (p50)', fmt(r.surveyjs_edit_ms_p50_1000_chromium, 'ms', 3), '—'],
    ['selfeval, same 1,000 positive-ratio rows (p50)', fmt(r.selfeval_positive_edit_ms_p50_1000_chromium, 'ms', 3), '—'],
    ['SurveyJS ÷ selfeval at 1,000 rows', r.surveyjs_ratio_1000 === null ? '—' : `${r.surveyjs_ratio_1000}×`, '≥ 10×'],
    ['Cold start from file:// to the first score (p50 of 10)', fmt(r.cold_start_ms_p50, 'ms', 1), '≤ 150 ms'],
    ['dist/selfeval.html, gzip -9', `${kb(r.selfeval_html_gzip_bytes)} (raw ${kb(r.selfeval_html_bytes)})`, '≤ 200 KiB'],
    ['Native batch verify + re-score', r.batch_submissions_per_s_core === null ? '—' : `${r.batch_submissions_per_s_core} /s/core`, '≥ 10,000 /s/core'],
    ['Workbench: 10,000 submissions verified + re-scored, native CLI / Chromium page', r.review_per_s_native_10000 === undefined || r.review_per_s_native_10000 === null ? '—'
      : `${r.review_per_s_native_10000} /s / ${r.review_per_s_chromium_10000} /s (page ${r.review_chromium_to_native}× the CLI's time)`, 'page within 3× of the CLI'],
    ['Workbench, page\'s longest task from choosing 10,000 files (file input) to the table (handover / run / end)', d.review && d.review.chromium_thread
      ? ['handover', 'run', 'end'].map((p) => d.review.chromium_thread.longest_task_ms[p] + ' ms').join(' / ') : '—', '≤ 50 ms'],
    ['Workbench, 选择文件夹 through the File System Access API: 10,000 files read, longest task meanwhile', d.review && d.review.chromium_folder_api
      ? `${d.review.chromium_folder_api.handover_ms} ms, ${d.review.chromium_folder_api.longest_task_ms} ms` : '—', '≤ 50 ms'],
    ['Workbench peak memory, 10,000 files: CLI max RSS / page renderer VmHWM', r.review_peak_bytes_native_10000 ? `${(r.review_peak_bytes_native_10000 / 1048576).toFixed(0)} MiB / ${(r.review_peak_bytes_chromium_10000 / 1048576).toFixed(0)} MiB` : '—', 'bounded'],
    ['Peak wasm heap, 10,000-row form', kb(r.wasm_heap_peak_bytes_10000), '—'],
    ['JS heap used, 10,000-row form', kb(r.js_heap_used_bytes_10000), '—'],
  ];
  const core = d.core ? Object.entries(d.core).map(([n, c]) =>
    `| ${Number(n).toLocaleString('en')} | ${c.native.load_answers_ms_p50.toFixed(2)} ms | ${c.wasm.load_answers_ms_p50.toFixed(2)} ms | ` +
    `${(c.native.edit_ms_p50 * 1000).toFixed(1)} µs | ${(c.wasm.edit_ms_p50 * 1000).toFixed(1)} µs |`).join('\n') : '';
  return [
    `Run of ${r.date.slice(0, 10)} on ${r.machine.cpu} (${r.machine.cores} cores), commit \`${r.commit.slice(0, 12)}\`.`,
    '',
    '| Measure | Result | Target |',
    '|---|---|---|',
    ...rows.map((x) => `| ${x.join(' | ')} |`),
    '',
    'Core alone (load answers = parse, build, score every row; edit = one value, delta serialized):',
    '',
    '| Rows | load answers, native | load answers, wasm (node) | edit, native | edit, wasm (node) |',
    '|---|---|---|---|---|',
    core,
  ].join('\n');
}
