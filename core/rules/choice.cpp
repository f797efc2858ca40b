// choice: a fixed menu of outcomes → points. Parameter "options": [{"id": "full",
// "label": "得满分", "ratio": 1}, {"id": "half", "label": "1/2 权重分", "ratio": 0.5},
// {"id": "none", "label": "不得分", "ratio": 0}]; "points" may replace "ratio".
#include <fmt/format.h>

#include "rule_support.hpp"

namespace selfeval::rules {
namespace {
class Choice final : public ScoringRule {
 public:
  std::string_view name() const override { return "choice"; }
  std::string_view label_zh() const override { return "选项评分"; }
  std::string_view label_en() const override { return "Choice of outcomes"; }
  std::vector<std::string> inputs() const override { return {"choice", "reason"}; }
  RuleOutput score(const RuleInput& in) const override {
    RuleOutput out;
    const nlohmann::json* options =
        in.params.is_object() && in.params.contains("options") && in.params["options"].is_array()
            ? &in.params["options"] : nullptr;
    if (!options || options->empty()) {
      out.findings.push_back(finding(in, "rule.bad_params", Severity::kError, "",
                                     fmt::format("“{}”的 choice 规则没有配置选项", in.node.name),
                                     fmt::format("the choice rule of \"{}\" has no options", in.node.name)));
      return out;
    }
    const std::string picked = in.answer ? in.answer->choice : "";
    std::string ids;
    for (const auto& o : *options) {
      const std::string id = o.value("id", "");
      ids += (ids.empty() ? "" : " / ") + id + "（" + o.value("label", "") + "）";
      if (id != picked || picked.empty()) continue;
      Decimal s = o.contains("points")
                      ? param_decimal(o, "points", Decimal())
                      : Decimal::mul(in.weight, param_decimal(o, "ratio", Decimal())).value_or(Decimal());
      out.score = clamp(s, Decimal(), in.weight);
      out.detail["choice"] = id;
      out.detail["label"] = o.value("label", "");
      return out;
    }
    out.findings.push_back(finding(
        in, picked.empty() ? "choice.missing" : "choice.unknown", Severity::kError, "choice",
        picked.empty() ? fmt::format("“{}”未选择评分结果", in.node.name)
                       : fmt::format("“{}”的选项“{}”不存在，可选：{}", in.node.name, picked, ids),
        picked.empty() ? fmt::format("\"{}\" has no outcome chosen", in.node.name)
                       : fmt::format("\"{}\" has no option \"{}\"; choose one of {}", in.node.name, picked, ids)));
    return out;
  }
};
}  // namespace
std::unique_ptr<ScoringRule> make_choice() { return std::make_unique<Choice>(); }
}  // namespace selfeval::rules
