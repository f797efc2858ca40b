// payment: below the threshold, deduct an amount per point from the contract balance,
// up to an optional cap (seed 000: threshold 95, 1万元 per point).
#include "base/json_access.hpp"
#include "rules/output_rule.hpp"
#include "rules/rule_support.hpp"

namespace selfeval::rules {
namespace {
class Payment final : public OutputRule {
 public:
  std::string_view name() const override { return "payment"; }
  std::vector<ParamSpec> params() const override {
    return {{"threshold",
             ParamSpec::Kind::kNumber,
             true,
             Decimal(),
             {},
             false,
             {},
             "足额支付的最低得分",
             "the lowest total paid in full"},
            {"per_point",
             ParamSpec::Kind::kNumber,
             true,
             Decimal(),
             {},
             false,
             {},
             "每低 1 分扣减的金额",
             "the amount deducted per point below"},
            {"cap",
             ParamSpec::Kind::kNumber,
             false,
             Decimal(),
             {},
             false,
             {},
             "扣减上限",
             "the largest deduction"},
            {"money_unit",
             ParamSpec::Kind::kText,
             false,
             {},
             {},
             false,
             {},
             "金额单位（默认 万元）",
             "the money unit (default 万元)"}};
  }
  nlohmann::json compute(Decimal total, const nlohmann::json& p,
                         const EvalSettings& settings) const override {
    const Decimal threshold = param_decimal(p, "threshold", Decimal::from_int(95));
    const Decimal per_point = param_decimal(p, "per_point", Decimal::from_int(1));
    const Decimal shortfall = total < threshold ? *Decimal::sub(threshold, total) : Decimal();
    Decimal deduction = Decimal::mul(shortfall, per_point).value_or(Decimal());
    if (p.contains("cap")) {
      const Decimal cap = param_decimal(p, "cap", deduction);
      if (deduction > cap) deduction = cap;
    }
    return {{"threshold", threshold.to_string()},
            {"per_point", per_point.to_string()},
            {"money_unit", json_str(p, "money_unit", "万元")},
            {"points_below", shortfall.to_string()},
            {"deduction", deduction.to_fixed(settings.places)},
            {"paid_in_full", shortfall.is_zero()}};
  }
};
}  // namespace
std::unique_ptr<OutputRule> make_payment() { return std::make_unique<Payment>(); }
}  // namespace selfeval::rules
