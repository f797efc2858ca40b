// Cross-checks the JSON Schemas with ajv (an independent 2020-12 validator): the schema
// itself is valid, the built-in templates conform, and the core's own schema check
// agrees with ajv on every test template.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { loadEngine, readText, root } from './helpers.mjs';

const ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false });
const schema = JSON.parse(readText('schemas/template.v1.schema.json'));
const validate = ajv.compile(schema);

const templateFiles = [
  ...readdirSync(join(root, 'schemas/templates')).map((f) => `schemas/templates/${f}`),
  ...readdirSync(join(root, 'tests/data/templates')).map((f) => `tests/data/templates/${f}`),
].filter((f) => f.endsWith('.json'));

test('built-in templates conform to the template schema (ajv)', () => {
  for (const f of templateFiles.filter((f) => f.startsWith('schemas/'))) {
    const ok = validate(JSON.parse(readText(f)));
    assert.ok(ok, `${f}: ${JSON.stringify(validate.errors)}`);
  }
});

test('the core schema check agrees with ajv on every test template', async () => {
  const { engine } = await loadEngine();
  let compared = 0;
  for (const f of templateFiles) {
    let doc;
    try { doc = JSON.parse(readText(f)); } catch { continue; }  // syntax cases are the core's alone
    const ajvOk = validate(doc);
    const core = JSON.parse(engine.checkTemplate(readText(f)));
    const coreSchemaErrors = core.findings.filter((x) => x.code.startsWith('schema.'));
    assert.equal(coreSchemaErrors.length === 0, ajvOk, `${f}: ajv ${JSON.stringify(validate.errors)} core ${JSON.stringify(coreSchemaErrors)}`);
    compared++;
  }
  assert.ok(compared >= 8);
});
