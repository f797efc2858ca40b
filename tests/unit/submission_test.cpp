// Submissions in the core: what read_envelope establishes, the EdDSA synonym, every
// protected-header rule, and the verifier's decisions on one file and on a batch.
#include "signing/submission.hpp"

#include <doctest/doctest.h>

#include "base/canonical_json.hpp"
#include "base/timestamp.hpp"
#include "base/utf8.hpp"
#include "forms/known_templates.hpp"
#include "signing/key_file.hpp"
#include "signing/key_registry.hpp"
#include "signing/verifier.hpp"
#include "test_support.hpp"

namespace {

using nlohmann::json;
using namespace selfeval;

const std::string kAnswers = test_support::slurp("tests/golden/seed001-project/answers.json");
const std::string kTemplate = test_support::slurp("schemas/templates/project-self-assessment.json");

// Re-signs an envelope after its protected header is replaced.
json with_header(json env, const json& header, const crypto::KeyPair& key) {
  std::string err;
  env["jws"]["protected"] = crypto::base64url(*canonical_json(header, &err));
  const std::string input =
      env["jws"]["protected"].get<std::string>() + "." + *canonical_json(env["submission"], &err);
  env["jws"]["signature"] = crypto::base64url(crypto::view(crypto::ed25519_sign(input, key)));
  return env;
}

bool has(const Findings& fs, const std::string& code) {
  for (const auto& f : fs)
    if (f.code == code) return true;
  return false;
}

template <std::size_t N>
std::array<std::uint8_t, N> arr(std::string_view bytes) {
  std::array<std::uint8_t, N> a{};
  REQUIRE(bytes.size() == N);
  std::copy(bytes.begin(), bytes.end(), a.begin());
  return a;
}

const SignatureCheck kSodium = [](Profile p, std::string_view m, std::string_view s,
                                  std::string_view pk) {
  return p == Profile::kEd25519 && crypto::ed25519_verify(m, arr<64>(s), arr<32>(pk));
};

std::string registry_for(const crypto::KeyPair& key, const std::string& unit,
                         const std::string& extra = "") {
  return R"({"format":"selfeval.registry.v1","keys":[{"unit":")" + unit +
         R"(","role":"unit","alg":"Ed25519","public_key":")" +
         crypto::base64url(crypto::view(key.public_key)) + R"(","kid":")" + key_id(key.public_key) +
         R"(","status":"active","valid_from":"2023-01-01","valid_to":"2023-12-31"})" + extra + "]}";
}

}  // namespace

TEST_CASE(
    "a fresh envelope reads clean and its signature verifies; EdDSA is accepted for Ed25519") {
  const crypto::KeyPair key = crypto::ed25519_generate();
  const auto b = create_submission(kTemplate, kAnswers, "2023-01-15T09:00:00Z", key);
  REQUIRE(b.envelope);
  const Envelope c = read_envelope(b.envelope->dump());
  CHECK(c.findings.empty());
  CHECK(crypto::ed25519_verify(c.signing_input, arr<64>(c.signature), arr<32>(c.public_key)));
  CHECK(c.kid == key_id(key.public_key));

  const json base = {{"b64", false},
                     {"crit", json::array({"b64"})},
                     {"kid", key_id(key.public_key)},
                     {"typ", "selfeval-submission+json"}};
  json h = base;
  h["alg"] = "EdDSA";
  const Envelope e = read_envelope(with_header(*b.envelope, h, key).dump());
  CHECK(e.findings.empty());
  CHECK(crypto::ed25519_verify(e.signing_input, arr<64>(e.signature), arr<32>(e.public_key)));

  h["alg"] = "HS256";
  CHECK(has(read_envelope(with_header(*b.envelope, h, key).dump()).findings, "jws.alg"));
  h = base;
  h["alg"] = "Ed25519";
  h["b64"] = true;
  CHECK(has(read_envelope(with_header(*b.envelope, h, key).dump()).findings, "jws.b64"));
  h = base;
  h["alg"] = "Ed25519";
  h["kid"] = "someone-else";
  CHECK(has(read_envelope(with_header(*b.envelope, h, key).dump()).findings, "jws.kid"));
  h = base;
  h["alg"] = "Ed25519";
  h["typ"] = "JWT";
  CHECK(has(read_envelope(with_header(*b.envelope, h, key).dump()).findings, "jws.typ"));
  h = base;
  h["alg"] = "Ed25519";
  h["jku"] = "https://example.org/keys";
  CHECK(has(read_envelope(with_header(*b.envelope, h, key).dump()).findings, "jws.unknown_member"));
  json extra = *b.envelope;
  extra["note"] = "unsigned addition";
  CHECK(has(read_envelope(extra.dump()).findings, "submission.structure"));
  CHECK(has(read_envelope(std::string(kMaxSubmissionBytes + 1, ' ')).findings,
            "submission.too_large"));
}

