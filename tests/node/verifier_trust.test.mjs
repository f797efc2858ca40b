// The bureau's trust decisions (issue 12), each case as an attacker would try it with the
// CLI: a key signing for another unit, a loose registry, checks skipped without a sign,
// validity at a time the signer picks, a shadowed template, duplicates, authentic versus
// valid, forged report lines, loose headers and schema, and cost before proof.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, readFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root, runCli } from './helpers.mjs';
import { makeKey, entry, registry, submissionFor, seal, seed001, jcs } from './envelopes.mjs';

const dir = mkdtempSync(join(tmpdir(), 'selfeval-trust-'));
let n = 0;
const write = (content, name = `f${++n}.json`) => {
  const f = join(dir, name);
  writeFileSync(f, typeof content === 'string' ? content : JSON.stringify(content));
  return f;
};
const verify = (...args) => runCli(['verify', ...args]);
const report = (...args) => { const r = verify('--json', ...args); return { ...r, json: JSON.parse(r.stdout) }; };
const codes = (file) => file.findings.map((f) => f.code);

const key = makeKey();
const withUnit = (unit) => ({ ...seed001(), unit: { ...seed001().unit, ...unit } });
const goodReg = write(registry(entry(key, '番禺区委组织部')));

test('control: a form of the registered unit, signed by its key, passes with the signer checked', () => {
  const f = write(seal(submissionFor(seed001(), key), key));
  const r = report(f, '--keys', goodReg);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.equal(r.json.files[0].status, 'passed');
  assert.equal(r.json.files[0].signer.ok, true);
  assert.equal(r.json.files[0].unit, '番禺区委组织部');
  assert.equal(r.json.files[0].unit_field, 'implementer');
});

test('1. a key signs only for the unit named by the template\'s signing field (实施单位)', () => {
  const jia = makeKey();
  const reg = write(registry(entry(jia, '单位甲')));
  // 主管部门 and 实施单位 are 单位乙; the project name and an extra field say 单位甲.
  const forged = seal(submissionFor(withUnit({ department: '单位乙', implementer: '单位乙', project_name: '单位甲' }), jia), jia);
  let r = report(write(forged), '--keys', reg);
  assert.equal(r.status, 1);
  assert.ok(codes(r.json.files[0]).includes('registry.unit_mismatch'), r.stdout);
  const extra = withUnit({ department: '单位乙', implementer: '单位乙' });
  extra.unit.x = '单位甲';
  r = report(write(seal(submissionFor(extra, jia), jia)), '--keys', reg);
  assert.equal(r.status, 1);
  assert.ok(codes(r.json.files[0]).includes('submission.unit_unknown_field'), r.stdout);
  assert.ok(codes(r.json.files[0]).includes('registry.unit_mismatch'), r.stdout);
  // The project level or name equal to the unit does not help either.
  r = report(write(seal(submissionFor(withUnit({ implementer: '单位乙', project_level: '单位甲' }), jia), jia)), '--keys', reg);
  assert.ok(codes(r.json.files[0]).includes('registry.unit_mismatch'));
  // The unknown field is an error of the form itself as well.
  const scored = JSON.parse(runCli(['score', '--template', join(root, 'schemas/templates/project-self-assessment.json'),
    '--answers', write(extra)]).stdout);
  assert.ok(scored.findings.some((f) => f.code === 'unit.unknown_field' && f.path === '/unit/x'));
});

