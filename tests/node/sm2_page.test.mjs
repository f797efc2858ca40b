// The 国密 profile as the page runs it: the vendored SM2 library (tools/lib/sm2_vendor.mjs, made
// ES2019) behind web/src/34_sm2.js, and SM3 in the wasm core. GB/T 32905 and GB/T 32918.5
// vectors; thousands of signatures cross-verified with OpenSSL (selfeval sm2-check) in both
// directions; empty-ID and no-Z signatures refused by both; a key file and a submission made
// on the page's side signed, sealed and verified by the bureau's CLI.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import vm from 'node:vm';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { parse } from 'acorn';
import { loadEngine, readText, runCli, root } from './helpers.mjs';
import { sm2VendorScript, es2019 } from '../../tools/lib/sm2_vendor.mjs';

const ID = '1234567812345678';
// The page's SM2: the vendored script and web/src/34_sm2.js in a window-like context.
function pageSm2() {
  const ctx = { TextEncoder, Uint8Array, crypto: globalThis.crypto, console };
  ctx.window = ctx;
  ctx.globalThis = ctx;
  vm.createContext(ctx);
  vm.runInContext(sm2VendorScript(root), ctx);
  vm.runInContext(readText('web/src/34_sm2.js'), ctx);
  return ctx.SE;
}
const SE = pageSm2();
const dir = mkdtempSync(join(tmpdir(), 'selfeval-sm2-page-'));
const hex = (s) => Buffer.from(s).toString('hex');