TEST_CASE(
    "the verifier binds the key to the template's signing field, judged at the time of checking") {
  const crypto::KeyPair key = crypto::ed25519_generate();
  const auto b = create_submission(kTemplate, kAnswers, "2023-01-15T09:00:00Z", key);
  REQUIRE(b.envelope);
  const KnownTemplates templates = KnownTemplates::builtin();
  const auto reg = load_registry(registry_for(key, "番禺区委组织部"));
  REQUIRE(reg.registry);
  VerifyOptions o;
  o.registry = &*reg.registry;
  o.at = *parse_rfc3339("2023-06-01T00:00:00Z");
  Verdict v = verify_submission(b.envelope->dump(), "a", templates, o, kSodium);
  CHECK(v.status == VerifyStatus::kPassed);
  CHECK(v.authentic);
  CHECK(v.signer_ok);
  CHECK(v.unit_field == "implementer");
  CHECK(v.template_origin == "built-in");
  CHECK(*v.total == "100.00");
  CHECK(v.errors == 0);
  CHECK(v.warnings == 5);
  // The same file checked after the key's last day fails, whatever time it claims.
  o.at = *parse_rfc3339("2024-01-01T00:00:00+08:00");
  v = verify_submission(b.envelope->dump(), "a", templates, o, kSodium);
  CHECK(has(v.findings, "registry.expired"));
  CHECK(v.authentic);
  CHECK_FALSE(v.signer_ok);
  // Another unit's key.
  const auto other = load_registry(registry_for(key, "单位乙"));
  o.registry = &*other.registry;
  o.at = *parse_rfc3339("2023-06-01T00:00:00Z");
  CHECK(has(verify_submission(b.envelope->dump(), "a", templates, o, kSodium).findings,
            "registry.unit_mismatch"));
  // A signature check that fails stops everything after it.
  v = verify_submission(
      b.envelope->dump(), "a", templates, o,
      [](Profile, std::string_view, std::string_view, std::string_view) { return false; });
  CHECK(v.findings.size() == 1);
  CHECK(v.findings[0].code == "jws.bad_signature");
  CHECK_FALSE(v.total.has_value());
}

TEST_CASE(
    "a batch: the same submission twice is a duplicate, an earlier one for the same form is "
    "superseded") {
  const crypto::KeyPair key = crypto::ed25519_generate();
  const KnownTemplates templates = KnownTemplates::builtin();
  VerifyOptions o;
  o.at = *parse_rfc3339("2023-06-01T00:00:00Z");
  const auto early = create_submission(kTemplate, kAnswers, "2023-01-15T09:00:00Z", key);
  const auto late = create_submission(kTemplate, kAnswers, "2023-01-16T09:00:00Z", key);
  std::vector<Verdict> batch = {
      verify_submission(early.envelope->dump(), "early", templates, o, kSodium),
      verify_submission(late.envelope->dump(), "late", templates, o, kSodium),
      verify_submission(early.envelope->dump(1), "early-again", templates, o, kSodium)};
  settle_batch(batch);
  CHECK(batch[0].status == VerifyStatus::kSuperseded);
  CHECK(batch[0].superseded_by == "late");
  CHECK(batch[1].status == VerifyStatus::kPassed);
  CHECK(batch[2].status == VerifyStatus::kDuplicate);
  CHECK(batch[2].duplicate_of == "early");
  const VerifySummary s = summarize(batch, false);
  CHECK(s.passed == 1);
  CHECK(s.exit_code() == 1);
  CHECK(summarize({batch[1]}, false).exit_code() == 3);
  CHECK(summarize({batch[1]}, true).exit_code() == 0);
}

