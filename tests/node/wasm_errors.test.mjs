// Error paths through the wasm module: bad input gives a clear finding, never an
// abort or a bare number thrown into JS, and the same instance keeps working.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadEngine, readText } from './helpers.mjs';

const good = readText('tests/data/templates/good-mini.json');

const cases = [
  ['syntax error', '{"format": "selfeval.template.v1", "id": ', 'json.syntax'],
  ['empty text', '', 'json.empty'],
  ['duplicate key', '{"id":"a","id":"b"}', 'json.duplicate_key'],
  ['number overflow', '{"total": 1e400}', 'json.number_out_of_range'],
  ['10,000 levels of nesting', '['.repeat(10000) + ']'.repeat(10000), 'json.too_deep'],
  ['wrong top-level type', '[1,2,3]', 'schema.type'],
  ['10 MB string', '{"name":"' + 'x'.repeat(10 * 1024 * 1024) + '"}', 'schema.maxLength'],
];

test('bad templates yield findings in Chinese and English; the module survives each', async () => {
  const { engine } = await loadEngine();
  for (const [name, text, code] of cases) {
    const result = JSON.parse(engine.checkTemplate(text));
    assert.equal(result.ok, false, name);
    const f = result.findings.find((x) => x.code === code);
    assert.ok(f, `${name}: expected ${code}, got ${result.findings.map((x) => x.code)}`);
    assert.match(f.message_zh, /[\u4e00-\u9fff]/, name);
    assert.match(f.message_en, /[a-z]/, name);
    // The same instance still checks a good template.
    assert.equal(JSON.parse(engine.checkTemplate(good)).ok, true, `after ${name}`);
  }
});

test('bad targets yield findings through wasm and leave the module usable', async () => {
  const { engine } = await loadEngine();
  for (const text of ['≥'.repeat(100000), '1,00,0个', '', '*']) {
    const r = JSON.parse(engine.parseTarget(text, ''));
    assert.ok(r.findings.length > 0, JSON.stringify(text.slice(0, 20)));
  }
  const bad = JSON.parse(engine.parseTarget('≥5个', 'sideways'));
  assert.equal(bad.findings[0].code, 'direction.unknown');
  assert.equal(JSON.parse(engine.parseTarget('≥15名/年', '')).parts[0].value, 15);
});

test('a lone surrogate becomes U+FFFD and does not swallow the next character', async () => {
  const { engine } = await loadEngine();
  const r = JSON.parse(engine.parseTarget('\uDC00≥5个', ''));
  assert.equal(r.text, '\uFFFD≥5个');
  assert.equal(r.parts[0].op, '>=');
  assert.equal(r.parts[0].value, 5);
  const t = JSON.parse(engine.checkTemplate('{"name":"\uD800"}'));
  assert.ok(!t.findings.some((f) => f.code === 'json.syntax'), JSON.stringify(t.findings));
});

test('scoring bad answers through wasm gives findings and keeps the module working', async () => {
  const { engine } = await loadEngine();
  const tmpl = readText('schemas/templates/project-self-assessment.json');
  const goodAnswers = readText('tests/golden/seed001-project/answers.json');
  for (const bad of ['', '{', '{"format":"selfeval.answers.v1"}', '{"format":"selfeval.answers.v1","template":{"id":"x"},"values":{"q1":{"actual":["x"]}}}', '[' .repeat(5000)]) {
    const r = JSON.parse(engine.score(tmpl, bad, '', -1));
    assert.equal(r.ok, false);
    assert.ok(r.findings.length > 0);
    assert.equal(JSON.parse(engine.score(tmpl, goodAnswers, '', -1)).total, '100.00');
  }
});
