// Every rule at its edges: exactly at the threshold, above the cap, zero, negative,
// missing input, rounding at .005, and 2T for reverse. Each case scores a one-row form
// through the real evaluator, so rounding and findings are the form's own.
#include <doctest/doctest.h>

#include "api.hpp"
#include "base/decimal.hpp"

namespace {

using nlohmann::json;

// Scores one indicator of weight `w` with `rule` (and params) against `target`, given
// the value record `value`; returns the result row.
json score_row(const std::string& w, const std::string& target, const json& rule, const json& value,
               int places = 2, const std::string& category = "") {
  json leaf = {{"id", "x"}, {"name", "测试指标"}, {"weight", w}, {"rule", rule}};
  if (!target.empty()) leaf["target"] = target;
  if (!category.empty()) leaf["category"] = category;
  json filler = {{"id", "rest"}, {"name", "其余"}, {"weight", "1000"}, {"rule", "expert"}};
  const json tmpl = {{"format", "selfeval.template.v1"},
                     {"id", "t"},
                     {"name", "规则测试"},
                     {"version", "1"},
                     {"indicators", json::array({leaf, filler})},
                     {"total", "10000"},
                     {"rounding", {{"places", places}}},
                     {"grade_bands", json::array({{{"grade", "全"}, {"min", 0}, {"max", 10000}}})}};
  json t2 = tmpl;
  // Make the weights add up to the total whatever w is.
  t2["total"] =
      selfeval::Decimal::add(*selfeval::Decimal::parse(w), selfeval::Decimal::from_int(1000))
          ->to_string();
  t2["grade_bands"][0]["max"] = t2["total"];
  const json answers = {{"format", "selfeval.answers.v1"},
                        {"template", {{"id", "t"}}},
                        {"year", 2022},
                        {"values", {{"x", value}, {"rest", {{"score", "1000"}}}}}};
  const json r = selfeval::api_score(t2.dump(), answers.dump());
  REQUIRE(r.contains("indicators"));
  return r["indicators"][0];
}

std::string score(const json& row) { return row["score"].get<std::string>(); }

bool has(const json& row, const std::string& code) {
  for (const auto& f : row["findings"])
    if (f["code"] == code) return true;
  return false;
}

}  // namespace

TEST_CASE("positive: at, above and below the target; zero; negative; missing; .005") {
  CHECK(score(score_row("20", "≥15名/年", "positive", {{"actual", "15名"}})) == "20.00");
  CHECK(score(score_row("20", "≥15名/年", "positive", {{"actual", "18名"}})) ==
        "20.00");  // capped at W
  CHECK(score(score_row("20", "≥20家", "positive", {{"actual", "15家"}})) == "15.00");  // 75%
  CHECK(score(score_row("20", "≥15名", "positive", {{"actual", "0名"}})) == "0.00");
  CHECK(score(score_row("20", "≥15名", "positive", {{"actual", "-3名"}})) ==
        "0.00");  // negative → 0
  auto missing = score_row("20", "≥15名", "positive", json::object());
  CHECK(score(missing) == "0.00");
  CHECK(has(missing, "actual.missing"));
  CHECK(score(score_row("1", "≥8个", "positive", {{"actual", "1个"}})) ==
        "0.13");  // 0.125 → half up
  CHECK(score(score_row("10", "≥3个", "positive", {{"actual", "1个"}})) == "3.33");
  CHECK(score(score_row("10", "≥3个", "positive", {{"actual", "2个"}})) == "6.67");
  // Whole points: 13 × 86% = 11.18 → 11.
  CHECK(score(score_row("13", "≥100%", "positive", {{"actual", "86%"}}, 0)) == "11");
  CHECK(has(score_row("20", "≥15名", "positive", {{"actual", "18名"}}),
            "reason.missing_over_completion"));
  CHECK_FALSE(has(score_row("20", "≥15名", "positive", {{"actual", "17名"}}),
                  "reason.missing_over_completion"));
  CHECK_FALSE(
      has(score_row("20", "≥15名", "positive", {{"actual", "18名"}, {"reason", "新政策带动"}}),
          "reason.missing_over_completion"));
  CHECK(has(score_row("20", "≥15名", "positive", {{"actual", "完成"}}), "actual.not_numeric"));
  CHECK(has(score_row("20", "≥15名", "positive", {{"actual", "-"}}), "actual.placeholder"));
  CHECK(has(score_row("20", "≥15名", "positive", {{"actual", "15人次"}}), "actual.unit_differs"));
}

