// compound (展馆…，展厅…): each part scored by its own comparator; the row takes the
// weakest part ("combine": "min", the default) or their mean ("mean").
#include <fmt/format.h>

#include "base/json_access.hpp"
#include "rules/rule_support.hpp"

namespace selfeval::rules {
namespace {
class Compound final : public ScoringRule {
 public:
  std::string_view name() const override { return "compound"; }
  std::string_view label_zh() const override { return "复合指标"; }
  std::string_view label_en() const override { return "Compound"; }
  RuleTraits traits() const override { return {false, true, false}; }
  std::vector<ParamSpec> params() const override {
    return {
        {"combine",
         ParamSpec::Kind::kChoice,
         false,
         {},
         {},
         false,
         {"min", "mean"},
         "各部分如何合成：min 取最弱一项（默认），mean 取平均",
         "how the parts combine: min, the weakest (default), or mean"},
        {"decay",
         ParamSpec::Kind::kNumber,
         false,
         Decimal::from_int(1),
         Decimal::from_int(100),
         true,
         {},
         "反向部分超过指标值多少倍时得 0 分（默认 2）",
         "for reverse parts, the multiple of the target at which the score reaches 0 (default 2)"}};
  }
  std::vector<std::string> inputs() const override { return {"actual", "reason"}; }
  RuleOutput score(const RuleInput& in) const override {
    RuleOutput out;
    if (!in.node.target || in.node.target->parts.empty()) {
      measurable_part(in, out);
      return out;
    }
    const auto actuals = read_actual_parts(in, out);
    if (actuals.empty()) return out;
    const bool mean = json_str(in.params, "combine", "min") == "mean";
    const auto& parts = in.node.target->parts;
    std::optional<Decimal> combined;
    Decimal sum;
    auto detail = nlohmann::json::array();
    for (std::size_t i = 0; i < parts.size(); ++i) {
      const auto a = actual_for_part(in, out, actuals, parts[i], i);
      if (!a) return RuleOutput{std::nullopt, out.findings, out.detail};
      Decimal s;
      switch (parts[i].op) {
        case Comparator::kLe:
        case Comparator::kLt:
          s = reverse_score(in.weight, a->value, parts[i].value,
                            param_decimal(in.params, "decay", Decimal::from_int(2)));
          break;
        case Comparator::kEq:
          s = equal_score(in.weight, a->value, parts[i].value);
          break;
        default:
          s = ratio_score(in.weight, a->value, parts[i].value);
          check_over_completion(in, out, a->value, parts[i].value);
      }
      detail.push_back({{"label", parts[i].label},
                        {"actual", text(a->value)},
                        {"target", text(parts[i].value)},
                        {"score", text(s)}});
      combined = combined ? std::min(*combined, s) : s;
      sum = Decimal::add(sum, s).value_or(sum);
    }
    out.score = mean ? Decimal::div(sum, Decimal::from_int(static_cast<long long>(parts.size())))
                           .value_or(Decimal())
                     : *combined;
    out.detail["parts"] = detail;
    out.detail["combine"] = mean ? "mean" : "min";
    return out;
  }
};
}  // namespace
std::unique_ptr<ScoringRule> make_compound() { return std::make_unique<Compound>(); }
}  // namespace selfeval::rules
