// 6. Signatures of the two profiles side by side: Ed25519 and SM2-SM3, where each runs.
//   - natively, OpenSSL 3 (the bureau's `selfeval verify`): `openssl speed ed25519 sm2`;
//   - in the page's engine: Ed25519 in the wasm core (libsodium), SM2 in the page's library
//     (sm-crypto-v2 on @noble/curves, the vendored script the page carries), under node's V8,
//     over a 4 KB message (a signing input is larger, but the hash is a small part of the cost);
//   - the bureau's batch: 1,000 seed-001 submissions per profile through `selfeval verify DIR`.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import vm from 'node:vm';
import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import { cli, root, loadEngine } from '../tests/node/helpers.mjs';
import { sm2VendorScript } from '../tools/lib/sm2_vendor.mjs';

function opensslSpeed() {
  const out = execFileSync('openssl', ['speed', '-seconds', '2', 'ed25519', 'sm2'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const row = (re) => { const m = out.match(re); return m ? { sign_per_s: Number(m[1]), verify_per_s: Number(m[2]) } : null; };
  return {
    ed25519: row(/253 bits EdDSA \(Ed25519\)\s+[\d.]+s\s+[\d.]+s\s+([\d.]+)\s+([\d.]+)/),
    sm2: row(/256 bits SM2 \(CurveSM2\)\s+[\d.]+s\s+[\d.]+s\s+([\d.]+)\s+([\d.]+)/),
  };
}

function perSecond(fn, ms = 1500) {
  let n = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < ms) { fn(); n++; }
  return n / ((performance.now() - t0) / 1000);
}

async function pageSpeed() {
  const ctx = { TextEncoder, Uint8Array, crypto: globalThis.crypto };
  ctx.window = ctx;
  ctx.globalThis = ctx;
  vm.createContext(ctx);
  vm.runInContext(sm2VendorScript(root), ctx);
  vm.runInContext(readFileSync(join(root, 'web/src/34_sm2.js'), 'utf8'), ctx);
  const sm2 = ctx.SE.sm2;
  const msg = randomBytes(4096).toString('hex');
  const k = sm2.generate();
  const sig = sm2.sign(msg, k.private_hex, k.public_hex);
  const { engine } = await loadEngine();
  const ek = JSON.parse(engine.ed25519Keypair(''));
  const esig = JSON.parse(engine.ed25519Sign(ek.seed, msg)).signature;
  return {
    message_bytes: 4096,
    sm2_sign_per_s: perSecond(() => sm2.sign(msg, k.private_hex, k.public_hex)),
    sm2_verify_per_s: perSecond(() => sm2.verify(msg, sig, k.public_hex)),
    ed25519_wasm_sign_per_s: perSecond(() => engine.ed25519Sign(ek.seed, msg)),
    ed25519_wasm_verify_per_s: perSecond(() => engine.ed25519Verify(ek.public_key, msg, esig)),
  };
}

function batch(alg, count) {
  const dir = mkdtempSync(join(tmpdir(), `selfeval-sigbench-${alg}-`));
  const env = { ...process.env, SELFEVAL_PASSPHRASE: 'bench-passphrase-2026' };
  const key = join(dir, 'unit.key.json');
  execFileSync(cli, ['keygen', '--alg', alg, '--unit', '番禺区委组织部', '-o', key], { env, encoding: 'utf8' });
  const base = JSON.parse(readFileSync(join(root, 'tests/golden/seed001-project/answers.json'), 'utf8'));
  const lines = [];
  for (let k = 0; k < count; k++) {
    const a = structuredClone(base);
    a.unit.project_name = `${base.unit.project_name}（第${k + 1}份）`;
    delete a.reported_total;
    lines.push(JSON.stringify(a));
  }
  writeFileSync(join(dir, 'answers.jsonl'), lines.join('\n') + '\n');
  const out = join(dir, 'signed');
  let t0 = performance.now();
  execFileSync(cli, ['sign', '--key', key, '--template', join(root, 'schemas/templates/project-self-assessment.json'),
    '--batch', join(dir, 'answers.jsonl'), '-o', out, '--created', '2026-11-24T08:00:00Z'], { env, encoding: 'utf8' });
  const signSeconds = (performance.now() - t0) / 1000;
  t0 = performance.now();
  const r = spawnSync(cli, ['verify', out, '--json'], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const verifySeconds = (performance.now() - t0) / 1000;
  const report = JSON.parse(r.stdout);
  if (report.summary.passed !== count) throw new Error(`${alg}: ${report.summary.passed} of ${count} passed`);
  return { submissions: count, sign_per_s: count / signSeconds, verify_per_s: count / verifySeconds };
}

export async function signatureBench({ count = 1000 } = {}) {
  return {
    openssl: opensslSpeed(),
    page: await pageSpeed(),
    cli_batch: { ed25519: batch('Ed25519', count), sm2: batch('SM2', count) },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await signatureBench({ count: Number(process.argv[2]) || 1000 }), null, 1));
}
