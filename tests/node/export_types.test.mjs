// The Excel export as a finance office uses it (issue 15): weights typed in the page and
// the execution rate are numbers (the rate with a percent format), so SUM works, and rows
// of long text are tall enough to show it. Checked with LibreOffice, which reads the
// workbook as Excel would: converted to flat ODS, each cell says its value type.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root, runCli } from './helpers.mjs';

test('typed weights and the execution rate are numbers in LibreOffice; long texts get row heights', () => {
  const dir = mkdtempSync(join(tmpdir(), 'selfeval-types-'));
  // Weights as the page stores them: the text the clerk typed.
  const answers = JSON.parse(readFileSync(join(root, 'tests/golden/seed001-project/answers.json'), 'utf8'));
  for (const i of answers.indicators) i.weight = String(i.weight);
  answers.goals.actual = answers.goals.actual.repeat(3);
  writeFileSync(join(dir, 'a.json'), JSON.stringify(answers));
  const xlsx = join(dir, 'form.xlsx');
  const r = runCli(['export', '--template', join(root, 'schemas/templates/project-self-assessment.json'),
    '--answers', join(dir, 'a.json'), '--xlsx', xlsx]);
  assert.equal(r.status, 0, r.stderr);
  execFileSync('soffice', ['--headless', '--norestore', '--convert-to', 'fods', '--outdir', dir, xlsx],
    { env: { ...process.env, HOME: dir }, stdio: 'pipe', timeout: 120000 });
  const fods = readFileSync(join(dir, 'form.fods'), 'utf8');
  const sheet = fods.slice(fods.indexOf('<table:table table:name="自评表"'), fods.indexOf('</table:table>'));
  // Every weight of the indicator table (20, 20, 10, 15, 15, 10) is a float cell.
  for (const w of ['20', '10', '15']) {
    assert.match(sheet, new RegExp(`office:value-type="float" office:value="${w}"[^>]*>\\s*<text:p>${w}</text:p>`), `weight ${w}`);
  }
  const textWeights = sheet.match(/office:value-type="string"[^>]*>\s*<text:p>(20|15|10)<\/text:p>/g) || [];
  assert.deepEqual(textWeights, []);
  // 执行率: a percentage cell holding 1 shown as 100.00%.
  assert.match(sheet, /office:value-type="percentage" office:value="1"[^>]*>\s*<text:p>100\.00%<\/text:p>/);
  // The row holding 实际完成情况 is several lines high (its style gives a height above one line).
  const heights = {};
  for (const m of fods.matchAll(/<style:style style:name="(ro\d+)" style:family="table-row">\s*<style:table-row-properties style:row-height="([\d.]+)(in|cm)"/g)) {
    heights[m[1]] = Number(m[2]) * (m[3] === 'in' ? 2.54 : 1);
  }
  const goalRow = [...sheet.matchAll(/<table:table-row table:style-name="(ro\d+)"[^>]*>((?:(?!<\/table:table-row>)[\s\S])*)<\/table:table-row>/g)]
    .find((m) => m[2].includes('人才生态林'));
  assert.ok(goalRow, 'the 实际完成情况 row');
  assert.ok(heights[goalRow[1]] > 1.5, `row height ${heights[goalRow[1]]} cm`);
});
