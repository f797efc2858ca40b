// per_occurrence: minus "deduct" points per occurrence, floored at zero
// (每出现1次超时扣0.5分，扣完为止).
#include <fmt/format.h>

#include "rules/rule_support.hpp"

namespace selfeval::rules {
namespace {
class PerOccurrence final : public ScoringRule {
 public:
  std::string_view name() const override { return "per_occurrence"; }
  std::string_view label_zh() const override { return "按次扣分"; }
  std::string_view label_en() const override { return "Per occurrence"; }
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
  std::vector<std::string> inputs() const override { return {"occurrences", "reason"}; }
  RuleOutput score(const RuleInput& in) const override {
    RuleOutput out;
    if (in.answer && in.answer->bad_integers.count("occurrences"))
      return out;  // reported as not a number
    if (!in.answer || !in.answer->occurrences) {
      out.findings.push_back(finding(
          in, "occurrences.missing", Severity::kError, "occurrences",
          fmt::format("“{}”未填写发生次数（没有则填 0）", in.node.name),
          fmt::format("\"{}\" has no number of occurrences (enter 0 if none)", in.node.name)));
      return out;
    }
    const long long n = *in.answer->occurrences;
    if (n < 0) {
      out.findings.push_back(finding(
          in, "occurrences.negative", Severity::kError, "occurrences",
          fmt::format("“{}”的发生次数不能为负数：{}", in.node.name, n),
          fmt::format("\"{}\" cannot have a negative number of occurrences: {}", in.node.name, n)));
      return out;
    }
    const Decimal per = param_decimal(in.params, "deduct", Decimal::from_int(1));
    const auto lost = Decimal::mul(per, Decimal::from_int(n));
    out.score = !lost || *lost >= in.weight ? Decimal() : *Decimal::sub(in.weight, *lost);
    out.detail["occurrences"] = n;
    out.detail["deduct"] = text(per);
    return out;
  }
};
}  // namespace
std::unique_ptr<ScoringRule> make_per_occurrence() { return std::make_unique<PerOccurrence>(); }
}  // namespace selfeval::rules
