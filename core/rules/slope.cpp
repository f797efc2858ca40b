// slope: full marks at or above "full_at", minus "per_unit" points for each unit below,
// zero below "floor" (seed 004 satisfaction: ≥90% full, −0.1 per 1%, <75% → 0).
#include "rules/rule_support.hpp"

namespace selfeval::rules {
namespace {
class Slope final : public ScoringRule {
 public:
  std::string_view name() const override { return "slope"; }
  std::string_view label_zh() const override { return "按差距扣分"; }
  std::string_view label_en() const override { return "Sliding scale"; }
  std::vector<ParamSpec> params() const override {
    return {{"full_at",
             ParamSpec::Kind::kNumber,
             false,
             Decimal(),
             {},
             false,
             {},
             "达到该值得满分（默认 100）",
             "the value that earns full marks (default 100)"},
            {"per_unit",
             ParamSpec::Kind::kNumber,
             false,
             Decimal(),
             {},
             true,
             {},
             "每低 1 个单位扣的分数（默认 1）",
             "points deducted per unit below full_at (default 1)"},
            {"floor",
             ParamSpec::Kind::kNumber,
             false,
             Decimal(),
             {},
             false,
             {},
             "低于该值得 0 分（默认 0）",
             "below this value the score is 0 (default 0)"}};
  }
  std::vector<std::string> inputs() const override {
    return {"actual", "sample_size", "survey_method", "reason"};
  }
  RuleOutput score(const RuleInput& in) const override {
    RuleOutput out;
    const auto actuals = read_actual_parts(in, out);
    if (actuals.empty()) return out;
    const Decimal a = actuals[0].value;
    const Decimal full = param_decimal(in.params, "full_at", Decimal::from_int(100));
    const Decimal per = param_decimal(in.params, "per_unit", Decimal::from_int(1));
    const Decimal floor = param_decimal(in.params, "floor", Decimal());
    if (a >= full) {
      out.score = in.weight;
    } else if (a < floor) {
      out.score = Decimal();
    } else {
      const Decimal lost =
          Decimal::mul(Decimal::sub(full, a).value_or(full), per).value_or(in.weight);
      out.score = clamp(Decimal::sub(in.weight, lost).value_or(Decimal()), Decimal(), in.weight);
    }
    out.detail["actual"] = text(a);
    return out;
  }
};
}  // namespace
std::unique_ptr<ScoringRule> make_slope() { return std::make_unique<Slope>(); }
}  // namespace selfeval::rules
