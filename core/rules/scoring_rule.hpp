// The scoring-rule interface and the registry of rules by the name templates use.
// Adding a rule is one file in core/rules/ and one line in registry.cpp.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "answers.hpp"
#include "decimal.hpp"
#include "finding.hpp"
#include "form.hpp"

namespace selfeval {

/// Settings of the whole evaluation that rules read.
struct EvalSettings {
  int places = 2;
  RoundingMode rounding = RoundingMode::kHalfUp;
  Decimal over_completion_factor = Decimal::from_micros(1'200'000);
  int year = 0;             ///< reporting year, 0 when unknown
  std::string project_end;  ///< YYYY-MM-DD, "" when unknown
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
  /// Scores one leaf.
  virtual RuleOutput score(const RuleInput& in) const = 0;
};

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
}  // namespace rules

}  // namespace selfeval