test('2. the registry is read strictly and fails closed', () => {
  const f = write(seal(submissionFor(seed001(), key), key));
  // A revocation after the active entry wins.
  let r = report(f, '--keys', write(registry(entry(key, '番禺区委组织部'), entry(key, '番禺区委组织部', { status: 'revoked' }))));
  assert.equal(r.status, 1);
  assert.ok(codes(r.json.files[0]).includes('registry.revoked'));
  // Each of these registries is refused as a whole: exit 2, nothing verified.
  const refused = [
    ['a key for two units', registry(entry(key, '番禺区委组织部'), entry(key, '单位乙')), /registry\.key_two_units/],
    ['a kid that is not the key', registry(entry(key, '番禺区委组织部', { kid: makeKey().kid })), /registry\.kid/],
    ['no status', (() => { const e = entry(key, '番禺区委组织部'); delete e.status; return registry(e); })(), /registry\.schema\.required/],
    ['no format', { keys: [entry(key, '番禺区委组织部')] }, /registry\.schema\.required/],
    ['non-ISO dates', registry(entry(key, '番禺区委组织部', { valid_from: '01/01/2023', valid_to: '31/12/2023' })), /registry\.date/],
    ['an impossible date', registry(entry(key, '番禺区委组织部', { valid_to: '2023-02-30' })), /registry\.date/],
    ['an unknown member', registry(entry(key, '番禺区委组织部', { trusted: true })), /registry\.schema/],
    ['no keys at all', registry(), /registry\.schema\.minItems/],
    ['a fingerprint that is not the key', registry(entry(key, '番禺区委组织部', { fingerprint: makeKey().fingerprint })), /registry\.fingerprint/],
    ['a key twice in one member', '{"format":"selfeval.registry.v1","format":"selfeval.registry.v1","keys":[]}', /json\.duplicate_key/],
  ];
  for (const [name, reg, reason] of refused) {
    const t = verify(f, '--keys', write(reg));
    assert.equal(t.status, 2, name + ': ' + t.stdout + t.stderr);
    assert.match(t.stderr, reason, name);
    assert.equal(t.stdout, '', name);
  }
  // A key listed with its fingerprint, as the clerk copied it from the 公钥登记表, is fine.
  r = report(f, '--keys', write(registry(entry(key, '番禺区委组织部', { fingerprint: key.fingerprint }))));
  assert.equal(r.status, 0, r.stdout + r.stderr);
});

test('3. the signer check cannot be skipped without a sign', () => {
  const f = write(seal(submissionFor(seed001(), key), key));
  const empty = write('');
  let r = verify(f, '--keys', empty);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /registry\.empty_file/);
  assert.equal(verify(f, '--keys', join(dir, 'no-such-registry.json')).status, 2);
  for (const option of ['--key', '--registry', '--keys-file', '-k']) {
    r = verify(f, option, goodReg);
    assert.equal(r.status, 2, option);
    assert.match(r.stderr, /unknown option/, option);
  }
  // No registry: a key made a moment ago passes its signature, and every line says the
  // signer was not checked; the exit code says so too.
  const stranger = makeKey();
  const g = write(seal(submissionFor(withUnit({ project_name: '陌生人的项目' }), stranger), stranger));
  r = verify(f, g);
  assert.equal(r.status, 3, r.stdout);
  const lines = r.stdout.split('\n').filter((l) => l.startsWith('OK'));
  assert.equal(lines.length, 2);
  for (const l of lines) assert.match(l, /signer NOT CHECKED/);
  assert.match(r.stdout, /signers NOT checked/);
  assert.equal(report(f).json.signer_checked, false);
  assert.equal(report(f).json.files[0].signer.ok, null);
});

test('4. validity is judged when the file is checked, not when the signer says it signed', () => {
  const expiredReg = write(registry(entry(key, '番禺区委组织部', { valid_from: '2023-01-01', valid_to: '2023-12-31' })));
  const backdated = write(seal(submissionFor(seed001(), key, { created: '2023-06-01T00:00:00Z' }), key));
  let r = report(backdated, '--keys', expiredReg);
  assert.equal(r.status, 1);
  assert.ok(codes(r.json.files[0]).includes('registry.expired'));
  assert.match(r.json.files[0].findings.find((x) => x.code === 'registry.expired').message_zh, /2023-06-01T00:00:00Z/);
  // Re-checking an old batch at a stated time is explicit.
  r = report(backdated, '--keys', expiredReg, '--at', '2023-12-31');
  assert.equal(r.status, 0, r.stdout);
  assert.equal(r.json.checked_at, '2023-12-31T15:59:59Z');
  assert.equal(report(backdated, '--keys', expiredReg, '--at', '2024-01-01T00:00:00+08:00').status, 1);
  assert.equal(verify(backdated, '--at', '2023-13-01').status, 2);
  // Times that are not strict RFC 3339, or in the future, fail.
  for (const created of ['2099-01-01T00:00:00Z', '2023-02-30T99:99:99Z', '2023-06', '2023-06-01 09:00:00', '2023-06-01T09:00:00',
    '2023-06-01t09:00:00z', '2023-06-01T09:00:60Z']) {
    const bad = write(seal(submissionFor(seed001(), key, { created }), key));
    r = report(bad, '--keys', goodReg);
    assert.equal(r.status, 1, created);
    assert.ok(codes(r.json.files[0]).some((c) => c === 'submission.created' || c === 'submission.created_in_future' || c.startsWith('submission.schema')), created + ' ' + r.stdout);
  }
  const none = submissionFor(seed001(), key);
  delete none.created;
  r = report(write(seal(none, key)), '--keys', goodReg);
  assert.ok(codes(r.json.files[0]).includes('submission.schema.required'));
});

