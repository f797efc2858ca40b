// expert: a reviewer's score in 0..W; a score below W requires a 扣分原因.
#include <fmt/format.h>

#include "rules/entered_score.hpp"

namespace selfeval::rules {
namespace {
class Expert final : public ScoringRule {
 public:
  std::string_view name() const override { return "expert"; }
  std::string_view label_zh() const override { return "专家评分"; }
  std::string_view label_en() const override { return "Expert score"; }
  RuleTraits traits() const override { return {true, false, false}; }
  std::vector<std::string> inputs() const override { return {"score", "reason", "evidence"}; }
  RuleOutput score(const RuleInput& in) const override {
    RuleOutput out;
    out.score = entered_score(in, out, "评分", "score");
    if (out.score && *out.score < in.weight && in.answer->reason.empty()) {
      out.findings.push_back(
          finding(in, "expert.reason_missing", Severity::kError, "reason",
                  fmt::format("“{}”扣了 {} 分，但没有写扣分原因", in.node.name,
                              text(*Decimal::sub(in.weight, *out.score))),
                  fmt::format("\"{}\" loses {} points but gives no reason", in.node.name,
                              text(*Decimal::sub(in.weight, *out.score)))));
    }
    return out;
  }
};
}  // namespace
std::unique_ptr<ScoringRule> make_expert() { return std::make_unique<Expert>(); }
}  // namespace selfeval::rules
