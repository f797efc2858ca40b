// penalty (扣分项): a deduction in 0..W, entered as a score or as occurrences × "deduct";
// the row counts −deduction, so W is the floor of what the item can take away.
#include "rules/entered_score.hpp"

namespace selfeval::rules {
namespace {
class Penalty final : public ScoringRule {
 public:
  std::string_view name() const override { return "penalty"; }
  std::string_view label_zh() const override { return "扣分项"; }
  std::string_view label_en() const override { return "Deduction"; }
  RuleTraits traits() const override { return {true, false, false}; }
  std::vector<ParamSpec> params() const override {
    return {{"deduct",
             ParamSpec::Kind::kNumber,
             false,
             Decimal(),
             {},
             true,
             {},
             "每出现一次扣的分数（默认 1）",
             "points deducted per occurrence (default 1)"}};
  }
  std::vector<std::string> inputs() const override { return {"score", "occurrences", "reason"}; }
  RuleOutput score(const RuleInput& in) const override {
    RuleOutput out;
    std::optional<Decimal> deduction;
    if (in.answer && in.answer->occurrences && !in.answer->score) {
      const auto per = param_decimal(in.params, "deduct", Decimal::from_int(1));
      deduction = clamp(Decimal::mul(per, Decimal::from_int(std::max(0LL, *in.answer->occurrences)))
                            .value_or(in.weight),
                        Decimal(), in.weight);
    } else {
      deduction = entered_score(in, out, "扣分", "deduction");
    }
    if (!deduction) return out;
    out.score = Decimal::sub(Decimal(), *deduction);
    out.detail["deduction"] = text(*deduction);
    return out;
  }
};
}  // namespace
std::unique_ptr<ScoringRule> make_penalty() { return std::make_unique<Penalty>(); }
}  // namespace selfeval::rules
