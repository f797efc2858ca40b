// traffic_light: a monitoring form's row (绩效运行监控表), graded by a light instead of a score.
// Quantity, benefit and satisfaction rows (the scheme's prorate_categories) compare the actual to
// date with 年度指标值 × N/12 (a rate — a unit in rate_units — with 年度指标值 itself) and take
// the light of the completion's band; reverse rows and quality, time and cost rows are green
// inside the target and red outside; qualitative rows take the light of the chosen outcome.
// The lights in require_reason need 偏差原因 (category and 说明) and 纠偏措施.
#include <fmt/format.h>

#include <algorithm>

#include "base/json_access.hpp"
#include "rules/light_scheme.hpp"
#include "rules/rule_support.hpp"
#include "target/target_expr.hpp"

namespace selfeval::rules {
namespace {

using nlohmann::json;

bool contains(const std::vector<std::string>& list, const std::string& s) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

// Whether an actual lies inside one part of the target.
bool inside(const TargetPart& p, Decimal a, Direction dir) {
  switch (p.op) {
    case Comparator::kGe:
      return a >= p.value;
    case Comparator::kGt:
      return a > p.value;
    case Comparator::kLe:
      return a <= p.value;
    case Comparator::kLt:
      return a < p.value;
    case Comparator::kEq:
      if (!p.op_implicit && dir == Direction::kEqual) return a == p.value;
      return dir == Direction::kReverse ? a <= p.value : a >= p.value;
  }
  return false;
}

bool reverse_part(const TargetPart& p, Direction dir) {
  return p.op == Comparator::kLe || p.op == Comparator::kLt ||
         (p.op == Comparator::kEq && p.op_implicit && dir == Direction::kReverse);
}

// A row graded by the outcome a rater picks: qualitative, a deadline, or no measurable target.
bool outcome_row(const FormNode& n) {
  return n.direction == Direction::kQualitative || !n.target || n.target->parts.empty() ||
         n.target->kind == TargetKind::kDeadline;
}

class TrafficLight final : public ScoringRule {
 public:
  std::string_view name() const override { return "traffic_light"; }
  std::string_view label_zh() const override { return "监控亮灯"; }
  std::string_view label_en() const override { return "Monitoring traffic light"; }
  std::vector<std::string> inputs() const override {
    return {"actual", "forecast", "likelihood", "choice", "reason_category", "reason", "measures"};
  }
  std::vector<std::string> row_inputs(const FormNode& n) const override {
    if (outcome_row(n)) return {"choice", "likelihood", "reason_category", "reason", "measures"};
    return {"actual", "forecast", "likelihood", "reason_category", "reason", "measures"};
  }
  RuleTraits traits() const override {
    RuleTraits t;
    t.mid_year = true;
    return t;
  }
  std::vector<ParamSpec> params() const override {
    auto list = [](const char* n, const char* zh, const char* en) {
      return ParamSpec{n, ParamSpec::Kind::kList, false, {}, {}, false, {}, zh, en};
    };
    return {list("bands",
                 "完成率区间：[{\"light\": red/yellow/green/blue, \"min\": %, \"max\": %}, …]，"
                 "从 0 开始首尾相接，最高一档不设上限（默认 60/80/120）",
                 "completion bands: [{\"light\", \"min\" %, \"max\" %}, …] from 0, end to end, "
                 "the highest open (default 60/80/120)"),
            list("require_reason", "须填写偏差原因和纠偏措施的灯（默认 red、yellow）",
                 "the lights that require a reason and corrective measures (default red, "
                 "yellow)"),
            list("outcomes", "定性指标的完成情况：[{\"word\", \"light\"}, …]",
                 "qualitative outcomes: [{\"word\", \"light\"}, …]"),
            list("prorate_categories", "按时间进度（年度指标值 × N/12）衡量的指标类别",
                 "categories measured against 年度指标值 × N/12"),
            list("rate_units", "比率的单位（如 %），不按时间进度折算",
                 "units of rates (such as %), not pro-rated by the month"),
            list("reason_categories", "偏差原因类别", "categories of deviation reasons"),
            list("likelihoods", "完成可能性的选项", "the choices of likelihood")};
  }
  void check_params(const json& params, const std::string& path, const std::string& who,
                    Findings& out) const override {
    check_light_params(params, path, who, out);
  }
  json vocabulary(const json& params, Decimal weight, int places) const override {
    (void)weight, (void)places;
    const LightScheme s = read_light_scheme(params);
    json options = json::array();
    for (const auto& o : s.outcomes)
      options.push_back({{"id", o.word},
                         {"label", fmt::format("{}（{}）", o.word, light_zh(o.light))},
                         {"label_en", fmt::format("{} ({})", o.word, light_en(o.light))},
                         {"light", light_id(o.light)}});
    return {{"options", options},
            {"likelihoods", s.likelihoods},
            {"reason_categories", s.reason_categories}};
  }

