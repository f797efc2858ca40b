// The 国密 profile natively: SM3 against GB/T 32905's vectors and libcrypto's EVP_sm3; SM2
// against GB/T 32918.5 (GM/T 0003.5) Annex A; signatures only with the ID 1234567812345678
// and its Z value (an empty ID or no Z fails); DER <-> r || s at the edges; SM2 key files;
// SM2-SM3 submissions signed and verified through OpenSSL, and every mixing refused.
#include <doctest/doctest.h>
#include <openssl/evp.h>
#include <unistd.h>

#include <cstdlib>
#include <random>

#include "base/canonical_json.hpp"
#include "base/crypto.hpp"
#include "base/timestamp.hpp"
#include "forms/known_templates.hpp"
#include "openssl_sm2.hpp"
#include "review/review_session.hpp"
#include "review/summary.hpp"
#include "signing/key_file.hpp"
#include "signing/key_registry.hpp"
#include "signing/submission.hpp"
#include "signing/verifier.hpp"
#include "test_support.hpp"

namespace {

using nlohmann::json;
using namespace selfeval;
using namespace selfeval::cli;

std::string unhex(std::string_view h) {
  const auto b = crypto::from_hex(h);
  REQUIRE(b);
  return *b;
}

std::string evp_sm3(std::string_view m) {
  unsigned char out[32];
  unsigned int len = 0;
  REQUIRE(EVP_Digest(m.data(), m.size(), out, &len, EVP_sm3(), nullptr) == 1);
  return std::string(reinterpret_cast<char*>(out), len);
}

bool has(const Findings& fs, const std::string& code) {
  for (const auto& f : fs)
    if (f.code == code) return true;
  return false;
}

const SignatureCheck kOpenssl = [](Profile p, std::string_view m, std::string_view s,
                                   std::string_view pk) {
  return p == Profile::kSm2Sm3 && openssl_sm2_verify(m, s, pk);
};

const crypto::Argon2Params kFast{1, 8u << 20};
const std::string kAnswers = test_support::slurp("tests/golden/seed001-project/answers.json");
const std::string kTemplate = test_support::slurp("schemas/templates/project-self-assessment.json");

Sm2Pair fresh_pair() {
  const auto p = openssl_sm2_generate();
  REQUIRE(p);
  return *p;
}

// An SM2-SM3 envelope of seed 001, signed by OpenSSL.
json sm2_envelope(const Sm2Pair& key, const std::string& created = "2023-01-15T09:00:00Z") {
  const PreparedSubmission p =
      prepare_submission(kTemplate, kAnswers, created, Profile::kSm2Sm3, key.public_key);
  REQUIRE(!p.signing_input.empty());
  const auto sig = openssl_sm2_sign(p.signing_input, key);
  REQUIRE(sig);
  return seal_submission(p, *sig);
}

// Re-signs an envelope after `change` edits it (header and/or submission), with SM2.
template <class F>
json resigned(json env, const Sm2Pair& key, F change) {
  std::string err;
  json header = json::parse(*crypto::base64url_decode(env["jws"]["protected"].get<std::string>()));
  change(header, env["submission"]);
  env["jws"]["protected"] = crypto::base64url(*canonical_json(header, &err));
  const std::string input =
      env["jws"]["protected"].get<std::string>() + "." + *canonical_json(env["submission"], &err);
  env["jws"]["signature"] = crypto::base64url(*openssl_sm2_sign(input, key));
  return env;
}

std::string sm2_registry(const Sm2Pair& key, const std::string& unit) {
  return R"({"format":"selfeval.registry.v1","keys":[{"unit":")" + unit +
         R"(","role":"unit","alg":"SM2","public_key":")" + crypto::base64url(key.public_key) +
         R"(","kid":")" + key_id(Profile::kSm2Sm3, key.public_key) + R"(","fingerprint":")" +
         key_fingerprint(Profile::kSm2Sm3, key.public_key) +
         R"(","status":"active","valid_from":"2023-01-01","valid_to":"2030-12-31"}]})";
}

}  // namespace

