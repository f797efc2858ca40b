// positive (≥, >): A ≥ T → W, else W × A/T; never above W; negative A counts as 0.
#include "rules/rule_support.hpp"

namespace selfeval::rules {
namespace {
class Positive final : public SinglePartRule {
 public:
  std::string_view name() const override { return "positive"; }
  std::string_view label_zh() const override { return "正向"; }
  std::string_view label_en() const override { return "Positive"; }

 protected:
  Decimal score_part(const RuleInput& in, Decimal a, Decimal t) const override {
    return ratio_score(in.weight, a, t);
  }
};
}  // namespace
std::unique_ptr<ScoringRule> make_positive() { return std::make_unique<Positive>(); }
}  // namespace selfeval::rules
