// The reviewer's signed sheet (issue 18): a verification sheet drafted from a unit's signed
// submission names it by the digest of its signed bytes; the review agency signs the sheet with a
// key registered in the reviewer role; the verifier passes the sheet only beside the submission
// it names, authentic and as the sheet describes it, and every single-value change of the signed
// sheet fails.
#include <doctest/doctest.h>

#include <functional>
#include <string>
#include <vector>

#include "api.hpp"
#include "base/canonical_json.hpp"
#include "base/crypto.hpp"
#include "forms/builtin_templates.hpp"
#include "forms/known_templates.hpp"
#include "signing/key_file.hpp"
#include "signing/key_registry.hpp"
#include "signing/submission.hpp"
#include "signing/verifier.hpp"
#include "test_support.hpp"

namespace {

using nlohmann::json;
using namespace selfeval;

const std::string kUnitAnswers = test_support::slurp("tests/data/review/apartment.answers.json");
const std::string kUnitName = json::parse(kUnitAnswers)["unit"]["implementer"];
const std::string kAgency = "致同会计师事务所(特殊普通合伙)广州分所";

const SignatureCheck kSodium = [](Profile p, std::string_view m, std::string_view s,
                                  std::string_view pk) {
  return core_signature_check(p, m, s, pk);
};

std::string entry(const crypto::KeyPair& key, const std::string& unit, const std::string& role) {
  return json{{"unit", unit},
              {"role", role},
              {"alg", "Ed25519"},
              {"public_key", crypto::base64url(crypto::view(key.public_key))},
              {"kid", key_id(key.public_key)},
              {"status", "active"},
              {"valid_from", "2022-01-01"},
              {"valid_to", "2023-12-31"}}
      .dump();
}

struct Fixture {
  crypto::KeyPair unit_key = crypto::ed25519_generate();
  crypto::KeyPair agency_key = crypto::ed25519_generate();
  KnownTemplates templates = KnownTemplates::builtin();
  KeyRegistry registry;
  VerifyOptions options;
  json unit_env, sheet_answers, sheet_env;

  Fixture() {
    const auto reg = load_registry(R"({"format":"selfeval.registry.v1","keys":[)" +
                                   entry(unit_key, kUnitName, "unit") + "," +
                                   entry(agency_key, kAgency, "reviewer") + "]}");
    REQUIRE(reg.registry);
    registry = *reg.registry;
    options.at = *parse_rfc3339("2022-09-01T00:00:00Z");
    options.registry = &registry;
    const auto unit = create_submission(builtin_template("project-self-assessment"), kUnitAnswers,
                                        "2022-03-01T09:00:00Z", unit_key);
    REQUIRE(unit.envelope);
    unit_env = *unit.envelope;
    const json drafted = api_review_draft(unit_env.dump(), "", "");
    REQUIRE(drafted["ok"] == true);
    sheet_answers = drafted["answers"];
    sheet_answers["unit"]["agency"] = kAgency;
    sheet_answers["unit"]["reviewers"] = "曹建云、贺鹏程、史传林";
    sheet_answers["unit"]["date"] = "2022-08-30";
    sheet_env = sign_sheet(sheet_answers);
  }

  json sign_sheet(const json& answers) const {
    const auto b = create_submission(builtin_template("verification-sheet"), answers.dump(),
                                     "2022-08-30T10:00:00+08:00", agency_key);
    REQUIRE(b.envelope);
    return *b.envelope;
  }

  // The verdicts on a batch of files (name, text), settled together.
  std::vector<Verdict> verify(const std::vector<std::pair<std::string, std::string>>& files) const {
    std::vector<Verdict> out;
    for (const auto& [name, text] : files)
      out.push_back(verify_submission(text, name, templates, options, kSodium));
    settle_batch(out);
    return out;
  }
};

bool has(const Findings& fs, const std::string& code) {
  for (const auto& f : fs)
    if (f.code == code) return true;
  return false;
}

std::string path_of(const Findings& fs, const std::string& code) {
  for (const auto& f : fs)
    if (f.code == code) return f.path;
  return "";
}

}  // namespace

TEST_CASE("a reviewer's sheet verifies beside the submission it names, and says which it is") {
  const Fixture f;
  const auto v = f.verify(
      {{"sheet.signed.json", f.sheet_env.dump()}, {"unit.signed.json", f.unit_env.dump()}});
  for (const auto& verdict : v) {
    INFO(verdict.name);
    CHECK(verdict.status == VerifyStatus::kPassed);
    CHECK(verdict.findings.empty());
  }
  // Signed in the reviewer role, under the agency's name.
  CHECK(v[0].unit == kAgency);
  CHECK(v[0].unit_field == "agency");
  REQUIRE(v[0].reviewed);
  CHECK(v[0].reviewed->sha256 == v[1].digest);
  CHECK(v[0].reviewed_file == "unit.signed.json");
  const json report = verdict_to_json(v[0]);
  CHECK(report["reviewed"]["file"] == "unit.signed.json");
  CHECK(report["reviewed"]["unit"] == kUnitName);
  CHECK(report["reviewed"]["project"] == "人才公寓补助");
  CHECK_FALSE(verdict_to_json(v[1]).contains("reviewed"));
}