TEST_CASE("reverse: at T, between T and 2T, exactly 2T, beyond, T = 0, decay parameter") {
  CHECK(score(score_row("10", "≤5次", "reverse", {{"actual", "5次"}})) == "10.00");
  CHECK(score(score_row("10", "≤5次", "reverse", {{"actual", "0次"}})) == "10.00");
  CHECK(score(score_row("10", "≤5次", "reverse", {{"actual", "6次"}})) == "8.00");  // 1 − 1/5
  CHECK(score(score_row("10", "≤5次", "reverse", {{"actual", "9次"}})) == "2.00");
  CHECK(score(score_row("10", "≤5次", "reverse", {{"actual", "10次"}})) == "0.00");  // 2T
  CHECK(score(score_row("10", "≤5次", "reverse", {{"actual", "12次"}})) == "0.00");
  CHECK(score(score_row("10", "≤0次", "reverse", {{"actual", "0次"}})) == "10.00");
  CHECK(score(score_row("10", "≤0次", "reverse", {{"actual", "1次"}})) == "0.00");
  // decay 3: zero only at 3T; 7.5 is 2.5 over a span of 10 → 7.5 of 10.
  CHECK(score(score_row("10", "≤5次", {{"name", "reverse"}, {"params", {{"decay", 3}}}},
                        {{"actual", "7.5次"}})) == "7.50");
}

TEST_CASE("equal: T ≠ 0 like positive; T = 0 full only at or below zero") {
  CHECK(score(score_row("10", "=100%", "equal", {{"actual", "100%"}})) == "10.00");
  CHECK(score(score_row("10", "=100%", "equal", {{"actual", "90%"}})) == "9.00");
  CHECK(score(score_row("10", "0次", "equal", {{"actual", "0次"}})) == "10.00");
  CHECK(score(score_row("10", "0次", "equal", {{"actual", "1次"}})) == "0.00");
}

TEST_CASE("compound: the weakest part by default, the mean on request, parts matched by label") {
  const std::string t = "展馆每年不少于10000人次，展厅不少于3000人次";
  CHECK(score(score_row("10", t, "compound", {{"actual", "展馆12000人次，展厅1500人次"}})) ==
        "5.00");
  CHECK(score(score_row("10", t, "compound", {{"actual", "展厅1500人次，展馆12000人次"}})) ==
        "5.00");
  CHECK(score(score_row("10", t, {{"name", "compound"}, {"params", {{"combine", "mean"}}}},
                        {{"actual", "展馆12000人次，展厅1500人次"}})) == "7.50");
  CHECK(has(score_row("10", t, "compound", {{"actual", "展馆12000人次"}}), "actual.part_missing"));
}

TEST_CASE("range: inside full, below by ratio, above by decay") {
  CHECK(score(score_row("10", "80%-90%", "range", {{"actual", "85%"}})) == "10.00");
  CHECK(score(score_row("10", "80%-90%", "range", {{"actual", "40%"}})) == "5.00");
  CHECK(score(score_row("10", "80%-90%", "range", {{"actual", "99%"}})) == "9.00");
}

TEST_CASE("qualitative: tiers bound the score; outside the tier is an error") {
  CHECK(score(score_row("10", "效果明显", "qualitative", {{"tier", "达成"}})) == "10.00");
  CHECK(score(score_row("10", "效果明显", "qualitative", {{"tier", "达成"}, {"score", "8"}})) ==
        "8.00");
  CHECK(score(score_row("10", "效果明显", "qualitative", {{"tier", "部分达成"}, {"score", "6"}})) ==
        "6.00");
  CHECK(has(score_row("10", "效果明显", "qualitative", {{"tier", "部分达成"}, {"score", "8"}}),
            "qualitative.score_outside_tier"));  // 80% belongs to 达成
  CHECK(has(score_row("10", "效果明显", "qualitative", {{"tier", "达成"}, {"score", "7.99"}}),
            "qualitative.score_outside_tier"));
  CHECK(has(score_row("10", "效果明显", "qualitative", {{"tier", "未达成"}, {"score", "6"}}),
            "qualitative.score_outside_tier"));
  const auto above =
      score_row("10", "效果明显", "qualitative", {{"tier", "达成"}, {"score", "12"}});
  CHECK(score(above) == "10.00");
  CHECK(has(above, "qualitative.score_outside_tier"));
  CHECK(
      has(score_row("10", "效果明显", "qualitative", json::object()), "qualitative.tier_missing"));
  CHECK(has(score_row("10", "效果明显", "qualitative", {{"tier", "部分达成"}}),
            "qualitative.score_missing"));
}

