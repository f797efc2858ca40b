// The hostile indicator lists of issue 13, timed and weighed natively (the CLI under
// /usr/bin/time: wall time and peak RSS) and in the page (Chromium from file://: time from
// choosing the file to the message, and the wasm memory, which only grows, so its peak).
//   node bench/hostile_lists.mjs            → JSON on stdout
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hostileLists } from '../tests/node/hostile_lists.mjs';
import { launch, distFile } from '../tests/e2e/browser.mjs';

const root = new URL('..', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'selfeval-hostile-bench-'));
const lists = hostileLists();
const out = {};

for (const [name, bytes] of Object.entries(lists)) {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  // /usr/bin/time writes its line after the command's own stderr (a refusal's message).
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', join(root, 'build/native/selfeval'), 'template-from-sheet', file],
    { stdio: ['ignore', 'ignore', 'pipe'] });
  const text = r.stderr.toString();
  const [secs, kb] = text.trim().split('\n').pop().split(' ').map(Number);
  out[name] = { bytes: bytes.length, native_s: secs, native_rss_mb: Math.round(kb / 1024), message: text.split('\n')[0].slice(0, 120) };
}

const browser = await launch();
for (const [name] of Object.entries(lists)) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  await page.addInitScript(() => {
    const wrap = (orig) => async function (...args) {
      const r = await orig.apply(this, args);
      const exports = (r.instance || r).exports;
      for (const k of Object.keys(exports)) if (exports[k] instanceof WebAssembly.Memory) window.__wasmMemory = exports[k];
      return r;
    };
    WebAssembly.instantiate = wrap(WebAssembly.instantiate);
    if (WebAssembly.instantiateStreaming) WebAssembly.instantiateStreaming = wrap(WebAssembly.instantiateStreaming);
  });
  await page.goto(distFile('selfeval.html'));
  await page.waitForSelector('body[data-ready="true"]');
  const before = await page.evaluate(() => window.__wasmMemory.buffer.byteLength);
  const start = Date.now();
  await page.setInputFiles('#template-file', join(dir, name));
  await page.waitForFunction(() => document.getElementById('status').textContent.length > 0 || document.getElementById('indicator-table'),
    null, { timeout: 120000 });
  const ms = Date.now() - start;
  const after = await page.evaluate(() => window.__wasmMemory.buffer.byteLength);
  const status = await page.textContent('#status');
  Object.assign(out[name], { page_s: ms / 1000, page_wasm_memory_mb: Math.round(after / 2 ** 20), page_wasm_memory_before_mb: Math.round(before / 2 ** 20),
    page_message: status.slice(0, 120) });
  await context.close();
  // The import alone in Chromium (a fresh engine through the page's own loader): the file's
  // bytes to the core's answer, without drawing a form of thousands of rows.
  const c2 = await browser.newContext();
  const p2 = await c2.newPage();
  await p2.goto(distFile('selfeval.html'));
  await p2.waitForSelector('body[data-ready="true"]');
  // The file reaches the page as a user's file does: through a file input.
  await p2.evaluate(() => { const i = document.createElement('input'); i.type = 'file'; i.id = 'bench-file'; document.body.appendChild(i); });
  await p2.setInputFiles('#bench-file', join(dir, name));
  const r = await p2.evaluate(async () => {
    const file = document.getElementById('bench-file').files[0];
    const data = new Uint8Array(await file.arrayBuffer());
    const m = await SE.loadEngine();
    const e = new m.Engine();
    const t0 = performance.now();
    const res = JSON.parse(e.templateFromSheet(data, ''));
    return { ms: performance.now() - t0, ok: res.ok, memory: m.HEAPU8.length };
  });
  Object.assign(out[name], { page_import_s: r.ms / 1000, page_import_wasm_memory_mb: Math.round(r.memory / 2 ** 20), page_import_ok: r.ok });
  await c2.close();
}
await browser.close();
console.log(JSON.stringify(out, null, 1));
