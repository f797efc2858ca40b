// 5. The bureau's batch: 10,000 signed submissions (the seed 001 form, each with its own
// project name and actuals) verified and re-scored by `selfeval verify DIR` natively, one
// process (one core): submissions per second per core.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { cli, root } from '../tests/node/helpers.mjs';
import { rng } from '../tests/node/random_forms.mjs';

export function makeSubmissions(count, dir) {
  const env = { ...process.env, SELFEVAL_PASSPHRASE: 'bench-passphrase-2026' };
  const key = join(dir, 'unit.key.json');
  execFileSync(cli, ['keygen', '--unit', '广州市番禺区委组织部', '-o', key], { env, encoding: 'utf8' });
  const base = JSON.parse(readFileSync(join(root, 'tests/golden/seed001-project/answers.json'), 'utf8'));
  const r = rng(2026);
  const lines = [];
  for (let k = 0; k < count; k++) {
    const a = structuredClone(base);
    a.unit.project_name = `${base.unit.project_name}（第${k + 1}份）`;
    a.values.q2.actual = `${r.int(1, 5)}场`;
    a.values.b2.actual = `${r.int(10, 40)}篇次`;
    delete a.reported_total;
    lines.push(JSON.stringify(a));
  }
  writeFileSync(join(dir, 'answers.jsonl'), lines.join('\n') + '\n');
  const out = join(dir, 'signed');
  execFileSync(cli, ['sign', '--key', key, '--template', join(root, 'schemas/templates/project-self-assessment.json'),
    '--batch', join(dir, 'answers.jsonl'), '-o', out, '--created', '2026-11-24T08:00:00Z'], { env, encoding: 'utf8' });
  return out;
}

export function batchBench({ count = 10000 } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'selfeval-batch-'));
  const signed = makeSubmissions(count, dir);
  if (readdirSync(signed).length !== count) throw new Error('not every submission was signed');
  const t0 = performance.now();
  const r = spawnSync(cli, ['verify', signed, '--json'], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const seconds = (performance.now() - t0) / 1000;
  const report = JSON.parse(r.stdout);
  if (r.status !== 0 || report.passed !== count) throw new Error(`verify: ${report.passed} of ${count} passed`);
  return { submissions: count, seconds, submissions_per_s_core: count / seconds, dir };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try { console.log(JSON.stringify(batchBench({ count: Number(process.argv[2]) || 10000 }), null, 1)); } catch (e) { console.error(String(e.stack || e).slice(0, 2000)); process.exit(1); }
}
