// Writes the bad-input catalogue: tests/bad_inputs/{templates,answers,submissions,workbooks}/
// and catalogue.json. Each case names its input (a committed file, or a recipe for the
// ones too big to commit: 10,000 levels of nesting, a 10 MB string) and the finding it
// must produce. Run by hand when adding cases: node tests/bad_inputs/generate.mjs
import { mkdirSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateRawSync, crc32 as zcrc } from 'node:zlib';
import { makeKey, seal } from '../node/envelopes.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '../..');
const read = (p) => readFileSync(join(root, p), 'utf8');
const tpl = read('schemas/templates/project-self-assessment.json');
const policy = read('schemas/templates/policy-evaluation.json');
const ans = read('tests/golden/seed001-project/answers.json');
const sub = read('schemas/examples/seed001.signed.json');
const T = () => JSON.parse(tpl), A = () => JSON.parse(ans), S = () => JSON.parse(sub);
const P = () => JSON.parse(policy);
const monitoring = read('schemas/templates/project-monitoring.json');
const monitoringAns = read('tests/golden/seed003-monitoring/answers.json');
const M = () => JSON.parse(monitoring), MA = () => JSON.parse(monitoringAns);
const J = (o) => JSON.stringify(o, null, 1);
// The page reads files as UTF-8 text first (FileReader), turning invalid bytes into U+FFFD
// before the core sees them: through wasm these cases meet the field the bytes fell in.
const WASM_UTF8_TEMPLATE = { code: 'schema.const', path: '/format' };
const WASM_UTF8_ANSWERS = { code: 'answers.template_mismatch' };

// Submissions changed and then signed again (by the key below, as their signer says), so
// that the verifier gets past the signature to the check each case is about.
const stranger = makeKey('11'.repeat(32));
const resigned = (submission) => seal({ ...submission, signer: { alg: 'Ed25519', public_key: stranger.publicKey } }, stranger);

const cases = [];
// kind: template | answers | submission | workbook; expect: whether it loads (accepted), the
// finding code (and its path) it must give, or for tolerated inputs the total it scores.
function add(kind, id, content, expect, note) {
  const dir = { template: 'templates', answers: 'answers', submission: 'submissions', workbook: 'workbooks' }[kind];
  const ext = kind === 'workbook' ? '.xlsx' : '.json';
  const file = `${dir}/${id}${ext}`;
  writeFileSync(join(here, file), content);
  cases.push({ id, kind, file, ...expect, note });
}
function gen(kind, id, generate, expect, note) { cases.push({ id, kind, generate, ...expect, note }); }
const replaceOnce = (text, from, to) => { if (!text.includes(from)) throw new Error('no ' + from); return text.replace(from, to); };

for (const d of ['templates', 'answers', 'submissions', 'workbooks']) { rmSync(join(here, d), { recursive: true, force: true }); mkdirSync(join(here, d)); }

