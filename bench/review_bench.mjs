// 6. The bureau's workbench at scale: 10,000 signed submissions (tests/e2e/review_fixtures.mjs:
// five units, all six built-in forms, the planted bad files) verified and re-scored natively
// (`selfeval verify DIR --summary`, one process) and in Chromium (dist/review.html from
// file://, the folder chosen, the worker doing the work) in the same run: submissions per
// second each, and the peak memory (the CLI's max RSS; the page's renderer process's VmHWM,
// which holds the page and its worker); and the page's thread: how long the browser took to
// hand the files over, how long the end of the run took on the page, and its longest tasks in
// each phase (handover, run, end); and the same folder read through the File System Access
// API instead (folderApiHandover).
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { cli } from '../tests/node/helpers.mjs';
import { CHECK_DAY, makeReviewBatch, standInFolderPicker } from '../tests/e2e/review_fixtures.mjs';
import { launch, distFile } from '../tests/e2e/browser.mjs';

// The largest VmHWM (peak resident set) among Chromium's renderer processes.
function rendererPeak() {
  let peak = 0;
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmd.includes('chromium') || !cmd.includes('--type=renderer')) continue;
      const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (m) peak = Math.max(peak, Number(m[1]) * 1024);
    } catch { /* gone */ }
  }
  return peak;
}

// 选择文件夹 through the File System Access API (where the browser has it): from the click to
// the run's start, how long the page read the folder and its longest task meanwhile. The
// folder dialog is stood in for by the same files in the origin's private file system (served
// over http, where it exists); the run is cancelled once started.
async function folderApiHandover(browser, batch) {
  const { startServer } = await import('../tests/e2e/browser.mjs');
  const server = await startServer();
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  try {
    const page = await context.newPage();
    await page.goto(server.base + 'review.html');
    await page.waitForSelector('body[data-ready="true"]');
    await page.setInputFiles('#registry-file', batch.registry);
    await page.fill('#check-date', CHECK_DAY);
    await standInFolderPicker(page, batch.dir);
    await page.evaluate(() => {
      window.__long = [];
      new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push({ start: e.startTime, ms: e.duration }); }).observe({ entryTypes: ['longtask'] });
      document.getElementById('pick-folder').addEventListener('click', () => { window.__chosenAt = performance.now(); }, { capture: true });
    });
    await page.getByLabel('选择文件夹…').click();
    await page.waitForFunction(() => window.SE.review.startedAt > window.__chosenAt, null, { timeout: 600000, polling: 100 });
    const r = await page.evaluate(() => {
      const c = window.__chosenAt, s = window.SE.review.startedAt;
      const tasks = window.__long.filter((e) => e.start + e.ms >= c && e.start <= s);
      return { files: window.SE.review.items.length, handover_ms: Math.round(s - c), longest_task_ms: Math.round(Math.max(0, ...tasks.map((e) => e.ms))), long_tasks: tasks.length };
    });
    await page.click('#cancel');
    return r;
  } finally {
    await context.close();
    server.stop();
  }
}

export async function reviewBench({ count = 10000 } = {}) {
  const t0 = performance.now();
  const batch = await makeReviewBatch(count, 2026);
  const generate_s = (performance.now() - t0) / 1000;
  const files = batch.files.length;
  // Native: one process, /usr/bin/time for its peak memory.
  const n0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-v', cli, 'verify', batch.dir, '--keys', batch.registry, '--at', CHECK_DAY,
    '--summary', join(batch.work, 'native.xlsx')], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const native_s = (performance.now() - n0) / 1000;
  const rss = Number((/Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr) || [])[1] || 0) * 1024;
  // Chromium: the folder chosen in the page; the time from choosing to the table.
  const browser = await launch();
  let page_s, page_peak, worker_s, thread, folder_api;
  try {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    await page.goto(distFile('review.html'));
    await page.waitForSelector('body[data-ready="true"]');
    await page.setInputFiles('#registry-file', batch.registry);
    await page.fill('#check-date', CHECK_DAY);
    // The page's thread: every task over 50 ms from choosing the folder to the table and charts.
    await page.evaluate(() => {
      window.__long = [];
      new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push({ start: e.startTime, ms: e.duration }); }).observe({ entryTypes: ['longtask'] });
      window.__chosenAt = performance.now();
    });
    const p0 = performance.now();
    await page.setInputFiles('#pick-folder', batch.dir);
    await page.waitForFunction((n) => window.SE.review.rows.length === n && !window.SE.review.running && window.SE.review.shownAt, files, { timeout: 600000, polling: 200 });
    page_s = (performance.now() - p0) / 1000;
    worker_s = (await page.evaluate(() => window.SE.review.lastRun.ms)) / 1000;
    thread = await page.evaluate(() => {
      const r = window.SE.review, c = window.__chosenAt;
      const phase = (t) => (t < r.startedAt ? 'handover' : t < r.endedAt ? 'run' : 'end');
      const longest = { handover: 0, run: 0, end: 0 }, count = { handover: 0, run: 0, end: 0 };
      for (const e of window.__long) {
        if (e.start + e.ms < c || e.start > r.shownAt) continue;
        longest[phase(e.start)] = Math.max(longest[phase(e.start)], Math.round(e.ms));
        count[phase(e.start)]++;
      }
      return { handover_ms: Math.round(r.startedAt - c), end_ms: Math.round(r.shownAt - r.endedAt), longest_task_ms: longest, long_tasks: count };
    });
    page_peak = rendererPeak();
    await context.close();
    folder_api = await folderApiHandover(browser, batch);
  } finally {
    await browser.close();
    rmSync(batch.work, { recursive: true, force: true });
  }
  return {
    files, generate_s, native_s, native_per_s: files / native_s, native_peak_rss_bytes: rss,
    chromium_s: page_s, chromium_worker_s: worker_s, chromium_per_s: files / page_s, chromium_renderer_peak_bytes: page_peak,
    ratio_chromium_to_native: page_s / native_s, ratio_worker_to_native: worker_s / native_s,
    chromium_thread: thread, chromium_folder_api: folder_api,
  };
}

if (process.argv[1] && process.argv[1].endsWith('review_bench.mjs')) {
  const count = Number(process.argv[2] || 10000);
  console.log(JSON.stringify(await reviewBench({ count }), null, 1));
}