  RuleOutput score(const RuleInput& in) const override {
    RuleOutput out;
    const LightScheme scheme = read_light_scheme(in.params);
    check_choices(in, scheme, out);
    const int month = in.settings.month;
    const FormNode& n = in.node;
    std::optional<Light> light;
    if (outcome_row(n)) {
      out.detail["kind"] = "outcome";
      light = outcome_light(in, scheme, out);
    } else {
      const auto actuals = read_actual_parts(in, out);
      if (!actuals.empty()) {
        const bool prorated_kind =
            contains(scheme.prorate_categories, n.category) && n.direction != Direction::kReverse;
        light = prorated_kind ? progress_light(in, scheme, actuals, month, out)
                              : target_light(in, actuals, out);
        check_forecast(in, scheme, actuals, out);
      } else {
        out.detail["kind"] = prorated_kind_name(in, scheme);
      }
    }
    if (month > 0) {
      out.detail["month"] = month;
      out.detail["time_progress"] =
          percent_text(*Decimal::div(Decimal::from_int(month), Decimal::from_int(12)));
    }
    if (light) {
      out.detail["light"] = light_id(*light);
      out.detail["light_zh"] = light_zh(*light);
      out.detail["light_en"] = light_en(*light);
      if (scheme.requires_reason(*light)) require_reason(in, *light, out);
    }
    return out;
  }

 private:
  static const char* prorated_kind_name(const RuleInput& in, const LightScheme& s) {
    return contains(s.prorate_categories, in.node.category) &&
                   in.node.direction != Direction::kReverse
               ? "progress"
               : "target";
  }

  // 完成可能性 and 偏差原因类别 must be words of the scheme.
  static void check_choices(const RuleInput& in, const LightScheme& s, RuleOutput& out) {
    if (!in.answer) return;
    const std::string& name = in.node.name;
    if (!in.answer->likelihood.empty() && !contains(s.likelihoods, in.answer->likelihood)) {
      out.findings.push_back(
          finding(in, "monitoring.bad_likelihood", Severity::kError, "likelihood",
                  fmt::format("“{}”的完成可能性“{}”不是可选项（{}）", name, in.answer->likelihood,
                              fmt::join(s.likelihoods, " / ")),
                  fmt::format("the likelihood \"{}\" of \"{}\" is not one of the choices ({})",
                              in.answer->likelihood, name, fmt::join(s.likelihoods, " / "))));
    }
    if (!in.answer->reason_category.empty() &&
        !contains(s.reason_categories, in.answer->reason_category)) {
      out.findings.push_back(finding(
          in, "monitoring.bad_reason_category", Severity::kError, "reason_category",
          fmt::format("“{}”的偏差原因类别“{}”不是可选项（{}）", name, in.answer->reason_category,
                      fmt::join(s.reason_categories, " / ")),
          fmt::format("the reason category \"{}\" of \"{}\" is not one of the choices ({})",
                      in.answer->reason_category, name, fmt::join(s.reason_categories, " / "))));
    }
  }

  static std::optional<Light> outcome_light(const RuleInput& in, const LightScheme& s,
                                            RuleOutput& out) {
    const std::string choice = in.answer ? in.answer->choice : "";
    if (choice.empty()) {
      out.findings.push_back(
          finding(in, "monitoring.outcome_missing", Severity::kError, "choice",
                  fmt::format("定性指标“{}”未选择目标完成情况", in.node.name),
                  fmt::format("qualitative indicator \"{}\" has no outcome chosen", in.node.name)));
      return std::nullopt;
    }
    for (const auto& o : s.outcomes)
      if (o.word == choice) return o.light;
    std::vector<std::string> words;
    for (const auto& o : s.outcomes) words.push_back(o.word);
    out.findings.push_back(
        finding(in, "monitoring.bad_outcome", Severity::kError, "choice",
                fmt::format("“{}”的完成情况“{}”不是可选项（{}）", in.node.name, choice,
                            fmt::join(words, " / ")),
                fmt::format("the outcome \"{}\" of \"{}\" is not one of the choices ({})", choice,
                            in.node.name, fmt::join(words, " / "))));
    return std::nullopt;
  }

  // Completion against the expected value to date; the weakest part gives the row's light.
  static std::optional<Light> progress_light(const RuleInput& in, const LightScheme& s,
                                             const std::vector<ActualNumber>& actuals, int month,
                                             RuleOutput& out) {
    out.detail["kind"] = "progress";
    if (month <= 0) return std::nullopt;  // the month's own finding says why
    const auto& parts = in.node.target->parts;
    std::optional<Decimal> weakest;
    json detail = json::array();
    for (std::size_t i = 0; i < parts.size(); ++i) {
      const TargetPart& p = parts[i];
      const auto a = actual_for_part(in, out, actuals, p, i);
      if (!a) return std::nullopt;
      // A per-month target (1人次/月) and a rate (95%) are measured as they stand.
      const bool prorate = !contains(s.rate_units, p.unit) && p.per != "月";
      const Decimal n = Decimal::from_int(prorate ? month : 12);
      const Decimal expected = *Decimal::mul_div(p.value, n, Decimal::from_int(12));
      const Decimal actual = a->value.is_negative() ? Decimal() : a->value;
      Decimal completion;  // in percent
      if (p.value.is_zero() || p.value.is_negative()) {
        completion = Decimal::from_int(actual >= p.value ? 100 : 0);
      } else {
        // A × 1200 / (T × N): one rounding, not through the rounded expected value.
        const auto tn = Decimal::mul(p.value, n);
        completion = tn ? Decimal::mul_div(actual, Decimal::from_int(1200), *tn)
                              .value_or(Decimal::from_int(1'000'000))
                        : Decimal();
      }
      detail.push_back({{"label", p.label},
                        {"actual", text(a->value)},
                        {"target", text(p.value)},
                        {"prorated", prorate},
                        {"expected_to_date", text(expected)},
                        {"completion", completion.to_fixed(2) + "%"}});
      weakest = weakest ? std::min(*weakest, completion) : completion;
    }
    out.detail["parts"] = detail;
    out.detail["completion"] = weakest->to_fixed(2) + "%";
    return s.band_light(*weakest);
  }

