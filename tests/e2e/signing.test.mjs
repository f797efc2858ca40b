// Signing in the browser: the unit creates a key (kept encrypted only), exports a signed
// submission from the filled seed 001 form; the bureau's native CLI verifies it, and
// Chromium's own WebCrypto Ed25519 verifies the signature the wasm core made.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { launch, openPage, distFile } from './browser.mjs';
import { root, runCli } from '../node/helpers.mjs';

test('a submission signed in the page verifies natively and with WebCrypto', async () => {
  const browser = await launch();
  const dir = mkdtempSync(join(tmpdir(), 'selfeval-sign-'));
  try {
    const { page, requests, errors } = await openPage(browser, distFile('selfeval.html'));
    await page.setInputFiles('#answers-file-2', join(root, 'tests/golden/seed001-project/answers.json'));
    await page.waitForSelector('#indicator-table');
    assert.equal(await page.textContent('#total'), '100.00');

    await page.click('#signing-panel > summary');
    await page.fill('#key-pass', 'short');
    await page.fill('#key-pass2', 'short');
    await page.click('#key-generate');
    assert.match(await page.textContent('#sign-status'), /口令至少需要 12 个字符/);
    await page.fill('#key-pass', '单位口令 unit passphrase');
    await page.fill('#key-pass2', '单位口令 unit passphrase');
    await page.click('#key-generate');
    await page.waitForFunction(() => /[0-9a-f]{4} [0-9a-f]{4}/.test(document.getElementById('key-status').textContent));
    assert.match(await page.textContent('#key-status'), /^番禺区委组织部 · 公钥指纹( [0-9a-f]{4}){16}$/);

    // The 公钥登记表 for the bureau: unit, fingerprint, date and a stamp area.
    await page.evaluate(() => { window.print = () => { window.__printed = document.body.classList.contains('print-register'); }; });
    await page.click('#key-print');
    assert.equal(await page.evaluate(() => window.__printed), true);
    const register = await page.textContent('#key-register');
    assert.match(register, /公钥登记表.*单位名称番禺区委组织部.*公钥指纹（SHA-256）([0-9a-f]{4} ?){16}.*登记日期\d{4}-\d{2}-\d{2}.*经办人签字.*单位盖章/);

    // Only the encrypted key file is stored, in localStorage and IndexedDB.
    const stored = JSON.parse(await page.evaluate(() => localStorage.getItem('selfeval.keyfile')));
    assert.equal(stored.format, 'selfeval.key.v1');
    assert.ok(stored.sealed_seed && !('seed' in stored) && !('secret_key' in stored));
    const idb = await page.evaluate(() => new Promise((resolve) => {
      const req = indexedDB.open('selfeval');
      req.onsuccess = () => { const r = req.result.transaction('keys').objectStore('keys').get('unit'); r.onsuccess = () => resolve(r.result.key_file); };
    }));
    assert.equal(JSON.parse(idb).kid, stored.kid);

    // A wrong passphrase signs nothing.
    await page.fill('#key-pass', 'wrong passphrase');
    await page.click('#export-signed');
    assert.match(await page.textContent('#sign-status'), /口令错误/);

    await page.fill('#key-pass', '单位口令 unit passphrase');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-signed')]);
    assert.equal(download.suggestedFilename(), '2022年度-产业人才发展专项资金-项目支出绩效自评表.signed.json');
    const file = join(dir, download.suggestedFilename());
    await download.saveAs(file);

    const verified = runCli(['verify', file]);
    assert.equal(verified.status, 3, verified.stdout);  // passed; no registry, so the signer is unchecked
    assert.match(verified.stdout, /^OK .*total 100\.00 优/m);

    // WebCrypto in Chromium checks the wasm signature over the signed bytes.
    assert.equal(runCli(['jws-parts', file, '-o', dir]).status, 0);
    const input = [...readFileSync(join(dir, 'signing-input.bin'))];
    const sig = [...readFileSync(join(dir, 'signature.bin'))];
    const pk = [...Buffer.from(stored.public_key, 'base64url')];
    const [good, bad] = await page.evaluate(async ([pkBytes, inputBytes, sigBytes]) => {
      const key = await crypto.subtle.importKey('raw', new Uint8Array(pkBytes), { name: 'Ed25519' }, false, ['verify']);
      const data = new Uint8Array(inputBytes);
      const ok = await crypto.subtle.verify({ name: 'Ed25519' }, key, new Uint8Array(sigBytes), data);
      data[data.length - 2] ^= 1;
      const tampered = await crypto.subtle.verify({ name: 'Ed25519' }, key, new Uint8Array(sigBytes), data);
      return [ok, tampered];
    }, [pk, input, sig]);
    assert.equal(good, true);
    assert.equal(bad, false);

    assert.deepEqual(errors, []);
    assert.deepEqual(requests.filter((u) => !u.startsWith('file://') && !u.startsWith('blob:')), []);
  } finally {
    await browser.close();
  }
});

