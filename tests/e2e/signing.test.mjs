// Signing in the browser: the unit creates a key (kept encrypted only), exports a signed
// submission from the filled seed 001 form; the bureau's native CLI verifies it, and
// Chromium's own WebCrypto Ed25519 verifies the signature the wasm core made.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdtempSync } from 'node:fs';
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
