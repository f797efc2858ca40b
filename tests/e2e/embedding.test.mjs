// Portal embedding, as docs/examples/portal.html does it: the <selfeval-form> element
// driven through its API with events back, its shadow root keeping the portal's CSS
// out (and its own in), the iframe mode answering only allowed origins, and all of it
// under the documented Content-Security-Policy without a single violation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:http';
import { dirname, join } from 'node:path';
import { launch, startServer, recordCspViolations } from './browser.mjs';
import { root, runCli } from '../node/helpers.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser.close(); server.stop(); });

const seed001 = JSON.parse(readFileSync(join(root, 'tests/golden/seed001-project/answers.json'), 'utf8'));

async function open(url) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  await recordCspViolations(context);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(url);
  return { context, page, errors };
}

// Computed styles of a few elements inside the element's shadow root.
function shadowStyles(page) {
  return page.evaluate(() => {
    const r = document.querySelector('selfeval-form').shadowRoot;
    const pick = (el) => { const s = getComputedStyle(el); return [s.fontFamily, s.fontSize, s.color, s.lineHeight, s.letterSpacing, s.textTransform, s.backgroundColor, s.borderTopStyle, s.display].join(' | '); };
    return {
      total: pick(r.getElementById('bar-total')), cell: pick(r.querySelector('#indicator-table td')),
      input: pick(r.querySelector('#indicator-table input')), msg: pick(r.querySelector('.msg') || r.querySelector('td')),
      status: pick(r.querySelector('.status')), form: pick(r.getElementById('form')),
    };
  });
}

