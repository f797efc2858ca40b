// The bureau's workbench in the core (core/review/, signing/registry_editor): the verdict
// of each file in words, duplicates and superseded files settled whatever order files
// come in, the summary workbook and CSV, the seeded sample, risk flags and the registry
// edits the page makes.
#include <doctest/doctest.h>

#include <map>

#include "api.hpp"
#include "base/crypto.hpp"
#include "forms/builtin_templates.hpp"
#include "review/review_session.hpp"
#include "review/sampling.hpp"
#include "review/summary.hpp"
#include "signing/key_file.hpp"
#include "signing/key_registry.hpp"
#include "signing/registry_editor.hpp"
#include "signing/submission.hpp"
#include "spreadsheet/xlsx.hpp"
#include "test_support.hpp"

namespace {

using nlohmann::json;
using namespace selfeval;

const std::string kAnswers = test_support::slurp("tests/golden/seed001-project/answers.json");
const std::string kTemplate = test_support::slurp("schemas/templates/project-self-assessment.json");
const std::string kUnit = json::parse(kAnswers)["unit"]["implementer"].get<std::string>();

crypto::KeyPair key_of(std::uint8_t b) {
  crypto::Bytes32 seed{};
  seed.fill(b);
  return crypto::ed25519_from_seed(seed);
}

std::string sign(const json& answers, const std::string& created, const crypto::KeyPair& key) {
  const auto b = create_submission(kTemplate, answers.dump(), created, key);
  REQUIRE(b.envelope);
  return b.envelope->dump();
}

json answers_for(const std::string& project) {
  json a = json::parse(kAnswers);
  a["unit"]["project_name"] = project;
  return a;
}

std::string registry_text(const crypto::KeyPair& key, const std::string& unit) {
  KeyEntryInput in;
  in.unit = unit;
  in.valid_from = "2023-01-01";
  in.valid_to = "2030-12-31";
  const json sent = {{"public_key", crypto::base64url(crypto::view(key.public_key))}};
  const json r = registry_add("", sent.dump(), in);
  REQUIRE(r["ok"].get<bool>());
  return r["text"].get<std::string>();
}

// A batch: three projects, one re-signed later (supersedes), one copy (duplicate), one
// tampered, one signed by an unregistered key, one that is not a submission.
std::vector<std::pair<std::string, std::string>> batch_files() {
  const auto k = key_of(1), stranger = key_of(2);
  std::vector<std::pair<std::string, std::string>> f;
  f.push_back({"a/p1.signed.json", sign(answers_for("项目一"), "2023-06-01T09:00:00Z", k)});
  f.push_back({"a/p2.signed.json", sign(answers_for("项目二"), "2023-06-01T09:00:00Z", k)});
  f.push_back({"a/p2-later.signed.json", sign(answers_for("项目二"), "2023-06-02T09:00:00Z", k)});
  f.push_back({"a/p1-copy.signed.json", f[0].second});
  json t = json::parse(sign(answers_for("项目三"), "2023-06-01T09:00:00Z", k));
  t["submission"]["result"]["total"] = "99.00";
  f.push_back({"a/p3-tampered.signed.json", t.dump()});
  f.push_back(
      {"a/p4-stranger.signed.json", sign(answers_for("项目四"), "2023-06-01T09:00:00Z", stranger)});
  f.push_back({"a/notes.json", R"({"hello": "world"})"});
  return f;
}

json settle(const std::vector<std::pair<std::string, std::string>>& files, bool reverse) {
  ReviewSession r;
  REQUIRE(r.set_registry(registry_text(key_of(1), kUnit))["ok"].get<bool>());
  REQUIRE(r.set_time("2024-01-01")["ok"].get<bool>());
  if (reverse)
    for (auto it = files.rbegin(); it != files.rend(); ++it) r.add(it->first, it->second);
  else
    for (const auto& [name, text] : files) r.add(name, text);
  return r.settle();
}

const json* row_named(const json& rows, const std::string& name) {
  for (const auto& r : rows)
    if (r["name"] == name) return &r;
  return nullptr;
}

}  // namespace

