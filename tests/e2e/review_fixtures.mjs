// A year's worth of signed submissions for the bureau's workbench (tests/e2e/review_workbench
// and bench/review_bench.mjs): several units, every built-in form, signed by the CLI's
// `sign --batch` (libsodium) with each unit's own key, totals spread by random actuals and
// execution rates (tests/node/random_forms.mjs's seeded generator) — plus the files a bureau
// meets: a tampered one, one signed by an unregistered key, one by a revoked key, one for a
// modified template (tests/node/envelopes.mjs), a byte copy (duplicate), one re-signed later
// (supersedes the first), a JSON file that is no submission and a text file.
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { cli, root } from '../node/helpers.mjs';
import { rng } from '../node/random_forms.mjs';
import { createHash } from 'node:crypto';
import { entry, jcs, makeKey, seal, submissionFor } from '../node/envelopes.mjs';

const run = promisify(execFile);
const PASS = 'review-workbench-passphrase';
const env = { ...process.env, SELFEVAL_PASSPHRASE: PASS };
export const UNITS = ['番禺区委组织部', '黄埔区科学技术局', '南沙区教育局', '白云区卫生健康局', '天河区文化广电旅游局'];
export const CHECK_DAY = '2026-12-01';
// The review agency that signs the verification sheets (a reviewer key).
export const AGENCY = '广州市信达会计师事务所';
const read = (p) => JSON.parse(readFileSync(join(root, p), 'utf8'));

// Each built-in form: its base answers, the field naming the signing unit, the one naming the
// project (none: one per unit and year), and whether its actuals may be varied.
const FORMS = [
  { id: 'project-self-assessment', answers: 'tests/golden/seed001-project/answers.json', unit: 'implementer', project: 'project_name', extraUnit: ['department'], budget: true },
  { id: 'policy-evaluation', answers: 'tests/golden/seed004-policy/answers.json', unit: 'implementer', project: 'policy_name' },
  { id: 'verification-sheet', answers: 'tests/golden/seed004-verification-talent/answers.json', unit: 'agency', project: 'project_name', reviews: true },
  { id: 'contract-kpi', answers: 'tests/data/answers/contract-kpi.filled.json', unit: 'purchaser', project: 'project_name' },
  { id: 'department-self-assessment', answers: 'tests/golden/seed002-department/answers.json', unit: 'department', project: null },
  { id: 'department-target-declaration', answers: 'tests/data/answers/department-target-declaration.filled.json', unit: 'department', project: null },
];

// Actuals scaled down at random (a number at the start of the text), so totals spread.
function vary(r, answers, form) {
  const a = JSON.parse(JSON.stringify(answers));
  for (const v of Object.values(a.values || {})) {
    if (typeof v.actual !== 'string' || !r.chance(0.35)) continue;
    const m = /^(\d+(?:\.\d+)?)(.*)$/.exec(v.actual);
    if (m) v.actual = String(Math.floor(Number(m[1]) * (0.3 + r.int(0, 60) / 100))) + m[2];
  }
  if (form.budget && a.budget && a.budget.rows && r.chance(0.5)) {
    const t = a.budget.rows.total, f = a.budget.rows.fiscal;
    const executed = (Number(t.adjusted) * (0.4 + r.int(0, 60) / 100)).toFixed(2);
    t.executed = executed;
    if (f) f.executed = executed;
  }
  return a;
}

async function keygen(dir, unit, name) {
  await run(cli, ['keygen', '--unit', unit, '-o', join(dir, name)], { env });
  return JSON.parse(readFileSync(join(dir, name), 'utf8'));
}

