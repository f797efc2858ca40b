// The workbench's core through the wasm module (Review, the registry edits) against the
// native CLI on the same files: the same verdicts, the same summary workbook and CSV bytes,
// the same sample — libsodium in wasm, OpenSSL natively.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { loadEngine, root, runCli } from './helpers.mjs';

const example = readFileSync(join(root, 'schemas/examples/seed001.signed.json'), 'utf8');
const registry = readFileSync(join(root, 'schemas/examples/registry.json'), 'utf8');

// The example, a copy, a tampered one, a non-submission and broken JSON.
function folder() {
  const dir = mkdtempSync(join(tmpdir(), 'selfeval-review-wasm-'));
  const sub = join(dir, 'in');
  mkdirSync(sub);
  writeFileSync(join(sub, 'a.signed.json'), example);
  writeFileSync(join(sub, 'b-copy.signed.json'), example);
  const t = JSON.parse(example);
  t.submission.result.grade = '差';
  writeFileSync(join(sub, 'c-tampered.signed.json'), JSON.stringify(t));
  writeFileSync(join(sub, 'd-note.json'), '{"note": 1}');
  writeFileSync(join(sub, 'e-broken.json'), '{"submission": ');
  return { dir, sub };
}

test('Review in wasm gives the CLI\'s verdicts, summary workbook and CSV byte for byte, and its sample', async () => {
  const { Module } = await loadEngine();
  const { dir, sub } = folder();
  const at = '2024-06-30';
  const r = runCli(['verify', sub, '--keys', join(root, 'schemas/examples/registry.json'), '--at', at, '--json',
    '--summary', join(dir, 'cli.xlsx'), '--summary-csv', join(dir, 'cli.csv')]);
  assert.equal(r.status, 1, r.stderr);
  const cli = JSON.parse(r.stdout);
  const review = new Module.Review();
  assert.equal(JSON.parse(review.setRegistry(registry)).ok, true);
  assert.equal(JSON.parse(review.setTime(at)).ok, true);
  // Added in another order than the CLI's: settling orders them by name.
  for (const f of readdirSync(sub).reverse()) review.add('in/' + f, new Uint8Array(readFileSync(join(sub, f))));
  const settled = JSON.parse(review.settle());
  assert.deepEqual(settled.rows.map((x) => [x.name, x.status]), cli.files.map((f) => [f.file.split('/').pop(), f.status]));
  assert.deepEqual(settled.rows.map((x) => x.reason_zh), ['', '重复提交', '签名无效', '不是提交文件', '不是提交文件']);
  assert.ok(Buffer.from(review.summaryXlsx()).equals(readFileSync(join(dir, 'cli.xlsx'))));
  assert.ok(Buffer.from(review.summaryCsv()).equals(readFileSync(join(dir, 'cli.csv'))));
  // The sample, natively from the same parameters.
  const params = { seed: 'abc', count: 1 };
  const drawn = JSON.parse(review.sample(JSON.stringify(params)));
  writeFileSync(join(dir, 'p.json'), JSON.stringify(params));
  const n = runCli(['verify', sub, '--keys', join(root, 'schemas/examples/registry.json'), '--at', at, '--sample', join(dir, 'p.json'), '--sample-out', join(dir, 's.json')]);
  assert.equal(n.status, 1, n.stderr);
  assert.deepEqual(JSON.parse(readFileSync(join(dir, 's.json'), 'utf8')), drawn);
  assert.equal(drawn.selected[0].file, 'a.signed.json');
  const detail = JSON.parse(review.detail(2));
  assert.equal(detail.verdict.findings[0].code, 'jws.bad_signature');
  review.delete();
});

test('registry edits in wasm: the key file\'s fingerprint, a revoked key refused by the CLI', async () => {
  const { engine } = await loadEngine();
  const keyFile = readFileSync(join(root, 'schemas/examples/unit.key.json'), 'utf8');
  const sent = JSON.parse(engine.registryKeyFrom(keyFile));
  // The groups of four of the 公钥登记表: SHA-256 of the raw key, computed here independently.
  const hex = createHash('sha256').update(Buffer.from(JSON.parse(keyFile).public_key, 'base64url')).digest('hex');
  assert.equal(sent.fingerprint, hex.match(/.{4}/g).join(' '));
  const added = JSON.parse(engine.registryAdd('', keyFile, JSON.stringify({ unit: '番禺区委组织部', valid_from: '2023-01-01', valid_to: '2025-12-31' })));
  assert.equal(added.ok, true, JSON.stringify(added.findings));
  const revoked = JSON.parse(engine.registryRevoke(added.text, sent.kid, '遗失'));
  const dir = mkdtempSync(join(tmpdir(), 'selfeval-registry-'));
  writeFileSync(join(dir, 'ok.json'), added.text);
  writeFileSync(join(dir, 'revoked.json'), revoked.text);
  const ex = join(root, 'schemas/examples/seed001.signed.json');
  assert.equal(runCli(['verify', ex, '--keys', join(dir, 'ok.json'), '--at', '2024-06-30']).status, 0);
  const r = runCli(['verify', ex, '--keys', join(dir, 'revoked.json'), '--at', '2024-06-30', '--json']);
  assert.equal(r.status, 1);
  assert.equal(JSON.parse(r.stdout).files[0].findings[0].code, 'registry.revoked');
  // Bad input is named, in Chinese and English.
  const bad = JSON.parse(engine.registryAdd(added.text, keyFile, JSON.stringify({ unit: 'x', valid_from: '2023-01-01', valid_to: '2023-02-30' })));
  assert.equal(bad.ok, false);
  assert.match(bad.findings[0].message_zh, /有效期/);
});
