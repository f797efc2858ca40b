// The peer: the same positive-ratio scoring expressed in SurveyJS (survey-core): one number
// question per row for the actual, one expression question per row for its score
// (weight × actual ÷ target, capped at the weight), and an expression question for the total.
export function surveyJsonFor(tpl) {
  const rows = [];
  const walk = (n) => { if (n.children) n.children.forEach(walk); else rows.push(n); };
  tpl.indicators.forEach(walk);
  const elements = [];
  for (const n of rows) {
    const target = Number(/≥(\d+)/.exec(n.target)[1]);
    elements.push({ type: 'text', name: `a_${n.id}`, inputType: 'number' });
    elements.push({ type: 'expression', name: `s_${n.id}`,
      expression: `iif({a_${n.id}} >= ${target}, ${n.weight}, {a_${n.id}} / ${target} * ${n.weight})` });
  }
  elements.push({ type: 'expression', name: 'total', expression: `sum(${rows.map((n) => `{s_${n.id}}`).join(', ')})` });
  return { elements, rows: rows.map((n) => ({ id: n.id, target: Number(/≥(\d+)/.exec(n.target)[1]), weight: n.weight })) };
}

// The answers as SurveyJS data: every row's actual as a number.
export function surveyDataFor(answers) {
  const data = {};
  for (const [id, v] of Object.entries(answers.values)) if (v.actual !== undefined) data[`a_${id}`] = Number(v.actual);
  return data;
}
