// 10,000 random templates with random answers (tests/node/random_forms.mjs), scored by the
// native CLI and by the wasm module: the result JSON must be byte-identical. The same
// results must satisfy the scoring properties: every score within its weight (penalties
// within their floor), subtotals the sum of their children, the total the sum of the
// sections, the grade the band that contains the total, positive rules non-decreasing and
// reverse rules non-increasing in the actual value. (The total is floored at zero.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadEngine, runCli } from './helpers.mjs';
import { randomForms } from './random_forms.mjs';

const COUNT = 10000;
const forms = randomForms(20261124, COUNT);

// Exact decimals as BigInt micro-units (the engine's own scale), so no float rounding
// can hide or invent a difference.
function micros(text) {
  const m = /^(-?)(\d+)(?:\.(\d{1,6}))?$/.exec(String(text));
  assert.ok(m, `a decimal: ${text}`);
  const v = BigInt(m[2]) * 1000000n + BigInt((m[3] || '').padEnd(6, '0'));
  return m[1] ? -v : v;
}

let nativeLines, results, engine, Module;

test('10,000 random forms score byte-identically natively and in wasm', async () => {
  ({ engine, Module } = await loadEngine());
  const dir = mkdtempSync(join(tmpdir(), 'selfeval-diff-'));
  const file = join(dir, 'forms.jsonl');
  writeFileSync(file, forms.map((f) => JSON.stringify(f)).join('\n') + '\n');
  const native = runCli(['score', '--batch', file]);
  assert.equal(native.status, 0, native.stderr);
  nativeLines = native.stdout.trimEnd().split('\n');
  assert.equal(nativeLines.length, COUNT);
  let differ = 0, first = -1;
  results = [];
  for (let i = 0; i < COUNT; i++) {
    const wasm = engine.score(forms[i].template, forms[i].answers, '', -1);
    if (wasm !== nativeLines[i]) { differ++; if (first < 0) first = i; }
    results.push(JSON.parse(wasm));
  }
  assert.equal(differ, 0, `${differ} of ${COUNT} differ; first: form ${first}`);
  // The forms really exercise scoring: they load, and every rule of the catalogue occurs.
  const scored = results.filter((r) => r.total !== undefined).length;
  assert.equal(scored, COUNT);
  const rules = new Set(results.flatMap((r) => r.indicators.map((i) => i.rule)));
  for (const rule of ['positive', 'reverse', 'equal', 'range', 'compound', 'qualitative', 'tiers', 'expert', 'deadline',
    'per_occurrence', 'choice', 'slope', 'bonus', 'penalty']) assert.ok(rules.has(rule), rule);
  console.log(`# ${COUNT} forms, ${results.reduce((n, r) => n + r.indicators.length, 0)} indicators, byte-identical`);
});

test('scores stay within their weights, subtotals and totals add up, the grade is the band of the total', () => {
  let checked = 0;
  results.forEach((r, i) => {
    const tpl = JSON.parse(forms[i].template);
    for (const ind of r.indicators) {
      const s = micros(ind.score), w = micros(ind.weight);
      if (ind.rule === 'penalty') assert.ok(s <= 0n && s >= -w, `form ${i} ${ind.id}: penalty ${ind.score} within −${ind.weight}..0`);
      else assert.ok(s >= 0n && s <= w, `form ${i} ${ind.id}: ${ind.score} within 0..${ind.weight}`);
      checked++;
    }
    const children = {};
    for (const x of [...r.sections, ...r.indicators]) if (x.parent) (children[x.parent] = children[x.parent] || []).push(x);
    for (const sec of r.sections) {
      const sum = (children[sec.id] || []).reduce((a, c) => a + micros(c.score), 0n);
      assert.equal(micros(sec.score), sum, `form ${i} section ${sec.id}: subtotal = sum of children`);
    }
    const top = r.sections.filter((s) => !s.parent).reduce((a, s) => a + micros(s.score), 0n);
    // The total is the sum of the sections, floored at zero (deductions cannot take it below 0).
    const sum = top + (r.budget ? micros(r.budget.score) : 0n);
    assert.equal(micros(r.total), sum < 0n ? 0n : sum, `form ${i}: total = sum of sections`);
    const t = micros(r.total);
    const band = tpl.grade_bands.find((b) => {
      const lo = micros(b.min), hi = micros(b.max);
      return (b.min_inclusive === false ? t > lo : t >= lo) && (b.max_inclusive ? t <= hi : t < hi);
    });
    if (band) assert.equal(r.grade, band.grade, `form ${i}: grade of ${r.total}`);
    else assert.ok(r.findings.some((f) => f.code.startsWith('grade')) || t < 0n || t > micros(tpl.total), `form ${i}: a total outside every band is reported`);
  });
  assert.ok(checked > 50000, `${checked} scores checked`);
});

test('positive rules are non-decreasing and reverse rules non-increasing in the actual', () => {
  let positive = 0, reverse = 0;
  results.forEach((r, i) => {
    if (i % 2) return;  // every other form: 5,000 forms, thousands of rows, in a few seconds
    const candidates = r.indicators.filter((ind) => (ind.rule === 'positive' || ind.rule === 'reverse') &&
      ind.detail && /^\d+(\.\d+)?$/.test(String(ind.detail.actual)));
    if (!candidates.length) return;
    const s = new Module.Session();
    s.loadTemplate(forms[i].template);
    s.loadAnswers(forms[i].answers);
    for (const ind of candidates.slice(0, 2)) {
      // Larger actuals as exact decimal text (no float noise such as 4692.299999999999).
      const a = BigInt(String(ind.detail.actual).split('.')[0]);
      let before = micros(ind.score);
      for (const next of [a + 1n, a * 2n + 3n, a * 10n + 7n]) {
        const d = JSON.parse(s.setValue(ind.id, 'actual', String(next)));
        assert.equal(d.ok, true);
        const now = micros(JSON.parse(s.result()).indicators.find((x) => x.id === ind.id).score);
        if (ind.rule === 'positive') assert.ok(now >= before, `form ${i} ${ind.id}: positive fell from ${before} to ${now} at ${next}`);
        else assert.ok(now <= before, `form ${i} ${ind.id}: reverse rose from ${before} to ${now} at ${next}`);
        before = now;
      }
      if (ind.rule === 'positive') positive++; else reverse++;
    }
    s.delete();
  });
  assert.ok(positive > 1000 && reverse > 1000, `positive ${positive}, reverse ${reverse}`);
});
