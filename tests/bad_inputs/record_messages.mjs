// After generate.mjs: records in catalogue.json the Chinese message each case's expected
// finding carries today (through the wasm module), for review in the diff. The native and
// wasm tests then hold the engine to them. node tests/bad_inputs/record_messages.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadEngine, root } from '../node/helpers.mjs';
import { caseInput, runCase } from '../node/bad_inputs_cases.mjs';

const file = join(root, 'tests/bad_inputs/catalogue.json');
const catalogue = JSON.parse(readFileSync(file, 'utf8'));
const { Module, engine } = await loadEngine();
for (const c of catalogue.cases) {
  if (!c.code || c.wasm) continue;  // wasm sees some inputs differently; the native test records nothing for them
  const f = runCase(engine, Module, c, caseInput(c)).findings.find((x) => x.code === c.code);
  if (f) c.message_zh = f.message_zh;
}
writeFileSync(file, JSON.stringify(catalogue, null, 1) + '\n');
console.log('messages recorded');
