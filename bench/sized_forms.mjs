// Forms of a given number of indicators for the benchmarks: three levels (一级 → 二级 →
// leaves), every rule type of the catalogue (tests/node/random_forms.mjs picks them), two
// decimal places, answers filled in for nine rows in ten. Seeded: the same size gives the
// same form on every machine.
import { rng, leafFor, randomAnswers } from '../tests/node/random_forms.mjs';

const round2 = (x) => Math.round(x * 100) / 100;

// A template with `leaves` indicators: 一级 sections of up to 10 二级 groups of up to 10 leaves.
// `positiveOnly`: every row the positive-ratio rule (≥ target), the scoring SurveyJS expresses.
export function sizedTemplate(leaves, { seed = 7, positiveOnly = false } = {}) {
  const r = rng(seed + leaves);
  let k = 0;
  const id = () => `n${++k}`;
  const sections = [];
  let made = 0;
  while (made < leaves) {
    const groups = [];
    for (let g = 0; g < 10 && made < leaves; g++) {
      const rows = [];
      for (let l = 0; l < 10 && made < leaves; l++, made++) rows.push(positiveOnly ? positiveLeaf(r, id()) : leafFor(r, id(), r.int(1, 10)));
      groups.push({ id: id(), name: `二级${k}`, weight: round2(rows.reduce((a, x) => a + x.weight, 0)), children: rows });
    }
    sections.push({ id: id(), name: `一级${k}`, weight: round2(groups.reduce((a, x) => a + x.weight, 0)), children: groups });
  }
  const total = round2(sections.reduce((a, x) => a + x.weight, 0));
  const pct = (x) => round2(total * x);
  return {
    format: 'selfeval.template.v1', id: `bench-${leaves}`, name: `基准表（${leaves} 项指标）`, version: '1.0.0',
    kind: 'self_assessment', levels: ['一级指标', '二级指标', '三级指标'], indicators: sections, total,
    rounding: { places: 2, mode: 'half_up' },
    grade_bands: [
      { grade: '优', min: pct(0.9), max: total, max_inclusive: true },
      { grade: '良', min: pct(0.8), max: pct(0.9) },
      { grade: '中', min: pct(0.6), max: pct(0.8) },
      { grade: '差', min: 0, max: pct(0.6) },
    ],
  };
}

function positiveLeaf(r, id) {
  return { id, name: `指标${id}`, weight: r.int(1, 10), target: `≥${r.int(1, 500)}个`, direction: '正向', rule: 'positive' };
}

export function sizedAnswers(tpl, seed = 11) {
  return randomAnswers(rng(seed + tpl.indicators.length), tpl);
}

// The positive-ratio leaves (target ≥N, actual a plain number): the rows the edit benchmarks
// type into, since SurveyJS expresses exactly that rule.
export function positiveLeaves(tpl) {
  const out = [];
  const walk = (n) => { if (n.children) n.children.forEach(walk); else if (n.rule === 'positive') out.push(n); };
  tpl.indicators.forEach(walk);
  return out;
}

// Clean answers for the positive-only forms: every actual a plain number below its target
// (the SurveyJS peer reads numbers; every edit then moves the total).
export function positiveAnswers(tpl, seed = 13) {
  const r = rng(seed);
  const values = {};
  for (const n of positiveLeaves(tpl)) values[n.id] = { actual: String(r.int(2, Math.max(2, Number(/≥(\d+)/.exec(n.target)[1]) - 1))), reason: '受疫情影响进度滞后' };
  return { format: 'selfeval.answers.v1', template: { id: tpl.id, version: tpl.version }, year: 2022, values };
}
