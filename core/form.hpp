// A form: the family template plus the project's own indicators, flattened into one
// tree of nodes with resolved rules, so evaluation and single-value edits can walk it.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "answers.hpp"
#include "template_model.hpp"

namespace selfeval {

class ScoringRule;

struct FormNode {
  std::string id, name, name_en;
  std::optional<Decimal> weight;  ///< given, or derived from the children
  Direction direction = Direction::kUnspecified;
  std::string category;  ///< own or inherited (数量, 时效, 成本, 满意度 …)
  std::string unit;
  std::string target_text, target_period_text;
  std::optional<Target> target;
  RuleRef rule;
  const ScoringRule* rule_impl = nullptr;  ///< nullptr on non-leaves and unknown rules
  bool bonus = false, penalty = false, open = false, from_project = false;
  std::string explanation, scoring_standard;
  int level = 1;
  std::optional<std::size_t> parent;
  std::vector<std::size_t> children;
  std::string def_path;  ///< where it is defined: a template path, or /indicators/i in the answers

  bool is_leaf() const { return children.empty() && !open; }
};

struct Form {
  Template tmpl;
  std::vector<FormNode> nodes;
  std::vector<std::size_t> roots;
  std::map<std::string, std::size_t> by_id;
  Findings findings;  ///< problems of the combination (template + project indicators)
};

/// Merges the project's indicators (from `answers`, may be null) into the template's
/// open categories and checks the combination: ids, parents, weights within each
/// category and against the total, first-level categories with no indicator, rules.
Form build_form(const Template& tmpl, const Answers* answers);

/// Node indices in tree order (each node before its children, siblings in order).
std::vector<std::size_t> tree_order(const Form& form);

/// The rule a target implies when the indicator names none: ≥/> positive, ≤/< reverse,
/// = equal, compound, range, deadline; qualitative otherwise.
std::string default_rule_for(const FormNode& node);

}  // namespace selfeval