/* ---- templates ---------------------------------------------------------------- */
add('template', 'empty', '', { code: 'json.empty' }, 'an empty file');
add('template', 'whitespace', ' \n\t ', { code: 'json.empty' }, 'only blanks');
add('template', 'truncated', tpl.slice(0, 200), { code: 'json.syntax' }, 'cut off mid-file');
add('template', 'trailing_comma', replaceOnce(tpl, '"version": "1.0.0",', '"version": "1.0.0",,'), { code: 'json.syntax' }, 'a doubled comma');
add('template', 'single_quotes', replaceOnce(tpl, '"format": "selfeval.template.v1"', "'format': 'selfeval.template.v1'"), { code: 'json.syntax' }, 'single quotes');
add('template', 'comment', '// 模板\n' + tpl, { code: 'json.syntax' }, 'a JavaScript comment');
add('template', 'nan', replaceOnce(tpl, '"total": 100', '"total": NaN'), { code: 'json.syntax' }, 'NaN is not JSON');
add('template', 'infinity', replaceOnce(tpl, '"total": 100', '"total": Infinity'), { code: 'json.syntax' }, 'Infinity is not JSON');
add('template', 'huge_exponent', replaceOnce(tpl, '"total": 100', '"total": 1e400'), { code: 'json.number_out_of_range', path: '/total' }, '1e400 overflows a double');
add('template', 'negative_zero_total', replaceOnce(tpl, '"total": 100', '"total": -0'), { code: 'template.bad_total', path: '/total' }, '−0 as the total');
add('template', 'twenty_digits', replaceOnce(tpl, '"total": 100', '"total": 12345678901234567890'), { code: 'template.bad_number', path: '/total' }, 'a 20-digit total');
add('template', 'leading_zero', replaceOnce(tpl, '"total": 100', '"total": 0100'), { code: 'json.syntax' }, 'a leading zero');
add('template', 'duplicate_key', replaceOnce(tpl, '"version": "1.0.0",', '"version": "1.0.0",\n "version": "2.0.0",'), { code: 'json.duplicate_key', path: '/version' }, 'a key twice');
{ const t = T(); t.indicators[1].children[0].id = t.indicators[0].children[0].id; add('template', 'duplicate_ids', J(t), { code: 'template.duplicate_id', path: '/indicators/1/children/0/id' }, 'two indicators share an id'); }
{ const t = P(); t.indicators[0].children[0].children[0].weight = 7; add('template', 'weights_do_not_add_up', J(t), { code: 'template.weight_mismatch', path: '/indicators/0/children/0/weight' }, 'children add up to more than their parent'); }
{ const t = T(); delete t.format; add('template', 'missing_format', J(t), { code: 'schema.required', path: '/format' }, 'no format'); }
{ const t = T(); delete t.indicators; add('template', 'missing_indicators', J(t), { code: 'schema.required', path: '/indicators' }, 'no indicators'); }
{ const t = T(); t.indicators = 'abc'; add('template', 'indicators_not_array', J(t), { code: 'schema.type', path: '/indicators' }, 'indicators is a string'); }
{ const t = T(); t.name = 42; add('template', 'name_is_number', J(t), { code: 'schema.type', path: '/name' }, 'name is a number'); }
{ const t = T(); t.indicators[0].weight = '５０'; add('template', 'fullwidth_weight', J(t), { code: 'template.bad_number', path: '/indicators/0/weight' }, 'full-width digits in a weight'); }
{ const t = P(); t.indicators[0].children[0].children[0].rule = 'magic'; add('template', 'unknown_rule', J(t), { code: 'template.unknown_rule', path: '/indicators/0/children/0/children/0/rule' }, 'a rule not in the catalogue'); }
{ const t = T(); t.grade_bands[1].min = 85; add('template', 'grade_band_gap', J(t), { code: 'grade_bands.gap', path: '/grade_bands/1' }, 'grade bands leave a gap'); }
{ const t = M(); t.lights.params.bands[1].min = 50; add('template', 'monitoring_bands_overlap', J(t), { code: 'rule.bad_param', path: '/lights/params/bands/1' }, 'traffic-light bands that overlap'); }
{ const t = T(); t.unknown_key = 1; add('template', 'unknown_key', J(t), { code: 'schema.additionalProperties', path: '/unknown_key' }, 'a key the schema does not know'); }
add('template', 'null', 'null', { code: 'schema.type', path: '' }, 'null instead of an object');
add('template', 'array', '[]', { code: 'schema.type', path: '' }, 'an array instead of an object');
add('template', 'invalid_utf8', Buffer.concat([Buffer.from(tpl.slice(0, 60)), Buffer.from([0xff, 0xfe, 0x80]), Buffer.from(tpl.slice(60))]), { code: 'json.invalid_utf8', wasm: WASM_UTF8_TEMPLATE }, 'bytes that are not UTF-8');
add('template', 'lone_surrogate', replaceOnce(tpl, '"name": "项目支出绩效自评表"', '"name": "项目\\ud800表"'), { code: 'json.syntax' }, 'an escaped lone surrogate');
add('template', 'raw_newline_in_string', replaceOnce(tpl, '"name": "项目支出绩效自评表"', '"name": "项目\n表"'), { code: 'json.syntax' }, 'a raw line break inside a string');
add('template', 'utf16', Buffer.from('\ufeff' + tpl, 'utf16le'), { code: 'json.utf16', wasm: { code: 'json.syntax' } }, 'UTF-16 (Windows "Unicode" save)');
add('template', 'bom', '\ufeff' + tpl, { accepted: true, code: 'json.bom', wasm: { accepted: true } }, 'a UTF-8 BOM is tolerated and noted (the page\'s file reader drops it first)');
gen('template', 'deep_nesting', { nest: 10000, in: 'template' }, { code: 'json.too_deep' }, '10,000 levels of arrays');
gen('template', 'ten_mb_string', { string: 10 * 1024 * 1024, field: 'description', in: 'template' }, { code: 'schema.maxLength', path: '/description' }, 'a 10 MB description');

