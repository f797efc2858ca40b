// qualitative (定性): three tiers of W — 达成 [80%, 100%], 部分达成 [60%, 80%),
// 未达成 [0, 60%). The rater picks the tier and a score inside it; outside is an error.
#include <fmt/format.h>

#include <algorithm>

#include "rules/rule_support.hpp"

namespace selfeval::rules {
namespace {

struct Tier {
  const char* name;
  const char* name_en;
  long long lo_pct, hi_pct;  // [lo, hi) of W in percent; 达成 includes 100
};
constexpr Tier kTiers[] = {
    {"达成", "met", 80, 100}, {"部分达成", "partly met", 60, 80}, {"未达成", "not met", 0, 60}};

class Qualitative final : public ScoringRule {
 public:
  std::string_view name() const override { return "qualitative"; }
  std::string_view label_zh() const override { return "定性指标"; }
  std::string_view label_en() const override { return "Qualitative"; }
  // The three tiers with their range of points for this row, and the score choosing a tier
  // proposes: its top (达成: the weight; the others just under their upper bound).
  nlohmann::json vocabulary(const nlohmann::json&, Decimal weight, int places) const override {
    nlohmann::json tiers = nlohmann::json::array();
    Decimal step = Decimal::from_int(1);
    for (int i = 0; i < places; ++i)
      step = Decimal::div(step, Decimal::from_int(10)).value_or(step);
    for (const auto& t : kTiers) {
      const Decimal lo =
          Decimal::mul_div(weight, Decimal::from_int(t.lo_pct), Decimal::from_int(100))
              .value_or(Decimal());
      const Decimal hi =
          Decimal::mul_div(weight, Decimal::from_int(t.hi_pct), Decimal::from_int(100))
              .value_or(Decimal());
      const Decimal top = t.hi_pct == 100 ? hi : std::max(lo, Decimal::sub(hi, step).value_or(lo));
      tiers.push_back({{"id", t.name},
                       {"label", t.name},
                       {"label_en", t.name_en},
                       {"min", text(lo)},
                       {"max", text(hi)},
                       {"max_inclusive", t.hi_pct == 100},
                       {"propose", top.to_fixed(places)}});
    }
    return {{"tiers", tiers}};
  }
  std::vector<std::string> inputs() const override { return {"tier", "score", "actual", "reason"}; }
  RuleOutput score(const RuleInput& in) const override {
    RuleOutput out;
    const Tier* tier = nullptr;
    for (const auto& t : kTiers)
      if (in.answer && in.answer->tier == t.name) tier = &t;
    if (!tier) {
      out.findings.push_back(finding(
          in, "qualitative.tier_missing", Severity::kError, "tier",
          fmt::format("定性指标“{}”未选择达成程度（达成 / 部分达成 / 未达成）", in.node.name),
          fmt::format(
              "qualitative indicator \"{}\" has no tier chosen (met / partly met / not met)",
              in.node.name)));
      return out;
    }
    const Decimal lo =
        Decimal::mul_div(in.weight, Decimal::from_int(tier->lo_pct), Decimal::from_int(100))
            .value_or(Decimal());
    const Decimal hi =
        Decimal::mul_div(in.weight, Decimal::from_int(tier->hi_pct), Decimal::from_int(100))
            .value_or(Decimal());
    out.detail["tier"] = tier->name;
    out.detail["tier_range"] = {text(lo), text(hi)};
    auto s = entered_decimal(in, out, in.answer->score, "score");
    if (!s) {
      if (in.answer->score) return out;  // not a number: reported
      if (tier->hi_pct == 100) {
        out.score = in.weight;  // 达成 with no score typed: full marks
        return out;
      }
      out.findings.push_back(
          finding(in, "qualitative.score_missing", Severity::kError, "score",
                  fmt::format("“{}”选择了“{}”，还需填写 {}–{} 分之间的得分", in.node.name,
                              tier->name, text(lo), text(hi)),
                  fmt::format("\"{}\" is \"{}\": enter a score between {} and {}", in.node.name,
                              tier->name_en, text(lo), text(hi))));
      return out;
    }
    const bool inside = *s >= lo && (tier->hi_pct == 100 ? *s <= hi : *s < hi);
    if (!inside) {
      out.findings.push_back(finding(
          in, "qualitative.score_outside_tier", Severity::kError, "score",
          fmt::format("“{}”的得分 {} 不在“{}”对应的区间 [{}, {}{} 内", in.node.name, text(*s),
                      tier->name, text(lo), text(hi), tier->hi_pct == 100 ? "]" : ")"),
          fmt::format("the score {} of \"{}\" is outside the \"{}\" tier [{}, {}{}", text(*s),
                      in.node.name, tier->name_en, text(lo), text(hi),
                      tier->hi_pct == 100 ? "]" : ")")));
    }
    out.score = clamp(*s, Decimal(), in.weight);
    return out;
  }
};
}  // namespace
std::unique_ptr<ScoringRule> make_qualitative() { return std::make_unique<Qualitative>(); }
}  // namespace selfeval::rules
