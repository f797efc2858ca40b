// tiers: a measured value → points by ranges. Parameter "tiers": [{"min": 100, "points": 5},
// {"min": 90, "points": 4}, …] — the first tier (highest "min") the value reaches scores;
// below every tier, or with no measurement (no survey), 0.
#include <fmt/format.h>

#include <algorithm>

#include "rules/rule_support.hpp"

namespace selfeval::rules {
namespace {
class Tiers final : public ScoringRule {
 public:
  std::string_view name() const override { return "tiers"; }
  std::string_view label_zh() const override { return "分档"; }
  std::string_view label_en() const override { return "Tiered"; }
  std::vector<std::string> inputs() const override {
    return {"actual", "sample_size", "survey_method", "reason"};
  }
  std::vector<ParamSpec> params() const override {
    return {
        {"tiers",
         ParamSpec::Kind::kList,
         true,
         {},
         {},
         false,
         {},
         "档位：[{\"min\": 下限, \"points\": 得分}, …]，达到的最高一档计分",
         "the tiers: [{\"min\": lower bound, \"points\": points}, …]; the highest reached scores"}};
  }
  void check_params(const nlohmann::json& params, const std::string& path, const std::string& who,
                    Findings& out) const override {
    const nlohmann::json& list = params["tiers"];
    for (std::size_t i = 0; i < list.size(); ++i) {
      const std::string at = json_pointer_append(json_pointer_append(path, "tiers"), i);
      const nlohmann::json& t = list[i];
      const bool ok = t.is_object() && t.size() == 2 && t.contains("min") && t.contains("points") &&
                      param_number(t["min"]) && param_number(t["points"]) &&
                      !param_number(t["points"])->is_negative();
      if (!ok)
        out.push_back(Finding{"rule.bad_param", Severity::kError, at,
                              fmt::format("指标“{}”的评分规则参数：第 {} 档应为 {{\"min\": 数字, "
                                          "\"points\": 不小于 0 的数字}}",
                                          who, i + 1),
                              fmt::format("scoring rule parameters of \"{}\": tier {} must be "
                                          "{{\"min\": number, \"points\": number ≥ 0}}",
                                          who, i + 1)});
    }
  }
  RuleOutput score(const RuleInput& in) const override {
    RuleOutput out;
    struct T {
      Decimal min, points;
    };
    std::vector<T> tiers;
    if (in.params.is_object() && in.params.contains("tiers") && in.params["tiers"].is_array())
      for (const auto& t : in.params["tiers"])
        tiers.push_back(
            {param_decimal(t, "min", Decimal()), param_decimal(t, "points", Decimal())});
    std::sort(tiers.begin(), tiers.end(), [](const T& a, const T& b) { return a.min > b.min; });
    if (tiers.empty()) {
      out.findings.push_back(
          finding(in, "rule.bad_params", Severity::kError, "",
                  fmt::format("“{}”的 tiers 规则没有配置档位", in.node.name),
                  fmt::format("the tiers rule of \"{}\" has no tiers", in.node.name)));
      return out;
    }
    const auto actuals = read_actual_parts(in, out);
    if (actuals.empty()) {
      out.score = Decimal();  // no measurement, no survey: 0 points by the standard
      return out;
    }
    const Decimal a = actuals[0].value;
    out.score = Decimal();
    for (const auto& t : tiers) {
      if (a >= t.min) {
        out.score = clamp(t.points, Decimal(), in.weight);
        out.detail["tier_min"] = text(t.min);
        break;
      }
    }
    out.detail["actual"] = text(a);
    return out;
  }
};
}  // namespace
std::unique_ptr<ScoringRule> make_tiers() { return std::make_unique<Tiers>(); }
}  // namespace selfeval::rules
