// budget_execution: 执行率 = 全年执行数 / 全年预算数; score = W × 执行率, capped at W.
// A zero budget is an error; spending above the budget or a negative amount is reported.
#include <fmt/format.h>

#include "rules/rule_support.hpp"

namespace selfeval::rules {
namespace {
class BudgetExecution final : public ScoringRule {
 public:
  std::string_view name() const override { return "budget_execution"; }
  std::string_view label_zh() const override { return "预算执行率"; }
  std::string_view label_en() const override { return "Budget execution"; }
  std::vector<std::string> inputs() const override { return {"budget", "executed", "reason"}; }
  RuleOutput score(const RuleInput& in) const override {
    RuleOutput out;
    const auto b = in.answer ? entered_decimal(in, out, in.answer->budget, "budget") : std::nullopt;
    const auto e =
        in.answer ? entered_decimal(in, out, in.answer->executed, "executed") : std::nullopt;
    if (!b || !e) {
      if (!in.answer || !in.answer->budget || !in.answer->executed) {
        out.findings.push_back(
            finding(in, "budget.missing", Severity::kError, !b ? "budget" : "executed",
                    fmt::format("“{}”需要填写全年预算数和全年执行数", in.node.name),
                    fmt::format("\"{}\" needs the full-year budget and the amount executed",
                                in.node.name)));
      }
      return out;
    }
    if (b->is_zero() || b->is_negative()) {
      out.findings.push_back(
          finding(in, "budget.zero_budget", Severity::kError, "budget",
                  fmt::format("“{}”的全年预算数为 {}，无法计算执行率", in.node.name, text(*b)),
                  fmt::format("\"{}\" has a full-year budget of {}: no execution rate",
                              in.node.name, text(*b))));
      return out;
    }
    if (e->is_negative()) {
      out.findings.push_back(finding(
          in, "budget.executed_negative", Severity::kError, "executed",
          fmt::format("“{}”的全年执行数为负数：{}", in.node.name, text(*e)),
          fmt::format("\"{}\" has a negative amount executed: {}", in.node.name, text(*e))));
      return out;
    }
    if (*e > *b) {
      out.findings.push_back(
          finding(in, "budget.executed_over_budget", Severity::kWarning, "executed",
                  fmt::format("“{}”的执行数 {} 超过预算数 {}", in.node.name, text(*e), text(*b)),
                  fmt::format("\"{}\" executed {}, above its budget of {}", in.node.name, text(*e),
                              text(*b))));
    }
    const Decimal rate = *Decimal::div(*e, *b);
    out.score =
        clamp(Decimal::mul_div(in.weight, *e, *b).value_or(in.weight), Decimal(), in.weight);
    out.detail["budget"] = text(*b);
    out.detail["executed"] = text(*e);
    out.detail["rate"] = rate.to_string();
    out.detail["rate_percent"] =
        Decimal::mul(rate, Decimal::from_int(100)).value_or(Decimal()).to_fixed(2) + "%";
    return out;
  }
};
}  // namespace
std::unique_ptr<ScoringRule> make_budget_execution() { return std::make_unique<BudgetExecution>(); }
}  // namespace selfeval::rules
