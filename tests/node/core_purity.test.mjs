// The purity check make test runs over core/ passes today and fails on a core that reads a
// file, prints, or includes Emscripten (so it can fail).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from './helpers.mjs';

const check = (dir) => {
  try {
    return { status: 0, out: execFileSync(process.execPath, [join(root, 'tools/check_core_purity.mjs'), ...(dir ? [dir] : [])], { encoding: 'utf8', stdio: 'pipe' }) };
  } catch (e) { return { status: e.status, out: e.stderr }; }
};

test('core/ is pure: no Emscripten, no file or stream I/O', () => {
  assert.equal(check().status, 0);
});

test('the folders of core depend one way: an include against the layers fails the check', () => {
  for (const [folder, file, code, why] of [
    ['base', 'x.cpp', '#include "forms/evaluator.hpp"\n', /base\/ may not include forms\//],
    ['rules', 'y.hpp', '#include "session/form_session.hpp"\n', /rules\/ may not include session\//],
    ['spreadsheet', 'z.cpp', '#include "report/report_sheet.hpp"\n', /spreadsheet\/ may not include report\//],
    ['forms', 'w.cpp', '#include "api.hpp"\n', /API facade/],
  ]) {
    const dir = mkdtempSync(join(tmpdir(), 'selfeval-layers-'));
    mkdirSync(join(dir, folder));
    writeFileSync(join(dir, folder, file), code);
    const r = check(dir);
    assert.equal(r.status, 1, `${folder}/${file}`);
    assert.match(r.out, why);
  }
  // Downward includes pass.
  const dir = mkdtempSync(join(tmpdir(), 'selfeval-layers-'));
  mkdirSync(join(dir, 'forms'));
  writeFileSync(join(dir, 'forms', 'ok.cpp'), '#include "rules/scoring_rule.hpp"\n#include "base/decimal.hpp"\n#include "forms/form.hpp"\n');
  assert.equal(check(dir).status, 0);
});

test('the purity check fails on each kind of violation', () => {
  const bad = {
    'a.cpp': '#include <emscripten/bind.h>\n',
    'b.cpp': '#include <fstream>\n',
    'c.cpp': 'void f() { std::ifstream in("x"); }\n',
    'd.cpp': 'void f() { FILE* f = fopen("x", "r"); }\n',
    'e.cpp': 'void f() { std::cout << 1; }\n',
    'f.cpp': 'void f() { printf("%d", 1); }\n',
    'g.hpp': '#include <filesystem>\n',
  };
  for (const [name, code] of Object.entries(bad)) {
    const dir = mkdtempSync(join(tmpdir(), 'selfeval-purity-'));
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'sub', name), code);
    const r = check(dir);
    assert.equal(r.status, 1, name);
    assert.match(r.out, new RegExp(name.replace('.', '\\.') + ':1:'), name);
  }
  // A comment naming what the code avoids, snprintf into a buffer and an in-memory stand-in
  // named like a stdio function are fine.
  const ok = mkdtempSync(join(tmpdir(), 'selfeval-purity-'));
  writeFileSync(join(ok, 'ok.cpp'), '// no fopen here\nvoid f(char* b) { std::snprintf(b, 4, "x"); }\nFILE* selfeval_xls_fopen(const char*, const char*);\n');
  assert.equal(check(ok).status, 0);
});
