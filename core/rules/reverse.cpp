// reverse (≤, <): A ≤ T → W; T < A < 2T → W × (1 − (A−T)/T); A ≥ 2T → 0.
// Parameter "decay" (default 2) moves the point where the score reaches 0 to decay × T.
#include "rules/rule_support.hpp"

namespace selfeval::rules {
namespace {
class Reverse final : public SinglePartRule {
 public:
  std::string_view name() const override { return "reverse"; }
  std::string_view label_zh() const override { return "反向"; }
  std::string_view label_en() const override { return "Reverse"; }
  std::vector<ParamSpec> params() const override { return {decay_param()}; }

 protected:
  Decimal score_part(const RuleInput& in, Decimal a, Decimal t) const override {
    return reverse_score(in.weight, a, t, param_decimal(in.params, "decay", Decimal::from_int(2)));
  }
  // Doing far better than a ceiling is no sign of a target set too low.
  bool flags_over_completion() const override { return false; }
};
}  // namespace
std::unique_ptr<ScoringRule> make_reverse() { return std::make_unique<Reverse>(); }
}  // namespace selfeval::rules
