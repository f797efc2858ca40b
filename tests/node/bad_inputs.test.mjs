// The bad-input catalogue (tests/bad_inputs/catalogue.json) through the wasm module: every
// case gives its expected finding, nothing aborts, and after every case the same module
// instance still scores the seed 001 golden byte for byte.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadEngine, readText } from './helpers.mjs';
import { caseInput, runCase } from './bad_inputs_cases.mjs';

const catalogue = JSON.parse(readText('tests/bad_inputs/catalogue.json')).cases;

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
