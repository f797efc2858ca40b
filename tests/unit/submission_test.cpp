// Submissions in the core: what check_submission establishes, the EdDSA synonym, and
// that every protected-header rule is enforced.
#include "submission.hpp"

#include <doctest/doctest.h>

#include "canonical_json.hpp"
#include "key_file.hpp"
#include "test_support.hpp"

namespace {

using nlohmann::json;
using namespace selfeval;

const std::string kTemplate = test_support::slurp("schemas/templates/project-self-assessment.json");
const TemplateLookup kLookup = [](const std::string& id, const std::string&, const std::string&) {
  return id == "project-self-assessment" ? kTemplate : std::string();
};

// Re-signs an envelope after its protected header is replaced.
json with_header(json env, const json& header, const crypto::KeyPair& key) {
  std::string err;
  env["jws"]["protected"] = crypto::base64url(*canonical_json(header, &err));
  const std::string input = env["jws"]["protected"].get<std::string>() + "." + *canonical_json(env["submission"], &err);
  env["jws"]["signature"] = crypto::base64url(crypto::view(crypto::ed25519_sign(input, key)));
  return env;
}

bool has(const Findings& fs, const std::string& code) {
  for (const auto& f : fs)
    if (f.code == code) return true;
  return false;
}

}  // namespace

TEST_CASE("a fresh submission checks clean and its signature verifies; EdDSA is accepted for Ed25519") {
  const crypto::KeyPair key = crypto::ed25519_generate();
  const auto b = create_submission(kTemplate, test_support::slurp("tests/golden/seed001-project/answers.json"),
                                   "2023-01-15T09:00:00Z", key);
  REQUIRE(b.envelope);
  const SubmissionCheck c = check_submission(b.envelope->dump(), kLookup);
  CHECK(c.findings.empty());
  CHECK(crypto::ed25519_verify(c.signing_input, c.signature, c.public_key));
  CHECK(c.kid == key_id(key.public_key));

  const json base = {{"b64", false}, {"crit", json::array({"b64"})}, {"kid", key_id(key.public_key)},
                     {"typ", "selfeval-submission+json"}};
  json h = base;
  h["alg"] = "EdDSA";
  const SubmissionCheck e = check_submission(with_header(*b.envelope, h, key).dump(), kLookup);
  CHECK(e.findings.empty());
  CHECK(crypto::ed25519_verify(e.signing_input, e.signature, e.public_key));

  h["alg"] = "HS256";
  CHECK(has(check_submission(with_header(*b.envelope, h, key).dump(), kLookup).findings, "jws.alg"));
  h = base;
  h["alg"] = "Ed25519";
  h["b64"] = true;
  CHECK(has(check_submission(with_header(*b.envelope, h, key).dump(), kLookup).findings, "jws.b64"));
  h = base;
  h["alg"] = "Ed25519";
  h["kid"] = "someone-else";
  CHECK(has(check_submission(with_header(*b.envelope, h, key).dump(), kLookup).findings, "jws.kid"));
  h = base;
  h["alg"] = "Ed25519";
  h["typ"] = "JWT";
  CHECK(has(check_submission(with_header(*b.envelope, h, key).dump(), kLookup).findings, "jws.typ"));
  json extra = *b.envelope;
  extra["note"] = "unsigned addition";
  CHECK(has(check_submission(extra.dump(), kLookup).findings, "submission.structure"));
}
