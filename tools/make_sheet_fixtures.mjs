// Writes the office files of tests/data/sheets/ with the producers they stand for: LibreOffice
// (Debian's, headless) and exceljs (npm, a writer independent of LibreOffice and of selfeval),
// as stand-ins for Excel and WPS. Run by hand after changing a source; the outputs are
// committed so every test reads the same bytes natively and in wasm.
//   node tools/make_sheet_fixtures.mjs        (needs build/native/selfeval)
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';

const root = new URL('..', import.meta.url).pathname;
const dir = join(root, 'tests/data/sheets');
const cli = join(root, 'build/native/selfeval');
const tmp = mkdtempSync(join(tmpdir(), 'selfeval-fixtures-'));
const template = join(root, 'schemas/templates/project-self-assessment.json');

function soffice(to, file, outdir) {
  execFileSync('soffice', ['--headless', '--norestore', '--convert-to', to, '--outdir', outdir, file],
    { env: { ...process.env, HOME: tmp }, stdio: 'pipe', timeout: 180000 });
}

function exportXlsx(answers, out) {
  execFileSync(cli, ['export', '--template', template, '--answers', answers, '--xlsx', out]);
}

// --- Indicator lists -------------------------------------------------------------------
// LibreOffice: the flat ODS source as .xlsx, and that as Excel 97–2003 .xls.
soffice('xlsx', join(dir, 'list.fods'), tmp);
copyFileSync(join(tmp, 'list.xlsx'), join(dir, 'list.libreoffice.xlsx'));
// FreeXL reads no formula results: the .xls twin has the weight typed instead of computed.
writeFileSync(join(tmp, 'list-typed.fods'), readFileSync(join(dir, 'list.fods'), 'utf8').replace(' table:formula="of:=10+10"', ''));
soffice('xls:MS Excel 97', join(tmp, 'list-typed.fods'), tmp);
copyFileSync(join(tmp, 'list-typed.xls'), join(dir, 'list.xls'));

// exceljs: the same list, written from scratch — shared strings, a rich-text run, styles with
// number formats (applyNumberFormat set), a merged level column, a formula with its result,
// a hidden sheet before the list in tab order, the list's part not the first.
{
  const wb = new ExcelJS.Workbook();
  wb.created = wb.modified = new Date(Date.UTC(2022, 0, 1));
  const list = wb.addWorksheet('指标清单');
  const notes = wb.addWorksheet('填表说明', { state: 'hidden' });
  notes.getCell('A1').value = '分值合计应为 100';
  notes.orderNo = 0;
  list.orderNo = 1;
  list.addRow(['一级指标', '二级指标', '三级指标', '年度指标值', '分值', '方向']);
  list.addRow(['产出指标', '数量指标', { richText: [{ font: { bold: true }, text: '培训' }, { text: '人数' }] }, '≥15名/年',
    { formula: '10+10', result: 20 }, '正向']);
  list.addRow([null, '质量指标', '结业率', 0.95, 20, '正向']);
  list.addRow([null, '时效指标', '完成时间', new Date(Date.UTC(2022, 11, 31)), 10, null]);
  list.addRow(['效益指标', '社会效益指标', '政策知晓率', 1, 30, '正向']);
  list.addRow(['满意度指标', '服务对象满意度指标', '学员满意度（䶮𠀀）', '≥90%', 10, '正向']);
  list.getCell('D3').numFmt = '0%';
  list.getCell('D5').numFmt = '0%';
  list.getCell('D4').numFmt = 'yyyy"年"m"月"d"日"';
  list.mergeCells('A2:A4');
  await wb.xlsx.writeFile(join(dir, 'list.exceljs.xlsx'));
}

