// libsodium compiled into the wasm module: RFC 8032 vectors, the CSPRNG, and signatures
// checked against Node's own Ed25519 (OpenSSL underneath) in both directions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPublicKey, createPrivateKey, sign, verify, randomBytes } from 'node:crypto';
import { loadEngine } from './helpers.mjs';

const b64u = (hex) => Buffer.from(hex, 'hex').toString('base64url');
const nodePublic = (pkHex) => createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: b64u(pkHex) }, format: 'jwk' });
const nodePrivate = (seedHex, pkHex) => createPrivateKey({ key: { kty: 'OKP', crv: 'Ed25519', d: b64u(seedHex), x: b64u(pkHex) }, format: 'jwk' });

test('RFC 8032 §7.1 vectors in wasm', async () => {
  const { engine } = await loadEngine();
  const vectors = [
    ['9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60', 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a', '',
      'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b'],
    ['4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb', '3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c', '72',
      '92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00'],
    ['c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7', 'fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025', 'af82',
      '6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a'],
  ];
  for (const [seed, pk, msg, sig] of vectors) {
    assert.equal(JSON.parse(engine.ed25519Keypair(seed)).public_key, pk);
    assert.equal(JSON.parse(engine.ed25519Sign(seed, msg)).signature, sig);
    assert.equal(JSON.parse(engine.ed25519Verify(pk, msg, sig)).valid, true);
    assert.equal(JSON.parse(engine.ed25519Verify(pk, msg + '00', sig)).valid, false);
  }
  assert.equal(JSON.parse(engine.sha256(Buffer.from('abc').toString('hex'))).sha256,
    'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  assert.equal(JSON.parse(engine.ed25519Sign('zz', '')).ok, false);
});

test('wasm keys come from the CSPRNG; 300 signatures cross-verify with node:crypto both ways', async () => {
  const { engine } = await loadEngine();
  const seen = new Set();
  for (let i = 0; i < 300; i++) {
    const k = JSON.parse(engine.ed25519Keypair(''));
    assert.ok(!seen.has(k.seed));
    seen.add(k.seed);
    const msg = randomBytes(i % 97);
    const wasmSig = JSON.parse(engine.ed25519Sign(k.seed, msg.toString('hex'))).signature;
    assert.ok(verify(null, msg, nodePublic(k.public_key), Buffer.from(wasmSig, 'hex')));
    const nodeSig = sign(null, msg, nodePrivate(k.seed, k.public_key)).toString('hex');
    assert.equal(JSON.parse(engine.ed25519Verify(k.public_key, msg.toString('hex'), nodeSig)).valid, true);
    assert.equal(wasmSig, nodeSig);
  }
});
