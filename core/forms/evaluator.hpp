// Scores a form: every leaf through its rule, each subtotal, the budget block, the
// total, the grade and rule outputs, with every defect a reviewer would write down.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <vector>

#include "forms/declaration.hpp"
#include "forms/form.hpp"
#include "model/answers.hpp"
#include "rules/scoring_rule.hpp"

namespace selfeval {

/// The score of one node: the rule's exact value for leaves, the sum of the children's
/// shown scores for sections.
struct NodeScore {
  std::optional<Decimal> exact;  ///< leaves: the rule's unrounded score (nullopt: not computable)
  Decimal shown;                 ///< rounded as the template says; what the form shows
  Findings findings;
  nlohmann::json detail = nlohmann::json::object();
  bool actual_equals_target = false;  ///< quantitative leaf whose actual is exactly its target
};

struct Evaluation {
  std::vector<NodeScore> nodes;  ///< parallel to Form::nodes
  std::optional<NodeScore> budget;
  Decimal total;
  const GradeBand* grade = nullptr;
  Findings form_findings;  ///< findings about the whole form
  nlohmann::json outputs = nlohmann::json::object();
  int month = 0;  ///< a monitoring form's month N, 0 when not given or not valid
};

class Evaluator {
 public:
  Evaluator(const Form& form, const Answers& answers, const Declaration* declaration);

  /// Scores everything from scratch.
  Evaluation evaluate() const;
  /// evaluate() without the form-level findings (a caller that keeps structure_checks()).
  Evaluation score_all() const;

  /// Scores one leaf (rule plus the per-row checks).
  NodeScore score_leaf(std::size_t index) const;
  /// Scores the budget block, if the template has one.
  std::optional<NodeScore> score_budget() const;
  /// Recomputes sections, total, grade and outputs from the leaves' scores.
  void aggregate(Evaluation& e) const;
  /// Re-sums the sections above one node (after that node's score changed).
  void propagate(Evaluation& e, std::size_t index) const;
  /// Recomputes the total, grade and rule outputs from the top-level sections.
  void finish(Evaluation& e) const;
  /// Findings about the whole form: structure_checks() and value_checks(e).
  Findings form_checks(const Evaluation& e) const;
  /// The form-level findings no value edit can change (answers for another template or
  /// for unknown indicators, targets against the declaration): computed once per form.
  Findings structure_checks() const;
  /// The form-level findings that follow the values (unit fields, actuals copied from the
  /// targets, the reported total): cheap enough to redo on every edit.
  Findings value_checks(const Evaluation& e) const;

  const EvalSettings& settings() const { return settings_; }

 private:
  const Form& form_;
  const Answers& answers_;
  const Declaration* declaration_;
  EvalSettings settings_;
  std::vector<std::size_t> quantitative_leaves_;  ///< leaves with a measurable target, in order
};

/// All findings of an evaluation: the form's combination, every node, the form level.
Findings all_findings(const Form& form, const Evaluation& e);
/// The counts of all_findings(form, e), without building the list.
FindingCounts count_findings(const Form& form, const Evaluation& e);

}  // namespace selfeval