// CSV: UTF-8 with and without a byte-order mark, and GB18030 as Excel on Chinese Windows
// saves "CSV (逗号分隔)" (glibc's iconv encodes it).
{
  const csv = '一级指标,二级指标,三级指标,年度指标值,分值,方向\r\n产出指标,数量指标,培训人数,≥15名/年,20,正向\r\n' +
    ',质量指标,结业率,95%,20,正向\r\n,时效指标,完成时间,2022年12月31日,10,\r\n效益指标,社会效益指标,政策知晓率,100%,30,正向\r\n' +
    '满意度指标,服务对象满意度指标,学员满意度（䶮𠀀）,≥90%,10,正向\r\n';
  writeFileSync(join(dir, 'list.utf8.csv'), csv);
  writeFileSync(join(dir, 'list.utf8-bom.csv'), '\uFEFF' + csv);
  writeFileSync(join(dir, 'list.gb18030.csv'), execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GB18030'], { input: csv }));
}

// --- Answers workbooks edited in another program ----------------------------------------
// exceljs opens selfeval's export and types as Excel stores it: 95% into 人才政策申报's
// 实际完成值 (the number 0.95 with a percent format); a date into the 时效 row.
async function excelEdit(answers, out, edit) {
  const src = join(tmp, 'export.xlsx');
  exportXlsx(answers, src);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(src);
  const ws = wb.getWorksheet('自评表');
  let row = null;
  ws.eachRow((r) => { if (r.getCell(3).value === edit.name) row = r; });
  if (!row) throw new Error('no row ' + edit.name);
  const cell = row.getCell(5);
  cell.value = edit.value;
  cell.numFmt = edit.numFmt;
  await wb.xlsx.writeFile(out);
}
const seed = join(root, 'tests/golden/seed001-project/answers.json');
const deadline = join(dir, 'deadline.answers.json');
await excelEdit(seed, join(dir, 'seed001-percent.exceljs.xlsx'), { name: '人才政策申报', value: 0.95, numFmt: '0%' });
await excelEdit(deadline, join(dir, 'deadline-late.exceljs.xlsx'),
  { name: '实施细则出台时间', value: new Date(Date.UTC(2023, 0, 15)), numFmt: 'yyyy/m/d' });

// LibreOffice: the export opened (as flat ODS), the same cell typed, saved as .xlsx again.
function libreEdit(answers, out, name, cellXml) {
  const src = join(tmp, 'lo-export.xlsx');
  exportXlsx(answers, src);
  soffice('fods', src, tmp);
  let fods = readFileSync(join(tmp, 'lo-export.fods'), 'utf8');
  const at = fods.indexOf(`<text:p>${name}</text:p>`);
  const rowStart = fods.lastIndexOf('<table:table-row', at);
  const rowEnd = fods.indexOf('</table:table-row>', at);
  let row = fods.slice(rowStart, rowEnd);
  // The fifth cell of the row (merged level cells are covered cells).
  const cell = /<table:(?:covered-)?table-cell\b[^>]*?(?:\/>|>[\s\S]*?<\/table:(?:covered-)?table-cell>)/g;
  let m; let k = 0;
  while ((m = cell.exec(row))) {
    const repeat = /number-columns-repeated="(\d+)"/.exec(m[0]);
    if (repeat) throw new Error('repeated cells before 实际完成值');
    if (k++ === 4) break;
  }
  row = row.slice(0, m.index) + cellXml + row.slice(m.index + m[0].length);
  fods = fods.slice(0, rowStart) + row + fods.slice(rowEnd);
  // The styles the typed values need.
  fods = fods.replace('</office:automatic-styles>',
    '<number:percentage-style style:name="Npct"><number:number number:decimal-places="0" number:min-decimal-places="0" number:min-integer-digits="1"/><number:text>%</number:text></number:percentage-style>' +
    '<number:date-style style:name="Nday"><number:year number:style="long"/><number:text>/</number:text><number:month/><number:text>/</number:text><number:day/></number:date-style>' +
    '<style:style style:name="cpct" style:family="table-cell" style:data-style-name="Npct"/>' +
    '<style:style style:name="cday" style:family="table-cell" style:data-style-name="Nday"/></office:automatic-styles>');
  writeFileSync(join(tmp, 'edited.fods'), fods);
  soffice('xlsx', join(tmp, 'edited.fods'), tmp);
  copyFileSync(join(tmp, 'edited.xlsx'), out);
}
libreEdit(seed, join(dir, 'seed001-percent.libreoffice.xlsx'), '人才政策申报',
  '<table:table-cell table:style-name="cpct" office:value-type="percentage" office:value="0.95"><text:p>95%</text:p></table:table-cell>');
libreEdit(deadline, join(dir, 'deadline-late.libreoffice.xlsx'), '实施细则出台时间',
  '<table:table-cell table:style-name="cday" office:value-type="date" office:date-value="2023-01-15"><text:p>2023/1/15</text:p></table:table-cell>');

console.log(readdirSync(dir).join('\n'));