test('5. a modified copy of a built-in template cannot stand in for it', () => {
  const tdir = join(dir, 'templates');
  mkdirSync(tdir, { recursive: true });
  const t = JSON.parse(readFileSync(join(root, 'schemas/templates/project-self-assessment.json'), 'utf8'));
  t.grade_bands = [{ grade: '优', min: 60, max: 100, max_inclusive: true }, { grade: '差', min: 0, max: 60 }];
  writeFileSync(join(tdir, 'project.json'), JSON.stringify(t));
  const f = write(seal(submissionFor(seed001(), key), key));
  const r = verify(f, '--keys', goodReg, '--templates', tdir);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /templates\.shadowed/);
  // Each line names the template's origin and hash.
  const ok = verify(f, '--keys', goodReg);
  assert.match(ok.stdout, /^OK .*form project-self-assessment 1\.0\.0 \[内置 built-in, sha256 [A-Za-z0-9_-]{43}\]/m);
  assert.equal(report(f, '--keys', goodReg).json.files[0].template.origin, 'built-in');
});

test('6. duplicates and superseded submissions are reported; no input is an error', () => {
  const first = seal(submissionFor(seed001(), key, { created: '2023-06-01T09:00:00Z' }), key);
  const a = write(first, 'dup-a.json');
  const b = write(first, 'dup-b.json');
  let r = report(a, b, '--keys', goodReg);
  assert.equal(r.status, 1);
  assert.deepEqual(r.json.files.map((x) => x.status), ['passed', 'duplicate']);
  assert.equal(r.json.files[1].duplicate_of, a);
  const later = withUnit({});
  later.values.q1 = { ...later.values.q1, reason: '补充说明' };
  const c = write(seal(submissionFor(later, key, { created: '2023-07-01T09:00:00Z' }), key), 'later.json');
  r = report(a, c, '--keys', goodReg);
  assert.equal(r.status, 1);
  assert.deepEqual(r.json.files.map((x) => x.status), ['superseded', 'passed']);
  assert.equal(r.json.files[0].superseded_by, c);
  assert.deepEqual(r.json.summary, { files: 2, passed: 1, failed: 0, duplicates: 0, superseded: 1, with_errors: 0 });
  // Another project of the same unit is not superseded.
  const other = write(seal(submissionFor(withUnit({ project_name: '另一个项目' }), key), key));
  assert.equal(verify(a, other, '--keys', goodReg).status, 0);
  const emptyDir = join(dir, 'empty');
  mkdirSync(emptyDir, { recursive: true });
  r = verify(emptyDir, '--keys', goodReg);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /no submission files/);
});

test('7. authentic is not valid: error and warning counts beside the signature verdict; --reject-errors', () => {
  const broken = seed001();
  for (const id of ['q1', 'q2', 'q3']) broken.values[id] = { ...broken.values[id], actual: '完成' };
  const f = write(seal(submissionFor(broken, key), key));
  let r = report(f, '--keys', goodReg);
  assert.equal(r.status, 0);
  assert.equal(r.json.files[0].authentic, true);
  assert.ok(r.json.files[0].errors >= 2, r.stdout);
  assert.equal(r.json.summary.with_errors, 1);
  const text = verify(f, '--keys', goodReg).stdout;
  assert.match(text, new RegExp(`errors ${r.json.files[0].errors} warnings ${r.json.files[0].warnings}`));
  r = report(f, '--keys', goodReg, '--reject-errors');
  assert.equal(r.status, 1);
  assert.equal(r.json.files[0].status, 'failed');
  assert.ok(codes(r.json.files[0]).includes('form.has_errors'));
});