TEST_CASE("SM3: GB/T 32905-2016 Appendix A vectors, and libcrypto agrees on every length") {
  // A.1: "abc"; A.2: "abcd" sixteen times (64 bytes).
  CHECK(crypto::hex(crypto::view(crypto::sm3("abc"))) ==
        "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
  std::string m64;
  for (int i = 0; i < 16; ++i) m64 += "abcd";
  CHECK(crypto::hex(crypto::view(crypto::sm3(m64))) ==
        "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732");
  // Every length across the block boundaries, random bytes, against the installed libcrypto.
  std::mt19937 rng(32905);
  for (std::size_t len = 0; len <= 300; ++len) {
    std::string m(len, '\0');
    for (auto& c : m) c = static_cast<char>(rng());
    CHECK(std::string(crypto::view(crypto::sm3(m))) == evp_sm3(m));
  }
}

TEST_CASE("SM2: GB/T 32918.5-2016 (GM/T 0003.5-2012) Annex A signature verifies through OpenSSL") {
  // The recommended curve, the default ID 1234567812345678, message "message digest".
  const std::string d = unhex("3945208F7B2144B13F36E38AC6D39F95889393692860B51A42FB81EF4DF7C5B8");
  const auto pub = openssl_sm2_public_key(d);
  REQUIRE(pub);
  CHECK(crypto::hex(*pub) ==
        "0409f9df311e5421a150dd7d161e4bc5c672179fad1833fc076bb08ff356f35020"
        "ccea490ce26775a52dc6ea718cc1aa600aed05fbf35e084a6632f6072da9ad13");
  const std::string rs = unhex(
      "F5A03B0648D2C4630EEAC513E1BB81A15944DA3827D5B74143AC7EACEEE720B3"
      "B1B6AA29DF212FD8763182BC0D421CA1BB9038FD1F7F42D4840B69C485BBC1AA");
  CHECK(openssl_sm2_verify("message digest", rs, *pub));
  CHECK_FALSE(openssl_sm2_verify("message digesT", rs, *pub));
  std::string flipped = rs;
  flipped[63] ^= 1;
  CHECK_FALSE(openssl_sm2_verify("message digest", flipped, *pub));
  // Our own signatures with that key verify too (SM2 is randomised: never the same r || s).
  const Sm2Pair key{d, *pub};
  const auto mine = openssl_sm2_sign("message digest", key);
  REQUIRE(mine);
  CHECK(openssl_sm2_verify("message digest", *mine, *pub));
}

TEST_CASE("SM2: a signature with an empty ID or without Z fails; only the profile's verifies") {
  const Sm2Pair key = fresh_pair();
  for (int i = 0; i < 50; ++i) {
    const std::string m = "selfeval " + std::to_string(i);
    const auto good = openssl_sm2_sign(m, key, Sm2Z::kDefaultId);
    const auto empty_id = openssl_sm2_sign(m, key, Sm2Z::kEmptyId);
    const auto no_z = openssl_sm2_sign(m, key, Sm2Z::kNoZ);
    REQUIRE(good);
    REQUIRE(empty_id);
    REQUIRE(no_z);
    CHECK(openssl_sm2_verify(m, *good, key.public_key));
    CHECK_FALSE(openssl_sm2_verify(m, *empty_id, key.public_key));
    CHECK_FALSE(openssl_sm2_verify(m, *no_z, key.public_key));
  }
}

TEST_CASE("DER <-> r || s at the edges: leading zeros, the top bit, and no lenient DER") {
  const std::string one = std::string(31, '\0') + '\x01';
  const std::string top = '\x80' + std::string(31, '\x11');
  // r = 1 (31 leading zero bytes) and s with its top bit set (DER pads it with 0x00).
  const auto der = sm2_der_from_raw(one + top);
  REQUIRE(der);
  CHECK(crypto::hex(*der) == "3026020101022100" + crypto::hex(top));
  CHECK(sm2_raw_from_der(*der) == one + top);
  // One leading zero byte: a 31-byte INTEGER.
  const std::string short_r = '\0' + std::string(31, '\x7f');
  const auto d2 = sm2_der_from_raw(short_r + short_r);
  REQUIRE(d2);
  CHECK(d2->size() == 2 + 2 * (2 + 31));
  CHECK(sm2_raw_from_der(*d2) == short_r + short_r);
  // The largest values: 32 bytes of 0xff each, 33-byte INTEGERs.
  const std::string ff(32, '\xff');
  CHECK(sm2_raw_from_der(*sm2_der_from_raw(ff + ff)) == ff + ff);
  // Refused: zero r or s, a wrong length, a non-minimal INTEGER, a negative one, one over
  // 32 bytes, trailing bytes, a truncated SEQUENCE.
  CHECK_FALSE(sm2_der_from_raw(std::string(32, '\0') + top));
  CHECK_FALSE(sm2_der_from_raw(one + std::string(32, '\0')));
  CHECK_FALSE(sm2_der_from_raw(one));
  CHECK_FALSE(
      sm2_raw_from_der(unhex("30070202000102010"
                             "1")));                         // 00 01: not minimal
  CHECK_FALSE(sm2_raw_from_der(unhex("3006020181020101")));  // r = -127
  CHECK_FALSE(
      sm2_raw_from_der(unhex("30260221010000000000000000000000000000000000000000000000000"
                             "000000000000001020101")));           // r of 33 bytes
  CHECK_FALSE(sm2_raw_from_der(*der + std::string(1, '\0')));      // trailing byte
  CHECK_FALSE(sm2_raw_from_der(der->substr(0, der->size() - 1)));  // truncated
  CHECK_FALSE(sm2_raw_from_der(unhex("3006020100020101")));        // r = 0
  // Real signatures whose r or s has leading zero bytes (about 1 in 128 signatures): found,
  // converted and verified.
  const Sm2Pair key = fresh_pair();
  int found = 0;
  for (int i = 0; i < 4000 && found < 3; ++i) {
    const std::string m = "leading zero " + std::to_string(i);
    const auto sig = openssl_sm2_sign(m, key);
    REQUIRE(sig);
    if ((*sig)[0] != '\0' && (*sig)[32] != '\0') continue;
    ++found;
    // DER keeps no leading zero byte unless the next byte's top bit needs one; back to
    // r || s, each is padded to 32 bytes again.
    auto der_len = [](std::string_view v) {
      std::size_t i = 0;
      while (i < 31 && v[i] == '\0') ++i;
      return 32 - i + (static_cast<unsigned char>(v[i]) >= 0x80 ? 1 : 0);
    };
    const std::string d = *sm2_der_from_raw(*sig);
    const std::size_t rlen = static_cast<unsigned char>(d[3]);
    const std::size_t slen = static_cast<unsigned char>(d[5 + rlen]);
    CHECK(rlen == der_len(std::string_view(*sig).substr(0, 32)));
    CHECK(slen == der_len(std::string_view(*sig).substr(32)));
    CHECK(sm2_raw_from_der(d) == *sig);
    CHECK(openssl_sm2_verify(m, *sig, key.public_key));
  }
  CHECK(found == 3);
}

TEST_CASE("SM2 key files: the same Argon2id + XChaCha20-Poly1305 sealing, SM3 kid") {
  const Sm2Pair key = fresh_pair();
  const json f =
      create_sm2_key_file("番禺区委组织部", "正确的口令 correct horse", "2026-12-01T00:00:00Z",
                          key.private_key, key.public_key, kFast);
  CHECK(f["alg"] == "SM2");
  CHECK(f["kdf"]["alg"] == "argon2id");
  CHECK(f["cipher"]["alg"] == "xchacha20poly1305-ietf");
  CHECK(f["kid"] == crypto::base64url(crypto::view(crypto::sm3(key.public_key))));
  CHECK(f.dump().find(crypto::base64url(key.private_key)) == std::string::npos);
  const KeyOpen ok = open_key_file(f.dump(), "正确的口令 correct horse");
  REQUIRE(ok.sm2);
  CHECK_FALSE(ok.key);
  CHECK(ok.profile == Profile::kSm2Sm3);
  CHECK(ok.sm2->private_key == key.private_key);
  CHECK(ok.sm2->public_key == key.public_key);
  CHECK(open_key_file(f.dump(), "wrong").findings[0].code == "key.wrong_passphrase");
  // Another public key (with its kid) swapped in: the associated data no longer matches.
  const Sm2Pair other = fresh_pair();
  json swapped = f;
  swapped["public_key"] = crypto::base64url(other.public_key);
  swapped["kid"] = key_id(Profile::kSm2Sm3, other.public_key);
  CHECK(open_key_file(swapped.dump(), "正确的口令 correct horse").findings[0].code ==
        "key.wrong_passphrase");
  // An Ed25519 kid on an SM2 key: refused.
  json sha_kid = f;
  sha_kid["kid"] = crypto::base64url(crypto::view(crypto::sha256(key.public_key)));
  CHECK_FALSE(open_key_file(sha_kid.dump(), "正确的口令 correct horse").sm2);
  // The fingerprint is SM3 in groups of four.
  CHECK(key_fingerprint(Profile::kSm2Sm3, key.public_key).substr(0, 9) ==
        crypto::hex(crypto::view(crypto::sm3(key.public_key))).substr(0, 4) + " " +
            crypto::hex(crypto::view(crypto::sm3(key.public_key))).substr(4, 4));
}

TEST_CASE("an SM2-SM3 submission: SM3 everywhere, verified through OpenSSL, registry SM2") {
  const Sm2Pair key = fresh_pair();
  const json env = sm2_envelope(key);
  const json header =
      json::parse(*crypto::base64url_decode(env["jws"]["protected"].get<std::string>()));
  CHECK(header["alg"] == "SM2-SM3");
  CHECK(header["kid"] == crypto::base64url(crypto::view(crypto::sm3(key.public_key))));
  CHECK(env["submission"]["signer"]["alg"] == "SM2");
  CHECK_FALSE(env["submission"]["template"].contains("sha256"));
  CHECK(env["submission"]["template"]["sm3"] == *template_hash_sm3(kTemplate));
  CHECK(crypto::base64url_decode(env["jws"]["signature"].get<std::string>())->size() == 64);

  const Envelope c = read_envelope(env.dump());
  REQUIRE(c.findings.empty());
  CHECK(c.profile == Profile::kSm2Sm3);
  CHECK(openssl_sm2_verify(c.signing_input, c.signature, c.public_key));

  static const KnownTemplates templates = KnownTemplates::builtin();
  const KeyRegistry reg = *load_registry(sm2_registry(key, "番禺区委组织部")).registry;
  VerifyOptions o;
  o.at = *parse_rfc3339("2024-06-01T00:00:00Z");
  o.registry = &reg;
  Verdict v = verify_submission(env.dump(), "sm2", templates, o, kOpenssl);
  CHECK(v.status == VerifyStatus::kPassed);
  CHECK(v.template_sm3 == *template_hash_sm3(kTemplate));
  CHECK(verdict_to_json(v)["template"]["sm3"] == v.template_sm3);
  // A checker without SM2 (the core's own, in wasm) fails the file closed.
  const SignatureCheck ed_only = [](Profile p, std::string_view, std::string_view,
                                    std::string_view) { return p == Profile::kEd25519; };
  CHECK(has(verify_submission(env.dump(), "sm2", templates, o, ed_only).findings,
            "jws.bad_signature"));
  // Another unit's registry entry for the key: refused.
  const KeyRegistry other = *load_registry(sm2_registry(key, "别的单位")).registry;
  o.registry = &other;
  CHECK(has(verify_submission(env.dump(), "sm2", templates, o, kOpenssl).findings,
            "registry.unit_mismatch"));
}

TEST_CASE("mixed profiles are refused, whatever is re-signed") {
  const Sm2Pair key = fresh_pair();
  const json env = sm2_envelope(key);
  auto codes = [](const json& e) { return read_envelope(e.dump()).findings; };
  // SM2 signature with a SHA-256 template hash (instead of, or beside, SM3).
  CHECK(has(codes(resigned(env, key,
                           [&](json&, json& s) {
                             s["template"].erase("sm3");
                             s["template"]["sha256"] = *template_hash(kTemplate);
                           })),
            "jws.mixed_profile"));
  CHECK(has(
      codes(resigned(env, key,
                     [&](json&, json& s) { s["template"]["sha256"] = *template_hash(kTemplate); })),
      "jws.mixed_profile"));
  // SM2 signature with the SHA-256 kid.
  CHECK(has(codes(resigned(env, key,
                           [&](json& h, json&) {
                             h["kid"] =
                                 crypto::base64url(crypto::view(crypto::sha256(key.public_key)));
                           })),
            "jws.mixed_profile"));
  // Header Ed25519 over an SM2 signer, and SM2-SM3 over an Ed25519 signer.
  CHECK(has(codes(resigned(env, key, [&](json& h, json&) { h["alg"] = "Ed25519"; })),
            "jws.alg_mismatch"));
  CHECK(has(codes(resigned(env, key, [&](json& h, json&) { h["alg"] = "SM2"; })), "jws.alg"));
  // The reverse: an Ed25519 submission carrying an SM3 template hash or an SM3 kid.
  const crypto::KeyPair ed = crypto::ed25519_generate();
  const json e = *create_submission(kTemplate, kAnswers, "2023-01-15T09:00:00Z", ed).envelope;
  auto ed_resigned = [&](auto change) {
    json x = e;
    std::string err;
    json h = json::parse(*crypto::base64url_decode(x["jws"]["protected"].get<std::string>()));
    change(h, x["submission"]);
    x["jws"]["protected"] = crypto::base64url(*canonical_json(h, &err));
    const std::string input =
        x["jws"]["protected"].get<std::string>() + "." + *canonical_json(x["submission"], &err);
    x["jws"]["signature"] = crypto::base64url(crypto::view(crypto::ed25519_sign(input, ed)));
    return x;
  };
  CHECK(read_envelope(e.dump()).findings.empty());
  CHECK(has(codes(ed_resigned([&](json&, json& s) {
              s["template"].erase("sha256");
              s["template"]["sm3"] = *template_hash_sm3(kTemplate);
            })),
            "jws.mixed_profile"));
  CHECK(has(codes(ed_resigned([&](json& h, json&) {
              h["kid"] = crypto::base64url(crypto::view(crypto::sm3(crypto::view(ed.public_key))));
            })),
            "jws.mixed_profile"));
  CHECK(has(codes(ed_resigned([&](json& h, json&) { h["alg"] = "SM2-SM3"; })), "jws.alg_mismatch"));
  // A registry entry that says SM2 for a 32-byte key is refused as malformed.
  const std::string bad_reg =
      R"({"format":"selfeval.registry.v1","keys":[{"unit":"x","role":"unit","alg":"SM2","public_key":")" +
      crypto::base64url(crypto::view(ed.public_key)) + R"(","kid":")" + key_id(ed.public_key) +
      R"(","status":"active","valid_from":"2023-01-01","valid_to":"2030-12-31"}]})";
  CHECK(has(load_registry(bad_reg).findings, "registry.public_key"));
}

