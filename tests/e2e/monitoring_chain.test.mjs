// One record across the year in the page, from file://: 从申报表开始 carries seed 003's declared
// targets into the mid-year monitoring form (read-only, lit as colour and word), a target changed in
// a file is flagged against the declaration, and 从监控表开始 carries the monitoring form into the
// self-assessment, where a final actual short of the mid-year forecast is flagged.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, openPage, distFile } from './browser.mjs';
import { root } from '../node/helpers.mjs';

const artifacts = join(root, 'tests/e2e/artifacts');
const shot = async (page, name) => {
  for (const [width, height] of [[1366, 768], [1024, 768]]) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: join(artifacts, `${name}-${width}x${height}.png`) });
  }
  await page.setViewportSize({ width: 1366, height: 768 });
};
const drawn = (page) => page.waitForSelector('#form[data-drawn="true"]');
const summary = (page) => page.textContent('#summary-list');

test('declaration → monitoring → self-assessment: targets carried, a changed target and a shortfall flagged', async () => {
  mkdirSync(artifacts, { recursive: true });
  const work = join(artifacts, 'chain');
  mkdirSync(work, { recursive: true });
  const browser = await launch();
  try {
    const { page, requests, errors } = await openPage(browser, distFile('selfeval.html'));
    assert.match(await page.textContent('#start'), /从申报表开始/);
    assert.match(await page.textContent('#start'), /从监控表开始/);
    await shot(page, 'chain-start');

    // 从申报表开始: the monitoring form with the 27 declared rows, targets read-only.
    await page.setInputFiles('#carry-declaration', join(root, 'schemas/templates/department-target-declaration.json'));
    await drawn(page);
    assert.match(await page.textContent('#form-title'), /项目绩效运行监控表/);
    assert.equal(await page.inputValue('#def-d01-target'), '≥15名/年');
    assert.equal(await page.$eval('#def-d01-target', (i) => i.readOnly), true);
    assert.equal(await page.$$eval('#indicator-table tbody tr[data-id]', (r) => r.length), 27);

    // Month 6, then actuals: 4 of 7.5 is 53.33 % (红灯), 150 of 225 is 66.67 % (黄灯), 300 of 250
    // is 120 % (蓝灯); each light in colour and in words.
    await page.fill('#unit-month', '6');
    await page.fill('#val-d01-actual', '4名');
    await page.fill('#val-d01-forecast', '12名');
    await page.fill('#val-d02-actual', '150人');
    await page.fill('#val-d04-actual', '300件');
    await page.fill('#val-d05-actual', '3次');
    const light = (id) => page.$eval(`#score-${id} .light`, (s) => [s.textContent, s.className]);
    assert.deepEqual(await light('d01'), ['红灯', 'light light-red']);
    assert.deepEqual(await light('d02'), ['黄灯', 'light light-yellow']);
    assert.deepEqual(await light('d04'), ['蓝灯', 'light light-blue']);
    assert.deepEqual(await light('d05'), ['绿灯', 'light light-green']);
    // The month moves every light: at month 3, 4 of 3.75 is green.
    await page.fill('#unit-month', '3');
    await page.waitForFunction(() => document.querySelector('#score-d01 .light').textContent === '绿灯');
    await page.fill('#unit-month', '6');
    await page.waitForFunction(() => document.querySelector('#score-d01 .light').textContent === '红灯');
    assert.match(await page.textContent('#bar-total'), /红灯 1　黄灯 1　绿灯 1　蓝灯 1/);
    // A red row asks for its reason and measures.
    await page.click('#check-form');
    assert.match(await summary(page), /亮红灯，须填写纠偏措施/);
    await page.selectOption('#val-d01-reason_category', '人员保障');
    await page.fill('#val-d01-reason', '上半年引才活动推迟');
    await page.fill('#val-d01-measures', '下半年集中举办两场引才活动');
    await page.fill('#bud-total-adjusted', '480');
    await page.fill('#bud-total-executed', '168');
    await page.fill('#bud-total-forecast', '470');
    // 168 of 480 is 35.00 % at a time progress of 50 %: behind by 15 points, flagged.
    assert.equal(await page.textContent('#budget-rate'), '35.00%');
    assert.equal(await page.textContent('#budget-forecast-rate'), '97.92%');
    assert.equal(await page.textContent('#budget-time'), '50.00%');
    assert.match(await summary(page), /执行进度 35\.00% 落后于时间进度 50\.00% 达 15\.00 个百分点/);
    await page.locator('#budget-table').scrollIntoViewIfNeeded();
    await shot(page, 'chain-monitoring-budget');
    await page.locator('#row-d01').scrollIntoViewIfNeeded();
    await shot(page, 'chain-monitoring');

    // The monitoring answers saved; a copy with a changed target opened over the form is flagged.
    const [saved] = await Promise.all([page.waitForEvent('download'), page.click('#save-answers')]);
    const monitoringFile = join(work, 'monitoring.answers.json');
    await saved.saveAs(monitoringFile);
    const monitoring = JSON.parse(readFileSync(monitoringFile, 'utf8'));
    assert.equal(monitoring.values.d01.forecast, '12名');
    const changed = JSON.parse(JSON.stringify(monitoring));
    changed.indicators.find((r) => r.id === 'd03').target = '≥4项';
    const changedFile = join(work, 'monitoring-changed.answers.json');
    writeFileSync(changedFile, JSON.stringify(changed, null, 1));
    await page.setInputFiles('#answers-file', changedFile);
    await page.click('.se-choice[data-choice="replace"]');
    await page.waitForFunction(() => /与申报表批复的/.test(document.getElementById('summary-list').textContent));
    assert.match(await summary(page), /“获批各类纵向项目和签署技术服务协议数量（项）”填报的指标值“≥4项”与申报表批复的“≥5项”不一致/);

    // 从监控表开始: the self-assessment with the same targets and the mid-year forecast kept.
    await page.click('#new-form');
    await page.setInputFiles('#carry-monitoring', monitoringFile);
    await drawn(page);
    assert.match(await page.textContent('#form-title'), /项目支出绩效自评表/);
    assert.equal(await page.inputValue('#def-d01-target'), '≥15名/年');
    assert.equal(await page.inputValue('#unit-department'), monitoring.unit.department || '');
    assert.equal(await page.textContent('#forecast-d01'), '年中预计全年完成值：12名');
    // The final actual below the forecast of 12名 with no reason: flagged; a reason clears it.
    await page.fill('#val-d01-actual', '10名');
    await page.waitForFunction(() => /低于年中监控时预计的全年完成值 12/.test(document.getElementById('summary-list').textContent));
    await page.locator('#row-d01').scrollIntoViewIfNeeded();
    await shot(page, 'chain-self-assessment');
    await page.fill('#val-d01-reason', '两名人才下半年放弃入职');
    await page.waitForFunction(() => !/低于年中监控时预计的全年完成值/.test(document.getElementById('summary-list').textContent));

    assert.deepEqual(errors, []);
    assert.deepEqual(requests.filter((u) => !u.startsWith('file://') && !u.startsWith('blob:') && !u.startsWith('data:')), []);
  } finally {
    await browser.close();
  }
});