test('8. nothing from a file reaches the terminal unescaped', () => {
  const evil = '\r\u001b[2K\u001b[1AOK   fake.json  project-self-assessment total 100.00 优\nverified: 1 passed, 0 failed\u202e';
  const sub = submissionFor(seed001(), key);
  const f1 = write(seal(sub, key, { alg: evil, b64: false, crit: ['b64'], kid: key.kid, typ: 'selfeval-submission+json' }));
  const sub2 = { ...sub, template: { ...sub.template, id: evil } };
  const f2 = write(seal(sub2, key), 'evil\rname.json');
  const r = verify(f1, f2, '--keys', goodReg);
  assert.equal(r.status, 1);
  for (const bad of ['\r', '\u001b', '\u202e']) assert.ok(!r.stdout.includes(bad), JSON.stringify(bad));
  assert.match(r.stdout, /\\u\{001B\}\[2K/);
  assert.equal(r.stdout.trim().split('\n').length, 3);  // two file lines and the summary
});

test('9. the protected header is parsed strictly and the submission schema is enforced first', () => {
  const sub = submissionFor(seed001(), key);
  const h = { alg: 'Ed25519', b64: false, crit: ['b64'], kid: key.kid, typ: 'selfeval-submission+json' };
  const headerCases = [
    ['alg twice', `{"alg":"none","alg":"Ed25519","b64":false,"crit":["b64"],"kid":"${key.kid}","typ":"selfeval-submission+json"}`, /jws\.protected/],
    ['kid twice', `{"alg":"Ed25519","b64":false,"crit":["b64"],"kid":"x","kid":"${key.kid}","typ":"selfeval-submission+json"}`, /jws\.protected/],
    ['jku', { ...h, jku: 'https://evil.example/keys' }, /jws\.unknown_member/],
    ['x5u', { ...h, x5u: 'https://evil.example/cert' }, /jws\.unknown_member/],
    ['jwk', { ...h, jwk: { kty: 'OKP' } }, /jws\.unknown_member/],
    ['BOM in the header', '\ufeff' + jcs(h), /jws\.protected/],
  ];
  for (const [name, header, reason] of headerCases) {
    const r = verify(write(seal(sub, key, header)), '--keys', goodReg);
    assert.equal(r.status, 1, name);
    assert.match(r.stdout, reason, name);
  }
  const good = seal(sub, key);
  const schemaCases = [
    ['format v999', seal({ ...sub, format: 'selfeval.submission.v999' }, key)],
    ['signer RS256', seal({ ...sub, signer: { ...sub.signer, alg: 'RS256' } }, key)],
    ['extra top-level member', seal({ ...sub, extra: 1 }, key)],
    ['unprotected header', { ...good, jws: { ...good.jws, header: { alg: 'none' } } }],
  ];
  for (const [name, env] of schemaCases) {
    const r = report(write(env), '--keys', goodReg);
    assert.equal(r.status, 1, name);
    assert.ok(codes(r.json.files[0]).some((c) => c.startsWith('submission.schema.') || c === 'submission.structure'), name + ' ' + r.stdout);
  }
  const bom = verify(write('\ufeff' + JSON.stringify(good)), '--keys', goodReg);
  assert.equal(bom.status, 1);
  assert.match(bom.stdout, /json\.bom/);
});

test('10. size and signature before any re-scoring', () => {
  // Changed answers and result under the old signature: only the signature is reported,
  // because nothing is re-scored before it holds.
  const sub = submissionFor(seed001(), key);
  const env = seal(sub, key);
  env.submission.answers.values.q1.actual = '1次';
  env.submission.result.total = '12.00';
  const r = report(write(env), '--keys', goodReg);
  assert.deepEqual(codes(r.json.files[0]), ['jws.bad_signature']);
  // Beyond the documented 16 MB limit the file is refused unread.
  const big = write('{"submission":{"pad":"' + 'x'.repeat(16 * 1024 * 1024) + '"},"jws":{}}');
  const t0 = Date.now();
  const b = report(big, '--keys', goodReg);
  assert.deepEqual(codes(b.json.files[0]), ['submission.too_large']);
  assert.ok(Date.now() - t0 < 5000);
});

test('passphrases: counted in characters, one line end stripped, a minimum of 12', () => {
  const k = (pass, input) => runCli(['keygen', '--unit', '测试单位', '-o', join(dir, `k${++n}.json`)], input,
    pass === undefined ? {} : { SELFEVAL_PASSPHRASE: pass });
  for (const weak of ['12345678', '        ', '口令口令', '十一个字符的口令不够长', 'aaaaaaaaaaaaaaaa', '            ']) {
    const r = k(weak);
    assert.equal(r.status, 2, weak);
    assert.match(r.stderr, /key\.weak_passphrase/, weak);
  }
  assert.equal(k('十二个汉字组成的一句口令啊').status, 0);  // 12 characters, 36 bytes
  // A CRLF-terminated passphrase on standard input opens the key it made.
  const made = join(dir, 'crlf.key.json');
  let r = runCli(['keygen', '--unit', '测试单位', '-o', made], 'correct horse battery\r\n');
  assert.equal(r.status, 0, r.stderr);
  r = runCli(['sign', '--key', made, '--template', join(root, 'schemas/templates/project-self-assessment.json'),
    '--answers', join(root, 'tests/golden/seed001-project/answers.json'), '-o', join(dir, 'crlf.signed.json')], 'correct horse battery\n');
  assert.equal(r.status, 0, r.stderr);
  r = runCli(['sign', '--key', made, '--template', join(root, 'schemas/templates/project-self-assessment.json'),
    '--answers', join(root, 'tests/golden/seed001-project/answers.json'), '-o', join(dir, 'crlf2.signed.json'), '--created', '2023-06'],
  'correct horse battery\n');
  assert.equal(r.status, 2);
});

test('the --json report follows schemas/verify-report.v1.schema.json (ajv)', async () => {
  const { default: Ajv2020 } = await import('ajv/dist/2020.js');
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false });
  const validate = ajv.compile(JSON.parse(readFileSync(join(root, 'schemas/verify-report.v1.schema.json'), 'utf8')));
  const good = write(seal(submissionFor(seed001(), key), key));
  const bad = write('{"submission":{},"jws":{}}');
  for (const args of [[good, '--keys', goodReg], [good, bad], [good, good, '--reject-errors']]) {
    const r = report(...args);
    assert.ok(validate(r.json), JSON.stringify(validate.errors));
  }
  const reg = JSON.parse(readFileSync(join(root, 'schemas/examples/registry.json'), 'utf8'));
  const validateRegistry = ajv.compile(JSON.parse(readFileSync(join(root, 'schemas/registry.v1.schema.json'), 'utf8')));
  assert.ok(validateRegistry(reg), JSON.stringify(validateRegistry.errors));
});

