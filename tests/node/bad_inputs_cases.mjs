// How a bad-input case is fed to the wasm module (shared by the test and the recorder).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readText, root } from './helpers.mjs';

// The input of a case: its file, or the recipe for the big ones.
export function caseInput(c) {
  if (c.file) return readFileSync(join(root, 'tests/bad_inputs', c.file));
  const g = c.generate;
  if (g.nest) return Buffer.from(g.in === 'answers' ? '{"a":'.repeat(g.nest) + '1' + '}'.repeat(g.nest) : '['.repeat(g.nest) + ']'.repeat(g.nest));
  const base = JSON.parse(readText(g.in === 'answers' ? 'tests/golden/seed001-project/answers.json' : 'schemas/templates/project-self-assessment.json'));
  const big = '长'.repeat(g.string / 3);
  if (g.in === 'answers') base.values.q1[g.field] = big; else base[g.field] = big;
  return Buffer.from(JSON.stringify(base));
}

// What a case gives through one engine: {accepted, findings}.
export function runCase(engine, Module, c, input) {
  const text = new TextDecoder('utf-8').decode(input);  // as the page's FileReader reads it
  let r, extra = [], result = null;
  if (c.kind === 'template') r = JSON.parse(engine.checkTemplate(text));
  else if (c.kind === 'answers') {
    const s = new Module.Session();
    s.loadBuiltin(c.template || 'project-self-assessment');
    r = JSON.parse(s.loadAnswers(text));
    if (r.ok) { result = JSON.parse(s.result()); extra = result.findings; }
    s.delete();
  } else if (c.kind === 'submission') r = JSON.parse(engine.verifySubmission(text, '', '2026-01-01T00:00:00Z'));
  else r = JSON.parse(engine.answersFromXlsx(new Uint8Array(input)));
  return { accepted: r.ok, findings: [...(r.findings || []), ...extra], result };
}

