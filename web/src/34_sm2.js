/* The page's SM2 (国密 SM2-SM3 profile): sm-crypto-v2 on @noble/curves, vendored ahead of the
   page's scripts by tools/build_web.mjs (SE.sm2lib). The core prepares every byte that is
   signed and seals the envelope; this file only makes key pairs, signs and verifies, always
   with the signer ID 1234567812345678 and its Z value (GB/T 32918.2 §5.5, GM/T 0009 §10), set
   explicitly here, never left to a library's default. Signatures are r || s in hex (128
   digits), as the envelope carries them. Used by the page, the <selfeval-form> element
   (signing) and the workbench's worker (verifying the bytes its core prepares). */
var SE = window.SE || (window.SE = {});
SE.sm2 = (function () {
  var lib = SE.sm2lib && SE.sm2lib.sm2;
  var ID = '1234567812345678';
  // The order n of the SM2 curve (GB/T 32918.5): r and s must lie in [1, n - 1].
  var N = 'fffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123';
  var ZERO = '0000000000000000000000000000000000000000000000000000000000000000';
  function bytes(hex) {
    var out = new Uint8Array(hex.length / 2);
    for (var i = 0; i < out.length; i++) out[i] = parseInt(hex.substr(i * 2, 2), 16);
    return out;
  }
  // Equal-length lower-case hex compares as the numbers do.
  function scalar(h) { return h !== ZERO && h < N; }
  function isHex(h, len) { return typeof h === 'string' && h.length === len && /^[0-9a-f]*$/.test(h); }
  return {
    available: !!lib,
    ID: ID,
    /* A new key pair from the browser's CSPRNG (crypto.getRandomValues): hex private key
       (64 digits) and uncompressed public point 04 || x || y (130). */
    generate: function () {
      var k = lib.generateKeyPairHex();
      return { private_hex: k.privateKey, public_hex: k.publicKey };
    },
    publicKey: function (privateHex) { return lib.getPublicKeyFromPrivateKey(privateHex); },
    /* r || s of the bytes (hex) by the key, with Z from the profile's ID. */
    sign: function (messageHex, privateHex, publicHex) {
      return lib.doSignature(bytes(messageHex), privateHex, { hash: true, publicKey: publicHex, userId: ID });
    },
    verify: verify,
    /* The SM2 half of signing, the same in the page and the element: `p` is what the core's
       signPrepare gave (the key file opened: private and public key, the bytes to sign, the
       prepared envelope); the key's public point is checked to be its private key's, the
       signature made here is verified before anything is written, and the core seals the
       envelope through `seal(preparedJson, signatureHex)` (its sealSubmission, parsed).
       {ok, envelope, file_name} or {ok: false, findings}. */
    signPrepared: function (p, seal) {
      var problem = function (zh, en) {
        return { ok: false, findings: [{ code: 'key.sm2', severity: 'error', path: '', message_zh: zh, message_en: en }] };
      };
      if (!lib) return problem('本页面缺少 SM2 实现，无法使用国密密钥', 'This page has no SM2 implementation; SM2 keys cannot be used');
      if (lib.getPublicKeyFromPrivateKey(p.private_key_hex) !== p.public_key_hex) {
        return problem('密钥文件中的公钥与私钥不符', 'the key file\'s public key does not match its private key');
      }
      var sig = lib.doSignature(bytes(p.signing_input_hex), p.private_key_hex, { hash: true, publicKey: p.public_key_hex, userId: ID });
      p.private_key_hex = null;
      if (!verify(p.signing_input_hex, sig, p.public_key_hex)) return problem('SM2 签名失败', 'SM2 signing failed');
      var sealed = seal(JSON.stringify(p.prepared), sig);
      if (!sealed.ok) return sealed;
      return { ok: true, envelope: sealed.envelope, file_name: p.file_name };
    }
  };
  function verify(messageHex, signatureHex, publicHex) {
    var sig = String(signatureHex).toLowerCase();
    if (!isHex(sig, 128) || !scalar(sig.slice(0, 64)) || !scalar(sig.slice(64))) return false;
    if (!isHex(String(publicHex).toLowerCase(), 130)) return false;
    try {
      var message = typeof messageHex === 'string' ? bytes(messageHex) : messageHex;  // hex, or the bytes
      return lib.doVerifySignature(message, sig, String(publicHex).toLowerCase(), { hash: true, userId: ID }) === true;
    } catch (e) { return false; }  // a public key off the curve, and the like
  }
})();
