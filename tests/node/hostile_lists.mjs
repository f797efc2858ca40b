// The indicator lists of issue 13 that froze the page and took 23 GB natively: one cell at
// XFD1048576, a CSV of 1,000,000 rows, and a valid list of 8,000 indicators (quadratic before).
// Shared by tests/node/spreadsheet.test.mjs and bench/hostile_lists.mjs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './helpers.mjs';

export function hostileLists() {
  const header = '一级,二级,三级,年度指标值,分值\n';
  let million = header;
  for (let i = 0; i < 1000000; i++) million += `产出,数量,培训${i},1次,0.0001\n`;
  let eight = header;
  for (let i = 0; i < 8000; i++) eight += `产出,类别${Math.floor(i / 500)},指标${i},1次,0.0125\n`;
  return {
    'XFD1048576.xlsx': readFileSync(join(root, 'tests/data/sheets/hostile/XFD1048576.xlsx')),
    'million-rows.csv': Buffer.from(million),
    'eight-thousand.csv': Buffer.from(eight),
  };
}