TEST_CASE("registries: strict dates, kid, one unit per key, revocation wins") {
  const crypto::KeyPair key = crypto::ed25519_generate();
  CHECK(load_registry(registry_for(key, "甲")).registry);
  CHECK_FALSE(load_registry("").registry);
  CHECK_FALSE(load_registry("{}").registry);
  const std::string pk = crypto::base64url(crypto::view(key.public_key)),
                    kid = key_id(key.public_key);
  const std::string again =
      R"(,{"unit":"甲","role":"unit","alg":"Ed25519","public_key":")" + pk + R"(","kid":")" + kid +
      R"(","status":"revoked","valid_from":"2023-01-01","valid_to":"2023-12-31"})";
  const auto revoked = load_registry(registry_for(key, "甲", again));
  REQUIRE(revoked.registry);
  CHECK(revoked.registry->find(pk)->revoked);
  CHECK_FALSE(revoked.registry->find(pk)->valid_on(CivilDate{2023, 6, 1}));
  std::string two = again;
  two.replace(two.find("\"甲\""), 5, "\"乙\"");
  CHECK(has(load_registry(registry_for(key, "甲", two)).findings, "registry.key_two_units"));
  std::string bad = registry_for(key, "甲");
  bad.replace(bad.find("2023-12-31"), 10, "2023-12-32");
  CHECK(has(load_registry(bad).findings, "registry.date"));
  bad = registry_for(key, "甲");
  bad.replace(bad.find(kid), kid.size(), std::string(43, 'A'));
  CHECK(has(load_registry(bad).findings, "registry.kid"));
  CHECK(has(load_registry("\xEF\xBB\xBF" + registry_for(key, "甲")).findings, "json.bom"));
}

TEST_CASE("RFC 3339 times and ISO dates are read strictly") {
  CHECK(parse_rfc3339("2023-06-01T09:00:00Z")->to_string() == "2023-06-01T09:00:00Z");
  CHECK(parse_rfc3339("2023-06-01T17:00:00.123+08:00")->to_string() == "2023-06-01T09:00:00Z");
  CHECK(parse_rfc3339("2024-02-29T00:00:00-05:30")->to_string() == "2024-02-29T05:30:00Z");
  for (const char* bad :
       {"2023-02-30T00:00:00Z", "2023-06-01T24:00:00Z", "2023-06-01T09:00:60Z",
        "2023-06-01T09:00:00", "2023-06-01 09:00:00Z", "2023-06-01t09:00:00z", "2023-06", "",
        "2023-06-01T09:00:00.Z", "2023-06-01T09:00:00+0800", "0999-06-01T09:00:00Z",
        "2023-06-01T09:00:00Z ", "２０２３-06-01T09:00:00Z"})
    CHECK_MESSAGE(!parse_rfc3339(bad), bad);
  CHECK(parse_iso_date("2024-02-29"));
  CHECK_FALSE(parse_iso_date("2023-02-29"));
  CHECK_FALSE(parse_iso_date("01/01/2023"));
  CHECK_FALSE(parse_iso_date("2023-1-1"));
  CHECK(parse_rfc3339("2023-12-31T16:00:00Z")->date_at_offset(kChinaOffsetMinutes) ==
        CivilDate{2024, 1, 1});
}

TEST_CASE("escape_controls: nothing in a file can steer a terminal") {
  CHECK(escape_controls("OK 优") == "OK 优");
  CHECK(escape_controls("a\rb\x1b[2K\n") == "a\\u{000D}b\\u{001B}[2K\\u{000A}");
  CHECK(escape_controls("\xE2\x80\xAE"
                        "abc") == "\\u{202E}abc");
  CHECK(escape_controls("\xC2\x9B"
                        "31m") == "\\u{009B}31m");
  CHECK(escape_controls("x\xFFy") == "x\\xFFy");
}

TEST_CASE("known templates: a modified copy with a built-in id and version is refused") {
  KnownTemplates t = KnownTemplates::builtin();
  CHECK(t.add(kTemplate, "copy.json").empty());  // the same one again: accepted once
  json changed = json::parse(kTemplate);
  changed["grade_bands"][0]["min"] = 60;
  const Findings f = t.add(changed.dump(), "evil.json");
  CHECK(has(f, "templates.shadowed"));
  CHECK(t.find("project-self-assessment", "1.0.0")->origin == "built-in");
  CHECK(has(t.add("{}", "x.json"), "templates.not_a_template"));
}
