// The scoring-rule interface and the registry of rules by the name templates use.
// Adding a rule is one file in core/rules/ and one line in registry.cpp.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/decimal.hpp"
#include "base/finding.hpp"
#include "model/answers.hpp"
#include "model/form_node.hpp"

namespace selfeval {

/// Settings of the whole evaluation that rules read.
struct EvalSettings {
  int places = 2;
  RoundingMode rounding = RoundingMode::kHalfUp;
  Decimal over_completion_factor = Decimal::from_micros(1'200'000);
  int year = 0;             ///< reporting year, 0 when unknown
  std::string project_end;  ///< YYYY-MM-DD, "" when unknown
  int month = 0;            ///< a monitoring form's month N (1–12), 0 when not given or bad
  bool monitoring = false;  ///< a monitoring form (绩效运行监控表): lights, no scores
};

/// What a rule scores: one leaf with its weight, target, parameters and answer.
struct RuleInput {
  const FormNode& node;
  Decimal weight;
  const AnswerValue* answer;  ///< nullptr when nothing has been entered
  const nlohmann::json& params;
  const EvalSettings& settings;
  std::string value_path;  ///< "/values/<id>" in the answers document
};

/// A rule's verdict: the exact score (nullopt when it cannot be computed, counted as 0),
/// findings, and details shown beside the score (ratio, rate, tier …).
struct RuleOutput {
  std::optional<Decimal> score;
  Findings findings;
  nlohmann::json detail = nlohmann::json::object();
};

/// A parameter a rule takes under "params" in a template (or a project row's rule).
struct ParamSpec {
  enum class Kind { kNumber, kChoice, kList, kText };
  std::string name;
  Kind kind = Kind::kNumber;
  bool required = false;
  std::optional<Decimal> min, max;   ///< kNumber: inclusive bounds
  bool min_exclusive = false;        ///< kNumber: the minimum itself is refused
  std::vector<std::string> choices;  ///< kChoice: the allowed words
  std::string zh, en;                ///< what it means, for messages and the catalogue
};

/// What the evaluator, the session and the page need to know about a rule, instead of
/// lists of rule names.
struct RuleTraits {
  bool entered_by_rater = false;  ///< the score is typed by a rater (expert, bonus, penalty): no
                                  ///< 偏差原因 or survey checks
  bool compares_numbers =
      false;  ///< measures an actual against a numeric target (the copied-target check counts it)
  bool scores_dates = false;  ///< scores by a completion date, which it requires itself (deadline)
  bool mid_year = false;      ///< grades progress mid-year (monitoring): no completion dates or
                              ///< survey are asked of its rows yet
};

class ScoringRule {
 public:
  virtual ~ScoringRule() = default;
  /// The name templates use ("positive", "tiers" …).
  virtual std::string_view name() const = 0;
  /// What a clerk is shown for the rule (正向 / Positive, 定性指标 / Qualitative …).
  virtual std::string_view label_zh() const = 0;
  virtual std::string_view label_en() const = 0;
  /// The answer fields the form must offer for this rule (actual, tier, score …).
  virtual std::vector<std::string> inputs() const = 0;
  virtual RuleTraits traits() const { return {}; }
  /// The inputs one row needs, when a rule's rows differ by their target (a monitoring row
  /// asks a qualitative row for its outcome, a measured one for its actual); inputs() by default.
  virtual std::vector<std::string> row_inputs(const FormNode& node) const {
    (void)node;
    return inputs();
  }
  /// The parameters it takes; any other name is refused when the template loads.
  virtual std::vector<ParamSpec> params() const { return {}; }
  /// Checks beyond the declared specs (a list's items), as findings under `path`
  /// ("…/rule/params"); `who` names the indicator in messages.
  virtual void check_params(const nlohmann::json& params, const std::string& path,
                            const std::string& who, Findings& out) const {
    (void)params, (void)path, (void)who, (void)out;
  }
  /// The words the page offers for one row of this rule, with their points for the row's
  /// weight: {"tiers": [...]} for qualitative, {"options": [...]} for choice; null for none.
  virtual nlohmann::json vocabulary(const nlohmann::json& params, Decimal weight,
                                    int places) const {
    (void)params, (void)weight, (void)places;
    return nullptr;
  }
  /// Scores one leaf.
  virtual RuleOutput score(const RuleInput& in) const = 0;
};

/// Checks a rule's parameters against its declaration: every name known, each value of its
/// kind and in range, required ones present, then the rule's own checks. Findings (errors,
/// code rule.bad_param) carry `path` + "/<name>".
Findings check_rule_params(const ScoringRule& rule, const nlohmann::json& params,
                           const std::string& path, const std::string& who);

/// A satisfaction row measured by a survey (category 满意度, a rule that does not take a
/// rater's score): it asks for the sample size and method.
bool needs_survey(const FormNode& node);

/// Every rule with its label, inputs, traits, parameters and vocabulary: what the page and
/// the README show, from the same declarations the engine scores with.
nlohmann::json rule_catalogue();

/// The rule registered under `name`, or nullptr.
const ScoringRule* find_rule(std::string_view name);
/// Every registered rule name, sorted.
std::vector<std::string> rule_names();

namespace rules {
// Factories, one per rule file.
std::unique_ptr<ScoringRule> make_positive();
std::unique_ptr<ScoringRule> make_reverse();
std::unique_ptr<ScoringRule> make_equal();
std::unique_ptr<ScoringRule> make_range();
std::unique_ptr<ScoringRule> make_compound();
std::unique_ptr<ScoringRule> make_qualitative();
std::unique_ptr<ScoringRule> make_tiers();
std::unique_ptr<ScoringRule> make_slope();
std::unique_ptr<ScoringRule> make_per_occurrence();
std::unique_ptr<ScoringRule> make_choice();
std::unique_ptr<ScoringRule> make_expert();
std::unique_ptr<ScoringRule> make_budget_execution();
std::unique_ptr<ScoringRule> make_bonus();
std::unique_ptr<ScoringRule> make_penalty();
std::unique_ptr<ScoringRule> make_deadline();
std::unique_ptr<ScoringRule> make_traffic_light();
std::unique_ptr<ScoringRule> make_budget_progress();
}  // namespace rules

}  // namespace selfeval
