// The golden cases scored by the wasm module must be byte-identical to the blessed
// native results, and every document involved must satisfy its JSON Schema (ajv).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { loadEngine, readText, root } from './helpers.mjs';

const cases = readdirSync(join(root, 'tests/golden')).filter((d) => existsSync(join(root, 'tests/golden', d, 'case.json')));

test('every golden scores byte-identically in wasm and natively', async () => {
  const { engine } = await loadEngine();
  assert.ok(cases.length >= 5);
  for (const name of cases) {
    const dir = `tests/golden/${name}`;
    const c = JSON.parse(readText(`${dir}/case.json`));
    const decl = c.declaration ? readText(`${dir}/${c.declaration}`) : '';
    const out = engine.score(readText(c.template), readText(`${dir}/${c.answers}`), decl, 2);
    assert.equal(out + '\n', readText(`${dir}/expected.json`), name);
  }
});

test('golden answers and results conform to their schemas', () => {
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false });
  const answers = ajv.compile(JSON.parse(readText('schemas/answers.v1.schema.json')));
  const result = ajv.compile(JSON.parse(readText('schemas/result.v1.schema.json')));
  for (const name of cases) {
    const dir = `tests/golden/${name}`;
    assert.ok(answers(JSON.parse(readText(`${dir}/answers.json`))), `${name}: ${JSON.stringify(answers.errors)}`);
    assert.ok(result(JSON.parse(readText(`${dir}/expected.json`))), `${name}: ${JSON.stringify(result.errors)}`);
  }
});
