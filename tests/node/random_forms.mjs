// Random templates and answers for the differential and property tests: every rule of
// the catalogue with its parameters, targets from the seed phrasings, two- and three-level
// trees, bonus and penalty sections, 0–4 decimal places, and answers mixing clean values,
// units, full-width digits, words, huge and negative numbers and gaps. Seeded: the same
// seed gives the same forms.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './helpers.mjs';

export function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = (xs) => xs[Math.floor(next() * xs.length)];
  return { next, int, pick, chance: (p) => next() < p };
}

const seedTargets = JSON.parse(readFileSync(join(root, 'tests/data/targets.json'), 'utf8'))
  .filter((r) => !(r.expect.findings || []).length);  // the well-formed phrasings

const UNITS = ['人次', '家', '场', '篇', '次', '%', '万元', '个', '名', '项'];
const RULES = ['positive', 'reverse', 'equal', 'range', 'compound', 'qualitative', 'tiers', 'expert', 'deadline',
  'per_occurrence', 'choice', 'slope', 'default'];

export function leafFor(r, id, weight) {
  const n = r.int(1, 500), u = r.pick(UNITS);
  const leaf = { id, name: `指标${id}`, weight };
  switch (r.pick(RULES)) {
    case 'positive': Object.assign(leaf, { target: `≥${n}${u}`, direction: '正向', rule: 'positive' }); break;
    case 'reverse': Object.assign(leaf, { target: `≤${n}${u}`, direction: '反向', rule: r.chance(0.5) ? 'reverse' : { name: 'reverse', params: { decay: r.pick([2, 3, 1.5]) } } }); break;
    case 'equal': Object.assign(leaf, { target: r.chance(0.3) ? '0次' : `=${n}${u}`, direction: '等于', rule: 'equal' }); break;
    case 'range': { const lo = r.int(50, 90); Object.assign(leaf, { target: `${lo}%-${lo + r.int(1, 9)}%`, rule: 'range' }); break; }
    case 'compound': Object.assign(leaf, { target: `展馆每年不少于${n}人次，展厅不少于${r.int(1, 300)}人次`, rule: r.chance(0.5) ? 'compound' : { name: 'compound', params: { combine: 'mean' } } }); break;
    case 'qualitative': Object.assign(leaf, { target: '按要求完成', direction: '定性', rule: 'qualitative' }); break;
    case 'tiers': Object.assign(leaf, { target: '≥90%', rule: { name: 'tiers', params: { tiers: [{ min: 100, points: weight }, { min: 90, points: weight * 0.8 }, { min: 60, points: weight * 0.2 }] } } }); break;
    case 'expert': Object.assign(leaf, { rule: 'expert' }); break;
    case 'deadline': Object.assign(leaf, { target: `${r.int(1, 12)}月${r.int(1, 28)}日前完成`, rule: 'deadline', category: '时效' }); break;
    case 'per_occurrence': Object.assign(leaf, { target: '0次', rule: { name: 'per_occurrence', params: { deduct: r.pick([0.5, 1, 2]) } } }); break;
    case 'choice': Object.assign(leaf, { target: '达标', rule: { name: 'choice', params: { options: [{ id: 'full', label: '得满分', ratio: 1 }, { id: 'half', label: '一半', ratio: 0.5 }, { id: 'none', label: '不得分', ratio: 0 }] } } }); break;
    case 'slope': Object.assign(leaf, { target: '≥90%', rule: { name: 'slope', params: { full_at: 90, per_unit: 0.1, floor: 75 } }, category: '满意度' }); break;
    default: { const t = r.pick(seedTargets); Object.assign(leaf, { target: t.text }); if (t.direction) leaf.direction = t.direction; }
  }
  return leaf;
}

// Weights never finer than the scores are kept (the loader refuses 6.5 points with whole-point scores).
export function weight(r, places) { return r.chance(0.8) || places === 0 ? r.int(1, 20) : r.int(1, 40) / 2; }
const sum = (xs) => Math.round(xs.reduce((a, b) => a + b, 0) * 100) / 100;

