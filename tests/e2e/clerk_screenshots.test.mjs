// Every built-in form, blank and filled with its golden answers, at the three screens the
// users have (tests/e2e/artifacts/form-<template>-<blank|filled|golden>-<w>x<h>.png), and
// axe-core on each: no serious or critical violation, in Chinese and in English.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { launch, openPage, distFile, screenshots } from './browser.mjs';
import { root } from '../node/helpers.mjs';

const require = createRequire(import.meta.url);
const BUILTINS = ['project-self-assessment', 'department-self-assessment', 'department-target-declaration',
  'verification-sheet', 'policy-evaluation', 'contract-kpi'];
// Filled: the goldens, and for the two forms without one, answers a clerk would type
// (tests/data/answers/*.filled.json).
const FILLED = [
  ...['seed001-project', 'seed002-department', 'seed004-policy', 'seed004-verification-talent'].map((g) => [g, `tests/golden/${g}/answers.json`]),
  ...['contract-kpi', 'department-target-declaration'].map((t) => [t, `tests/data/answers/${t}.filled.json`]),
];

async function axe(page) {
  if (!(await page.evaluate(() => !!window.axe))) await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  return page.evaluate(async () => (await window.axe.run(document, { resultTypes: ['violations'] })).violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => v.id + ': ' + v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')));
}
// The indicator table in view, under the header fields.
const toTable = (page) => () => page.evaluate(() => { const t = document.getElementById('indicator-table'); if (t) window.scrollTo(0, t.getBoundingClientRect().top + scrollY - 60); });

test('each built-in form blank and filled, at 1024, 1366 and 1920: screenshots, and axe finds nothing serious', async () => {
  const browser = await launch();
  try {
    const { context, page, errors } = await openPage(browser, distFile('selfeval.html'));
    for (const id of BUILTINS) {
      await page.click(`button[data-template="${id}"]`);
      await page.waitForSelector('#form[data-drawn="true"]');
      await screenshots(page, `form-${id}-blank`);
      assert.deepEqual(await axe(page), [], `${id} blank`);
      await page.click('#new-form');
    }
    for (const [g, file] of FILLED) {
      await page.setInputFiles('#answers-file-2', join(root, file));
      await page.waitForSelector('#form[data-drawn="true"]');
      await page.getByRole('button', { name: '检查' }).click();
      await screenshots(page, `form-${g}-filled`, toTable(page));
      assert.deepEqual(await axe(page), [], `${g} filled`);
      await page.click('#new-form');
    }
    // English, a filled form with its findings shown.
    await page.click('#lang-switch');
    await page.setInputFiles('#answers-file-2', join(root, 'tests/golden/seed001-project/answers.json'));
    await page.waitForSelector('#form[data-drawn="true"]');
    await page.fill('#val-b2-actual', '3篇');
    await page.getByRole('button', { name: 'Check' }).click();
    await screenshots(page, 'form-seed001-project-english', toTable(page));
    assert.deepEqual(await axe(page), [], 'English');
    assert.deepEqual(errors, []);
    await context.close();
  } finally {
    await browser.close();
  }
});
