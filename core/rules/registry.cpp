// The rules by name. Adding a scoring rule: its file in core/rules/ and one line in the list below.
#include <initializer_list>
#include <map>

#include "rules/output_rule.hpp"
#include "rules/scoring_rule.hpp"

namespace selfeval {
namespace {

// Rules of one kind, made once and looked up by the name each rule gives itself.
template <typename Rule>
class Registry {
 public:
  using Make = std::unique_ptr<Rule> (*)();
  explicit Registry(std::initializer_list<Make> makers) {
    for (Make make : makers) {
      auto rule = make();
      std::string key(rule->name());
      rules_.emplace(std::move(key), std::move(rule));
    }
  }
  const Rule* find(std::string_view name) const {
    auto it = rules_.find(name);
    return it == rules_.end() ? nullptr : it->second.get();
  }
  std::vector<std::string> names() const {
    std::vector<std::string> out;
    for (const auto& [k, v] : rules_) out.push_back(k);
    return out;
  }

 private:
  std::map<std::string, std::unique_ptr<Rule>, std::less<>> rules_;
};

const Registry<ScoringRule>& scoring_rules() {
  static const Registry<ScoringRule> r{
      rules::make_positive,      rules::make_reverse,        rules::make_equal,
      rules::make_range,         rules::make_compound,       rules::make_qualitative,
      rules::make_tiers,         rules::make_slope,          rules::make_per_occurrence,
      rules::make_choice,        rules::make_expert,         rules::make_budget_execution,
      rules::make_bonus,         rules::make_penalty,        rules::make_deadline,
      rules::make_traffic_light, rules::make_budget_progress};
  return r;
}

const Registry<OutputRule>& output_rules() {
  static const Registry<OutputRule> r{rules::make_payment};
  return r;
}

}  // namespace

const ScoringRule* find_rule(std::string_view name) { return scoring_rules().find(name); }
std::vector<std::string> rule_names() { return scoring_rules().names(); }
const OutputRule* find_output_rule(std::string_view name) { return output_rules().find(name); }
std::vector<std::string> output_rule_names() { return output_rules().names(); }

}  // namespace selfeval
