// budget_progress: a monitoring form's budget block (预算执行监控). 1–N月执行率 = 1–N月执行数 /
// 全年预算数 (the adjusted budget), 预计执行率 = 全年预计执行数 / 全年预算数, and the 执行进度
// compared with the 时间进度 N/12: behind by more than `margin` percentage points is flagged and
// then needs a 偏差原因 and 纠偏措施. Nothing is scored.
#include <fmt/format.h>

#include "rules/light_scheme.hpp"
#include "rules/rule_support.hpp"

namespace selfeval::rules {
namespace {
class BudgetProgress final : public ScoringRule {
 public:
  std::string_view name() const override { return "budget_progress"; }
  std::string_view label_zh() const override { return "预算执行进度"; }
  std::string_view label_en() const override { return "Budget execution progress"; }
  std::vector<std::string> inputs() const override {
    return {"budget", "executed", "forecast", "reason", "measures"};
  }
  std::vector<ParamSpec> params() const override {
    return {{"margin",
             ParamSpec::Kind::kNumber,
             false,
             Decimal(),
             Decimal::from_int(100),
             false,
             {},
             "执行进度落后于时间进度多少个百分点时须说明原因（默认 10）",
             "how many percentage points behind the time progress need a reason (default 10)"}};
  }
  RuleOutput score(const RuleInput& in) const override {
    RuleOutput out;
    if (!in.answer || !in.answer->budget || !in.answer->executed) {
      out.findings.push_back(
          finding(in, "budget.missing", Severity::kError,
                  !in.answer || !in.answer->budget ? "budget" : "executed",
                  fmt::format("“{}”需要填写全年预算数和 1–N 月执行数", in.node.name),
                  fmt::format("\"{}\" needs the full-year budget and the amount executed to date",
                              in.node.name)));
      return out;
    }
    const std::optional<Decimal> budget = entered_decimal(in, out, in.answer->budget, "budget");
    const std::optional<Decimal> executed =
        entered_decimal(in, out, in.answer->executed, "executed");
    const std::optional<Decimal> forecast =
        in.answer->forecast ? entered_decimal(in, out, in.answer->forecast, "forecast")
                            : std::nullopt;
    if (!budget || !executed) return out;  // entered_decimal said why
    const Decimal b = *budget, e = *executed;
    if (b.is_zero() || b.is_negative()) {
      out.findings.push_back(
          finding(in, "budget.zero_budget", Severity::kError, "budget",
                  fmt::format("“{}”的全年预算数为 {}，无法计算执行率", in.node.name, text(b)),
                  fmt::format("\"{}\" has a full-year budget of {}: no execution rate",
                              in.node.name, text(b))));
      return out;
    }
    if (e.is_negative()) {
      out.findings.push_back(
          finding(in, "budget.executed_negative", Severity::kError, "executed",
                  fmt::format("“{}”的 1–N 月执行数为负数：{}", in.node.name, text(e)),
                  fmt::format("\"{}\" has a negative amount executed: {}", in.node.name, text(e))));
      return out;
    }
    const Decimal rate = *Decimal::div(e, b);
    out.detail["budget"] = text(b);
    out.detail["executed"] = text(e);
    out.detail["rate_to_date"] = rate.to_string();
    out.detail["rate_to_date_percent"] = percent_text(rate);
    if (forecast) {
      out.detail["forecast"] = text(*forecast);
      out.detail["forecast_rate_percent"] = percent_text(*Decimal::div(*forecast, b));
      if (*forecast < e)
        out.findings.push_back(
            finding(in, "monitoring.forecast_below_executed", Severity::kError, "forecast",
                    fmt::format("全年预计执行数 {} 低于 1–N 月执行数 {}", text(*forecast), text(e)),
                    fmt::format("the full-year forecast {} is below the amount executed to date {}",
                                text(*forecast), text(e))));
    }
    const int month = in.settings.month;
    if (month <= 0) return out;  // the month's own finding says why
    // Percentage points, exact: 100 × (N/12 − rate) = (100 N − 1200 rate) / 12.
    const Decimal time = *Decimal::div(Decimal::from_int(month), Decimal::from_int(12));
    const Decimal rate_pct = *Decimal::mul_div(e, Decimal::from_int(100), b);
    const Decimal time_pct =
        *Decimal::mul_div(Decimal::from_int(month), Decimal::from_int(100), Decimal::from_int(12));
    const Decimal behind = *Decimal::sub(time_pct, rate_pct);
    const Decimal margin = param_decimal(in.params, "margin", Decimal::from_int(10));
    out.detail["month"] = month;
    out.detail["time_progress_percent"] = percent_text(time);
    out.detail["behind_points"] = behind.to_fixed(2);
    out.detail["margin_points"] = margin.to_string();
    const bool flagged = behind > margin;
    out.detail["behind"] = flagged;
    if (!flagged) return out;
    out.findings.push_back(finding(
        in, "monitoring.budget_behind", Severity::kWarning, "executed",
        fmt::format("执行进度 {} 落后于时间进度 {} 达 {} 个百分点（超过 {} 个百分点）",
                    percent_text(rate), percent_text(time), behind.to_fixed(2), margin.to_string()),
        fmt::format("execution {} is {} points behind the time progress {} (more than {})",
                    percent_text(rate), behind.to_fixed(2), percent_text(time),
                    margin.to_string())));
    if (in.answer->reason.empty())
      out.findings.push_back(
          finding(in, "monitoring.reason_missing", Severity::kError, "reason",
                  "预算执行进度落后于时间进度，须填写偏差原因",
                  "budget execution is behind the time progress: give the reason"));
    if (in.answer->measures.empty())
      out.findings.push_back(
          finding(in, "monitoring.measures_missing", Severity::kError, "measures",
                  "预算执行进度落后于时间进度，须填写纠偏措施",
                  "budget execution is behind the time progress: give the corrective measures"));
    return out;
  }
};
}  // namespace
std::unique_ptr<ScoringRule> make_budget_progress() { return std::make_unique<BudgetProgress>(); }
}  // namespace selfeval::rules