/* ---- answers (against the national project template) ---------------------------- */
add('answers', 'empty', '', { code: 'json.empty' }, 'an empty file');
add('answers', 'syntax', ans.slice(0, -3), { code: 'json.syntax' }, 'the last brace missing');
add('answers', 'array', '[1,2,3]', { code: 'schema.type', path: '' }, 'an array');
add('answers', 'string', '"answers"', { code: 'schema.type', path: '' }, 'a bare string');
{ const a = A(); a.format = 'selfeval.answers.v2'; add('answers', 'wrong_format', J(a), { code: 'schema.const', path: '/format' }, 'an unknown format'); }
{ const a = A(); a.template.id = 'department-self-assessment'; add('answers', 'other_template', J(a), { code: 'answers.template_mismatch' }, 'answers of another template'); }
{ const a = A(); a.year = '二〇二二'; add('answers', 'year_text', J(a), { code: 'schema.type', path: '/year' }, 'the year in Chinese numerals'); }
add('answers', 'year_1e400', replaceOnce(ans, '"year": 2022', '"year": 1e400'), { code: 'json.number_out_of_range', path: '/year' }, '1e400');
add('answers', 'year_twenty_digits', replaceOnce(ans, '"year": 2022', '"year": 20222022202220222022'), { code: 'schema.maximum', path: '/year' }, 'a 20-digit year');
add('answers', 'year_negative_zero', replaceOnce(ans, '"year": 2022', '"year": -0'), { code: 'schema.minimum', path: '/year' }, 'year −0');
add('answers', 'nan', replaceOnce(ans, '"year": 2022', '"year": NaN'), { code: 'json.syntax' }, 'NaN');
{ const a = A(); a.values.q1.actual = { v: 1 }; add('answers', 'actual_object', J(a), { code: 'schema.type', path: '/values/q1/actual' }, 'an actual that is an object'); }
{ const a = A(); a.budget.rows.total.executed = 'NaN'; add('answers', 'budget_nan_text', J(a), { accepted: true, code: 'value.not_a_number', path: '/budget/rows/total/executed' }, '"NaN" typed as an amount'); }
{ const a = A(); a.budget.rows.total.executed = '１４.５３'; add('answers', 'budget_fullwidth', J(a), { accepted: true, code: null, expect_total: '100.00' }, 'full-width digits in an amount'); }
{ const a = A(); a.budget.rows.total.executed = '1e400'; add('answers', 'budget_exponent_text', J(a), { accepted: true, code: 'value.not_a_number', path: '/budget/rows/total/executed' }, 'an exponent typed as an amount'); }
{ const a = A(); a.budget.rows.total.executed = '99999999999999999999'; add('answers', 'budget_twenty_digits', J(a), { accepted: true, code: 'value.out_of_range', path: '/budget/rows/total/executed' }, 'a 20-digit amount'); }
{ const a = A(); a.values.q1.actual = '完成'; add('answers', 'actual_without_number', J(a), { accepted: true, code: 'actual.not_numeric', path: '/values/q1/actual' }, '完成 with no number'); }
{ const a = A(); a.values.q2.actual = '３场'; add('answers', 'actual_fullwidth', J(a), { accepted: true, code: null, expect_total: '100.00' }, 'full-width digits in an actual'); }
add('answers', 'duplicate_key', replaceOnce(ans, '"year": 2022,', '"year": 2022,\n "year": 2023,'), { code: 'json.duplicate_key', path: '/year' }, 'a key twice');
{ const a = A(); a.indicators[1].id = a.indicators[0].id; add('answers', 'duplicate_row_ids', J(a), { accepted: true, code: 'indicator.duplicate_id', path: '/indicators/1/id' }, 'two project rows share an id'); }
{ const a = A(); a.indicators[0].parent = 'output.nowhere'; add('answers', 'unknown_parent', J(a), { accepted: true, code: 'indicator.parent_unknown', path: '/indicators/0/parent' }, 'a row under a category that does not exist'); }
{ const a = A(); a.indicators[0].weight = 35; add('answers', 'weights_do_not_add_up', J(a), { accepted: true, code: 'weights.mismatch', path: '/indicators/0/weight' }, 'project rows exceed their category'); }
{ const a = A(); a.values.q1.occurrences = '3.5'; add('answers', 'occurrences_fraction', J(a), { accepted: true, code: 'value.not_an_integer', path: '/values/q1/occurrences' }, 'a fraction of an occurrence'); }
{ const a = A(); a.values.q1.planned_date = '2022-13-45'; add('answers', 'bad_date', J(a), { accepted: true, code: 'value.bad_date', path: '/values/q1/planned_date' }, 'a date that does not exist'); }
{ const a = A(); a.values.q1.colour = 'red'; add('answers', 'unknown_field', J(a), { code: 'schema.additionalProperties', path: '/values/q1/colour' }, 'a field no rule reads'); }
{ const a = A(); a.values.q3.score = '50'; add('answers', 'score_above_weight', J(a), { accepted: true, code: 'qualitative.score_outside_tier', path: '/values/q3/score' }, 'a rater score above the weight'); }
add('answers', 'invalid_utf8', Buffer.concat([Buffer.from(ans.slice(0, 80)), Buffer.from([0xc3, 0x28]), Buffer.from(ans.slice(80))]), { code: 'json.invalid_utf8', wasm: WASM_UTF8_ANSWERS }, 'bytes that are not UTF-8');
add('answers', 'bom', '\ufeff' + ans, { accepted: true, code: null, expect_total: '100.00' }, 'a UTF-8 BOM is tolerated and noted');
add('answers', 'null', 'null', { code: 'schema.type', path: '' }, 'null');
gen('answers', 'deep_nesting', { nest: 10000, in: 'answers' }, { code: 'json.too_deep' }, '10,000 levels of objects');
gen('answers', 'ten_mb_string', { string: 10 * 1024 * 1024, field: 'reason', in: 'answers' }, { code: 'schema.maxLength', path: '/values/q1/reason' }, 'a 10 MB 偏差原因');

