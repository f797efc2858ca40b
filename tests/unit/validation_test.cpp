// The sample answers file with planted defects yields exactly those findings: the same
// (code, path) pairs, no more, no fewer. Also the form-level checks on their own.
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "api.hpp"
#include "test_support.hpp"

namespace {

using nlohmann::json;
using test_support::slurp;

std::multiset<std::pair<std::string, std::string>> pairs(const json& findings) {
  std::multiset<std::pair<std::string, std::string>> out;
  for (const auto& f : findings) out.emplace(f["code"], f["path"]);
  return out;
}

}  // namespace

TEST_CASE("the planted-defects sample yields exactly its planted findings") {
  const json r =
      selfeval::api_score(slurp("schemas/templates/project-self-assessment.json"),
                          slurp("schemas/examples/project-planted-defects.answers.json"),
                          slurp("schemas/examples/project-planted-defects.declaration.json"));
  const json expected = json::parse(slurp("tests/data/planted-defects.expected.json"));
  CHECK(expected.size() >= 12);
  CHECK(pairs(r["findings"]) == pairs(expected));
  CHECK(r["ok"] == false);
  CHECK(r["total"] == "79.50");
  CHECK(r["grade"] == "中");
  // Every finding speaks both languages.
  for (const auto& f : r["findings"]) {
    CHECK_FALSE(f["message_zh"].get<std::string>().empty());
    CHECK_FALSE(f["message_en"].get<std::string>().empty());
  }
}

TEST_CASE("without the declaration, the declaration findings disappear and nothing else changes") {
  const json r =
      selfeval::api_score(slurp("schemas/templates/project-self-assessment.json"),
                          slurp("schemas/examples/project-planted-defects.answers.json"));
  auto expected = pairs(json::parse(slurp("tests/data/planted-defects.expected.json")));
  expected.erase({"target.differs_from_declaration", "/indicators/2/target"});
  expected.erase({"indicator.declared_missing", "/indicators"});
  CHECK(pairs(r["findings"]) == expected);
}

TEST_CASE("actuals copied from the targets on most rows are flagged once for the form") {
  json a = json::parse(slurp("tests/golden/seed001-project/answers.json"));
  a["values"]["q2"]["actual"] = "1场";
  a["values"]["b2"]["actual"] = "5篇";
  a["values"]["m1"]["actual"] = "20人次";
  const json r =
      selfeval::api_score(slurp("schemas/templates/project-self-assessment.json"), a.dump());
  int copied = 0;
  for (const auto& f : r["findings"]) copied += f["code"] == "actual.equals_target_most_rows";
  CHECK(copied == 1);
}

TEST_CASE(
    "combination checks: weights within a category, a missing first-level category, parents") {
  json a = json::parse(slurp("tests/golden/seed001-project/answers.json"));
  a["indicators"][0]["weight"] = 25;  // 产出 now adds up to 55
  a["indicators"].erase(5);           // no 满意度 indicator left
  a["indicators"].push_back({{"id", "z1"},
                             {"parent", "nowhere"},
                             {"name", "孤立指标"},
                             {"target", "≥1个"},
                             {"weight", 1}});
  a["indicators"].push_back({{"id", "z2"},
                             {"parent", "output"},
                             {"name", "错位指标"},
                             {"target", "≥1个"},
                             {"weight", 1}});
  a["indicators"].push_back({{"id", "z3"},
                             {"parent", "output.quantity"},
                             {"name", "怪规则"},
                             {"target", "≥1个"},
                             {"weight", 0},
                             {"rule", "magic"}});
  const json r =
      selfeval::api_score(slurp("schemas/templates/project-self-assessment.json"), a.dump());
  const auto got = pairs(r["findings"]);
  CHECK(got.count({"weights.mismatch", "/indicators/0/weight"}) == 1);
  CHECK(got.count({"category.missing_first_level", "/indicators/2"}) == 1);
  CHECK(got.count({"indicator.parent_unknown", "/indicators/5/parent"}) == 1);
  CHECK(got.count({"indicator.parent_not_open", "/indicators/6/parent"}) == 1);
  CHECK(got.count({"rule.unknown", "/indicators/7/rule"}) == 1);
  CHECK(r["ok"] == false);
}

TEST_CASE("the contract payment rule deducts per point below the threshold") {
  const std::string tmpl = slurp("schemas/templates/contract-kpi.json");
  auto run = [&](const char* base_score, const char* bonus_score) {
    const json a = {
        {"format", "selfeval.answers.v1"},
        {"template", {{"id", "contract-kpi"}}},
        {"unit", {{"project_name", "p"}, {"contractor", "c"}, {"purchaser", "u"}}},
        {"indicators",
         json::array({{{"id", "k1"},
                       {"parent", "base"},
                       {"name", "基础考核"},
                       {"weight", 100},
                       {"rule", "expert"}},
                      {{"id", "k2"}, {"parent", "bonus"}, {"name", "加分"}, {"weight", 20}}})},
        {"values",
         {{"k1", {{"score", base_score}, {"reason", "部分指标未完成"}}},
          {"k2", {{"score", bonus_score}}}}}};
    return selfeval::api_score(tmpl, a.dump());
  };
  const json low = run("80", "12.5");
  CHECK(low["total"] == "92.50");
  CHECK(low["outputs"]["payment"]["points_below"] == "2.5");
  CHECK(low["outputs"]["payment"]["deduction"] == "2.50");
  CHECK(low["outputs"]["payment"]["paid_in_full"] == false);
  CHECK(low["grade"] == "扣减尾款");
  const json high = run("90", "5");
  CHECK(high["total"] == "95.00");
  CHECK(high["outputs"]["payment"]["deduction"] == "0.00");
  CHECK(high["outputs"]["payment"]["paid_in_full"] == true);
  CHECK(high["grade"] == "合格");
}

TEST_CASE("bad answers files give findings, never a crash") {
  const std::string tmpl = slurp("schemas/templates/project-self-assessment.json");
  for (
      const char* bad :
      {"", "{", "[]", R"({"format":"selfeval.answers.v1"})",
       R"({"format":"selfeval.answers.v1","template":{"id":"x"},"values":{"a":{"score":true}}})"}) {
    CAPTURE(bad);
    const json r = selfeval::api_score(tmpl, bad);
    CHECK(r["ok"] == false);
    CHECK_FALSE(r["findings"].empty());
  }
}

TEST_CASE("a target below last year's actual, and funding rows that do not add up") {
  json a = json::parse(slurp("tests/golden/seed001-project/answers.json"));
  a["values"]["b2"]["last_year_actual"] = "28篇";
  a["budget"]["rows"]["fiscal"]["adjusted"] = "14.00";
  const json r =
      selfeval::api_score(slurp("schemas/templates/project-self-assessment.json"), a.dump());
  const auto got = pairs(r["findings"]);
  CHECK(got.count({"target.below_last_year", "/indicators/4/target"}) == 1);
  CHECK(got.count({"budget.rows_do_not_add_up", "/budget/rows/total/adjusted"}) == 1);
  CHECK(got.count({"budget.rows_do_not_add_up", "/budget/rows/total/executed"}) == 0);
}
