// Helpers the rules share: reading actuals and entered numbers, the ratio formulas.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "rules/scoring_rule.hpp"

namespace selfeval::rules {

/// A finding about one field of this row's answer (path /values/<id>/<field>).
Finding finding(const RuleInput& in, const char* code, Severity sev, const std::string& field,
                std::string zh, std::string en);

/// A number read from the actual (实际完成值).
struct ActualNumber {
  Decimal value;
  std::string unit;
  std::string label;
};

/// Reads every numeric part of the actual. Reports a missing actual, a placeholder, an
/// actual with no number (完成, prose) and an actual that carries a comparator; empty
/// when nothing usable was written.
std::vector<ActualNumber> read_actual_parts(const RuleInput& in, RuleOutput& out);

/// The actual's number for one target part (matched by label, else by position), with a
/// warning when its unit differs from the target's.
std::optional<ActualNumber> actual_for_part(const RuleInput& in, RuleOutput& out,
                                            const std::vector<ActualNumber>& actuals,
                                            const TargetPart& part, std::size_t index);

/// The target's single measurable part, or an error finding when it has none.
const TargetPart* measurable_part(const RuleInput& in, RuleOutput& out);

/// An entered decimal (score, budget …); reports text that is not a number.
std::optional<Decimal> entered_decimal(const RuleInput& in, RuleOutput& out,
                                       const std::optional<std::string>& text,
                                       const std::string& field);

/// A decimal rule parameter (number or string), or `fallback`.
Decimal param_decimal(const nlohmann::json& params, const char* key, Decimal fallback);
/// A parameter value read as a decimal (a JSON number or a decimal string), or nullopt.
std::optional<Decimal> param_number(const nlohmann::json& v);

Decimal clamp(Decimal v, Decimal lo, Decimal hi);

/// W × A / T, never above W, never below 0; A < 0 counts as 0; T ≤ 0 gives W when A ≥ T.
Decimal ratio_score(Decimal w, Decimal a, Decimal t);
/// A ≤ T → W; T < A < decay·T → W × (1 − (A−T)/((decay−1)·T)); beyond → 0. T = 0: A ≤ 0 → W.
Decimal reverse_score(Decimal w, Decimal a, Decimal t, Decimal decay);
/// The `decay` parameter of the rules that score above the target with reverse_score
/// (reverse, range): a number from 1 to 100, 2 by default.
ParamSpec decay_param();
/// T ≠ 0 like ratio_score; T = 0 → W when A ≤ 0, else 0.
Decimal equal_score(Decimal w, Decimal a, Decimal t);

/// Flags A ≥ k × T: the target was probably set too low and the unit must explain.
void check_over_completion(const RuleInput& in, RuleOutput& out, Decimal a, Decimal t);

/// Decimal text for details.
inline std::string text(Decimal d) { return d.to_string(); }

}  // namespace selfeval::rules

namespace selfeval::rules {

/// A rule that compares one actual with the target's single part (positive, reverse,
/// equal): reads both, scores with `score_part`, flags over-completion.
class SinglePartRule : public ScoringRule {
 public:
  std::vector<std::string> inputs() const override { return {"actual", "reason"}; }
  RuleTraits traits() const override { return {false, true, false}; }
  RuleOutput score(const RuleInput& in) const override;

 protected:
  virtual Decimal score_part(const RuleInput& in, Decimal a, Decimal t) const = 0;
  virtual bool flags_over_completion() const { return true; }
};

/// A date as yyyymmdd ("2022-06-30", "2022/6/30", "2022年6月30日"), or nullopt.
std::optional<int> parse_date(const std::string& text);

}  // namespace selfeval::rules