async function sign(dir, formId, lines, key, created, outName) {
  const batch = join(dir, `batch-${outName}`);
  writeFileSync(batch + '.jsonl', lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  await run(cli, ['sign', '--key', key, '--template', join(root, 'schemas/templates', formId + '.json'), '--batch', batch + '.jsonl',
    '-o', batch, '--created', created, '--allow-errors'], { env });
  return readdirSync(batch).sort().map((f) => join(batch, f));
}

// Runs the jobs two at a time (the machine's two cores), results in order.
async function inPairs(jobs) {
  const results = new Array(jobs.length);
  let next = 0;
  const worker = async () => { while (next < jobs.length) { const k = next++; results[k] = await jobs[k](); } };
  await Promise.all([worker(), worker()]);
  return results;
}

// A sheet scores one signed project form: its header names that form's unit and project, and its
// link (answers.reviewed) the form's digest — SHA-256 of the signed bytes — as review-draft writes it.
function linkReview(sheet, env) {
  const s = env.submission;
  sheet.unit.unit_name = s.unit.implementer;
  sheet.unit.project_name = s.unit.project_name;
  sheet.reviewed = {
    sha256: createHash('sha256').update(env.jws.protected + '.' + jcs(s), 'utf8').digest('hex'),
    template: { id: s.template.id, version: s.template.version },
    unit: s.unit.implementer, project: s.unit.project_name, year: s.year, created: s.created,
  };
}

/* Writes `count` files (about) into a new folder; returns { dir, files, registry, specials }. */
export async function makeReviewBatch(count = 500, seed = 17) {
  const work = mkdtempSync(join(tmpdir(), 'selfeval-review-'));
  const out = join(work, 'submissions');
  mkdirSync(out);
  const r = rng(seed);
  // Keys: one per unit, a stranger's (never registered) and a unit whose key is revoked.
  const keys = await Promise.all([...UNITS.map((u, i) => keygen(work, u, `unit${i}.key.json`)),
    keygen(work, '陌生单位', 'stranger.key.json'), keygen(work, '海珠区已注销单位', 'revoked.key.json'),
    keygen(work, AGENCY, 'agency.key.json')]);
  const forged = makeKey('11'.repeat(32));  // node:crypto's key, for the modified template
  const reg = {
    format: 'selfeval.registry.v1',
    keys: [...UNITS.map((u, i) => ({ unit: u, role: 'unit', alg: 'Ed25519', public_key: keys[i].public_key, kid: keys[i].kid,
      status: 'active', valid_from: '2023-01-01', valid_to: '2030-12-31' })),
    { unit: '海珠区已注销单位', role: 'unit', alg: 'Ed25519', public_key: keys[6].public_key, kid: keys[6].kid, status: 'revoked',
      valid_from: '2023-01-01', valid_to: '2030-12-31', note: '密钥遗失' },
    entry(forged, '荔湾区模板单位'),
    { unit: AGENCY, role: 'reviewer', alg: 'Ed25519', public_key: keys[7].public_key, kid: keys[7].kid, status: 'active',
      valid_from: '2023-01-01', valid_to: '2030-12-31' }],
  };
  const registry = join(work, 'registry.json');
  writeFileSync(registry, JSON.stringify(reg, null, 1));

  // The ordinary files: each form filled by two of the units (one signing batch per form and
  // unit: unlocking a key costs an Argon2id derivation, so batches are few and run two at a time).
  const groups = new Map();
  const regular = count - 8;
  const yearly = {};  // department forms: one per unit and year
  for (let i = 0; i < regular; i++) {
    let form = FORMS[i % FORMS.length];
    const u = (FORMS.indexOf(form) + (Math.floor(i / FORMS.length) % 2)) % UNITS.length;
    let a = vary(r, read(form.answers), form);
    const name = `${UNITS[u].slice(0, 3)}项目${String(i).padStart(4, '0')}`;
    if (!form.project) {
      const k = form.id + u;
      yearly[k] = (yearly[k] || 0) + 1;
      if (yearly[k] > 8) {  // beyond eight years: a project form instead
        form = FORMS[0];
        a = vary(r, read(form.answers), form);
      } else {
        a.year = 2014 + yearly[k];
        if ('year' in a.unit) a.unit.year = String(a.year);
      }
    }
    a.unit = { ...a.unit, [form.reviews ? 'unit_name' : form.unit]: UNITS[u] };
    if (form.reviews) a.unit.agency = AGENCY;
    for (const f of form.extraUnit || []) a.unit[f] = UNITS[u];
    if (form.project) a.unit[form.project] = name;
    const g = form.id + '|' + u;
    if (!groups.has(g)) groups.set(g, []);
    groups.get(g).push(a);
  }
  let n = 0;
  const files = [];
  // Units' forms first; then the review agency's sheets, each naming a signed project form it scores.
  const unitGroups = [...groups].filter(([g]) => !g.startsWith('verification-sheet|'));
  const sheetGroups = [...groups].filter(([g]) => g.startsWith('verification-sheet|'));
  const signedUnits = await inPairs(unitGroups.map(([g, lines]) => () => {
    const [formId, u] = g.split('|');
    return sign(work, formId, lines, join(work, `unit${u}.key.json`), '2026-11-20T09:00:00Z', g.replace('|', '-'));
  }));
  const projects = signedUnits.flatMap((paths, k) => unitGroups[k][0].startsWith('project-self-assessment|') ? paths : []);
  let reviewedCount = 0;
  for (const [, lines] of sheetGroups) for (const a of lines) linkReview(a, JSON.parse(readFileSync(projects[reviewedCount++ % projects.length], 'utf8')));
  const signedSheets = await inPairs(sheetGroups.map(([g, lines]) => () =>
    sign(work, 'verification-sheet', lines, join(work, 'agency.key.json'), '2026-11-28T09:00:00Z', g.replace('|', '-'))));
  const ordered = [...unitGroups, ...sheetGroups];
  const signed = [...signedUnits, ...signedSheets];
  ordered.map(([g]) => g).forEach((g, k) => {
    const [formId, u] = g.split('|');
    for (const f of signed[k]) {
      const name = `${formId}-${u}-${String(++n).padStart(4, '0')}.signed.json`;
      renameSync(f, join(out, name));
      files.push(name);
    }
  });
  const project = read(FORMS[0].answers);
  const specials = {};
  // Re-signed later: the same project, unit and year as the first project file → it supersedes it.
  const first = files.find((f) => f.startsWith('project-self-assessment-0-'));
  const stranger = { ...project, unit: { ...project.unit, implementer: UNITS[1], department: UNITS[1], project_name: '陌生人冒签项目' } };
  const revoked = { ...project, unit: { ...project.unit, implementer: '海珠区已注销单位', department: '海珠区已注销单位', project_name: '注销后提交的项目' } };
  const firstEnv = JSON.parse(readFileSync(join(out, first), 'utf8'));
  const [[later], [strangerFile], [revokedFile]] = await inPairs([() => sign(work, 'project-self-assessment', [firstEnv.submission.answers], join(work, 'unit0.key.json'), '2026-11-25T10:00:00Z', 'later'),
    () => sign(work, 'project-self-assessment', [stranger], join(work, 'stranger.key.json'), '2026-11-20T09:00:00Z', 'stranger'),
    () => sign(work, 'project-self-assessment', [revoked], join(work, 'revoked.key.json'), '2026-11-20T09:00:00Z', 'revoked')]);
  specials.superseded = first;
  specials.later = first.replace('.signed.json', '-resigned.signed.json');
  copyFileSync(later, join(out, specials.later));
  // A byte copy.
  specials.duplicate = files[10].replace('.signed.json', '-copy.signed.json');
  copyFileSync(join(out, files[10]), join(out, specials.duplicate));
  // Tampered: the recorded total changed after signing.
  const t = JSON.parse(readFileSync(join(out, files[20]), 'utf8'));
  t.submission.result.total = '99.99';
  specials.tampered = 'tampered-' + files[20];
  writeFileSync(join(out, specials.tampered), JSON.stringify(t));
  // A stranger's key, and a revoked one.
  specials.unregistered = 'unregistered-key.signed.json';
  copyFileSync(strangerFile, join(out, specials.unregistered));
  specials.revoked = 'revoked-key.signed.json';
  copyFileSync(revokedFile, join(out, specials.revoked));
  // A modified template: the same id and version, one weight moved, signed by a registered key.
  const tpl = read('schemas/templates/project-self-assessment.json');
  tpl.description = (tpl.description || '') + '（被改动的副本）';
  const tplFile = join(work, 'modified-template.json');
  writeFileSync(tplFile, JSON.stringify(tpl));
  const mod = { ...project, unit: { ...project.unit, implementer: '荔湾区模板单位', department: '荔湾区模板单位', project_name: '改过模板的项目' } };
  specials.modified = 'modified-template.signed.json';
  writeFileSync(join(out, specials.modified), JSON.stringify(seal(submissionFor(mod, forged, { created: '2026-11-20T09:00:00Z', templateFile: tplFile }), forged)));
  // Not submissions: a JSON file of something else, and a text file (skipped, as the CLI does).
  specials.notSubmission = 'readme-note.json';
  writeFileSync(join(out, specials.notSubmission), JSON.stringify({ 说明: '这是一份说明，不是提交文件' }));
  specials.text = '说明.txt';
  writeFileSync(join(out, specials.text), '各单位提交汇总说明');
  return { work, dir: out, registry, specials, files: readdirSync(out).filter((f) => f.endsWith('.json')).sort() };
}

/* The folder as a .zip (fflate, level 6), entries under the folder's name. */
export async function zipFolder(dir, zipPath) {
  const { zipSync } = await import('fflate');
  const entries = {};
  for (const f of readdirSync(dir)) entries['submissions/' + f] = new Uint8Array(readFileSync(join(dir, f)));
  writeFileSync(zipPath, zipSync(entries, { level: 6 }));
  return zipPath;
}

/* A small folder of 国密 SM2-SM3 submissions (issue 20, the workbench's side), signed by the
   CLI (OpenSSL) with the example SM2 key registered in schemas/examples/registry.json: good
   files of several projects, one re-signed later (supersedes), a changed total, a changed
   signature, an unregistered SM2 key, a header claiming Ed25519 over an SM2 signature, and
   the Ed25519 example beside them. Returns { work, dir, registry, specials, files }. */
export async function makeSm2Batch() {
  const work = mkdtempSync(join(tmpdir(), 'selfeval-review-sm2-'));
  const out = join(work, 'submissions');
  mkdirSync(out);
  const example = { ...process.env, SELFEVAL_PASSPHRASE: 'selfeval-示例口令-2023' };
  const project = read('tests/golden/seed001-project/answers.json');
  const withProject = (name) => ({ ...project, unit: { ...project.unit, project_name: name } });
  const signWith = async (key, lines, created, tag, e) => {
    const b = join(work, `batch-${tag}`);
    writeFileSync(b + '.jsonl', lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    await run(cli, ['sign', '--key', key, '--template', join(root, 'schemas/templates/project-self-assessment.json'), '--batch', b + '.jsonl',
      '-o', b, '--created', created, '--allow-errors'], { env: e });
    return readdirSync(b).sort().map((f) => join(b, f));
  };
  const sm2Key = join(root, 'schemas/examples/unit.sm2.key.json');
  await run(cli, ['keygen', '--alg', 'SM2', '--unit', project.unit.implementer, '-o', join(work, 'stranger.sm2.key.json')], { env });
  const [good, [later], [strangerFile]] = await Promise.all([
    signWith(sm2Key, ['国密项目一', '国密项目二', '国密项目三', '国密项目四', '国密项目五'].map(withProject), '2026-11-20T09:00:00Z', 'good', example),
    signWith(sm2Key, [withProject('国密项目一')], '2026-11-25T10:00:00Z', 'later', example),
    signWith(join(work, 'stranger.sm2.key.json'), [withProject('国密冒签项目')], '2026-11-20T09:00:00Z', 'stranger', env)]);
  const files = good.map((f, i) => { const n = `sm2-${i + 1}.signed.json`; copyFileSync(f, join(out, n)); return n; });
  const specials = { superseded: files[0], later: 'sm2-1-resigned.signed.json', unregistered: 'sm2-unregistered.signed.json' };
  copyFileSync(later, join(out, specials.later));
  copyFileSync(strangerFile, join(out, specials.unregistered));
  const env2 = JSON.parse(readFileSync(join(out, files[1]), 'utf8'));
  // The recorded total changed after signing.
  specials.tampered = 'sm2-tampered-total.signed.json';
  writeFileSync(join(out, specials.tampered), JSON.stringify({ ...env2, submission: { ...env2.submission, result: { ...env2.submission.result, total: '99.99' } } }));
  // One bit of s changed: the same content, a signature that no longer holds.
  const sig = Buffer.from(env2.jws.signature, 'base64url');
  sig[63] ^= 1;
  specials.badSignature = 'sm2-bad-signature.signed.json';
  writeFileSync(join(out, specials.badSignature), JSON.stringify({ ...env2, jws: { ...env2.jws, signature: sig.toString('base64url') } }));
  // The header says Ed25519 over an SM2 key and signature: refused as mixing, never checked.
  const header = JSON.parse(Buffer.from(env2.jws.protected, 'base64url'));
  specials.mixed = 'sm2-header-ed25519.signed.json';
  writeFileSync(join(out, specials.mixed), JSON.stringify({ ...env2, jws: { ...env2.jws, protected: Buffer.from(JSON.stringify({ ...header, alg: 'Ed25519' })).toString('base64url') } }));
  // The Ed25519 example beside them (another project, so no batch conflict with the twin).
  copyFileSync(join(root, 'schemas/examples/seed001.signed.json'), join(out, 'ed25519-seed001.signed.json'));
  return { work, dir: out, registry: join(root, 'schemas/examples/registry.json'), specials,
    files: readdirSync(out).filter((f) => f.endsWith('.json')).sort() };
}

/* The folder dialog of 选择文件夹 stood in for: a headless browser shows none. The files of `dir`
   (each at the relative path `place(name)`) are written into a folder "submissions" of the
   page's origin-private file system (an http page; file:// has none), replacing any earlier
   one, and showDirectoryPicker returns that folder's real handle, counting its calls in
   window.__picks. */
export async function standInFolderPicker(page, dir, place = (name) => name) {
  await page.evaluate(async () => {
    await (await navigator.storage.getDirectory()).removeEntry('submissions', { recursive: true }).catch(() => {});
  });
  const names = readdirSync(dir).sort();
  for (let i = 0; i < names.length; i += 100) {
    const part = names.slice(i, i + 100).map((n) => ({ name: place(n), b64: readFileSync(join(dir, n)).toString('base64') }));
    await page.evaluate(async (part) => {
      const root = await (await navigator.storage.getDirectory()).getDirectoryHandle('submissions', { create: true });
      for (const f of part) {
        const bits = f.name.split('/');
        let folder = root;
        for (const d of bits.slice(0, -1)) folder = await folder.getDirectoryHandle(d, { create: true });
        const w = await (await folder.getFileHandle(bits[bits.length - 1], { create: true })).createWritable();
        await w.write(Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0)));
        await w.close();
      }
    }, part);
  }
  await page.evaluate(() => {
    window.__picks = 0;
    window.showDirectoryPicker = () => { window.__picks++; return navigator.storage.getDirectory().then((r) => r.getDirectoryHandle('submissions')); };
  });
}
