// Seeds for the libFuzzer targets, from every template, answers file, target string,
// submission and workbook in the repository: build/fuzz/seeds/<target>/.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync, statSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'build/fuzz/seeds');
rmSync(out, { recursive: true, force: true });
const seeds = {};
const add = (target, name, data) => {
  const dir = join(out, target);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, name.replace(/[^\w.-]+/g, '_')), data);
  seeds[target] = (seeds[target] || 0) + 1;
};
const files = (dir, ext) => {
  const abs = join(root, dir);
  if (!existsSync(abs)) return [];
  return readdirSync(abs, { recursive: true }).map((f) => join(abs, f)).filter((f) => statSync(f).isFile() && (!ext || f.endsWith(ext)));
};

JSON.parse(readFileSync(join(root, 'tests/data/targets.json'), 'utf8')).forEach((row, i) => add('target_expr', `t${i}`, row.text));
const templates = [...files('schemas/templates', '.json'), ...files('tests/data/templates', '.json'), ...files('tests/bad_inputs/templates')];
templates.forEach((f, i) => add('template_loader', `t${i}`, readFileSync(f)));
const answers = [...files('tests/golden', 'answers.json'), ...files('schemas/examples', '.answers.json'), ...files('tests/bad_inputs/answers')];
// The answers target's first byte picks the built-in template.
answers.forEach((f, i) => { for (let b = 0; b < 6; b++) add('answers_loader', `a${i}-${b}`, Buffer.concat([Buffer.from([b]), readFileSync(f)])); });
[...templates, ...answers, ...files('schemas', '.json')].forEach((f, i) => add('canonical_json', `j${i}`, readFileSync(f)));
[...files('schemas/examples', '.signed.json'), ...files('tests/bad_inputs/submissions')].forEach((f, i) => add('submission_verify', `s${i}`, readFileSync(f)));
// Key registries: the example, with a revocation after it, and with a second key.
{
  const reg = JSON.parse(readFileSync(join(root, 'schemas/examples/registry.json'), 'utf8'));
  add('key_registry', 'example', JSON.stringify(reg));
  add('key_registry', 'revoked', JSON.stringify({ ...reg, keys: [...reg.keys, { ...reg.keys[0], status: 'revoked' }] }));
  add('key_registry', 'two', JSON.stringify({ ...reg, issuer: '某区财政局', keys: [...reg.keys, { ...reg.keys[0], unit: '另一单位', valid_from: '2024-02-29' }] }));
}
// Workbooks: every golden exported by the CLI, as .xlsx and CSV.
const cli = join(root, 'build/native/selfeval');
for (const name of readdirSync(join(root, 'tests/golden'))) {
  const c = JSON.parse(readFileSync(join(root, 'tests/golden', name, 'case.json'), 'utf8'));
  const base = join(out, `${name}`);
  execFileSync(cli, ['export', '--template', join(root, c.template), '--answers', join(root, 'tests/golden', name, 'answers.json'),
    '--xlsx', base + '.xlsx', '--csv', base + '.csv']);
  add('workbook', name + '.xlsx', readFileSync(base + '.xlsx'));
  add('workbook', name + '.csv', readFileSync(base + '.csv'));
  rmSync(base + '.xlsx');
  rmSync(base + '.csv');
}
files('tests/bad_inputs/workbooks').forEach((f, i) => add('workbook', `w${i}`, readFileSync(f)));
console.log('fuzz seeds:', Object.entries(seeds).map(([k, v]) => `${k} ${v}`).join(', '));
