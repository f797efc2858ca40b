// The reviewer's path in the page (issue 18): a verification sheet drafted by `selfeval
// review-draft` from a unit's form opens with each item's suggested 扣分原因 under its reason box;
// 采纳 puts the words into the reason, 不采纳 drops the suggestion from the sheet, and
// 由扣分原因起草总体评价 puts the core's opinion under what the reviewer wrote.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, openPage, distFile, screenshots } from './browser.mjs';
import { root, cli, runCli } from '../node/helpers.mjs';

test('a drafted verification sheet: take and drop suggestions, draft the opinion', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'selfeval-review-sheet-'));
  const sheet = join(dir, 'sheet.answers.json');
  writeFileSync(sheet, execFileSync(cli, ['review-draft', join(root, 'tests/data/review/apartment.answers.json'),
    '--declaration', join(root, 'tests/data/review/apartment.declaration.json')], { stdio: ['ignore', 'pipe', 'ignore'] }));
  const browser = await launch();
  try {
    const { page } = await openPage(browser, distFile('selfeval.html'));
    await page.setInputFiles('#answers-file-2', sheet);
    await page.waitForSelector('#val-v09-reason');
    // Suggestions sit under their items, as words to take, never as scores.
    const under = async (id) => page.locator(`#val-${id}-reason >> xpath=ancestor::td[1]`).locator('.suggestion').count();
    for (const id of ['v01', 'v07', 'v09', 'v11', 'v13']) assert.ok(await under(id) >= 1, id);
    assert.equal(await under('v08'), 0);
    assert.equal(await page.inputValue('#val-v09-score'), '');
    await screenshots(page, 'review-sheet-drafted', async () => {
      await page.locator('#val-v09-reason').scrollIntoViewIfNeeded();
    });

    // 采纳 on 产出时效: the words become the reason (kept by the core).
    const row = (id) => page.locator(`#val-${id}-reason >> xpath=ancestor::td[1]`);
    await row('v09').getByRole('button', { name: '采纳', exact: true }).click();
    assert.match(await page.inputValue('#val-v09-reason'), /仅填写“完成”，无预计完成时间及实际完成时间/);
    // 不采纳 on 公众满意度: the suggestion leaves the sheet.
    await row('v13').getByRole('button', { name: '不采纳', exact: true }).click();
    await page.waitForFunction(() => !document.body.hasAttribute('data-saving'));
    for (const id of ['v01', 'v07', 'v11']) await row(id).getByRole('button', { name: '采纳', exact: true }).first().click();
    await page.fill('#val-v04-reason', '过程材料不够充分。');
    for (const [id, score] of [['v01', '6'], ['v02', '2'], ['v03', '2'], ['v04', '3'], ['v05', '2'], ['v06', '7'],
      ['v08', '10'], ['v09', '4'], ['v10', '15'], ['v11', '14'], ['v12', '5'], ['v14', '0']]) {
      await page.fill(`#val-${id}-score`, score);
    }
    await page.fill('#val-v13-reason', '项目单位提供了评价汇总表，但未提供问卷样本。');
    await page.waitForFunction(() => document.getElementById('total').textContent.includes('85'));

    // The opinion drafted by the core goes under what is already written.
    await page.fill('#text-problems', '评审组意见：');
    await page.click('#draft-opinion');
    await page.waitForFunction(() => /三、绩效表现/.test(document.getElementById('text-problems').value));
    const opinion = await page.inputValue('#text-problems');
    assert.ok(opinion.startsWith('评审组意见：\n\n2021年下达资金350万元，实际支出301万元，支出率86.00%，项目综合评分为85分'), opinion.slice(0, 80));
    assert.match(opinion, /一、项目管理\n1\. 过程材料不够充分。/);
    assert.match(opinion, /七、预算调整/);
    assert.doesNotMatch(opinion, /建议提供问卷样本/);  // its suggestion was dropped

    // Saved as a file, the sheet keeps the reasons taken and no longer holds the dropped suggestion.
    await page.waitForFunction(() => !document.body.hasAttribute('data-saving'));
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#save-answers')]);
    const saved = JSON.parse(readFileSync(await download.path(), 'utf8'));
    assert.match(saved.values.v09.reason, /无预计完成时间/);
    assert.equal(saved.values.v13.suggestions, undefined);
    assert.ok(saved.values.v01.suggestions.length >= 1);
    assert.match(saved.problems, /四、自评工作质量/);
    await screenshots(page, 'review-sheet-opinion', async () => {
      await page.locator('#text-problems').scrollIntoViewIfNeeded();
    });
  } finally {
    await browser.close();
  }
});

