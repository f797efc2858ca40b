// The workbench's .zip entry names (web/review/zip_names.js): a name without the UTF-8 flag is
// decoded as UTF-8 when its bytes are valid UTF-8, else as GB18030 (Windows' "压缩" writes GBK);
// a name with the flag is left to fflate; a damaged archive keeps fflate's names. Archives are
// made by fflate with ASCII stand-ins, whose bytes are then replaced (glibc's iconv for GBK).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import vm from 'node:vm';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { readText } from './helpers.mjs';

const require = createRequire(import.meta.url);
const fflate = require('fflate');
const ctx = vm.createContext({ TextDecoder, DataView, Uint8Array, String, Math, Promise });
vm.runInContext(readText('web/review/zip_names.js') + '\nthis.zipNames = zipNames;', ctx);
// (copied out of the vm's realm, so deepEqual compares plain objects)
const zipNames = (bytes) => ctx.zipNames(new Blob([bytes])).then((m) => ({ ...m }));

// entries: [name, raw name bytes or null (fflate writes the name itself, flagged if not ASCII)].
function archive(entries) {
  const files = {}, swaps = [];
  entries.forEach(([name, raw], i) => {
    if (!raw) { files[name] = new Uint8Array([123, 125]); return; }
    const stand = Buffer.from(String.fromCharCode(65 + i).repeat(raw.length));
    files[stand.toString()] = new Uint8Array([123, 125]);
    swaps.push([stand, raw]);
  });
  const zip = Buffer.from(fflate.zipSync(files));
  for (const [stand, raw] of swaps) for (let at = zip.indexOf(stand); at >= 0; at = zip.indexOf(stand, at + 1)) raw.copy(zip, at);
  return zip;
}
const gbk = (s) => execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GB18030'], { input: s });
const bytewise = (b) => String.fromCharCode(...b);
// What fflate's streaming Unzip names each entry: the key zipNames maps from.
function fflateNames(zip) {
  const names = [];
  const uz = new fflate.Unzip((f) => names.push(f.name));
  uz.push(new Uint8Array(zip), true);
  return names;
}

test('GBK names without the flag decode as GB18030; UTF-8 without the flag as UTF-8; flagged names are left alone', async () => {
  const zip = archive([
    ['番禺区委组织部自评.signed.json', gbk('番禺区委组织部自评.signed.json')],
    ['附件/说明 €.txt', gbk('附件/说明 €.txt')],  // € is GB18030's 0x80 in GBK
    ['天河区.json', Buffer.from('天河区.json')],  // UTF-8 bytes, no flag (as macOS writes)
    ['白云区.json', null],  // flagged by fflate
    ['plain.json', null],
  ]);
  const map = await zipNames(zip);
  const seen = fflateNames(zip);
  assert.equal(seen[0], bytewise(gbk('番禺区委组织部自评.signed.json')), 'fflate reads the bytes one by one');
  const named = seen.map((n) => map[n] || n);
  assert.deepEqual(named, ['番禺区委组织部自评.signed.json', '附件/说明 €.txt', '天河区.json', '白云区.json', 'plain.json']);
  assert.equal(Object.keys(map).length, 3);  // only unflagged names with a byte over 0x7F
});

test('a flagged Latin name stays as fflate read it; bytes that are neither UTF-8 nor GB18030 stay as they are', async () => {
  const zip = archive([['café.json', null], ['bad', Buffer.from([0x81, 0x20, 0x2e, 0x6a])]]);
  const map = await zipNames(zip);
  assert.deepEqual(fflateNames(zip).map((n) => map[n] || n), ['café.json', bytewise([0x81, 0x20, 0x2e, 0x6a])]);
});

test('no central directory to be found, or one pointing outside the file: fflate\'s names, no error', async () => {
  assert.deepEqual(await zipNames(Buffer.from('not a zip at all')), {});
  const zip = archive([['番禺.json', gbk('番禺.json')]]);
  assert.deepEqual(await zipNames(zip.subarray(0, zip.length - 10)), {});
  const moved = Buffer.from(zip);
  moved.writeUInt32LE(zip.length + 5, zip.length - 22 + 16);  // the directory's offset past the end
  assert.deepEqual(await zipNames(moved), {});
  assert.deepEqual(await zipNames(new Uint8Array(0)), {});
});