TEST_CASE("tiers: satisfaction bands, exactly at a boundary, no survey") {
  const json rule = {{"name", "tiers"},
                     {"params",
                      {{"tiers", json::array({{{"min", 100}, {"points", 5}},
                                              {{"min", 90}, {"points", 4}},
                                              {{"min", 80}, {"points", 3}},
                                              {{"min", 70}, {"points", 2}},
                                              {{"min", 60}, {"points", 1}}})}}}};
  CHECK(score(score_row("5", "", rule, {{"actual", "100%"}})) == "5.00");
  CHECK(score(score_row("5", "", rule, {{"actual", "99.99%"}})) == "4.00");
  CHECK(score(score_row("5", "", rule, {{"actual", "90%"}})) == "4.00");
  CHECK(score(score_row("5", "", rule, {{"actual", "60%"}})) == "1.00");
  CHECK(score(score_row("5", "", rule, {{"actual", "59.9%"}})) == "0.00");
  CHECK(score(score_row("5", "", rule, json::object())) == "0.00");  // no survey → 0
}

TEST_CASE("slope: full at the threshold, −0.1 per 1% below, zero under the floor") {
  const json rule = {{"name", "slope"},
                     {"params", {{"full_at", 90}, {"per_unit", "0.1"}, {"floor", 75}}}};
  CHECK(score(score_row("8", "≥90%", rule, {{"actual", "92.4%"}})) == "8.00");
  CHECK(score(score_row("8", "≥90%", rule, {{"actual", "90%"}})) == "8.00");
  CHECK(score(score_row("8", "≥90%", rule, {{"actual", "85%"}})) == "7.50");
  CHECK(score(score_row("8", "≥90%", rule, {{"actual", "75%"}})) == "6.50");
  CHECK(score(score_row("8", "≥90%", rule, {{"actual", "74.9%"}})) == "0.00");
  CHECK(score(score_row("8", "≥90%", rule, {{"actual", "89.95%"}})) == "8.00");  // 7.995 → half up
  CHECK(score(score_row("8", "≥90%", rule, {{"actual", "89.94%"}})) == "7.99");  // 7.994 → down
}

TEST_CASE("per_occurrence: −k per occurrence, floored at zero; negative and missing are errors") {
  const json rule = {{"name", "per_occurrence"}, {"params", {{"deduct", "0.5"}}}};
  CHECK(score(score_row("4", "", rule, {{"occurrences", 0}})) == "4.00");
  CHECK(score(score_row("4", "", rule, {{"occurrences", 3}})) == "2.50");
  CHECK(score(score_row("4", "", rule, {{"occurrences", 8}})) == "0.00");
  CHECK(score(score_row("4", "", rule, {{"occurrences", 100}})) == "0.00");
  CHECK(has(score_row("4", "", rule, {{"occurrences", -1}}), "occurrences.negative"));
  CHECK(has(score_row("4", "", rule, json::object()), "occurrences.missing"));
}

TEST_CASE("choice: each option's share of the weight; unknown and missing choices") {
  const json rule = {{"name", "choice"},
                     {"params",
                      {{"options", json::array({{{"id", "full"}, {"ratio", 1}},
                                                {{"id", "half"}, {"ratio", 0.5}},
                                                {{"id", "none"}, {"ratio", 0}}})}}}};
  CHECK(score(score_row("3", "", rule, {{"choice", "full"}})) == "3.00");
  CHECK(score(score_row("3", "", rule, {{"choice", "half"}, {"reason", "未系统总结"}})) == "1.50");
  CHECK(score(score_row("3", "", rule, {{"choice", "none"}, {"reason", "未调研"}})) == "0.00");
  CHECK(has(score_row("3", "", rule, {{"choice", "most"}}), "choice.unknown"));
  CHECK(has(score_row("3", "", rule, json::object()), "choice.missing"));
}

