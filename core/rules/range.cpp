// range (80%-90%): inside [lo, hi] → W; below → W × A/lo; above → reverse decay from hi.
#include <fmt/format.h>

#include "rules/rule_support.hpp"

namespace selfeval::rules {
namespace {
class Range final : public ScoringRule {
 public:
  std::string_view name() const override { return "range"; }
  std::string_view label_zh() const override { return "区间"; }
  std::string_view label_en() const override { return "Range"; }
  RuleTraits traits() const override { return {false, true, false}; }
  std::vector<ParamSpec> params() const override { return {decay_param()}; }
  std::vector<std::string> inputs() const override { return {"actual", "reason"}; }
  RuleOutput score(const RuleInput& in) const override {
    RuleOutput out;
    if (!in.node.target || in.node.target->parts.size() != 2) {
      out.findings.push_back(finding(
          in, "rule.needs_range_target", Severity::kError, "",
          fmt::format("“{}”的评分规则 range 需要区间指标值（如 80%-90%）", in.node.name),
          fmt::format("rule range of \"{}\" needs a range target such as 80%-90%", in.node.name)));
      return out;
    }
    const auto& lo = in.node.target->parts[0];
    const auto& hi = in.node.target->parts[1];
    const auto actuals = read_actual_parts(in, out);
    if (actuals.empty()) return out;
    const auto a = actual_for_part(in, out, actuals, lo, 0);
    if (!a) return out;
    if (a->value < lo.value)
      out.score = ratio_score(in.weight, a->value, lo.value);
    else if (a->value > hi.value)
      out.score = reverse_score(in.weight, a->value, hi.value,
                                param_decimal(in.params, "decay", Decimal::from_int(2)));
    else
      out.score = in.weight;
    out.detail["actual"] = text(a->value);
    out.detail["target"] = text(lo.value) + "-" + text(hi.value);
    return out;
  }
};
}  // namespace
std::unique_ptr<ScoringRule> make_range() { return std::make_unique<Range>(); }
}  // namespace selfeval::rules
