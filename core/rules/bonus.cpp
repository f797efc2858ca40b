// bonus (加分项): points in 0..W added on top of the base score.
#include "rules/entered_score.hpp"

namespace selfeval::rules {
namespace {
class Bonus final : public ScoringRule {
 public:
  std::string_view name() const override { return "bonus"; }
  std::string_view label_zh() const override { return "加分项"; }
  std::string_view label_en() const override { return "Bonus"; }
  RuleTraits traits() const override { return {true, false, false}; }
  std::vector<std::string> inputs() const override { return {"score", "reason", "evidence"}; }
  RuleOutput score(const RuleInput& in) const override {
    RuleOutput out;
    out.score = entered_score(in, out, "加分", "bonus");
    return out;
  }
};
}  // namespace
std::unique_ptr<ScoringRule> make_bonus() { return std::make_unique<Bonus>(); }
}  // namespace selfeval::rules