TEST_CASE("expert: 0..W; below W needs a reason; above W and missing are errors") {
  CHECK(score(score_row("6", "", "expert", {{"score", "6"}})) == "6.00");
  CHECK(score(score_row("6", "", "expert", {{"score", "4"}, {"reason", "制度衔接不及时"}})) ==
        "4.00");
  CHECK(has(score_row("6", "", "expert", {{"score", "4"}}), "expert.reason_missing"));
  const auto above = score_row("6", "", "expert", {{"score", "7"}});
  CHECK(score(above) == "6.00");
  CHECK(has(above, "score.above_weight"));
  CHECK(has(score_row("6", "", "expert", {{"score", "-1"}}), "score.above_weight"));
  CHECK(has(score_row("6", "", "expert", json::object()), "score.missing"));
  CHECK(has(score_row("6", "", "expert", {{"score", "四分"}}), "value.not_a_number"));
}

TEST_CASE("budget_execution: W × rate capped at W; zero budget; over budget; negative") {
  CHECK(score(score_row("4", "", "budget_execution",
                        {{"budget", "2800"}, {"executed", "2744.61"}, {"reason", "r"}})) == "3.92");
  CHECK(score(score_row("10", "", "budget_execution",
                        {{"budget", "14.53"}, {"executed", "14.53"}})) == "10.00");
  const auto over =
      score_row("10", "", "budget_execution", {{"budget", "100"}, {"executed", "120"}});
  CHECK(score(over) == "10.00");
  CHECK(has(over, "budget.executed_over_budget"));
  CHECK(has(score_row("10", "", "budget_execution", {{"budget", "0"}, {"executed", "5"}}),
            "budget.zero_budget"));
  CHECK(has(score_row("10", "", "budget_execution", {{"budget", "10"}, {"executed", "-1"}}),
            "budget.executed_negative"));
  CHECK(has(score_row("10", "", "budget_execution", {{"budget", "10"}}), "budget.missing"));
  CHECK(score(score_row("13", "", "budget_execution",
                        {{"budget", "350"}, {"executed", "301"}, {"reason", "r"}}, 0)) == "11");
}

TEST_CASE("deadline: on the day, after, end of month, missing dates") {
  CHECK(score(score_row("5", "12月31日前完成", "deadline",
                        {{"actual_date", "2022-12-31"}, {"planned_date", "2022-12-31"}}, 2,
                        "时效")) == "5.00");
  const auto late =
      score_row("5", "6月底前", "deadline",
                {{"actual_date", "2022-07-01"}, {"planned_date", "2022-06-30"}}, 2, "时效");
  CHECK(score(late) == "0.00");
  CHECK(has(late, "timeliness.late"));
  CHECK(score(score_row("5", "2月底前", "deadline",
                        {{"actual_date", "2022-02-28"}, {"planned_date", "2022-02-28"}}, 2,
                        "时效")) == "5.00");
  CHECK(has(score_row("5", "6月底前", "deadline", json::object(), 2, "时效"),
            "timeliness.dates_missing"));
  CHECK(has(score_row("5", "6月底前", "deadline",
                      {{"actual_date", "2023-01-05"}, {"planned_date", "2022-06-30"}}, 2, "时效"),
            "timeliness.after_project_end"));
}

TEST_CASE("bonus and penalty: bonus adds within 0..W, penalty subtracts with W as its floor") {
  CHECK(score(score_row("5", "", "bonus", {{"score", "3"}})) == "3.00");
  CHECK(score(score_row("5", "", "penalty", {{"score", "2"}})) == "-2.00");
  CHECK(score(score_row("5", "", {{"name", "penalty"}, {"params", {{"deduct", 2}}}},
                        {{"occurrences", 4}})) == "-5.00");
  CHECK(has(score_row("5", "", "penalty", {{"score", "7"}}), "score.above_weight"));
}

TEST_CASE("deadline outside a 时效 category: a missing or unreadable date is still reported") {
  CHECK(
      has(score_row("5", "6月底前", "deadline", json::object()), "timeliness.actual_date_missing"));
  CHECK(
      has(score_row("5", "6月底前", "deadline", {{"actual_date", "6月的某天"}}), "value.bad_date"));
  CHECK_FALSE(has(score_row("5", "6月底前", "deadline", {{"actual_date", "2022-06-01"}}),
                  "timeliness.dates_missing"));
}