TEST_CASE("the CLI makes SM2 keys, signs, verifies, and hands openssl the DER parts") {
  const std::string dir = "/tmp/selfeval-sm2-cli-" + std::to_string(::getpid());
  std::string out;
  REQUIRE(std::system(("mkdir -p " + dir).c_str()) == 0);
  const std::string env = "SELFEVAL_PASSPHRASE='国密测试口令 sm2-2026' ";
  REQUIRE(test_support::run_cli_env(
              env, "keygen --alg SM2 --unit 番禺区委组织部 -o " + dir + "/sm2.key.json", out) == 0);
  CHECK(out.find("SM2-SM3") != std::string::npos);
  CHECK(out.find("SM3") != std::string::npos);
  REQUIRE(test_support::run_cli_env(
              env,
              "sign --key " + dir +
                  "/sm2.key.json --template " SELFEVAL_SOURCE_DIR
                  "/schemas/templates/project-self-assessment.json --answers " SELFEVAL_SOURCE_DIR
                  "/tests/golden/seed001-project/answers.json --created 2023-01-15T09:00:00Z -o " +
                  dir + "/sm2.signed.json",
              out) == 0);
  CHECK(test_support::run_cli("verify " + dir + "/sm2.signed.json", out) == 3);  // no registry
  CHECK(out.find("OK") == 0);
  CHECK(out.find(", sm3 ") != std::string::npos);
  REQUIRE(test_support::run_cli("jws-parts " + dir + "/sm2.signed.json -o " + dir + "/parts",
                                out) == 0);
  // Plain openssl, with the ID given explicitly: verified; without it (empty ID): refused.
  const std::string base = "openssl pkeyutl -verify -pubin -inkey " + dir +
                           "/parts/public-key.pem -rawin -digest sm3 -in " + dir +
                           "/parts/signing-input.bin -sigfile " + dir + "/parts/signature.bin";
  CHECK(std::system((base + " -pkeyopt distid:1234567812345678 >/dev/null 2>&1").c_str()) == 0);
  CHECK(std::system((base + " >/dev/null 2>&1").c_str()) != 0);
  REQUIRE(std::system(("rm -rf " + dir).c_str()) == 0);
}