// The 国密 profile, chosen by the deployment: a page whose meta says SM2-SM3 makes an SM2 key
// (sealed like any key), prints its 公钥登记表 with the algorithm and the SM3 fingerprint, and
// signs with the page's SM2 library; the bureau's CLI (OpenSSL) verifies the file, and plain
// openssl pkeyutl does with the profile's ID.
test('a deployment set to SM2-SM3: the page makes an SM2 key and signs; OpenSSL verifies', async () => {
  const browser = await launch();
  const dir = mkdtempSync(join(tmpdir(), 'selfeval-sign-sm2-'));
  try {
    const html = readFileSync(join(root, 'dist/selfeval.html'), 'utf8');
    assert.match(html, /<meta name="selfeval-signature-profile" content="Ed25519">/);
    const sm2Page = join(dir, 'selfeval.html');
    writeFileSync(sm2Page, html.replace('<meta name="selfeval-signature-profile" content="Ed25519">',
      '<meta name="selfeval-signature-profile" content="SM2-SM3">'));
    const { page, requests, errors } = await openPage(browser, 'file://' + sm2Page);
    await page.setInputFiles('#answers-file-2', join(root, 'tests/golden/seed001-project/answers.json'));
    await page.waitForSelector('#indicator-table');
    await page.click('#signing-panel > summary');
    await page.fill('#key-pass', '国密单位口令 unit sm2');
    await page.fill('#key-pass2', '国密单位口令 unit sm2');
    await page.click('#key-generate');
    await page.waitForFunction(() => /[0-9a-f]{4} [0-9a-f]{4}/.test(document.getElementById('key-status').textContent));
    assert.match(await page.textContent('#key-status'), /^番禺区委组织部 · 国密 SM2-SM3 · 公钥指纹（SM3）( [0-9a-f]{4}){16}$/);
    const stored = JSON.parse(await page.evaluate(() => localStorage.getItem('selfeval.keyfile')));
    assert.equal(stored.alg, 'SM2');
    assert.equal(stored.kdf.alg, 'argon2id');
    assert.equal(stored.cipher.alg, 'xchacha20poly1305-ietf');
    const pk = Buffer.from(stored.public_key, 'base64url');
    assert.equal(pk.length, 65);
    const fp = createHash('sm3').update(pk).digest('hex').match(/.{4}/g).join(' ');
    assert.ok((await page.textContent('#key-status')).endsWith(fp));

    await page.evaluate(() => { window.print = () => {}; });
    await page.click('#key-print');
    const register = await page.textContent('#key-register');
    assert.match(register, /单位名称番禺区委组织部.*签名算法SM2-SM3（国密：SM2 签名，SM3 杂凑）.*公钥指纹（SM3）/);
    assert.ok(register.includes(fp));

    await page.fill('#key-pass', 'wrong passphrase');
    await page.click('#export-signed');
    assert.match(await page.textContent('#sign-status'), /口令错误/);
    await page.fill('#key-pass', '国密单位口令 unit sm2');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-signed')]);
    const file = join(dir, download.suggestedFilename());
    await download.saveAs(file);
    const envelope = JSON.parse(readFileSync(file, 'utf8'));
    assert.equal(JSON.parse(Buffer.from(envelope.jws.protected, 'base64url')).alg, 'SM2-SM3');
    assert.ok(envelope.submission.template.sm3 && !envelope.submission.template.sha256);

    const reg = join(dir, 'registry.json');
    writeFileSync(reg, JSON.stringify({ format: 'selfeval.registry.v1', keys: [{ unit: '番禺区委组织部', role: 'unit', alg: 'SM2',
      public_key: stored.public_key, kid: stored.kid, fingerprint: fp, status: 'active', valid_from: '2023-01-01', valid_to: '2030-12-31' }] }));
    const verified = runCli(['verify', file, '--keys', reg]);
    assert.equal(verified.status, 0, verified.stdout + verified.stderr);
    assert.match(verified.stdout, /^OK .*sm3 .*total 100\.00 优/m);
    assert.equal(runCli(['jws-parts', file, '-o', join(dir, 'parts')]).status, 0);
    const out = execFileSync('openssl', ['pkeyutl', '-verify', '-pubin', '-inkey', join(dir, 'parts/public-key.pem'), '-rawin',
      '-in', join(dir, 'parts/signing-input.bin'), '-sigfile', join(dir, 'parts/signature.bin'),
      '-pkeyopt', 'distid:1234567812345678'], { encoding: 'utf8' });
    assert.match(out, /Signature Verified Successfully/);

    // The SM2 key the CLI made (the committed example) imports and signs in the page too; the
    // bureau's registry of the examples accepts the result.
    await page.setInputFiles('#key-import', join(root, 'schemas/examples/unit.sm2.key.json'));
    await page.waitForFunction(() => /af04 4a9f/.test(document.getElementById('key-status').textContent));
    assert.match(await page.textContent('#key-status'), /国密 SM2-SM3 · 公钥指纹（SM3） af04 4a9f/);
    await page.fill('#key-pass', 'selfeval-示例口令-2023');
    const [again] = await Promise.all([page.waitForEvent('download'), page.click('#export-signed')]);
    const imported = join(dir, 'imported.signed.json');
    await again.saveAs(imported);
    const ok = runCli(['verify', imported, '--keys', join(root, 'schemas/examples/registry.json')]);
    assert.equal(ok.status, 0, ok.stdout + ok.stderr);
    assert.match(ok.stdout, /^OK .*kid rwRKn3xrbXakPb2i_2sAKOejUPObUJ5SqZ6rrkvs3xo/m);
    assert.deepEqual(errors, []);
    assert.deepEqual(requests.filter((u) => !u.startsWith('file://') && !u.startsWith('blob:')), []);
  } finally {
    await browser.close();
  }
});