test('the page\'s engine (wasm, libsodium) gives the verdicts the CLI (OpenSSL) gives', async () => {
  const { loadEngine } = await import('./helpers.mjs');
  const { engine } = await loadEngine();
  const at = '2024-06-01T00:00:00Z';
  const regText = JSON.stringify(registry(entry(key, '番禺区委组织部', { valid_to: '2024-12-31' })));
  const regFile = write(regText);
  const broken = seed001();
  broken.values.q1 = { ...broken.values.q1, actual: '完成' };
  const other = makeKey();
  const files = [
    seal(submissionFor(seed001(), key), key),
    seal(submissionFor(broken, key), key),
    seal(submissionFor(withUnit({ implementer: '单位乙' }), key), key),
    seal(submissionFor(seed001(), other), other),
    seal(submissionFor(seed001(), key, { created: '2025-01-01T00:00:00Z' }), key),
    (() => { const e = seal(submissionFor(seed001(), key), key); e.submission.result.total = '1.00'; return e; })(),
    { submission: {}, jws: {} },
  ].map((e) => JSON.stringify(e));
  for (const text of files) {
    const native = report(write(text), '--keys', regFile, '--at', at).json.files[0];
    const wasm = JSON.parse(engine.verifySubmission(text, regText, at));
    assert.equal(wasm.ok, native.status === 'passed');
    delete wasm.ok;
    assert.deepEqual({ ...wasm, file: '' }, { ...native, file: '' });
  }
  assert.equal(JSON.parse(engine.verifySubmission(files[0], '', 'yesterday')).findings[0].code, 'verify.bad_time');
  assert.equal(JSON.parse(engine.verifySubmission(files[0], '{"keys":[]}', at)).ok, false);
});