  // Inside the target (every part) green, outside red.
  static std::optional<Light> target_light(const RuleInput& in,
                                           const std::vector<ActualNumber>& actuals,
                                           RuleOutput& out) {
    out.detail["kind"] = "target";
    const auto& parts = in.node.target->parts;
    bool all_inside = true;
    json detail = json::array();
    for (std::size_t i = 0; i < parts.size(); ++i) {
      const auto a = actual_for_part(in, out, actuals, parts[i], i);
      if (!a) return std::nullopt;
      const bool ok = inside(parts[i], a->value, in.node.direction);
      detail.push_back({{"label", parts[i].label},
                        {"actual", text(a->value)},
                        {"target", text(parts[i].value)},
                        {"reverse", reverse_part(parts[i], in.node.direction)},
                        {"inside", ok}});
      all_inside = all_inside && ok;
    }
    out.detail["parts"] = detail;
    return all_inside ? Light::kGreen : Light::kRed;
  }

  // 全年预计完成值 cannot be below what is already done (an accumulating amount: not a rate,
  // not a per-month frequency).
  static void check_forecast(const RuleInput& in, const LightScheme& s,
                             const std::vector<ActualNumber>& actuals, RuleOutput& out) {
    if (!in.answer || !in.answer->forecast || in.answer->forecast->empty()) return;
    const std::string& text_f = *in.answer->forecast;
    const Target f = parse_target(text_f);
    if (f.parts.empty()) {
      out.findings.push_back(
          finding(in, "monitoring.forecast_not_numeric", Severity::kError, "forecast",
                  fmt::format("“{}”的全年预计完成值“{}”没有数值", in.node.name, text_f),
                  fmt::format("the full-year forecast \"{}\" of \"{}\" has no number", text_f,
                              in.node.name)));
      return;
    }
    out.detail["forecast"] = text(f.parts[0].value);
    const auto& parts = in.node.target->parts;
    for (std::size_t i = 0; i < parts.size() && i < f.parts.size() && i < actuals.size(); ++i) {
      if (contains(s.rate_units, parts[i].unit) || parts[i].per == "月") continue;
      const Decimal a = actuals[i].value;
      const Decimal fc = f.parts[i].value;
      if (fc < a) {
        out.findings.push_back(finding(
            in, "monitoring.forecast_below_actual", Severity::kError, "forecast",
            fmt::format("“{}”的全年预计完成值 {} 低于截至本月的实际完成值 {}", in.node.name,
                        text(fc), text(a)),
            fmt::format("the full-year forecast {} of \"{}\" is below the actual to date {}",
                        text(fc), in.node.name, text(a))));
        return;
      }
    }
  }

  static void require_reason(const RuleInput& in, Light light, RuleOutput& out) {
    const AnswerValue* a = in.answer;
    const std::string& name = in.node.name;
    const std::string lz = light_zh(light), le = std::string("a ") + light_id(light) + " light";
    if (!a || a->reason_category.empty())
      out.findings.push_back(finding(
          in, "monitoring.reason_category_missing", Severity::kError, "reason_category",
          fmt::format("“{}”亮{}，须选择偏差原因类别", name, lz),
          fmt::format("\"{}\" shows {}: choose the category of the deviation reason", name, le)));
    if (!a || a->reason.empty())
      out.findings.push_back(
          finding(in, "monitoring.reason_missing", Severity::kError, "reason",
                  fmt::format("“{}”亮{}，须填写偏差原因说明", name, lz),
                  fmt::format("\"{}\" shows {}: explain the deviation", name, le)));
    if (!a || a->measures.empty())
      out.findings.push_back(
          finding(in, "monitoring.measures_missing", Severity::kError, "measures",
                  fmt::format("“{}”亮{}，须填写纠偏措施", name, lz),
                  fmt::format("\"{}\" shows {}: give the corrective measures", name, le)));
  }
};

}  // namespace
std::unique_ptr<ScoringRule> make_traffic_light() { return std::make_unique<TrafficLight>(); }
}  // namespace selfeval::rules
