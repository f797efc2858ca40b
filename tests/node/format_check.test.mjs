// make test runs tools/check_format.sh over every C++ source; it passes on the tree and fails on
// a file that is not formatted as .clang-format says (so it can fail).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { root } from './helpers.mjs';

const check = (...files) => spawnSync(join(root, 'tools/check_format.sh'), files, { encoding: 'utf8' });

test('the C++ format check fails on a badly formatted file and passes on a formatted one', () => {
  // Inside the checkout, so clang-format finds the project's .clang-format.
  mkdirSync(join(root, 'build'), { recursive: true });
  const dir = mkdtempSync(join(root, 'build', 'format-check-'));
  const bad = join(dir, 'bad.cpp');
  writeFileSync(bad, 'int  f( int x ){return x+1;}\n');
  const r = check(bad);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /bad\.cpp/);
  const good = join(dir, 'good.cpp');
  writeFileSync(good, 'int f(int x) { return x + 1; }\n');
  assert.equal(check(good).status, 0);
});
