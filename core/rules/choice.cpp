// choice: a fixed menu of outcomes → points. Parameter "options": [{"id": "full",
// "label": "得满分", "ratio": 1}, {"id": "half", "label": "1/2 权重分", "ratio": 0.5},
// {"id": "none", "label": "不得分", "ratio": 0}]; "points" may replace "ratio".
#include <fmt/format.h>

#include <algorithm>

#include "base/json_access.hpp"
#include "rules/rule_support.hpp"

namespace selfeval::rules {
namespace {
class Choice final : public ScoringRule {
 public:
  std::string_view name() const override { return "choice"; }
  std::string_view label_zh() const override { return "选项评分"; }
  std::string_view label_en() const override { return "Choice of outcomes"; }
  std::vector<std::string> inputs() const override { return {"choice", "reason"}; }
  std::vector<ParamSpec> params() const override {
    return {{"options",
             ParamSpec::Kind::kList,
             true,
             {},
             {},
             false,
             {},
             "评分结果：[{\"id\", \"label\", \"ratio\" 或 \"points\"}, …]",
             "the outcomes: [{\"id\", \"label\", \"ratio\" or \"points\"}, …]"}};
  }
  void check_params(const nlohmann::json& params, const std::string& path, const std::string& who,
                    Findings& out) const override {
    const nlohmann::json& list = params["options"];
    std::vector<std::string> ids;
    for (std::size_t i = 0; i < list.size(); ++i) {
      const std::string at = json_pointer_append(json_pointer_append(path, "options"), i);
      const nlohmann::json& o = list[i];
      const std::string id = o.is_object() ? json_str(o, "id") : "";
      bool ok = o.is_object() && !id.empty() && (o.contains("ratio") != o.contains("points"));
      if (ok)
        for (const auto& [k, v] : o.items())
          ok = ok && (k == "id" || ((k == "label" || k == "label_en") && v.is_string()) ||
                      k == "ratio" || k == "points");
      if (ok && o.contains("ratio")) {
        const auto r = param_number(o["ratio"]);
        ok = r && !r->is_negative() && *r <= Decimal::from_int(1);
      }
      if (ok && o.contains("points")) {
        const auto p = param_number(o["points"]);
        ok = p && !p->is_negative();
      }
      ok = ok && std::find(ids.begin(), ids.end(), id) == ids.end();
      ids.push_back(id);
      if (!ok)
        out.push_back(
            Finding{"rule.bad_param", Severity::kError, at,
                    fmt::format("指标“{}”的评分规则参数：第 {} 个选项应有不重复的 id、文字的 "
                                "label，以及 0–1 的 ratio 或不小于 0 的 points（二者取一）",
                                who, i + 1),
                    fmt::format("scoring rule parameters of \"{}\": option {} needs a unique id, a "
                                "text label, and either a ratio from 0 to 1 or points ≥ 0",
                                who, i + 1)});
    }
  }
  // Each outcome with the points it gives this row: 得满分 4 分, 得 1/2 权重分 2 分, 不得分 0 分.
  nlohmann::json vocabulary(const nlohmann::json& params, Decimal weight,
                            int places) const override {
    nlohmann::json opts = nlohmann::json::array();
    if (!params.is_object() || !params.contains("options") || !params["options"].is_array())
      return {{"options", opts}};
    for (const auto& o : params["options"]) {
      if (!o.is_object()) continue;
      const Decimal pts = clamp(
          o.contains("points")
              ? param_decimal(o, "points", Decimal())
              : Decimal::mul(weight, param_decimal(o, "ratio", Decimal())).value_or(Decimal()),
          Decimal(), weight);
      const std::string label = json_str(o, "label", json_str(o, "id"));
      opts.push_back({{"id", json_str(o, "id")},
                      {"label", label},
                      {"label_en", json_str(o, "label_en", label)},
                      {"points", pts.rounded(places).to_string()}});
    }
    return {{"options", opts}};
  }
  RuleOutput score(const RuleInput& in) const override {
    RuleOutput out;
    const nlohmann::json* options =
        in.params.is_object() && in.params.contains("options") && in.params["options"].is_array()
            ? &in.params["options"]
            : nullptr;
    if (!options || options->empty()) {
      out.findings.push_back(
          finding(in, "rule.bad_params", Severity::kError, "",
                  fmt::format("“{}”的 choice 规则没有配置选项", in.node.name),
                  fmt::format("the choice rule of \"{}\" has no options", in.node.name)));
      return out;
    }
    const std::string picked = in.answer ? in.answer->choice : "";
    std::string ids;
    for (const auto& o : *options) {
      const std::string id = json_str(o, "id");
      ids += (ids.empty() ? "" : " / ") + id + "（" + json_str(o, "label") + "）";
      if (id != picked || picked.empty()) continue;
      Decimal s =
          o.contains("points")
              ? param_decimal(o, "points", Decimal())
              : Decimal::mul(in.weight, param_decimal(o, "ratio", Decimal())).value_or(Decimal());
      out.score = clamp(s, Decimal(), in.weight);
      out.detail["choice"] = id;
      out.detail["label"] = json_str(o, "label");
      return out;
    }
    out.findings.push_back(finding(
        in, picked.empty() ? "choice.missing" : "choice.unknown", Severity::kError, "choice",
        picked.empty() ? fmt::format("“{}”未选择评分结果", in.node.name)
                       : fmt::format("“{}”的选项“{}”不存在，可选：{}", in.node.name, picked, ids),
        picked.empty() ? fmt::format("\"{}\" has no outcome chosen", in.node.name)
                       : fmt::format("\"{}\" has no option \"{}\"; choose one of {}", in.node.name,
                                     picked, ids)));
    return out;
  }
};
}  // namespace
std::unique_ptr<ScoringRule> make_choice() { return std::make_unique<Choice>(); }
}  // namespace selfeval::rules
