/* The page's SM2 (国密 SM2-SM3 profile): sm-crypto-v2 on @noble/curves, vendored ahead of the
   page's scripts by tools/build_web.mjs (SE.sm2lib). The core prepares every byte that is
   signed and seals the envelope; this file only makes key pairs, signs and verifies, always
   with the signer ID 1234567812345678 and its Z value (GB/T 32918.2 §5.5, GM/T 0009 §10), set
   explicitly here, never left to a library's default. Signatures are r || s in hex (128
   digits), as the envelope carries them. */
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
    verify: function (messageHex, signatureHex, publicHex) {
      var sig = String(signatureHex).toLowerCase();
      if (!isHex(sig, 128) || !scalar(sig.slice(0, 64)) || !scalar(sig.slice(64))) return false;
      if (!isHex(String(publicHex).toLowerCase(), 130)) return false;
      try {
        return lib.doVerifySignature(bytes(messageHex), sig, String(publicHex).toLowerCase(), { hash: true, userId: ID }) === true;
      } catch (e) { return false; }  // a public key off the curve, and the like
    }
  };
})();