export function randomTemplate(r, i) {
  let k = 0;
  const nextId = () => `n${++k}`;
  const levels = r.chance(0.7) ? 3 : 2;
  const places = r.pick([0, 1, 2, 2, 2, 3, 4]);
  const sections = [];
  for (let s = r.int(1, 4); s > 0; s--) {
    const children = [];
    if (levels === 3) {
      for (let c = r.int(1, 3); c > 0; c--) {
        const leaves = [];
        for (let l = r.int(1, 4); l > 0; l--) leaves.push(leafFor(r, nextId(), weight(r, places)));
        children.push({ id: nextId(), name: `二级${k}`, weight: sum(leaves.map((x) => x.weight)), children: leaves });
      }
    } else {
      for (let l = r.int(1, 5); l > 0; l--) children.push(leafFor(r, nextId(), weight(r, places)));
    }
    sections.push({ id: nextId(), name: `一级${k}`, weight: sum(children.map((x) => x.weight)), children });
  }
  const base = sum(sections.map((x) => x.weight));
  let total = base;
  if (r.chance(0.2)) {
    const w = r.int(1, 10);
    sections.push({ id: nextId(), name: '加分项', weight: w, bonus: true, children: [{ id: nextId(), name: '加分', weight: w, bonus: true, rule: 'bonus' }] });
    total = sum([base, w]);
  }
  if (r.chance(0.2)) {
    const w = r.int(1, 10);
    sections.push({ id: nextId(), name: '扣分项', weight: w, penalty: true, children: [{ id: nextId(), name: '扣分', weight: w, penalty: true, rule: 'penalty' }] });
  }
  const pct = (x) => Math.round(total * x * 100) / 100;
  return {
    format: 'selfeval.template.v1', id: `random-${i}`, name: `随机表${i}`, version: '1.0.0', kind: 'self_assessment',
    levels: levels === 3 ? ['一级指标', '二级指标', '三级指标'] : ['一级指标', '二级指标'],
    indicators: sections, total,
    rounding: { places, mode: 'half_up' },
    grade_bands: [
      { grade: '优', min: pct(0.9), max: total, max_inclusive: true },
      { grade: '良', min: pct(0.8), max: pct(0.9) },
      { grade: '中', min: pct(0.6), max: pct(0.8) },
      { grade: '差', min: 0, max: pct(0.6) },
    ],
  };
}

export function actualText(r) {
  const n = r.int(0, 1000);
  return r.pick([
    `${n}`, `${n}${r.pick(UNITS)}`, `${r.int(0, 100)}%`, `${n}.${r.int(0, 99)}`, '完成', '', '已完成',
    `${n}`.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d))), `-${n}`, '99999999999999999999',
    `约${n}人次`, `${r.int(1, 12)}月${r.int(1, 28)}日`, `${n}万元`, '0', '0次',
  ]);
}

export function randomAnswers(r, tpl) {
  const values = {};
  const walk = (n) => {
    if (n.children) { n.children.forEach(walk); return; }
    if (r.chance(0.1)) return;  // left blank
    const v = {};
    const rule = typeof n.rule === 'string' ? n.rule : n.rule && n.rule.name;
    if (rule === 'expert' || rule === 'qualitative' || rule === 'bonus' || rule === 'penalty') v.score = String(r.chance(0.8) ? r.int(0, Math.ceil(n.weight)) : r.int(-5, 50) / 2);
    if (rule === 'qualitative') v.tier = r.pick(['达成', '部分达成', '未达成', '差不多']);
    if (rule === 'choice') v.choice = r.pick(['full', 'half', 'none', 'other']);
    if (rule === 'per_occurrence') v.occurrences = r.chance(0.8) ? r.int(0, 10) : '三次';
    if (rule === 'deadline' || n.category === '时效') {
      v.planned_date = `2022-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`;
      v.actual_date = r.chance(0.9) ? `2022-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}` : '2022-02-30';
    }
    if (n.category === '满意度' || rule === 'tiers') { v.sample_size = r.int(0, 500); v.survey_method = r.pick(['问卷', '电话回访', '']); }
    if (rule !== 'expert' && rule !== 'choice' && rule !== 'bonus' && rule !== 'penalty') v.actual = actualText(r);
    if (r.chance(0.3)) v.reason = r.pick(['疫情影响', '按计划完成', '超额完成因需求增加']);
    values[n.id] = v;
  };
  tpl.indicators.forEach(walk);
  return { format: 'selfeval.answers.v1', template: { id: tpl.id, version: tpl.version }, year: 2022, values };
}

// `count` forms as the JSON texts both engines score.
export function randomForms(seed, count) {
  const r = rng(seed);
  const out = [];
  for (let i = 0; i < count; i++) {
    const t = randomTemplate(r, i);
    out.push({ template: JSON.stringify(t), answers: JSON.stringify(randomAnswers(r, t)) });
  }
  return out;
}