test('the element embeds in a portal: answers through the API, score events with the right total, no style leaks', async () => {
  const { context, page, errors } = await open(server.base + 'examples/portal.html');
  // Score events as the portal receives them.
  await page.evaluate(() => {
    window.scores = [];
    document.getElementById('embedded').addEventListener('score', (e) => window.scores.push(e.detail));
  });
  await page.waitForFunction(() => document.getElementById('embedded').template !== null);
  const answers = await page.evaluate((a) => document.getElementById('embedded').setAnswers(a), seed001);
  assert.equal(answers.unit.project_name, '产业人才发展专项资金');
  const last = await page.evaluate(() => window.scores[window.scores.length - 1]);
  assert.equal(last.total, '100.00');
  assert.equal(last.grade, '优');
  assert.equal(last.rows.length, 6);
  assert.deepEqual(last.rows.map((r) => r.score), ['20.00', '20.00', '10.00', '15.00', '15.00', '10.00']);
  assert.equal(await page.textContent('#portal-total'), '100.00');
  // getAnswers gives back what was set.
  assert.deepEqual(await page.evaluate(() => document.getElementById('embedded').getAnswers()), seed001);

  // A user types a shortfall inside the element: change + score events reach the portal.
  // What the element asks its engine for while the user types: the edit, nothing else (the
  // delta carries the scores, findings and counts; no full result per keystroke).
  await page.evaluate(() => {
    window.changes = [];
    window.asked = [];
    const el = document.getElementById('embedded');
    el.addEventListener('change', (e) => window.changes.push(e.detail));
    const s = el._session, request = s.request;
    s.request = function (method) { window.asked.push(method); return request.apply(this, arguments); };
  });
  const input = page.locator('selfeval-form #val-m1-actual');  // playwright pierces open shadow roots
  await input.fill('10人次');
  await page.waitForFunction(() => window.scores[window.scores.length - 1].total !== '100.00');
  const after = await page.evaluate(() => ({ s: window.scores[window.scores.length - 1], c: window.changes, asked: window.asked }));
  assert.deepEqual([...new Set(after.asked)], ['setValue']);
  assert.equal(after.s.total, '95.00');
  assert.equal(after.s.rows.find((r) => r.id === 'm1').score, '5.00');
  assert.deepEqual(after.c[after.c.length - 1], { kind: 'value', id: 'm1', field: 'actual', value: '10人次' });
  assert.equal(await page.textContent('#portal-total'), '95.00');
  // validate(): the findings, also as an event.
  const validated = await page.evaluate(() => new Promise((resolve) => {
    const el = document.getElementById('embedded');
    el.addEventListener('validate', (e) => resolve({ event: e.detail }), { once: true });
    el.validate().then((f) => { window.validated = f; });
  }));
  const findings = await page.evaluate(() => window.validated);
  assert.ok(findings.some((f) => f.indicator === 'm1' && f.code.startsWith('reason.')));
  // The counts are the core's (the result's own counts), not the element's recount.
  const counts = await page.evaluate(() => document.getElementById('embedded')._call('result', []).then((r) => r.counts));
  assert.equal(validated.event.errors, counts.error);
  assert.equal(validated.event.warnings, counts.warning);
  assert.equal(validated.event.findings.length, counts.error + counts.warning + (counts.info || 0));

  // The portal's loud CSS (serif, dark red, line-height 2.4, uppercase, yellow cells, 26px
  // inputs, display:none on .status/.scorebar/#form) does not reach into the element:
  // the same element in a page without any style computes the same styles.
  const inPortal = await shadowStyles(page);
  const bare = await context.newPage();
  await bare.goto(server.base + 'embed.html?template=project-self-assessment');
  await bare.waitForFunction(() => document.querySelector('selfeval-form').template !== null);
  await bare.evaluate((a) => document.querySelector('selfeval-form').setAnswers(a), seed001);
  assert.deepEqual(inPortal, await shadowStyles(bare));
  assert.match(inPortal.input, /^system-ui.*\| 14px \|/);
  assert.doesNotMatch(JSON.stringify(inPortal), /uppercase|rgb\(255, 255, 0\)|Times New Roman|\| none$/);
  // … and the element's CSS does not reach out: the portal's own .grid table keeps its look.
  const portalCell = await page.evaluate(() => {
    const s = getComputedStyle(document.querySelector('#portal-table td'));
    return [s.backgroundColor, s.borderTopStyle, s.borderTopWidth, s.paddingTop].join(' ');
  });
  assert.equal(portalCell, 'rgb(255, 255, 0) dashed 3px 12px');

  // Answers by URL (the `answers` attribute's form): fetched from the portal's own origin.
  const byUrl = await page.evaluate(() => document.getElementById('embedded').setAnswers('seed001.answers.json'));
  assert.equal(byUrl.values.m1.actual, '62人次');
  assert.equal(await page.textContent('#portal-total'), '100.00');

  // sign(): the envelope comes back and as a `submit` event; the bureau's check accepts it.
  const key = readFileSync(join(root, 'schemas/examples/unit.key.json'), 'utf8');
  const signed = await page.evaluate(async ([k, pass]) => {
    const f = document.getElementById('embedded');
    const submitted = new Promise((resolve) => f.addEventListener('submit', (e) => resolve(e.detail), { once: true }));
    const envelope = await f.sign(k, pass);
    const detail = await submitted;
    return { envelope, detail };
  }, [key, 'selfeval-示例口令-2023']);
  assert.deepEqual(signed.detail.submission, signed.envelope);
  assert.match(signed.detail.file_name, /\.signed\.json$/);
  assert.equal(signed.envelope.submission.result.total, '100.00');
  const envFile = join(mkdtempSync(join(tmpdir(), 'selfeval-embed-')), signed.detail.file_name);
  writeFileSync(envFile, JSON.stringify(signed.envelope));
  const verified = runCli(['verify', envFile, '--keys', join(root, 'schemas/examples/registry.json')]);
  assert.equal(verified.status, 0, verified.stdout + verified.stderr);
  const wrong = await page.evaluate(async (k) => document.getElementById('embedded').sign(k, 'wrong').then(() => 'signed', (e) => e.message), key);
  assert.match(wrong, /口令|passphrase/);
  // An SM2 key (国密 SM2-SM3) signs as on the page: the core prepares, the page's SM2 library
  // signs, the core seals; OpenSSL (the CLI) verifies it against the registry's SM2 key.
  const sm2Key = readFileSync(join(root, 'schemas/examples/unit.sm2.key.json'), 'utf8');
  const sm2 = await page.evaluate(async ([k, pass]) => {
    const f = document.getElementById('embedded');
    const submitted = new Promise((resolve) => f.addEventListener('submit', (e) => resolve(e.detail), { once: true }));
    const envelope = await f.sign(k, pass);
    return { envelope, detail: await submitted };
  }, [sm2Key, 'selfeval-示例口令-2023']);
  assert.deepEqual(sm2.detail.submission, sm2.envelope);
  assert.equal(JSON.parse(Buffer.from(sm2.envelope.jws.protected, 'base64url')).alg, 'SM2-SM3');
  assert.equal(sm2.envelope.submission.signer.alg, 'SM2');
  assert.equal(sm2.envelope.submission.result.total, '100.00');
  const sm2File = join(dirname(envFile), 'sm2-' + sm2.detail.file_name);
  writeFileSync(sm2File, JSON.stringify(sm2.envelope));
  const sm2Verified = runCli(['verify', sm2File, '--keys', join(root, 'schemas/examples/registry.json'), '--json']);
  assert.equal(sm2Verified.status, 0, sm2Verified.stdout + sm2Verified.stderr);
  assert.equal(JSON.parse(sm2Verified.stdout).files[0].status, 'passed');
  const sm2Wrong = await page.evaluate(async (k) => document.getElementById('embedded').sign(k, 'wrong').then(() => 'signed', (e) => e.message), sm2Key);
  assert.match(sm2Wrong, /口令|passphrase/);

  // Read-only mode: every field disabled.
  await page.evaluate(() => { document.getElementById('embedded').readOnly = true; });
  assert.equal(await page.locator('selfeval-form #val-m1-actual').isDisabled(), true);
  // English.
  await page.evaluate(() => { document.getElementById('embedded').locale = 'en'; });
  await page.waitForFunction(() => document.querySelector('selfeval-form').shadowRoot.querySelector('#indicator-table caption')?.textContent === 'Indicators');

  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the element is an ES module too (docs/examples/module.html)', async () => {
  const { context, page, errors } = await open(server.base + 'examples/module.html');
  await page.waitForFunction(() => window.moduleReady !== undefined);
  assert.equal(await page.evaluate(() => window.moduleReady), true);
  assert.equal(await page.textContent('#total'), '0.00');
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('iframe mode: answers an allowed origin, ignores a foreign one', async () => {
  // Allowed: the portal, same origin as embed.html ('self' on the allow list).
  const { context, page, errors } = await open(server.base + 'examples/portal.html');
  await page.waitForFunction(() => document.getElementById('frame-total').textContent !== '—');
  const set = await page.evaluate((a) => window.portal.call('setAnswers', [a]), seed001);
  assert.equal(set.unit.project_name, '产业人才发展专项资金');
  await page.waitForFunction(() => document.getElementById('frame-total').textContent === '100.00');
  assert.equal(await page.textContent('#frame-grade'), '优');
  assert.deepEqual(await page.evaluate(() => window.portal.call('getAnswers')), seed001);
  const xlsx = await page.evaluate(async () => Array.from((await window.portal.call('exportXlsx')).slice(0, 2)));
  assert.deepEqual(xlsx, [0x50, 0x4b]);  // "PK": a ZIP container
  const bad = await page.evaluate(() => window.portal.call('noSuchMethod').then(() => 'resolved', (e) => e.message));
  assert.match(bad, /unknown method/);
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  assert.deepEqual(errors, []);
  await context.close();

  // Foreign: another site (its own little server, another origin) frames embed.html and
  // tries to drive it.
  const foreignSite = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!DOCTYPE html><meta charset="utf-8"><title>foreign</title><script>
      window.received = [];
      window.addEventListener('message', (e) => window.received.push(e.data));
    </script><iframe id="framed" src="${server.base}embed.html?template=project-self-assessment"></iframe>`);
  });
  await new Promise((resolve) => foreignSite.listen(0, '127.0.0.1', resolve));
  const foreign = await open(`http://127.0.0.1:${foreignSite.address().port}/`);
  await foreign.page.waitForSelector('#framed');
  let frame = null;
  for (let i = 0; i < 200 && !frame; i++) {
    frame = foreign.page.frames().find((f) => f.url().includes('/embed.html'));
    if (!frame) await foreign.page.waitForTimeout(50);
  }
  assert.ok(frame, 'the foreign page frames embed.html');
  await frame.waitForFunction(() => { const f = document.querySelector('selfeval-form'); return f && f.template !== null; });
  await foreign.page.evaluate((a) => {
    const w = document.getElementById('framed').contentWindow;
    w.postMessage({ selfeval: 1, id: 1, method: 'setAnswers', params: [a] }, '*');
    w.postMessage({ selfeval: 1, id: 2, method: 'getAnswers', params: [] }, '*');
  }, seed001);
  await foreign.page.waitForTimeout(1500);
  assert.deepEqual(await foreign.page.evaluate(() => window.received), []);  // no reply, no event
  const state = await frame.evaluate(() => document.querySelector('selfeval-form').getAnswers());
  assert.equal(state.unit, undefined);  // nothing was set
  // The same message from the frame's own origin is answered: the silence above is the allow list.
  const own = await frame.evaluate(() => new Promise((resolve) => {
    window.addEventListener('message', (e) => { if (e.data && e.data.id === 7 && 'ok' in e.data) resolve(e.data.ok); });
    window.postMessage({ selfeval: 1, id: 7, method: 'getAnswers', params: [] }, location.origin);
  }));
  assert.equal(own, true);
  await foreign.context.close();
  foreignSite.close();
});

test('the site runs under the CSP the README documents, with no violation', async () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const documented = /Content-Security-Policy: ([^\n`]+)/.exec(readme);
  assert.ok(documented, 'README documents the CSP');
  const res = await fetch(server.base);
  assert.equal(res.headers.get('content-security-policy'), documented[1].trim());
  const { context, page, errors } = await open(server.base);
  await page.waitForSelector('body[data-ready="true"]');
  await page.click('button[data-template="project-self-assessment"]');
  await page.waitForSelector('#indicator-table');
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  // The policy is in force (so the clean run above means something): an inline script is refused.
  await page.evaluate(() => { const s = document.createElement('script'); s.textContent = 'window.inlineRan = true'; document.head.appendChild(s); });
  await page.waitForFunction(() => window.__csp.length > 0);
  assert.equal(await page.evaluate(() => window.inlineRan), undefined);
  assert.match((await page.evaluate(() => window.__csp))[0], /^script-src-elem/);
  assert.deepEqual(errors.filter((e) => !/Content Security Policy/.test(e)), []);
  await context.close();
});
