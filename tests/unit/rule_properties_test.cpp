// Properties every rule must keep, checked over many inputs: a score within [0, W]
// (penalties within [−W, 0]); positive never falls as the actual rises and reverse never
// rises; missing or negative input yields a finding, not a crash; the grade is the band
// holding the total; subtotals are the sums of their rows.
#include <doctest/doctest.h>

#include <algorithm>
#include <random>

#include "api.hpp"
#include "base/decimal.hpp"

namespace {

using nlohmann::json;
using selfeval::Decimal;

struct RuleCase {
  const char* name;
  json rule;
  std::string target;
};

const RuleCase kRules[] = {
    {"positive", "positive", "≥40个"},
    {"reverse", "reverse", "≤40次"},
    {"equal", "equal", "=40%"},
    {"range", "range", "30%-50%"},
    {"compound", "compound", "展馆不少于40人次，展厅不少于10人次"},
    {"qualitative", "qualitative", "效果明显"},
    {"tiers",
     {{"name", "tiers"},
      {"params",
       {{"tiers", json::array({{{"min", 90}, {"points", 4}}, {{"min", 60}, {"points", 2}}})}}}},
     ""},
    {"slope",
     {{"name", "slope"}, {"params", {{"full_at", 90}, {"per_unit", "0.1"}, {"floor", 75}}}},
     "≥90%"},
    {"per_occurrence", {{"name", "per_occurrence"}, {"params", {{"deduct", "0.5"}}}}, ""},
    {"choice",
     {{"name", "choice"}, {"params", {{"options", json::array({{{"id", "a"}, {"ratio", 1}}})}}}},
     ""},
    {"expert", "expert", ""},
    {"budget_execution", "budget_execution", ""},
    {"deadline", "deadline", "6月底前"},
    {"bonus", "bonus", ""},
    {"penalty", "penalty", ""},
};

// A one-indicator form (weight 4) scored with `value`; returns the whole result.
json score_one(const RuleCase& rc, const json& value) {
  json leaf = {{"id", "x"}, {"name", "指标"}, {"weight", 4}, {"rule", rc.rule}};
  if (!rc.target.empty()) leaf["target"] = rc.target;
  const json tmpl = {{"format", "selfeval.template.v1"},
                     {"id", "p"},
                     {"name", "性质"},
                     {"version", "1"},
                     {"indicators", json::array({leaf})},
                     {"total", 4},
                     {"grade_bands", json::array({{{"grade", "高"}, {"min", 2}, {"max", 4}},
                                                  {{"grade", "低"}, {"min", 0}, {"max", 2}}})}};
  const json answers = {{"format", "selfeval.answers.v1"},
                        {"template", {{"id", "p"}}},
                        {"year", 2022},
                        {"values", value.empty() ? json::object() : json{{"x", value}}}};
  return selfeval::api_score(tmpl.dump(), answers.dump());
}

Decimal dec(const json& s) { return *Decimal::parse(s.get<std::string>()); }

}  // namespace

TEST_CASE("every rule turns missing and negative input into findings and a bounded score") {
  const json negative = {
      {"actual", "-7"},   {"score", "-3"},  {"occurrences", -2}, {"budget", "-5"},
      {"executed", "-1"}, {"tier", "达成"}, {"choice", "a"},     {"actual_date", "2022-01-01"}};
  for (const auto& rc : kRules) {
    const std::string rule_name = rc.name;
    CAPTURE(rule_name);
    for (const json& value : {json::object(), negative}) {
      const json r = score_one(rc, value);
      REQUIRE(r.contains("indicators"));
      const Decimal s = dec(r["indicators"][0]["score"]);
      const bool penalty = std::string(rc.name) == "penalty";
      CHECK(s <= Decimal::from_int(penalty ? 0 : 4));
      CHECK(s >= Decimal::from_int(penalty ? -4 : 0));
      if (value.empty() && std::string(rc.name) != "tiers")
        CHECK(r["counts"]["error"].get<int>() >= 1);
    }
  }
}

TEST_CASE("scores stay within [0, W]; positive is monotone up, reverse monotone down") {
  std::mt19937 rng(20221124);
  std::uniform_int_distribution<int> cents(-5000, 20000);
  const RuleCase& pos = kRules[0];
  const RuleCase& rev = kRules[1];
  std::vector<int> xs;
  for (int i = 0; i < 300; ++i) xs.push_back(cents(rng));
  std::sort(xs.begin(), xs.end());
  Decimal last_pos = Decimal::from_int(-1), last_rev = Decimal::from_int(5);
  for (int x : xs) {
    const std::string a = Decimal::from_micros(static_cast<long long>(x) * 10000).to_string();
    const Decimal p = dec(score_one(pos, {{"actual", a + "个"}})["indicators"][0]["score"]);
    const Decimal r = dec(score_one(rev, {{"actual", a + "次"}})["indicators"][0]["score"]);
    CAPTURE(a);
    CHECK(p >= Decimal());
    CHECK(p <= Decimal::from_int(4));
    CHECK(r >= Decimal());
    CHECK(r <= Decimal::from_int(4));
    CHECK(p >= last_pos);
    CHECK(r <= last_rev);
    last_pos = p;
    last_rev = r;
  }
}

TEST_CASE("the grade is always the band holding the total, and sections add up their rows") {
  std::mt19937 rng(8785);
  std::uniform_int_distribution<int> pct(0, 120);
  for (int i = 0; i < 100; ++i) {
    const std::string a = std::to_string(pct(rng));
    const json r = score_one(kRules[0], {{"actual", a + "个"}, {"reason", "r"}});
    const Decimal total = dec(r["total"]);
    CHECK(r["grade"] == (total >= Decimal::from_int(2) ? "高" : "低"));
    Decimal sum;
    for (const auto& row : r["indicators"]) sum = *Decimal::add(sum, dec(row["score"]));
    CHECK(sum == total);
  }
}
