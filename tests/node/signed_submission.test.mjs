// Signed submissions with the bureau's native verifier: every single value changed in
// the signed example is rejected (and counted), the failure cases each exit non-zero with
// a clear reason, and plain OpenSSL verifies the example by hand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, readFileSync, mkdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { readText, runCli, root } from './helpers.mjs';
import { makeKey, seal, entry, registry as registryOf } from './envelopes.mjs';

const example = 'schemas/examples/seed001.signed.json';
const registry = join(root, 'schemas/examples/registry.json');
const envelope = JSON.parse(readText(example));
// The 国密 twin: the same form signed with an SM2 key (SM2-SM3), in the same registry.
const sm2Example = 'schemas/examples/seed001.sm2.signed.json';
const sm2Envelope = JSON.parse(readText(sm2Example));

// Every scalar in the envelope, as a path of keys.
function leaves(value, path = []) {
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => leaves(v, [...path, k]));
  }
  return [path];
}
function tampered(path, original = envelope) {
  const copy = JSON.parse(JSON.stringify(original));
  let o = copy;
  for (const k of path.slice(0, -1)) o = o[k];
  const k = path[path.length - 1];
  const v = o[k];
  if (typeof v === 'string') o[k] = v.length ? v.slice(0, -1) + (v.endsWith('A') ? 'B' : 'A') : 'x';
  else if (typeof v === 'number') o[k] = v + 1;
  else if (typeof v === 'boolean') o[k] = !v;
  else o[k] = 0;  // null
  return copy;
}

test('the signed example verifies with its registry', () => {
  const r = runCli(['verify', join(root, example), '--keys', registry]);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /^OK .*total 100\.00 优/m);
});

function tamperTest(t, original, label, hashMember) {
  const dir = mkdtempSync(join(tmpdir(), 'selfeval-tamper-'));
  const paths = leaves(original);
  const files = paths.map((p, i) => {
    const f = join(dir, `t${i}.json`);
    writeFileSync(f, JSON.stringify(tampered(p, original)));
    return f;
  });
  const r = runCli(['verify', '--json', '--keys', registry, ...files]);
  assert.equal(r.status, 1);
  const report = JSON.parse(r.stdout);
  const accepted = report.files.filter((f) => f.status !== 'failed').map((f) => paths[files.indexOf(f.file)].join('/'));
  assert.deepEqual(accepted, []);
  assert.equal(report.summary.failed, paths.length);
  const kinds = new Set(paths.map((p) => p[0] + '/' + (p[1] || '')));
  t.diagnostic(`tamper test (${label}): ${report.summary.failed} of ${paths.length} single-value changes rejected (${[...kinds].join(', ')})`);
  assert.ok(paths.length > 200);
  for (const must of [['submission', 'result', 'total'], ['submission', 'result', 'grade'], ['submission', 'template', hashMember],
    ['submission', 'created'], ['submission', 'unit', 'implementer'], ['submission', 'signer', 'alg'], ['jws', 'signature'], ['jws', 'protected']]) {
    assert.ok(paths.some((p) => p.join('/') === must.join('/')), must.join('/'));
  }
}

test('changing any single value in submission or jws is rejected by selfeval verify', (t) => {
  tamperTest(t, envelope, 'Ed25519', 'sha256');
});

test('the SM2-SM3 twin verifies with the same registry, and every single-value change to it is rejected', (t) => {
  const ok = runCli(['verify', join(root, sm2Example), '--keys', registry]);
  assert.equal(ok.status, 0, ok.stdout + ok.stderr);
  assert.match(ok.stdout, /^OK .*sm3 .*total 100\.00 优/m);
  // The twin is the same form: same answers and result, the 国密 profile's hashes and signature.
  assert.deepEqual(sm2Envelope.submission.answers, envelope.submission.answers);
  assert.deepEqual(sm2Envelope.submission.result, envelope.submission.result);
  assert.equal(sm2Envelope.submission.signer.alg, 'SM2');
  assert.deepEqual(Object.keys(sm2Envelope.submission.template).sort(), ['id', 'sm3', 'version']);
  tamperTest(t, sm2Envelope, 'SM2-SM3', 'sm3');
});

