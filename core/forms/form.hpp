// A form: the family template plus the project's own indicators, flattened into one
// tree of nodes with resolved rules, so evaluation and single-value edits can walk it.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/answers.hpp"
#include "model/form_node.hpp"
#include "model/template_model.hpp"

namespace selfeval {

/// A template with a project's rows merged in. The form refers to its template, which the caller
/// keeps alive for as long as the form (the session's template, the scoring call's).
struct Form {
  const Template& tmpl;
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
