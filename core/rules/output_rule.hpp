// Rules that turn a form's total into a further output, such as the contract payment
// (seed 000: below 95 points, each point deducts 1万元 from the balance). The template
// names them by key ("payment": {...}); one file per rule, registered by name like the
// scoring rules.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "base/decimal.hpp"
#include "base/finding.hpp"
#include "rules/scoring_rule.hpp"

namespace selfeval {

class OutputRule {
 public:
  virtual ~OutputRule() = default;
  /// The template key that holds its parameters ("payment").
  virtual std::string_view name() const = 0;
  virtual std::vector<ParamSpec> params() const = 0;
  /// The output for a total, as the result's outputs.<name> object.
  virtual nlohmann::json compute(Decimal total, const nlohmann::json& params,
                                 const EvalSettings& settings) const = 0;
};

/// The output rule for a template key, or nullptr.
const OutputRule* find_output_rule(std::string_view name);
/// Every output rule's name (the template keys), sorted.
std::vector<std::string> output_rule_names();

/// Checks an output rule's parameters against its declaration (rule.bad_param findings).
Findings check_output_params(const OutputRule& rule, const nlohmann::json& params,
                             const std::string& path);

namespace rules {
std::unique_ptr<OutputRule> make_payment();
}  // namespace rules

}  // namespace selfeval
