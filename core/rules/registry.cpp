#include <algorithm>
#include <map>

#include "rules/output_rule.hpp"
#include "rules/scoring_rule.hpp"

namespace selfeval {
namespace {

using Registry = std::map<std::string, std::unique_ptr<ScoringRule>, std::less<>>;

const Registry& registry() {
  static const Registry r = [] {
    Registry m;
    for (auto make : {rules::make_positive, rules::make_reverse, rules::make_equal,
                      rules::make_range, rules::make_compound, rules::make_qualitative,
                      rules::make_tiers, rules::make_slope, rules::make_per_occurrence,
                      rules::make_choice, rules::make_expert, rules::make_budget_execution,
                      rules::make_bonus, rules::make_penalty, rules::make_deadline}) {
      auto rule = make();
      std::string key(rule->name());
      m.emplace(std::move(key), std::move(rule));
    }
    return m;
  }();
  return r;
}

}  // namespace

const ScoringRule* find_rule(std::string_view name) {
  auto it = registry().find(name);
  return it == registry().end() ? nullptr : it->second.get();
}

std::vector<std::string> rule_names() {
  std::vector<std::string> out;
  for (const auto& [k, v] : registry()) out.push_back(k);
  return out;
}

namespace {

using OutputRegistry = std::map<std::string, std::unique_ptr<OutputRule>, std::less<>>;

const OutputRegistry& output_registry() {
  static const OutputRegistry r = [] {
    OutputRegistry m;
    for (auto make : {rules::make_payment}) {
      auto rule = make();
      std::string key(rule->name());
      m.emplace(std::move(key), std::move(rule));
    }
    return m;
  }();
  return r;
}

}  // namespace

const OutputRule* find_output_rule(std::string_view name) {
  auto it = output_registry().find(name);
  return it == output_registry().end() ? nullptr : it->second.get();
}

std::vector<std::string> output_rule_names() {
  std::vector<std::string> out;
  for (const auto& [k, v] : output_registry()) out.push_back(k);
  return out;
}

}  // namespace selfeval
