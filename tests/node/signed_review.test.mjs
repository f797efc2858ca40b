// The reviewer's signed sheet through the CLI (issue 18), as a firm and a bureau use it: the unit
// signs its form; the firm drafts the sheet from the signed file, fills it and signs it with its
// reviewer key; the bureau's `selfeval verify` passes the sheet beside that submission and names
// it, and fails it alone or when the submission in the folder is another one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root, runCli } from './helpers.mjs';

const PASS = { SELFEVAL_PASSPHRASE: 'signed-review-passphrase' };
const AGENCY = '致同会计师事务所(特殊普通合伙)广州分所';

test('the example review verifies beside the example submission it names, and not alone', () => {
  const ex = (f) => join(root, 'schemas/examples', f);
  const both = runCli(['verify', ex('seed001.review.signed.json'), ex('seed001.signed.json'), '--keys', ex('registry.json')]);
  assert.equal(both.status, 0, both.stdout);
  assert.match(both.stdout, /^OK .*seed001\.review\.signed\.json .*unit 广州示例会计师事务所.*reviews 核查的提交 .*seed001\.signed\.json/m);
  const alone = runCli(['verify', ex('seed001.review.signed.json'), '--keys', ex('registry.json')]);
  assert.equal(alone.status, 1);
  assert.match(alone.stdout, /review\.reviewed_missing/);
});

test('a reviewer signs the drafted sheet; verify passes it only beside the submission it names', () => {
  const dir = mkdtempSync(join(tmpdir(), 'selfeval-signed-review-'));
  const unitAnswers = JSON.parse(readFileSync(join(root, 'tests/data/review/apartment.answers.json'), 'utf8'));
  const unitName = unitAnswers.unit.implementer;
  const key = (unit, file) => {
    const r = runCli(['keygen', '--unit', unit, '-o', join(dir, file)], undefined, PASS);
    assert.equal(r.status, 0, r.stderr);
    return JSON.parse(readFileSync(join(dir, file), 'utf8'));
  };
  const unitKey = key(unitName, 'unit.key.json');
  const firmKey = key(AGENCY, 'firm.key.json');
  const entry = (k, unit, role) => ({ unit, role, alg: 'Ed25519', public_key: k.public_key, kid: k.kid, status: 'active',
    valid_from: '2022-01-01', valid_to: '2099-12-31' });
  writeFileSync(join(dir, 'registry.json'), JSON.stringify({ format: 'selfeval.registry.v1',
    keys: [entry(unitKey, unitName, 'unit'), entry(firmKey, AGENCY, 'reviewer')] }));
  const sign = (keyFile, template, answers, out) => runCli(['sign', '--key', join(dir, keyFile), '--template',
    join(root, 'schemas/templates', template + '.json'), '--answers', answers, '-o', join(dir, out), '--allow-errors'], undefined, PASS);

  const unitFile = join(dir, 'apartment.signed.json');
  assert.equal(sign('unit.key.json', 'project-self-assessment', join(root, 'tests/data/review/apartment.answers.json'), 'apartment.signed.json').status, 0);
  const drafted = runCli(['review-draft', unitFile]);
  assert.equal(drafted.status, 0, drafted.stderr);
  const sheet = JSON.parse(drafted.stdout);
  assert.match(sheet.reviewed.sha256, /^[0-9a-f]{64}$/);
  assert.equal(sheet.reviewed.unit, unitName);

  // Signing a sheet with no link is refused, naming the field.
  const bare = { ...sheet, unit: { ...sheet.unit, agency: AGENCY } };
  delete bare.reviewed;
  writeFileSync(join(dir, 'bare.answers.json'), JSON.stringify(bare));
  const refused = sign('firm.key.json', 'verification-sheet', join(dir, 'bare.answers.json'), 'bare.signed.json');
  assert.notEqual(refused.status, 0);
  assert.match(refused.stderr, /reviewed/);

  sheet.unit.agency = AGENCY;
  sheet.unit.reviewers = '曹建云、贺鹏程、史传林';
  writeFileSync(join(dir, 'sheet.answers.json'), JSON.stringify(sheet));
  assert.equal(sign('firm.key.json', 'verification-sheet', join(dir, 'sheet.answers.json'), 'sheet.signed.json').status, 0);

  // Beside its submission: both pass, and the report names the submission scored.
  const both = runCli(['verify', join(dir, 'sheet.signed.json'), unitFile, '--keys', join(dir, 'registry.json'), '--json']);
  assert.equal(both.status, 0, both.stdout);
  const report = JSON.parse(both.stdout);
  const sheetVerdict = report.files.find((f) => f.template.id === 'verification-sheet');
  assert.equal(sheetVerdict.unit, AGENCY);
  assert.equal(sheetVerdict.reviewed.file, unitFile);
  assert.equal(sheetVerdict.reviewed.sha256, report.files.find((f) => f.file === unitFile).digest);

  // Alone, the sheet cannot show which submission it scored.
  const alone = runCli(['verify', join(dir, 'sheet.signed.json'), '--keys', join(dir, 'registry.json')]);
  assert.equal(alone.status, 1);
  assert.match(alone.stdout, /不在本次核验的文件中/);

  // A folder where the unit's file was re-signed later (another submission): the sheet fails.
  const folder = join(dir, 'folder');
  mkdirSync(folder);
  copyFileSync(join(dir, 'sheet.signed.json'), join(folder, 'sheet.signed.json'));
  const other = { ...unitAnswers, reported_total: '90' };
  writeFileSync(join(dir, 'other.answers.json'), JSON.stringify(other));
  assert.equal(sign('unit.key.json', 'project-self-assessment', join(dir, 'other.answers.json'), 'folder/apartment.signed.json').status, 0);
  const swapped = runCli(['verify', folder, '--keys', join(dir, 'registry.json'), '--json']);
  assert.equal(swapped.status, 1);
  const failed = JSON.parse(swapped.stdout).files.find((f) => f.template.id === 'verification-sheet');
  assert.equal(failed.status, 'failed');
  assert.ok(failed.findings.some((f) => f.code === 'review.reviewed_missing'));
});
