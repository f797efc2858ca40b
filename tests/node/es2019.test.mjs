// Office browsers built on Chromium 86 must run the page: every script in dist/ parses
// as ES2019 (no optional chaining, no ??, no class fields …).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'acorn';
import { readText } from './helpers.mjs';

test('the page scripts and the wasm loader parse as ES2019', () => {
  for (const file of ['dist/app.js', 'dist/selfeval.js', 'dist/selfeval-form.js', 'dist/embed.js', 'dist/selfeval-worker.js']) {
    assert.doesNotThrow(() => parse(readText(file), { ecmaVersion: 2019, sourceType: 'script' }), file);
  }
  // The inline scripts of the one-file page too.
  const html = readText('dist/selfeval.html');
  const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
  assert.equal(scripts.length, 2);
  for (const s of scripts) assert.doesNotThrow(() => parse(s, { ecmaVersion: 2019, sourceType: 'script' }));
  // The bureau's workbench: its scripts, the worker and fflate (which the worker runs) inside them.
  const review = readText('dist/review.html');
  const reviewScripts = [...review.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
  assert.equal(reviewScripts.length, 2);
  for (const s of reviewScripts) assert.doesNotThrow(() => parse(s, { ecmaVersion: 2019, sourceType: 'script' }), 'review.html');
  assert.doesNotThrow(() => parse(readText('node_modules/fflate/umd/index.js'), { ecmaVersion: 2019, sourceType: 'script' }), 'fflate');
  assert.doesNotThrow(() => parse(readText('web/review/review_worker.js'), { ecmaVersion: 2019, sourceType: 'script' }), 'review worker');
  assert.doesNotThrow(() => parse(readText('web/review/zip_names.js'), { ecmaVersion: 2019, sourceType: 'script' }), 'zip names');
  // The worker's whole script as the page starts it (SM2 library, zip names, worker), from the page.
  const worker = JSON.parse(/SE\.REVIEW_WORKER = ("(?:[^"\\]|\\.)*");/.exec(review)[1].replace(/<\\\/script/gi, '</script'));
  assert.doesNotThrow(() => parse(worker, { ecmaVersion: 2019, sourceType: 'script' }), 'the worker as built');
  assert.doesNotThrow(() => parse(readText('web/worker/start_instance.js'), { ecmaVersion: 2019, sourceType: 'script' }), 'worker start-up');
});
