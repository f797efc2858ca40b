// equal (=): T ≠ 0 scored like positive; T = 0 → W when A ≤ 0, else 0.
#include "rules/rule_support.hpp"

namespace selfeval::rules {
namespace {
class Equal final : public SinglePartRule {
 public:
  std::string_view name() const override { return "equal"; }
  std::string_view label_zh() const override { return "等于"; }
  std::string_view label_en() const override { return "Equal"; }

 protected:
  Decimal score_part(const RuleInput& in, Decimal a, Decimal t) const override {
    return equal_score(in.weight, a, t);
  }
};
}  // namespace
std::unique_ptr<ScoringRule> make_equal() { return std::make_unique<Equal>(); }
}  // namespace selfeval::rules