/* ---- a monitoring form's answers (against project-monitoring: "template" names it) -------- */
const MON = { template: 'project-monitoring' };
{ const a = MA(); a.unit.month = '0'; add('answers', 'monitoring_month_0', J(a), { ...MON, accepted: true, code: 'monitoring.bad_month', path: '/unit/month' }, 'a monitoring month of 0'); }
{ const a = MA(); a.unit.month = '13'; add('answers', 'monitoring_month_13', J(a), { ...MON, accepted: true, code: 'monitoring.bad_month', path: '/unit/month' }, 'a monitoring month of 13'); }
{ const a = MA(); a.values.d12.forecast = '40公顷'; add('answers', 'monitoring_forecast_below_actual', J(a), { ...MON, accepted: true, code: 'monitoring.forecast_below_actual', path: '/values/d12/forecast' }, 'a full-year forecast below the actual to date'); }
{ const a = MA(); a.budget.rows.total.forecast = 100; add('answers', 'monitoring_budget_forecast_below_executed', J(a), { ...MON, accepted: true, code: 'monitoring.forecast_below_executed', path: '/budget/rows/total/forecast' }, 'a full-year budget forecast below the amount executed'); }

/* ---- signed submissions ----------------------------------------------------------- */
add('submission', 'empty', '', { code: 'json.empty' }, 'an empty file');
add('submission', 'syntax', sub.slice(0, 100), { code: 'json.syntax' }, 'cut off');
{ const s = S(); delete s.jws; add('submission', 'no_jws', J(s), { code: 'submission.structure' }, 'no signature block'); }
{ const s = S(); s.jws.protected = '***'; add('submission', 'bad_base64_header', J(s), { code: 'jws.protected', path: '/jws/protected' }, 'a header that is not base64url'); }
{ const s = S(); s.jws.protected = Buffer.from(JSON.stringify({ alg: 'none', b64: false, crit: ['b64'] })).toString('base64url'); add('submission', 'alg_none', J(s), { code: 'jws.alg', path: '/jws/protected' }, 'alg none'); }
{ const s = S(); s.submission.result.total = '99.00'; add('submission', 'tampered_total', J(s), { code: 'jws.bad_signature', path: '/jws/signature' }, 'the total changed after signing: refused at the signature, nothing re-scored'); }
{ const s = S(); s.submission.result.total = '99.00'; add('submission', 'resigned_total', J(resigned(s.submission)), { code: 'submission.result_mismatch', path: '/submission/result' }, 'a total that the answers do not give, signed as such'); }
{ const s = S(); s.submission.answers.values.q1.actual = '2次'; add('submission', 'tampered_answer', J(s), { code: 'jws.bad_signature', path: '/jws/signature' }, 'an answer changed after signing'); }
{ const s = S(); s.jws.signature = s.jws.signature.slice(0, 40); add('submission', 'short_signature', J(s), { code: 'jws.signature', path: '/jws/signature' }, 'a truncated signature'); }
{ const s = S(); s.submission.template.id = 'no-such-template'; add('submission', 'unknown_template', J(resigned(s.submission)), { code: 'submission.unknown_template', path: '/submission/template' }, 'a template the bureau does not know'); }
{ const s = S(); s.submission.template.sha256 = 'A'.repeat(43); add('submission', 'template_hash_mismatch', J(resigned(s.submission)), { code: 'submission.template_hash', path: '/submission/template/sha256' }, 'a different template than the one signed'); }
{ const s = S(); const h = JSON.parse(Buffer.from(s.jws.protected, 'base64url')); h.kid = 'A'.repeat(43); s.jws.protected = Buffer.from(JSON.stringify(h)).toString('base64url'); add('submission', 'kid_mismatch', J(s), { code: 'jws.kid', path: '/jws/protected' }, 'a key id that is not the key'); }
add('submission', 'duplicate_key', replaceOnce(sub, '"format": "selfeval.submission.v1"', '"format": "selfeval.submission.v1", "format": "x"'), { code: 'json.duplicate_key', path: '/submission/format' }, 'a key twice');
gen('submission', 'deep_nesting', { nest: 10000, in: 'submission' }, { code: 'json.too_deep' }, '10,000 levels');