function sm2Check(mode, lines) {
  const f = join(dir, `${mode}-${Math.random().toString(36).slice(2)}.jsonl`);
  writeFileSync(f, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  const r = runCli(['sm2-check', mode, f]);
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim().split('\n');
}

test('the vendored library parses as ES2019 and is the pinned version; the rewrite keeps its meaning', () => {
  const script = sm2VendorScript(root);
  assert.doesNotThrow(() => parse(script, { ecmaVersion: 2019, sourceType: 'script' }));
  assert.match(script, /sm-crypto-v2 1\.15\.1/);
  // The rewrite: an optional chain on null/undefined gives undefined, otherwise the member.
  const { code, edits } = es2019('var a = null, b = { c: function () { return 7; } };\nvar x = a?.c(), y = b?.c(), z = b?.d;');
  assert.equal(edits, 3);
  const ctx = vm.createContext({});
  vm.runInContext(code, ctx);
  assert.deepEqual([ctx.x, ctx.y, ctx.z], [undefined, 7, undefined]);
  assert.ok(SE.sm2.available);
});

test('SM3: GB/T 32905 vectors in the wasm core and in the library the page signs with', async () => {
  const { engine } = await loadEngine();
  const abc = '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0';
  const m64 = 'debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732';
  assert.equal(JSON.parse(engine.sm3(hex('abc'))).sm3, abc);
  assert.equal(JSON.parse(engine.sm3(hex('abcd'.repeat(16)))).sm3, m64);
  assert.equal(SE.sm2lib.sm3('abc'), abc);
  assert.equal(SE.sm2lib.sm3('abcd'.repeat(16)), m64);
  // Every length over two blocks, against node's OpenSSL.
  for (let n = 0; n <= 140; n++) {
    const m = randomBytes(n);
    assert.equal(JSON.parse(engine.sm3(m.toString('hex'))).sm3, createHash('sm3').update(m).digest('hex'));
  }
});

test('SM2: GB/T 32918.5-2016 Annex A verifies in the page; a changed bit does not', () => {
  const d = '3945208f7b2144b13f36e38ac6d39f95889393692860b51a42fb81ef4df7c5b8';
  const pub = SE.sm2.publicKey(d);
  assert.equal(pub, '0409f9df311e5421a150dd7d161e4bc5c672179fad1833fc076bb08ff356f35020ccea490ce26775a52dc6ea718cc1aa600aed05fbf35e084a6632f6072da9ad13');
  const rs = 'f5a03b0648d2c4630eeac513e1bb81a15944da3827d5b74143ac7eaceee720b3b1b6aa29df212fd8763182bc0d421ca1bb9038fd1f7f42d4840b69c485bbc1aa';
  assert.equal(SE.sm2.verify(hex('message digest'), rs, pub), true);
  assert.equal(SE.sm2.verify(hex('message digest'), rs.slice(0, -1) + 'b', pub), false);
  assert.equal(SE.sm2.verify(hex('message digesT'), rs, pub), false);
  // r or s out of [1, n - 1], a short signature, a point off the curve: false, never a throw.
  const n = 'fffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123';
  assert.equal(SE.sm2.verify(hex('message digest'), n + rs.slice(64), pub), false);
  assert.equal(SE.sm2.verify(hex('message digest'), '0'.repeat(64) + rs.slice(64), pub), false);
  assert.equal(SE.sm2.verify(hex('message digest'), rs.slice(2), pub), false);
  assert.equal(SE.sm2.verify(hex('message digest'), rs, '04' + '11'.repeat(64)), false);
});

test('4,000 signatures cross-verified: page-signed by OpenSSL, OpenSSL-signed by the page', () => {
  const keys = Array.from({ length: 20 }, () => SE.sm2.generate());
  for (const k of keys) {
    assert.match(k.private_hex, /^[0-9a-f]{64}$/);
    assert.match(k.public_hex, /^04[0-9a-f]{128}$/);
  }
  const messages = Array.from({ length: 2000 }, (_, i) => randomBytes(i % 301).toString('hex'));
  // Page → OpenSSL.
  const pageSigned = messages.map((m, i) => {
    const k = keys[i % keys.length];
    return { m, sig: SE.sm2.sign(m, k.private_hex, k.public_hex), pk: k.public_hex };
  });
  const zeroLed = pageSigned.filter((l) => l.sig.startsWith('00') || l.sig.slice(64).startsWith('00')).length;
  const verdicts = sm2Check('verify', pageSigned);
  assert.equal(verdicts.length, 2000);
  assert.deepEqual(verdicts.filter((v) => v !== 'ok'), []);
  // … and each one changed (message, signature or key) is refused by OpenSSL.
  const changed = pageSigned.slice(0, 300).map((l, i) => {
    const flip = (h, at) => h.slice(0, at) + ((parseInt(h[at], 16) ^ 1).toString(16)) + h.slice(at + 1);
    if (i % 3 === 0) return { ...l, m: l.m.length ? flip(l.m, 0) : '00' };
    if (i % 3 === 1) return { ...l, sig: flip(l.sig, 127) };
    return { ...l, pk: keys[(i + 1) % keys.length].public_hex };
  });
  assert.deepEqual(sm2Check('verify', changed).filter((v) => v !== 'bad'), []);
  // OpenSSL → page.
  const opensslSigned = sm2Check('sign', messages.map((m, i) => ({ m, d: keys[i % keys.length].private_hex }))).map(JSON.parse);
  assert.equal(opensslSigned.length, 2000);
  let good = 0, refused = 0;
  opensslSigned.forEach((o, i) => {
    assert.equal(o.pk, keys[i % keys.length].public_hex);  // OpenSSL derives the same public key
    good += SE.sm2.verify(messages[i], o.sig, o.pk) ? 1 : 0;
    refused += SE.sm2.verify(messages[i] + '00', o.sig, o.pk) ? 0 : 1;
  });
  assert.equal(good, 2000);
  assert.equal(refused, 2000);
  // About one signature in 128 has an r or s with a leading zero byte: the page pads it.
  assert.ok(zeroLed > 0, 'no signature with a leading zero byte in 2,000');
});

test('signatures with an empty ID or without Z are refused by OpenSSL and by the page', () => {
  const k = SE.sm2.generate();
  const lib = SE.sm2lib.sm2;
  const lines = [];
  for (let i = 0; i < 100; i++) {
    const m = randomBytes(20 + i).toString('hex');
    const bytes = Uint8Array.from(Buffer.from(m, 'hex'));
    const emptyId = lib.doSignature(bytes, k.private_hex, { hash: true, publicKey: k.public_hex, userId: '' });
    const e = Uint8Array.from(Buffer.from(createHash('sm3').update(Buffer.from(m, 'hex')).digest()));
    const noZ = lib.doSignature(e, k.private_hex);  // e = SM3(M), no Z
    for (const sig of [emptyId, noZ]) {
      assert.equal(SE.sm2.verify(m, sig, k.public_hex), false);
      lines.push({ m, sig, pk: k.public_hex });
    }
    // Control: the library itself accepts them under its own terms, so they are real signatures.
    assert.equal(lib.doVerifySignature(bytes, emptyId, k.public_hex, { hash: true, userId: '' }), true);
  }
  assert.deepEqual(sm2Check('verify', lines).filter((v) => v !== 'bad'), []);
});

test('a key file and a submission made on the page\'s side are signed, sealed and verified by the CLI', async () => {
  const { engine } = await loadEngine();
  const k = SE.sm2.generate();
  const pass = '国密页面口令 page-sm2';
  const made = JSON.parse(engine.createSm2KeyFile('番禺区委组织部', pass, '2026-12-01T00:00:00Z', k.private_hex, k.public_hex));
  assert.equal(made.ok, true);
  assert.equal(made.key_file.alg, 'SM2');
  assert.equal(JSON.parse(engine.createSm2KeyFile('x', 'short', '2026-12-01T00:00:00Z', k.private_hex, k.public_hex)).ok, false);
  const info = JSON.parse(engine.keyInfo(JSON.stringify(made.key_file)));
  assert.equal(info.alg, 'SM2');
  assert.equal(info.fingerprint_hash, 'SM3');
  assert.equal(info.fingerprint.replace(/ /g, ''), createHash('sm3').update(Buffer.from(k.public_hex, 'hex')).digest('hex'));
  // The CLI signs with the page's key file (checking its public key is the private key's own).
  const keyPath = join(dir, 'page.sm2.key.json');
  writeFileSync(keyPath, JSON.stringify(made.key_file));
  const out = join(dir, 'cli.signed.json');
  const signed = runCli(['sign', '--key', keyPath, '--template', join(root, 'schemas/templates/project-self-assessment.json'),
    '--answers', join(root, 'tests/golden/seed001-project/answers.json'), '--created', '2023-01-15T09:00:00Z', '-o', out], undefined, { SELFEVAL_PASSPHRASE: pass });
  assert.equal(signed.status, 0, signed.stderr);
  // The page's own path: the core prepares, the library signs, the core seals.
  const tmpl = readText('schemas/templates/project-self-assessment.json');
  const answers = readText('tests/golden/seed001-project/answers.json');
  const p = JSON.parse(engine.prepareSm2Submission(tmpl, answers, '2023-01-16T09:00:00Z', k.public_hex));
  assert.equal(p.ok, true);
  const sig = SE.sm2.sign(p.signing_input_hex, k.private_hex, k.public_hex);
  const sealed = JSON.parse(engine.sealSubmission(JSON.stringify(p.prepared), sig));
  assert.equal(sealed.ok, true);
  const pageFile = join(dir, 'page.signed.json');
  writeFileSync(pageFile, JSON.stringify(sealed.envelope));
  const reg = join(dir, 'registry.json');
  writeFileSync(reg, JSON.stringify({ format: 'selfeval.registry.v1', keys: [{ unit: '番禺区委组织部', role: 'unit', alg: 'SM2',
    public_key: Buffer.from(k.public_hex, 'hex').toString('base64url'), kid: made.key_file.kid, fingerprint: info.fingerprint,
    status: 'active', valid_from: '2023-01-01', valid_to: '2030-12-31' }] }));
  const v = runCli(['verify', '--json', '--keys', reg, pageFile]);
  assert.equal(v.status, 0, v.stdout + v.stderr);
  const report = JSON.parse(v.stdout);
  assert.equal(report.files[0].status, 'passed');
  assert.equal(report.files[0].template.sm3, sealed.envelope.submission.template.sm3);
  // Both, the CLI's (signed a day earlier) and the page's, pass; the later one supersedes.
  const both = runCli(['verify', '--json', '--keys', reg, out, pageFile]);
  assert.deepEqual(JSON.parse(both.stdout).files.map((f) => f.status), ['superseded', 'passed']);
  // The core's own verifier (wasm) has no SM2: it fails the file closed, never passes it.
  const wasmVerdict = JSON.parse(engine.verifySubmission(JSON.stringify(sealed.envelope), readFileSync(reg, 'utf8'), '2024-06-01T00:00:00Z'));
  assert.equal(wasmVerdict.ok, false);
  assert.equal(wasmVerdict.findings[0].code, 'jws.bad_signature');
});
