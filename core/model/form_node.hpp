// One node of a form's flattened tree: a category or an indicator, from the template or
// the project's own rows, with its resolved rule. What the scoring rules read of a row;
// building forms (form.hpp) and the rules (rules/) both depend on it, not on each other.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "model/template_model.hpp"

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

}  // namespace selfeval