TEST_CASE("each file gets its verdict in words; duplicates and superseded settle in any order") {
  const auto files = batch_files();
  const json s = settle(files, false);
  const json& rows = s["rows"];
  REQUIRE(rows.size() == files.size());
  auto status = [&](const char* n) { return (*row_named(rows, n))["status"].get<std::string>(); };
  auto reason = [&](const char* n) {
    return (*row_named(rows, n))["reason_zh"].get<std::string>();
  };
  CHECK(status("p1-copy.signed.json") == "passed");  // sorts first: it is the original
  CHECK(status("p1.signed.json") == "duplicate");
  CHECK(reason("p1.signed.json") == "重复提交");
  CHECK(status("p2.signed.json") == "superseded");
  CHECK((*row_named(rows, "p2.signed.json"))["superseded_by"] == "p2-later.signed.json");
  CHECK(status("p2-later.signed.json") == "passed");
  CHECK(reason("p3-tampered.signed.json") == "签名无效");
  CHECK(reason("p4-stranger.signed.json") == "密钥未登记");
  CHECK(reason("notes.json") == "不是提交文件");
  CHECK_FALSE((*row_named(rows, "notes.json"))["submission"].get<bool>());
  CHECK((*row_named(rows, "p2-later.signed.json"))["status_zh"] == "通过");
  CHECK((*row_named(rows, "p2-later.signed.json"))["total"] == "100.00");
  CHECK((*row_named(rows, "p2-later.signed.json"))["execution_rate_percent"] == "100.00%");
  CHECK(s["summary"]["passed"] == 2);
  // Added in the opposite order: the same rows.
  CHECK(settle(files, true) == s);
}

TEST_CASE("the summary workbook is the same bytes every time and holds every row and finding") {
  const auto files = batch_files();
  ReviewSession a, b;
  for (ReviewSession* r : {&a, &b}) {
    r->set_registry(registry_text(key_of(1), kUnit));
    r->set_time("2024-01-01");
  }
  for (const auto& [n, t] : files) a.add(n, t);
  for (auto it = files.rbegin(); it != files.rend(); ++it) b.add(it->first, it->second);
  a.settle();
  b.settle();
  const std::string x = a.summary_xlsx();
  CHECK(x == b.summary_xlsx());
  std::string err;
  const auto book = spreadsheet::read_xlsx(x, err);
  REQUIRE(book);
  const auto* sheet = book->find("汇总表");
  REQUIRE(sheet);
  CHECK(sheet->row_count() == static_cast<int>(files.size()) + 1);
  CHECK(sheet->at(0, 6)->text == "复核总分");
  CHECK(book->find("问题清单"));
  CHECK(book->find("说明")->at(0, 1)->text == "2024-01-01T15:59:59Z");
  const std::string csv = a.summary_csv();
  CHECK(csv.rfind("\xEF\xBB\xBF序号,文件,单位", 0) == 0);
  CHECK(csv.find("签名无效") != std::string::npos);
}

TEST_CASE("the sampling pool: every re-scored submission, failed ones flagged; not copies") {
  const auto files = batch_files();
  ReviewSession r;
  REQUIRE(r.set_registry(registry_text(key_of(1), kUnit))["ok"].get<bool>());
  REQUIRE(r.set_time("2024-01-01")["ok"].get<bool>());
  for (const auto& [name, text] : files) r.add(name, text);
  r.settle();
  const json s = r.sample({{"seed", "7"}, {"percent", "100"}});
  REQUIRE(s["ok"].get<bool>());
  // Passed: p1-copy (the original of the duplicate) and p2-later; failed but re-scored: the
  // stranger's (key not registered). Out: the duplicate, the superseded version, the tampered
  // file (its signature failed: nothing re-scored) and the non-submission.
  std::map<std::string, json> drawn;
  for (const auto& f : s["selected"]) drawn[f["file"].get<std::string>()] = f;
  CHECK(s["pool"] == 3);
  REQUIRE(drawn.size() == 3);
  CHECK(drawn.count("p1-copy.signed.json"));
  CHECK(drawn.count("p2-later.signed.json"));
  REQUIRE(drawn.count("p4-stranger.signed.json"));
  CHECK(drawn["p4-stranger.signed.json"]["status"] == "failed");
  CHECK(drawn["p4-stranger.signed.json"]["flags"] == json::array({"not_passed"}));
  CHECK(drawn["p2-later.signed.json"]["flags"] == json::array());
  CHECK(s["pool_rule"].get<std::string>().find("failed") != std::string::npos);
  // Risk flags only, "not passed" among them: the failed file alone.
  const json risky = r.sample({{"seed", "7"}, {"percent", "100"}, {"risk_only", true}});
  CHECK(risky["pool"] == 1);
  CHECK(risky["selected"][0]["file"] == "p4-stranger.signed.json");
  // Restricted to other flags, it is not drawn for being failed.
  CHECK(r.sample({{"seed", "7"},
                  {"percent", "100"},
                  {"risk_only", true},
                  {"risk_flags", {"reported_differs"}}})["pool"] == 0);
}

