// RFC 8785 canonical JSON through the wasm module, checked against V8 itself: JCS numbers
// are ECMAScript's Number.prototype.toString, so JSON.stringify of an array of random
// doubles is already canonical and must come back byte for byte. The native CLI agrees.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { loadEngine, runCli } from './helpers.mjs';

// Random bit patterns cover every exponent; a fixed seed keeps the run repeatable.
function randomDoubles(n, seed) {
  const view = new DataView(new ArrayBuffer(8));
  let s = seed >>> 0;
  const next = () => { s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0; return s; };
  const out = [];
  while (out.length < n) {
    view.setUint32(0, next());
    view.setUint32(4, next());
    const d = view.getFloat64(0);
    if (Number.isFinite(d)) out.push(d);
  }
  return out;
}

test('100,000 random doubles canonicalise in wasm exactly as V8 prints them', async () => {
  const { engine } = await loadEngine();
  const numbers = randomDoubles(100000, 8785);
  // Plus values around the decimal/exponent switch points and integers near 2^53.
  numbers.push(1e21, 1e-7, 1e-6, 123e-20, 2 ** 53 + 2, 0.1 + 0.2, 5e-324, 1.7976931348623157e308);
  const text = JSON.stringify(numbers);
  const r = JSON.parse(engine.canonicalize(text));
  assert.equal(r.ok, true);
  assert.equal(r.canonical, text);
  // The native build gives the same bytes.
  const file = join(tmpdir(), 'selfeval-jcs-numbers.json');
  writeFileSync(file, text);
  const native = runCli(['canonicalize', file]);
  assert.equal(native.status, 0);
  assert.equal(native.stdout, text);
});

test('objects sort by UTF-16 code units in wasm as in JS', async () => {
  const { engine } = await loadEngine();
  const obj = { '\u20ac': 1, '\r': 2, '\ufb33': 3, '1': 4, '\ud83d\ude00': 5, '\u0080': 6, '\u00f6': 7, '项目': 8 };
  const keys = Object.keys(obj).sort();  // JS sorts strings by UTF-16 code units
  const expected = '{' + keys.map((k) => JSON.stringify(k) + ':' + obj[k]).join(',') + '}';
  assert.equal(JSON.parse(engine.canonicalize(JSON.stringify(obj))).canonical, expected);
  assert.equal(JSON.parse(engine.canonicalize('{"a":1,"a":2}')).ok, false);
});
