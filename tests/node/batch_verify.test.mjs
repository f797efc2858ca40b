// The bureau's bulk path: `selfeval sign --batch` signs one answers document per line with
// one key, and `selfeval verify DIR` checks every submission in a folder — the same
// verdicts as verifying the files one by one, a tampered one among them caught.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root, runCli, cli } from './helpers.mjs';
import { execFileSync } from 'node:child_process';

test('sign --batch then verify DIR: every submission passes, a changed one fails, verdicts match file by file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'selfeval-batch-test-'));
  const env = { ...process.env, SELFEVAL_PASSPHRASE: 'batch-test-passphrase' };
  execFileSync(cli, ['keygen', '--unit', '测试单位', '-o', join(dir, 'k.json')], { env });
  const base = JSON.parse(readFileSync(join(root, 'tests/golden/seed001-project/answers.json'), 'utf8'));
  const lines = [1, 2, 3, 4].map((k) => JSON.stringify({ ...base, unit: { ...base.unit, project_name: `项目${k}` } }));
  writeFileSync(join(dir, 'a.jsonl'), lines.join('\n') + '\n');
  execFileSync(cli, ['sign', '--key', join(dir, 'k.json'), '--template', join(root, 'schemas/templates/project-self-assessment.json'),
    '--batch', join(dir, 'a.jsonl'), '-o', join(dir, 'signed'), '--created', '2026-11-24T08:00:00Z'], { env });
  const files = readdirSync(join(dir, 'signed')).sort();
  assert.deepEqual(files, ['000001.signed.json', '000002.signed.json', '000003.signed.json', '000004.signed.json']);

  let r = runCli(['verify', join(dir, 'signed'), '--json']);
  assert.equal(r.status, 3, r.stderr);  // all passed, no registry given: the signer is unchecked
  let report = JSON.parse(r.stdout);
  assert.equal(report.summary.passed, 4);
  assert.deepEqual(report.files.map((f) => f.total), ['100.00', '100.00', '100.00', '100.00']);

  // The third one's recorded total changed: only it fails, for the reason it would alone.
  const third = join(dir, 'signed', files[2]);
  const env3 = JSON.parse(readFileSync(third, 'utf8'));
  env3.submission.result.total = '99.00';
  writeFileSync(third, JSON.stringify(env3));
  r = runCli(['verify', join(dir, 'signed'), '--json']);
  assert.equal(r.status, 1);
  report = JSON.parse(r.stdout);
  assert.deepEqual(report.files.map((f) => f.status), ['passed', 'passed', 'failed', 'passed']);
  const alone = JSON.parse(runCli(['verify', third, '--json']).stdout);
  assert.deepEqual(report.files[2].findings.map((f) => f.code), alone.files[0].findings.map((f) => f.code));
  assert.ok(alone.files[0].findings.some((f) => f.code === 'submission.result_mismatch' || f.code === 'jws.bad_signature'));
});

test('selfeval bench times a form and ends on the total the edits give', () => {
  const r = runCli(['bench', '--template', join(root, 'tests/golden/seed001-project/case.json'), '--answers', 'x']);
  assert.equal(r.status, 2);  // unreadable input: usage
  const dir = mkdtempSync(join(tmpdir(), 'selfeval-bench-test-'));
  const tpl = { format: 'selfeval.template.v1', id: 'b', name: '小表', version: '1.0.0', kind: 'self_assessment',
    levels: ['一级指标', '二级指标'], total: 20, rounding: { places: 2, mode: 'half_up' },
    indicators: [{ id: 's', name: '产出', weight: 20, children: [
      { id: 'a', name: '甲', weight: 10, target: '≥10个', direction: '正向', rule: 'positive' },
      { id: 'b', name: '乙', weight: 10, target: '≥20个', direction: '正向', rule: 'positive' }] }],
    grade_bands: [{ grade: '优', min: 18, max: 20, max_inclusive: true }, { grade: '差', min: 0, max: 18 }] };
  writeFileSync(join(dir, 't.json'), JSON.stringify(tpl));
  writeFileSync(join(dir, 'a.json'), JSON.stringify({ format: 'selfeval.answers.v1', template: { id: 'b', version: '1.0.0' }, year: 2022, values: {} }));
  const out = runCli(['bench', '--template', join(dir, 't.json'), '--answers', join(dir, 'a.json'), '--runs', '2', '--edits', '3']);
  assert.equal(out.status, 0, out.stderr);
  const b = JSON.parse(out.stdout);
  assert.equal(b.leaves, 2);
  assert.equal(b.edited_rows, 2);
  // Edits: 甲 100000 (full 10), 乙 100000 (full 10), then 甲 1 (1/10 of 10 = 1).
  assert.equal(b.total_after_edits, '11.00');
  assert.ok(b.edit_ms_p50 > 0 && b.load_answers_ms_p50 > 0);
});