TEST_CASE("a sample is the same for the same seed in any order, and follows its parameters") {
  const auto k = key_of(1);
  std::vector<std::pair<std::string, std::string>> files;
  for (int i = 0; i < 40; ++i) {
    json a = answers_for("项目" + std::to_string(i));
    if (i % 4 == 0) a["budget"]["rows"]["total"]["executed"] = "7.00";  // rate < 80 %, still 优
    files.push_back(
        {"f" + std::to_string(100 + i) + ".signed.json", sign(a, "2023-06-01T09:00:00Z", k)});
  }
  ReviewSession a, b;
  for (ReviewSession* r : {&a, &b}) {
    r->set_registry(registry_text(k, kUnit));
    r->set_time("2024-01-01");
  }
  for (const auto& [n, t] : files) a.add(n, t);
  for (auto it = files.rbegin(); it != files.rend(); ++it) b.add(it->first, it->second);
  a.settle();
  b.settle();
  const json p = {{"seed", "2024"}, {"count", 7}};
  const json s1 = a.sample(p);
  REQUIRE(s1["ok"].get<bool>());
  CHECK(s1["drawn"] == 7);
  CHECK(s1["pool"] == 40);
  CHECK(s1 == b.sample(p));
  json other = p;
  other["seed"] = "2025";
  CHECK(a.sample(other)["selected"] != s1["selected"]);
  // 10 % of 40, rounded up: 4; risk only: the ten with a low execution rate.
  CHECK(a.sample({{"seed", "x"}, {"percent", "10"}})["drawn"] == 4);
  const json risky = a.sample({{"seed", "x"},
                               {"percent", "100"},
                               {"risk_only", true},
                               {"risk_flags", {"excellent_low_execution"}}});
  CHECK(risky["pool"] == 10);
  for (const auto& f : risky["selected"]) CHECK(f["flags"][0] == "excellent_low_execution");
  // 7 / 14.53 ≈ 48 %: below the default 80 % and 50 %, not below 40 %.
  CHECK(a.sample({{"seed", "x"},
                  {"percent", "100"},
                  {"risk_only", true},
                  {"risk_flags", {"excellent_low_execution"}},
                  {"low_execution_below_percent", "50"}})["pool"] == 10);
  CHECK(a.sample({{"seed", "x"},
                  {"percent", "100"},
                  {"risk_only", true},
                  {"risk_flags", {"excellent_low_execution"}},
                  {"low_execution_below_percent", "40"}})["pool"] == 0);
  // Bad parameters are named.
  CHECK(a.sample({{"count", 3}})["findings"][0]["path"] == "/seed");
  CHECK(a.sample({{"seed", "1"}, {"count", 3}, {"percent", "5"}})["ok"] == false);
  CHECK(a.sample({{"seed", "1"}, {"percent", "101"}})["ok"] == false);
  // Charts count the same files.
  const json c = a.charts();
  CHECK(c["grades"][0]["grade"] == "优");
  CHECK(c["grades"][0]["count"] == 40);
  int flagged = 0;
  for (const auto& pt : c["scatter"]) flagged += pt["flagged"].get<bool>();
  CHECK(flagged == 10);
}

TEST_CASE("registry edits: add from a key file with its fingerprint, revoke, validity") {
  const auto k = key_of(7);
  const json file = create_key_file("测试单位", "correct horse battery", "2024-01-01T00:00:00Z");
  const json sent = registry_key_from(file.dump());
  REQUIRE(sent["ok"].get<bool>());
  CHECK(sent["unit"] == "测试单位");
  CHECK(sent["fingerprint"].get<std::string>().size() == 16 * 4 + 15);  // 16 groups of four
  KeyEntryInput in;
  in.valid_from = "2024-01-01";
  in.valid_to = "2026-12-31";
  json added = registry_add("", file.dump(), in);
  REQUIRE(added["ok"].get<bool>());
  const std::string text = added["text"].get<std::string>();
  CHECK(load_registry(text).registry.has_value());
  CHECK(registry_add(text, file.dump(), in)["findings"][0]["code"] == "registry.key_present");
  in.valid_to = "2026-13-01";
  CHECK(registry_add(text, crypto::base64url(crypto::view(k.public_key)), in)["ok"] == false);
  const json listed = registry_describe(text);
  REQUIRE(listed["keys"].size() == 1);
  CHECK(listed["keys"][0]["fingerprint"] == sent["fingerprint"]);
  const std::string kid = listed["keys"][0]["kid"];
  const json revoked = registry_revoke(text, kid, "遗失");
  REQUIRE(revoked["ok"].get<bool>());
  const auto reg = load_registry(revoked["text"].get<std::string>());
  REQUIRE(reg.registry);
  CHECK(reg.registry->find(file["public_key"].get<std::string>())->revoked);
  CHECK(registry_set_validity(text, kid, "2025-01-01", "2025-12-31")["ok"] == true);
  CHECK(registry_revoke(text, "nope", "")["ok"] == false);
  CHECK(registry_key_from("not a key")["ok"] == false);
}