TEST_CASE("a sheet fails without its submission, beside a failed one, or when it lies about it") {
  const Fixture f;
  // Alone: which submission it scores cannot be confirmed.
  auto alone = f.verify({{"sheet.signed.json", f.sheet_env.dump()}});
  CHECK(alone[0].status == VerifyStatus::kFailed);
  CHECK(has(alone[0].findings, "review.reviewed_missing"));

  // Beside another unit's submission: still not the one named.
  json other_answers = json::parse(kUnitAnswers);
  other_answers["unit"]["project_name"] = "人才引进认定补贴";
  const auto other = create_submission(builtin_template("project-self-assessment"),
                                       other_answers.dump(), "2022-03-01T09:00:00Z", f.unit_key);
  REQUIRE(other.envelope);
  auto wrong = f.verify({{"sheet", f.sheet_env.dump()}, {"other", other.envelope->dump()}});
  CHECK(has(wrong[0].findings, "review.reviewed_missing"));
  CHECK(wrong[1].status == VerifyStatus::kPassed);

  // Beside the named submission whose signing key is not registered: the sheet fails with it.
  Fixture stranger;
  KeyRegistry agency_only = *load_registry(R"({"format":"selfeval.registry.v1","keys":[)" +
                                           entry(stranger.agency_key, kAgency, "reviewer") + "]}")
                                 .registry;
  stranger.options.registry = &agency_only;
  auto untrusted =
      stranger.verify({{"sheet", stranger.sheet_env.dump()}, {"unit", stranger.unit_env.dump()}});
  CHECK(untrusted[1].status == VerifyStatus::kFailed);
  CHECK(has(untrusted[1].findings, "registry.unregistered"));
  CHECK(has(untrusted[0].findings, "review.reviewed_failed"));

  // A link that names the right digest but lies about the unit, signed by the agency.
  json lying = f.sheet_answers;
  lying["reviewed"]["unit"] = "另一个单位";
  auto lie = f.verify({{"sheet", f.sign_sheet(lying).dump()}, {"unit", f.unit_env.dump()}});
  CHECK(has(lie[0].findings, "review.reviewed_mismatch"));
  CHECK(path_of(lie[0].findings, "review.reviewed_mismatch") ==
        "/submission/answers/reviewed/unit");
  // The sheet's own project must be the reviewed one.
  json moved = f.sheet_answers;
  moved["unit"]["project_name"] = "别的项目";
  auto project = f.verify({{"sheet", f.sign_sheet(moved).dump()}, {"unit", f.unit_env.dump()}});
  CHECK(has(project[0].findings, "review.reviewed_project"));

  // A unit key cannot sign the sheet: the verification sheet is the reviewer role's.
  json unit_signed = f.sheet_answers;
  unit_signed["unit"]["agency"] = kUnitName;
  const auto by_unit = create_submission(builtin_template("verification-sheet"), unit_signed.dump(),
                                         "2022-08-30T10:00:00+08:00", f.unit_key);
  REQUIRE(by_unit.envelope);
  auto role = f.verify({{"sheet", by_unit.envelope->dump()}, {"unit", f.unit_env.dump()}});
  CHECK(has(role[0].findings, "registry.role"));
}

TEST_CASE("a sheet with no link cannot be signed, and a hand-made one does not verify") {
  const Fixture f;
  json bare = f.sheet_answers;
  bare.erase("reviewed");
  const auto refused = create_submission(builtin_template("verification-sheet"), bare.dump(),
                                         "2022-08-30T10:00:00+08:00", f.agency_key);
  CHECK_FALSE(refused.envelope);
  CHECK(has(refused.findings, "submission.no_reviewed"));
  // Signed by hand without the link (another producer): refused by the verifier.
  json env = f.sheet_env;
  env["submission"]["answers"].erase("reviewed");
  std::string err;
  const std::string input =
      env["jws"]["protected"].get<std::string>() + "." + *canonical_json(env["submission"], &err);
  env["jws"]["signature"] =
      crypto::base64url(crypto::view(crypto::ed25519_sign(input, f.agency_key)));
  auto v = f.verify({{"sheet", env.dump()}, {"unit", f.unit_env.dump()}});
  CHECK(v[0].status == VerifyStatus::kFailed);
  CHECK(has(v[0].findings, "review.no_reviewed"));
}

TEST_CASE("every single-value change of a signed sheet is rejected") {
  const Fixture f;
  const std::string unit_text = f.unit_env.dump();
  // Every scalar of the envelope, changed one at a time.
  std::vector<json::json_pointer> leaves;
  std::function<void(const json&, const json::json_pointer&)> walk =
      [&](const json& v, const json::json_pointer& at) {
        if (v.is_object())
          for (const auto& [k, c] : v.items()) walk(c, at / k);
        else if (v.is_array())
          for (std::size_t i = 0; i < v.size(); ++i) walk(v[i], at / i);
        else
          leaves.push_back(at);
      };
  walk(f.sheet_env, json::json_pointer());
  REQUIRE(leaves.size() > 100);
  int checked = 0;
  for (const auto& p : leaves) {
    json t = f.sheet_env;
    json& x = t[p];
    if (x.is_string())
      x = x.get<std::string>() + "1";
    else if (x.is_number_integer())
      x = x.get<long long>() + 1;
    else if (x.is_boolean())
      x = !x.get<bool>();
    else
      x = "0";
    const auto v = f.verify({{"sheet", t.dump()}, {"unit", unit_text}});
    INFO(p.to_string());
    CHECK(v[0].status != VerifyStatus::kPassed);
    ++checked;
  }
  CHECK(checked == static_cast<int>(leaves.size()));
}
