// One source for how long a typed text may be: the answers schema's maxLength. The page's
// inputs take exactly that many characters (from the core's describe().limits), and what the
// page takes the core keeps.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, openPage, distFile } from './browser.mjs';
import { root } from '../node/helpers.mjs';

test('every input of the form takes as many characters as the answers schema allows', async () => {
  const schema = JSON.parse(readFileSync(join(root, 'schemas/answers.v1.schema.json'), 'utf8'));
  const value = schema.$defs.value.properties;
  const browser = await launch();
  try {
    const { page } = await openPage(browser, distFile('selfeval.html'));
    await page.setInputFiles('#answers-file-2', join(root, 'tests/golden/seed001-project/answers.json'));
    await page.waitForSelector('#indicator-table textarea[id$="-reason"]');
    const max = (sel) => page.$eval(sel, (e) => Number(e.getAttribute('maxlength')));
    assert.equal(await max('textarea[id^="val-"][id$="-reason"]'), value.reason.maxLength);
    assert.equal(await max('input[id^="val-"][id$="-actual"]'), value.actual.maxLength);
    assert.equal(await max('input[id^="unit-"]:not([type="date"])'), schema.properties.unit.additionalProperties.maxLength);
    assert.equal(await max('input[id^="bud-"]'), schema.$defs.decimal.maxLength);
    assert.equal(await max('textarea[id="text-problems"]'), schema.properties.problems.maxLength);
    assert.equal(await max('input[id^="def-"][id$="-name"]'), schema.properties.indicators.items.properties.name.maxLength);
    // A 偏差原因 as long as the schema allows is kept by the core (the page once allowed 4000
    // and the core refused over 2000).
    const long = '原'.repeat(value.reason.maxLength);
    const reason = page.locator('textarea[id^="val-"][id$="-reason"]').first();
    await reason.fill(long);
    await reason.blur();
    await page.waitForFunction(() => !document.body.hasAttribute('data-saving'));
    await page.waitForFunction((n) => /已自动保存/.test(document.getElementById('save-status').textContent), null);
    assert.equal((await reason.inputValue()).length, value.reason.maxLength);
    assert.equal(await page.locator('text=输入过长').count(), 0);
  } finally {
    await browser.close();
  }
});
