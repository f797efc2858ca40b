// The page's wasm loader (web/src/05_wasm_loader.js): its JS inflate — used where a browser
// has no DecompressionStream — gives zlib's bytes back for every level and strategy, stored
// and fixed blocks included, and the gzip wrapper unpacks the real module.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import zlib from 'node:zlib';
import { root } from './helpers.mjs';

// The loader in a sandbox without DecompressionStream: SE.gunzip takes the JS path.
function loader() {
  const sandbox = { window: {}, atob, Blob, Response, Promise, Uint8Array, Uint16Array, Error };
  sandbox.window = sandbox;
  vm.runInNewContext(readFileSync(join(root, 'web/src/05_wasm_loader.js'), 'utf8'), sandbox);
  return sandbox.SE;
}

test('inflateRaw gives back what zlib deflated, at every level and strategy', () => {
  const SE = loader();
  const wasm = readFileSync(join(root, 'build/wasm/wasm/selfeval.wasm'));
  const text = Buffer.from(readFileSync(join(root, 'schemas/templates/policy-evaluation.json'), 'utf8').repeat(3));
  const random = Buffer.from(Array.from({ length: 70000 }, (_, i) => (i * 7919 + (i >> 3) * 31) & 255));
  const S = zlib.constants;
  for (const input of [Buffer.alloc(0), Buffer.from('a'), text, random, wasm.subarray(0, 200000)]) {
    for (const level of [0, 1, 6, 9]) {
      for (const strategy of [S.Z_DEFAULT_STRATEGY, S.Z_FIXED, S.Z_HUFFMAN_ONLY, S.Z_RLE]) {
        const packed = zlib.deflateRawSync(input, { level, strategy });
        const back = Buffer.from(SE.inflateRaw(new Uint8Array(packed)));
        assert.ok(back.equals(input), `level ${level}, strategy ${strategy}, ${input.length} bytes`);
      }
    }
  }
});

test('a damaged stream is an error, not a wrong result', () => {
  const SE = loader();
  const packed = zlib.deflateRawSync(Buffer.from('绩效自评表'.repeat(50)));
  assert.throws(() => SE.inflateRaw(new Uint8Array(packed.subarray(0, packed.length - 4))), /truncated|Huffman|block/);
  assert.throws(() => SE.inflateRaw(new Uint8Array([0x07])), /block type|truncated/);
});

test('gunzip without DecompressionStream unpacks the module the page embeds', async () => {
  const SE = loader();
  const wasm = readFileSync(join(root, 'build/wasm/wasm/selfeval.wasm'));
  const gz = zlib.gzipSync(wasm, { level: 9 });
  const back = Buffer.from(await SE.gunzip(new Uint8Array(gz)));
  assert.ok(back.equals(wasm));
  // With a file name in the header (FNAME), as gzip(1) writes it.
  const named = Buffer.concat([Buffer.from([0x1f, 0x8b, 8, 8, 0, 0, 0, 0, 0, 3]), Buffer.from('selfeval.wasm\0'), gz.subarray(10)]);
  assert.ok(Buffer.from(await SE.gunzip(new Uint8Array(named))).equals(wasm));
});