TEST_CASE(
    "registry edits: an SM2 key (国密) is added with its SM3 fingerprint, as the CLI registers "
    "it") {
  // The example SM2 key file and the example registry's entry for it (made with the CLI).
  const json file = json::parse(test_support::slurp("schemas/examples/unit.sm2.key.json"));
  json expected;
  const json example = json::parse(test_support::slurp("schemas/examples/registry.json"));
  for (const auto& k : example["keys"])
    if (k["alg"] == "SM2") expected = k;
  REQUIRE(expected.is_object());
  const json sent = registry_key_from(file.dump());
  REQUIRE(sent["ok"].get<bool>());
  CHECK(sent["alg"] == "SM2");
  CHECK(sent["kid"] == expected["kid"]);
  CHECK(sent["fingerprint"] == expected["fingerprint"]);  // SM3, as the 公钥登记表 prints it
  // The bare 87-character key reads the same; a key file claiming Ed25519 for it is refused.
  CHECK(registry_key_from(file["public_key"].get<std::string>())["fingerprint"] ==
        expected["fingerprint"]);
  json wrong = file;
  wrong["alg"] = "Ed25519";
  CHECK(registry_key_from(wrong.dump())["ok"] == false);
  KeyEntryInput in;
  in.unit = "番禺区委组织部";
  in.valid_from = "2023-01-01";
  in.valid_to = "2030-12-31";
  const json added = registry_add("", file.dump(), in);
  REQUIRE(added["ok"].get<bool>());
  const auto reg = load_registry(added["text"].get<std::string>());
  REQUIRE(reg.registry);
  const RegisteredKey* k = reg.registry->find(file["public_key"].get<std::string>());
  REQUIRE(k);
  CHECK(k->alg == "SM2");
  CHECK(registry_describe(added["text"].get<std::string>())["keys"][0]["fingerprint"] ==
        expected["fingerprint"]);
  // The twin verifies against it in the workbench's session once its signature is answered.
  ReviewSession r;
  REQUIRE(r.set_registry(added["text"].get<std::string>())["ok"].get<bool>());
  REQUIRE(r.set_time("2024-01-01")["ok"].get<bool>());
  REQUIRE(r.add("twin.signed.json", test_support::slurp("schemas/examples/seed001.sm2.signed.json"))
              .contains("signature_check"));
  CHECK(r.answer_signature(true)["status"] == "passed");
}

TEST_CASE("a revoked key's submission fails as 密钥已注销") {
  const auto k = key_of(1);
  const std::string reg = registry_text(k, kUnit);
  const std::string kid = registry_describe(reg)["keys"][0]["kid"];
  ReviewSession r;
  REQUIRE(
      r.set_registry(registry_revoke(reg, kid, "")["text"].get<std::string>())["ok"].get<bool>());
  r.set_time("2024-01-01");
  const json row = r.add("x.signed.json", sign(answers_for("项目"), "2023-06-01T09:00:00Z", k));
  CHECK(row["reason_zh"] == "密钥已注销");
  CHECK(row["signature"] == "signer_refused");
  CHECK(parse_check_time("2024-13-01") == std::nullopt);
  CHECK(parse_check_time("2023-12-31")->to_string() == "2023-12-31T15:59:59Z");
}

TEST_CASE("a monitoring submission is listed by its rows by light, not by a total") {
  const std::string tmpl = builtin_template("project-monitoring");
  const std::string answers = test_support::slurp("tests/golden/seed003-monitoring/answers.json");
  const json scored = api_score(tmpl, answers);
  REQUIRE(scored["lights"].is_object());
  const auto b = create_submission(tmpl, answers, "2023-06-01T09:00:00Z", key_of(5));
  REQUIRE(b.envelope);
  ReviewSession r;
  REQUIRE(r.set_time("2024-01-01")["ok"].get<bool>());
  r.add("m.signed.json", b.envelope->dump());
  const json s = r.settle();
  const json& row = s["rows"][0];
  CHECK(row["lights"] == scored["lights"]);
  CHECK(row["total"].is_null());  // a monitoring form has no score to show
  const auto n = [&](const char* k) { return std::to_string(scored["lights"].value(k, 0)); };
  CHECK(row["lights_zh"] == "红灯 " + n("red") + " · 黄灯 " + n("yellow") + " · 绿灯 " +
                                n("green") + " · 蓝灯 " + n("blue"));
  // The workbook says the same in its own column.
  std::string err;
  const auto book = spreadsheet::read_xlsx(r.summary_xlsx(), err);
  REQUIRE(book);
  const auto* sheet = book->find("汇总表");
  CHECK(sheet->at(0, 23)->text == "亮灯（监控表）");
  CHECK(sheet->at(1, 23)->text == row["lights_zh"].get<std::string>());
  CHECK(sheet->at(1, 6) == nullptr);
}