/* ---- workbooks -------------------------------------------------------------------- */
add('workbook', 'empty', '', { code: 'workbook.unreadable' }, 'an empty file');
add('workbook', 'random_bytes', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 251)), { code: 'workbook.unreadable' }, 'not a ZIP');
// A minimal stored ZIP writer for the crafted archives below.
function zip(entries, method = 0) {
  const parts = [], central = [];
  let offset = 0;
  for (const [name, data, declared] of entries) {
    const packed = method === 8 ? deflateRawSync(data) : data;
    const n = Buffer.from(name);
    const h = Buffer.alloc(30); h.writeUInt32LE(0x04034b50, 0); h.writeUInt16LE(20, 4); h.writeUInt16LE(method, 8);
    h.writeUInt32LE(zcrc(data), 14); h.writeUInt32LE(packed.length, 18); h.writeUInt32LE(declared ?? data.length, 22); h.writeUInt16LE(n.length, 26);
    const c = Buffer.alloc(46); c.writeUInt32LE(0x02014b50, 0); c.writeUInt16LE(20, 4); c.writeUInt16LE(20, 6); c.writeUInt16LE(method, 10);
    c.writeUInt32LE(zcrc(data), 16); c.writeUInt32LE(packed.length, 20); c.writeUInt32LE(declared ?? data.length, 24); c.writeUInt16LE(n.length, 28); c.writeUInt32LE(offset, 42);
    parts.push(h, n, packed); central.push(c, n); offset += 30 + n.length + packed.length;
  }
  const cd = Buffer.concat(central);
  const e = Buffer.alloc(22); e.writeUInt32LE(0x06054b50, 0); e.writeUInt16LE(entries.length, 8); e.writeUInt16LE(entries.length, 10); e.writeUInt32LE(cd.length, 12); e.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, cd, e]);
}
add('workbook', 'zip_without_workbook', zip([['hello.txt', Buffer.from('hi')]]), { code: 'workbook.unreadable' }, 'a ZIP that is not a workbook');
add('workbook', 'zip_bomb', zip([['xl/workbook.xml', Buffer.alloc(100 * 1024 * 1024)]], 8), { code: 'workbook.unreadable' }, '100 MB of zeros deflated to 100 KB');
add('workbook', 'bad_crc', (() => { const z = zip([['xl/workbook.xml', Buffer.from('<workbook/>')]]); z[z.indexOf('<workbook') + 2] ^= 1; return z; })(), { code: 'workbook.unreadable' }, 'a damaged entry');
add('workbook', 'dtd', zip([['xl/workbook.xml', Buffer.from('<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]><workbook>&a;</workbook>')], ['xl/_rels/workbook.xml.rels', Buffer.from('<Relationships/>')]]), { code: 'workbook.unreadable' }, 'an XML entity bomb');
add('workbook', 'no_data_sheet', zip([
  ['xl/workbook.xml', Buffer.from('<workbook><sheets><sheet name="Sheet1" r:id="rId1"/></sheets></workbook>')],
  ['xl/_rels/workbook.xml.rels', Buffer.from('<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>')],
  ['xl/worksheets/sheet1.xml', Buffer.from('<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row></sheetData></worksheet>')]]),
{ code: 'workbook.no_data_sheet' }, 'a workbook from elsewhere');

writeFileSync(join(here, 'catalogue.json'), JSON.stringify({ cases }, null, 1) + '\n');
console.log(`${cases.length} cases`);
