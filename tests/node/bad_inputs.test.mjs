// The bad-input catalogue (tests/bad_inputs/catalogue.json) through the wasm module: every
// case gives its expected finding, nothing aborts, and after every case the same module
// instance still scores the seed 001 golden byte for byte.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadEngine, readText, root } from './helpers.mjs';

const catalogue = JSON.parse(readText('tests/bad_inputs/catalogue.json')).cases;

// The input of a case: its file, or the recipe for the big ones.
export function caseInput(c) {
  if (c.file) return readFileSync(join(root, 'tests/bad_inputs', c.file));
  const g = c.generate;
  if (g.nest) return Buffer.from(g.in === 'answers' ? '{"a":'.repeat(g.nest) + '1' + '}'.repeat(g.nest) : '['.repeat(g.nest) + ']'.repeat(g.nest));
  const base = JSON.parse(readText(g.in === 'answers' ? 'tests/golden/seed001-project/answers.json' : 'schemas/templates/project-self-assessment.json'));
  const big = '长'.repeat(g.string / 3);
  if (g.in === 'answers') base.values.q1[g.field] = big; else base[g.field] = big;
  return Buffer.from(JSON.stringify(base));
}

// What a case gives through one engine: {accepted, findings}.
export function runCase(engine, Module, c, input) {
  const text = new TextDecoder('utf-8').decode(input);  // as the page's FileReader reads it
  let r, extra = [], result = null;
  if (c.kind === 'template') r = JSON.parse(engine.checkTemplate(text));
  else if (c.kind === 'answers') {
    const s = new Module.Session();
    s.loadBuiltin('project-self-assessment');
    r = JSON.parse(s.loadAnswers(text));
    if (r.ok) { result = JSON.parse(s.result()); extra = result.findings; }
    s.delete();
  } else if (c.kind === 'submission') r = JSON.parse(engine.verifySubmission(text, ''));
  else r = JSON.parse(engine.answersFromXlsx(new Uint8Array(input)));
  return { accepted: r.ok, findings: [...(r.findings || []), ...extra], result };
}

test('every bad input gives its expected finding through wasm, and the module keeps scoring', async () => {
  const { Module, engine } = await loadEngine();
  const golden = readText('tests/golden/seed001-project/expected.json');
  const seedTemplate = readText('schemas/templates/project-self-assessment.json');
  const seedAnswers = readText('tests/golden/seed001-project/answers.json');
  assert.ok(catalogue.length >= 60, `${catalogue.length} cases`);
  const print = process.env.SELFEVAL_PRINT_BAD_INPUTS;
  for (const c of catalogue) {
    const out = runCase(engine, Module, c, caseInput(c));
    if (print) { console.log(c.kind, c.id, out.accepted, out.findings.map((f) => `${f.code}@${f.path}`).join(' ')); continue; }
    const expect = c.wasm || c;
    assert.equal(out.accepted, !!expect.accepted, `${c.id}: accepted`);
    if (expect.code) {
      const f = out.findings.find((x) => x.code === expect.code);
      assert.ok(f, `${c.id}: expected ${expect.code}, got ${out.findings.map((x) => x.code).join(', ')}`);
      if (expect.path !== undefined) assert.equal(f.path, expect.path, `${c.id}: path`);
      assert.ok(f.message_zh && f.message_en, `${c.id}: message in Chinese and English`);
      if (expect.message_zh) assert.equal(f.message_zh, expect.message_zh, `${c.id}: message`);
    }
    if (expect.expect_total) assert.equal(out.result.total, expect.expect_total, `${c.id}: total`);
    // The same instance still scores a good form exactly.
    assert.equal(engine.score(seedTemplate, seedAnswers, '', 2) + '\n', golden, `after ${c.id}`);
  }
});