TEST_CASE(
    "the workbench's session asks for an SM2 check over the bytes it prepared, fails closed") {
  const auto key = fresh_pair(), other = fresh_pair();
  const std::string good = sm2_envelope(key).dump();
  json tampered = json::parse(good);
  tampered["submission"]["result"]["total"] = "99.00";
  const std::string reg = sm2_registry(key, json::parse(kAnswers)["unit"]["implementer"]);
  // The CLI's verdicts (OpenSSL checks the signature itself): what the page must equal.
  VerifyOptions o;
  o.at = *parse_check_time("2024-01-01");
  const auto registry = load_registry(reg).registry;
  REQUIRE(registry);
  o.registry = &*registry;
  const auto known = KnownTemplates::builtin();
  const auto cli = [&](const std::string& text) {
    return verify_submission(text, "f", known, o, kOpenssl);
  };
  REQUIRE(cli(good).status == VerifyStatus::kPassed);
  REQUIRE(cli(tampered.dump()).status == VerifyStatus::kFailed);

  ReviewSession r;
  REQUIRE(r.set_registry(reg)["ok"].get<bool>());
  REQUIRE(r.set_time("2024-01-01")["ok"].get<bool>());
  // 1. The question: the signed bytes, r || s and the point, with the profile's ID; the answer
  // is what OpenSSL says of exactly those bytes.
  const json asked = r.add("a.signed.json", good);
  REQUIRE(asked.contains("signature_check"));
  const json& q = asked["signature_check"];
  CHECK(q["profile"] == "SM2-SM3");
  CHECK(q["id"] == "1234567812345678");
  CHECK(q["public_key_hex"] == crypto::hex(key.public_key));
  const std::string msg(r.pending_message());
  const std::string sig = unhex(q["signature_hex"].get<std::string>());
  CHECK(msg.rfind(json::parse(good)["jws"]["protected"].get<std::string>() + ".", 0) == 0);
  CHECK(r.size() == 0);  // pending, not yet a verdict
  json row = r.answer_signature(openssl_sm2_verify(msg, sig, key.public_key));
  CHECK(row["status"] == "passed");
  CHECK(row["total"] == "100.00");
  CHECK(r.answer_signature(true)["ok"] == false);  // nothing pending: no answer is taken
  // 2. A tampered file: OpenSSL says no, so does the page.
  const json asked2 = r.add("b.signed.json", tampered.dump());
  REQUIRE(asked2.contains("signature_check"));
  const json& q2 = asked2["signature_check"];
  const bool ok2 =
      openssl_sm2_verify(std::string(r.pending_message()),
                         unhex(q2["signature_hex"].get<std::string>()), key.public_key);
  CHECK_FALSE(ok2);
  CHECK(r.answer_signature(ok2)["reason_code"] == "jws.bad_signature");
  // 3. No answer at all: the next file, or the end of the batch, keeps it as not valid.
  CHECK(r.add("c.signed.json", sm2_envelope(other).dump()).contains("signature_check"));
  CHECK(r.add("d.signed.json", good).contains("signature_check"));
  const json s = r.settle();
  REQUIRE(s["rows"].size() == 4);
  for (const auto& row2 : s["rows"])
    if (row2["name"] == "c.signed.json" || row2["name"] == "d.signed.json")
      CHECK(row2["reason_code"] == "jws.bad_signature");
  // 4. Ed25519 files are never asked about; a session given OpenSSL's check asks nothing.
  ReviewSession native(kOpenssl);
  REQUIRE(native.set_registry(reg)["ok"].get<bool>());
  REQUIRE(native.set_time("2024-01-01")["ok"].get<bool>());
  CHECK(native.add("a.signed.json", good)["status"] == "passed");
}
