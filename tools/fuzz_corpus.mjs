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
answers.forEach((f, i) => {
  for (let b = 0; b < 6; b++) {
    const seed = Buffer.concat([Buffer.from([b]), readFileSync(f)]);
    add('answers_loader', `a${i}-${b}`, seed);
    add('answers_roundtrip', `a${i}-${b}`, seed);
  }
});
[...templates, ...answers, ...files('schemas', '.json')].forEach((f, i) => add('canonical_json', `j${i}`, readFileSync(f)));
[...files('schemas/examples', '.signed.json'), ...files('tests/bad_inputs/submissions')].forEach((f, i) => add('submission_verify', `s${i}`, readFileSync(f)));
// Key registries: the example, with a revocation after it, and with a second key.
{
  const reg = JSON.parse(readFileSync(join(root, 'schemas/examples/registry.json'), 'utf8'));
  add('key_registry', 'example', JSON.stringify(reg));
  add('key_registry', 'revoked', JSON.stringify({ ...reg, keys: [...reg.keys, { ...reg.keys[0], status: 'revoked' }] }));
  add('key_registry', 'two', JSON.stringify({ ...reg, issuer: '某区财政局', keys: [...reg.keys, { ...reg.keys[0], unit: '另一单位', valid_from: '2024-02-29' }] }));
}
// Workbooks: every golden exported by the CLI, as .xlsx and CSV; the files other programs
// wrote (tests/data/sheets: LibreOffice, exceljs, .xls, GB18030 and UTF-8 CSV).
const cli = join(root, 'build/native/selfeval');
for (const name of readdirSync(join(root, 'tests/golden'))) {
  const c = JSON.parse(readFileSync(join(root, 'tests/golden', name, 'case.json'), 'utf8'));
  const base = join(out, `${name}`);
  execFileSync(cli, ['export', '--template', join(root, c.template), '--answers', join(root, 'tests/golden', name, 'answers.json'),
    '--xlsx', base + '.xlsx', '--csv', base + '.csv']);
  add('workbook', name + '.xlsx', readFileSync(base + '.xlsx'));
  add('indicator_list', name + '.xlsx', readFileSync(base + '.xlsx'));
  add('csv', name + '.csv', readFileSync(base + '.csv'));
  rmSync(base + '.xlsx');
  rmSync(base + '.csv');
}
for (const f of files('tests/data/sheets')) {
  const name = f.split('/').pop();
  if (/\.(xlsx|xls)$/.test(name)) {
    add('workbook', name, readFileSync(f));
    add('indicator_list', name, readFileSync(f));
  }
  if (/\.csv$/.test(name)) {
    add('csv', name, readFileSync(f));
    add('indicator_list', name, readFileSync(f));
  }
}
files('tests/bad_inputs/workbooks').forEach((f, i) => { add('workbook', `w${i}`, readFileSync(f)); add('indicator_list', `w${i}`, readFileSync(f)); });
// Number formats: stored values against the codes Excel, WPS and LibreOffice write.
const values = ['0.95', '1', '-1234.5', '0', '44926.75', '0.1234', '1E+25', '1.0000000000000001E-5', '-0.001', '123456', '60', '2958465'];
const codes = ['General', 'G/通用格式', '0%', '0.00%', '#,##0.00', '"¥"#,##0.00;"¥"\\-#,##0.00', '0!.0000"万元"', '0!.0,"万"',
  '_ "¥"* #,##0.00_ ;_ "¥"* \\-#,##0.00_ ;_ "¥"* "-"??_ ;_ @_ ', 'yyyy/m/d', 'yyyy"年"m"月"d"日"', '[DBNum1][$-804]yyyy"年"m"月"d"日"',
  '[DBNum2]G/通用格式', '上午/下午h"时"mm"分"', '[h]:mm:ss.00', '0.00E+00', '##0.0E+0', '[Red][>=10]"big" 0;[<0]"neg";0',
  '# ?/?', '@', '0;0;0;"单位："@', 'dddd, mmmm d aaaa', 'yyyy\\年m\\月d\\日', '[$-F800]dddd, mmmm dd, yyyy'];
values.forEach((v, i) => codes.forEach((c, k) => add('number_format', `n${i}-${k}`, `${v}\0${c}`)));
console.log('fuzz seeds:', Object.entries(seeds).map(([k, v]) => `${k} ${v}`).join(', '));
