// The target table runs through the wasm module and must give byte-identical JSON to
// the native build, and the structures the table expects.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadEngine, readText, runCli } from './helpers.mjs';

const tableText = readText('tests/data/targets.json');
const table = JSON.parse(tableText);

test('wasm and native parse the whole target table to identical bytes', async () => {
  const { engine } = await loadEngine();
  const wasm = engine.parseTargetTable(tableText);
  const native = runCli(['parse-target', '--table', 'tests/data/targets.json']);
  assert.equal(native.status, 0, native.stderr);
  assert.equal(wasm, native.stdout.trimEnd());
  assert.equal(JSON.parse(wasm).length, table.length);
});

test('each row parsed in wasm has the expected kind, parts and findings', async () => {
  const { engine } = await loadEngine();
  for (const row of table) {
    const got = JSON.parse(engine.parseTarget(row.text, row.direction || ''));
    const exp = row.expect;
    const where = `${JSON.stringify(row.text)} ${row.direction || ''}`;
    assert.equal(got.text, row.text, where);
    assert.equal(got.kind, exp.kind, where);
    assert.equal(got.parts.length, exp.parts.length, where);
    exp.parts.forEach((p, i) => {
      assert.equal(got.parts[i].op, p.op, where);
      assert.equal(got.parts[i].value, p.value, where);
      assert.equal(got.parts[i].unit, p.unit, where);
      assert.equal(got.parts[i].per, p.per, where);
      if (p.label) assert.equal(got.parts[i].label, p.label, where);
    });
    assert.deepEqual(got.findings.map((f) => f.code).sort(), exp.findings, where);
  }
});