// The reviewer's whole path (issue 18): a unit's signed form → the drafted sheet with its link →
// scores and reasons entered → signed in the page with the firm's own key → the bureau's CLI passes
// the sheet beside that submission, the firm's key registered in the reviewer role.
test('a reviewer signs the drafted sheet in the page; verify passes it beside the submission it names', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'selfeval-review-sign-'));
  const env = { ...process.env, SELFEVAL_PASSPHRASE: 'unit passphrase for the review' };
  const unitAnswers = join(root, 'tests/data/review/apartment.answers.json');
  const unitName = JSON.parse(readFileSync(unitAnswers, 'utf8')).unit.implementer;
  execFileSync(cli, ['keygen', '--unit', unitName, '-o', join(dir, 'unit.key.json')], { env });
  const unitFile = join(dir, 'apartment.signed.json');
  execFileSync(cli, ['sign', '--key', join(dir, 'unit.key.json'), '--template', join(root, 'schemas/templates/project-self-assessment.json'),
    '--answers', unitAnswers, '-o', unitFile, '--allow-errors'], { env });
  const sheet = JSON.parse(execFileSync(cli, ['review-draft', unitFile], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
  // The published scores and reasons of seed 004's first sheet, and the firm's header.
  const published = JSON.parse(readFileSync(join(root, 'tests/golden/seed004-verification-apartment/answers.json'), 'utf8'));
  for (const [id, v] of Object.entries(published.values)) sheet.values[id] = { ...(sheet.values[id] || {}), ...v };
  Object.assign(sheet.unit, { reviewers: published.unit.reviewers, agency: published.unit.agency, date: published.unit.date });
  writeFileSync(join(dir, 'sheet.answers.json'), JSON.stringify(sheet));

  const browser = await launch();
  try {
    const { page } = await openPage(browser, distFile('selfeval.html'));
    await page.setInputFiles('#answers-file-2', join(dir, 'sheet.answers.json'));
    await page.waitForFunction(() => document.getElementById('total') && document.getElementById('total').textContent === '85');
    await page.click('#signing-panel > summary');
    await page.fill('#key-pass', '评审机构口令 firm passphrase');
    await page.fill('#key-pass2', '评审机构口令 firm passphrase');
    await page.click('#key-generate');
    await page.waitForFunction(() => /[0-9a-f]{4} [0-9a-f]{4}/.test(document.getElementById('key-status').textContent));
    // The key belongs to the firm: the sheet's signing field is 机构名称.
    assert.ok((await page.textContent('#key-status')).startsWith(published.unit.agency));
    await page.fill('#key-pass', '评审机构口令 firm passphrase');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-signed')]);
    const sheetFile = join(dir, 'sheet.signed.json');
    await download.saveAs(sheetFile);
    const firm = JSON.parse(await page.evaluate(() => localStorage.getItem('selfeval.keyfile')));
    const unitKey = JSON.parse(readFileSync(join(dir, 'unit.key.json'), 'utf8'));
    const entry = (k, unit, role) => ({ unit, role, alg: 'Ed25519', public_key: k.public_key, kid: k.kid, status: 'active',
      valid_from: '2022-01-01', valid_to: '2099-12-31' });
    writeFileSync(join(dir, 'registry.json'), JSON.stringify({ format: 'selfeval.registry.v1',
      keys: [entry(unitKey, unitName, 'unit'), entry(firm, published.unit.agency, 'reviewer')] }));
    const r = runCli(['verify', sheetFile, unitFile, '--keys', join(dir, 'registry.json'), '--json']);
    assert.equal(r.status, 0, r.stdout);
    const verdict = JSON.parse(r.stdout).files.find((f) => f.template.id === 'verification-sheet');
    assert.equal(verdict.total, '85');
    assert.equal(verdict.grade, '良');
    assert.equal(verdict.reviewed.file, unitFile);
  } finally {
    await browser.close();
  }
});