test('failure cases: each gives its reason and a non-zero exit, never a crash', () => {
  const stranger = makeKey();
  const dir = mkdtempSync(join(tmpdir(), 'selfeval-fail-'));
  const text = readText(example);
  const write = (name, content) => { const f = join(dir, name); writeFileSync(f, content); return f; };
  const cases = [
    ['truncated JSON', write('trunc.json', text.slice(0, text.length / 2)), [], /json\.syntax/],
    ['duplicated key', write('dup.json', text.replace('"submission": {', '"submission": {\n  "created": "2020-01-01T00:00:00Z",')), [], /json\.duplicate_key/],
    ['unknown template (re-signed by another key)', write('tmpl.json', JSON.stringify(seal({ ...envelope.submission, template: { ...envelope.submission.template, id: 'no-such-template' }, signer: { alg: 'Ed25519', public_key: stranger.publicKey } }, stranger))), [], /submission\.unknown_template/],
    ['changed after signing', write('changed.json', JSON.stringify({ ...envelope, submission: { ...envelope.submission, created: '2023-01-16T09:00:00Z' } })), [], /jws\.bad_signature/],
    ['unregistered key', join(root, example), ['--keys', write('reg1.json', JSON.stringify(registryOf(entry(stranger, '番禺区委组织部'))))], /registry\.unregistered/],
    ['expired key', join(root, example), ['--keys', write('reg2.json', readText('schemas/examples/registry.json').replace('2023-01-01', '2021-01-01').replace('2030-12-31', '2022-12-31'))], /registry\.expired/],
    ['revoked key', join(root, example), ['--keys', write('reg3.json', readText('schemas/examples/registry.json').replace('"active"', '"revoked"'))], /registry\.revoked/],
  ];
  for (const [name, file, extra, reason] of cases) {
    const r = runCli(['verify', file, ...extra]);
    assert.equal(r.status, 1, name);
    assert.match(r.stdout, reason, name);
    assert.match(r.stdout, /[\u4e00-\u9fff].*\(.*[a-z]/, name);  // Chinese with English beside it
  }
  // Keys: wrong passphrase and a corrupted key file.
  const sign = (key, pass) => {
    try {
      execFileSync(join(root, 'build/native/selfeval'), ['sign', '--key', key, '--template', join(root, 'schemas/templates/project-self-assessment.json'),
        '--answers', join(root, 'tests/golden/seed001-project/answers.json'), '-o', join(dir, 'out.json')],
      { env: { ...process.env, SELFEVAL_PASSPHRASE: pass }, stdio: 'pipe', encoding: 'utf8' });
      return { status: 0, stderr: '' };
    } catch (e) { return { status: e.status, stderr: e.stderr }; }
  };
  const key = join(root, 'schemas/examples/unit.key.json');
  const wrong = sign(key, 'not the passphrase');
  assert.equal(wrong.status, 1);
  assert.match(wrong.stderr, /key\.wrong_passphrase/);
  const corrupt = sign(write('bad.key.json', readText('schemas/examples/unit.key.json').slice(0, 100)), 'selfeval-示例口令-2023');
  assert.equal(corrupt.status, 1);
  assert.match(corrupt.stderr, /json\.syntax/);
  assert.equal(sign(key, 'selfeval-示例口令-2023').status, 0);
});

test('plain OpenSSL verifies the example (the manual check in the README)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'selfeval-openssl-'));
  assert.equal(runCli(['jws-parts', join(root, example), '-o', dir]).status, 0);
  const out = execFileSync('openssl', ['pkeyutl', '-verify', '-pubin', '-inkey', join(dir, 'public-key.pem'), '-rawin',
    '-in', join(dir, 'signing-input.bin'), '-sigfile', join(dir, 'signature.bin')], { encoding: 'utf8' });
  assert.match(out, /Signature Verified Successfully/);
  // The signed bytes are BASE64URL(protected) "." JCS(submission).
  const input = readFileSync(join(dir, 'signing-input.bin'), 'utf8');
  assert.ok(input.startsWith(envelope.jws.protected + '.{"answers":'));
});

