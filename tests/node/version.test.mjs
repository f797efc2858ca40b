// One version source: the project version in CMakeLists.txt. The CLI, the wasm module and
// package.json all say the same.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadEngine, readText, runCli } from './helpers.mjs';

test('CMakeLists.txt, the CLI, the wasm module and package.json carry one version', async () => {
  const cmake = /project\(selfeval VERSION (\d+\.\d+\.\d+)/.exec(readText('CMakeLists.txt'))[1];
  assert.match(runCli(['version']).stdout, new RegExp(cmake.replace(/\./g, '\\.')));
  const { engine } = await loadEngine();
  assert.equal(engine.version(), cmake);
  assert.equal(JSON.parse(readText('package.json')).version, cmake, 'package.json follows CMakeLists.txt');
});