test('plain OpenSSL verifies the SM2 twin only with the ID 1234567812345678 (the README\'s command)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'selfeval-openssl-sm2-'));
  assert.equal(runCli(['jws-parts', join(root, sm2Example), '-o', dir]).status, 0);
  const args = ['pkeyutl', '-verify', '-pubin', '-inkey', join(dir, 'public-key.pem'), '-rawin',
    '-in', join(dir, 'signing-input.bin'), '-sigfile', join(dir, 'signature.bin')];
  const out = execFileSync('openssl', [...args, '-pkeyopt', 'distid:1234567812345678'], { encoding: 'utf8' });
  assert.match(out, /Signature Verified Successfully/);
  // Without the ID OpenSSL takes an empty one: a different Z, so the signature fails.
  let failed = false;
  try { execFileSync('openssl', args, { encoding: 'utf8', stdio: 'pipe' }); } catch (e) { failed = e.status !== 0 && /Failure/.test(e.stdout); }
  assert.ok(failed, 'openssl without distid must refuse the signature');
  // The signature file is DER (SEQUENCE of two INTEGERs), the key an SM2 SubjectPublicKeyInfo.
  const sig = readFileSync(join(dir, 'signature.bin'));
  assert.equal(sig[0], 0x30);
  assert.equal(sig.length, sig[1] + 2);
  const key = execFileSync('openssl', ['pkey', '-pubin', '-in', join(dir, 'public-key.pem'), '-text', '-noout'], { encoding: 'utf8' });
  assert.match(key, /ASN1 OID: SM2/);
  const input = readFileSync(join(dir, 'signing-input.bin'), 'utf8');
  assert.ok(input.startsWith(sm2Envelope.jws.protected + '.{"answers":'));
});

test('the signed example conforms to schemas/submission.v1.schema.json (ajv)', async () => {
  const { default: Ajv2020 } = await import('ajv/dist/2020.js');
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false });
  const validate = ajv.compile(JSON.parse(readText('schemas/submission.v1.schema.json')));
  assert.ok(validate(envelope), JSON.stringify(validate.errors));
  const header = JSON.parse(Buffer.from(envelope.jws.protected, 'base64url').toString('utf8'));
  assert.deepEqual(Object.keys(header), ['alg', 'b64', 'crit', 'kid', 'typ']);
  assert.equal(header.alg, 'Ed25519');
  assert.equal(header.b64, false);
  assert.ok(validate(sm2Envelope), JSON.stringify(validate.errors));
  const sm2Header = JSON.parse(Buffer.from(sm2Envelope.jws.protected, 'base64url').toString('utf8'));
  assert.deepEqual(Object.keys(sm2Header), ['alg', 'b64', 'crit', 'kid', 'typ']);
  assert.equal(sm2Header.alg, 'SM2-SM3');
  // The kid is the SM3 of the raw key (node's OpenSSL has SM3).
  const raw = Buffer.from(sm2Envelope.submission.signer.public_key, 'base64url');
  assert.equal(raw.length, 65);
  assert.equal(sm2Header.kid, createHash('sm3').update(raw).digest('base64url'));
});

test('verify knows templates from --templates DIR besides the built-in ones', () => {
  const dir = mkdtempSync(join(tmpdir(), 'selfeval-tmpl-'));
  const answers = join(dir, 'mini.answers.json');
  writeFileSync(answers, JSON.stringify({ format: 'selfeval.answers.v1', template: { id: 'mini' },
    values: { 'a.1.1': { actual: '100人次' }, 'a.1.2': { actual: '5场' }, 'a.2.1': { actual: '95%' }, 'b.1': { actual: '90%' } } }));
  const out = join(dir, 'mini.signed.json');
  const signed = (() => {
    try {
      execFileSync(join(root, 'build/native/selfeval'), ['sign', '--key', join(root, 'schemas/examples/unit.key.json'),
        '--template', join(root, 'tests/data/templates/good-mini.json'), '--answers', answers, '-o', out],
      { env: { ...process.env, SELFEVAL_PASSPHRASE: 'selfeval-示例口令-2023' }, stdio: 'pipe' });
      return 0;
    } catch (e) { return e.status; }
  })();
  assert.equal(signed, 0);
  const without = runCli(['verify', out]);
  assert.equal(without.status, 1);
  assert.match(without.stdout, /submission\.unknown_template/);
  // A folder with a broken template in it is refused as a whole; the bureau's folder holds good ones.
  const refused = runCli(['verify', out, '--templates', join(root, 'tests/data/templates')]);
  assert.equal(refused.status, 2);
  assert.match(refused.stderr, /templates\.(invalid|not_a_template)/);
  const tdir = join(dir, 'templates');
  mkdirSync(tdir);
  writeFileSync(join(tdir, 'good-mini.json'), readText('tests/data/templates/good-mini.json'));
  const withDir = runCli(['verify', out, '--templates', tdir]);
  assert.equal(withDir.status, 3, withDir.stdout + withDir.stderr);  // passed; no registry, so the signer is unchecked
  assert.match(withDir.stdout, /^OK .*form mini \S+ \[from .*good-mini\.json, sha256 .*total 100\.00 优/m);
});
