// The rule plug-ins: every parameter a rule declares is checked when a template loads (a
// bad value, an unknown name, a missing required one each give a finding with its path),
// and what the page shows (labels, tiers, outcomes) comes from the same declarations the
// engine scores with.
#include <doctest/doctest.h>

#include "api.hpp"
#include "forms/template_loader.hpp"
#include "rules/output_rule.hpp"
#include "rules/scoring_rule.hpp"
#include "session/form_session.hpp"

namespace {

using nlohmann::json;
using namespace selfeval;

// A template of one indicator with `rule`.
std::string with_rule(const json& rule) {
  const json tmpl = {
      {"format", "selfeval.template.v1"},
      {"id", "p"},
      {"name", "参数"},
      {"version", "1"},
      {"indicators", json::array({{{"id", "s"},
                                   {"name", "产出"},
                                   {"weight", 10},
                                   {"children", json::array({{{"id", "x"},
                                                              {"name", "指标"},
                                                              {"weight", 10},
                                                              {"target", "≥90%"},
                                                              {"rule", rule}}})}}})},
      {"total", 10},
      {"grade_bands",
       json::array({{{"grade", "全"}, {"min", 0}, {"max", 10}, {"max_inclusive", true}}})}};
  return tmpl.dump();
}

bool has_at(const Findings& fs, const std::string& code, const std::string& path) {
  for (const auto& f : fs)
    if (f.code == code && f.path == path) return true;
  return false;
}

// A value of the wrong kind for a parameter.
json wrong_value(const ParamSpec& p) {
  switch (p.kind) {
    case ParamSpec::Kind::kNumber:
      return "many";
    case ParamSpec::Kind::kChoice:
      return "no-such-choice";
    case ParamSpec::Kind::kList:
      return json::object();
    case ParamSpec::Kind::kText:
      return 7;
  }
  return nullptr;
}

// A value a parameter accepts, for the required ones of a rule.
json good_value(const std::string& rule, const ParamSpec& p) {
  if (rule == "tiers") return json::array({{{"min", 90}, {"points", 10}}});
  if (rule == "choice") return json::array({{{"id", "a"}, {"label", "达到"}, {"ratio", 1}}});
  if (p.kind == ParamSpec::Kind::kChoice) return p.choices.front();
  return 2;
}

}  // namespace

TEST_CASE("the template loader refuses a bad parameter of every rule, with its path") {
  const std::string base = "/indicators/0/children/0/rule/params/";
  int checked = 0;
  for (const auto& entry : rule_catalogue()) {
    const std::string name = entry["name"];
    CAPTURE(name);
    const ScoringRule* rule = find_rule(name);
    REQUIRE(rule);
    json good = json::object();
    for (const auto& p : rule->params())
      if (p.required) good[p.name] = good_value(name, p);
    // Its required parameters given: the rule loads.
    CHECK(load_template(with_rule({{"name", name}, {"params", good}})).tmpl.has_value());
    // A name the rule does not declare.
    json unknown = good;
    unknown["nonsense"] = 1;
    CHECK(has_at(load_template(with_rule({{"name", name}, {"params", unknown}})).findings,
                 "rule.bad_param", base + "nonsense"));
    for (const auto& p : rule->params()) {
      CAPTURE(p.name);
      json bad = good;
      bad[p.name] = wrong_value(p);
      const TemplateLoad l = load_template(with_rule({{"name", name}, {"params", bad}}));
      CHECK_FALSE(l.tmpl.has_value());
      CHECK(has_at(l.findings, "rule.bad_param", base + p.name));
      if (p.kind == ParamSpec::Kind::kNumber && p.min) {
        bad[p.name] = Decimal::sub(*p.min, Decimal::from_int(1))->to_string();
        CHECK(has_at(load_template(with_rule({{"name", name}, {"params", bad}})).findings,
                     "rule.bad_param", base + p.name));
      }
      if (p.required) {
        json missing = good;
        missing.erase(p.name);
        CHECK(has_at(load_template(with_rule({{"name", name}, {"params", missing}})).findings,
                     "rule.bad_param", base + p.name));
      }
      ++checked;
    }
  }
  CHECK(checked >= 10);
  // The items of a list are checked too.
  CHECK(has_at(load_template(with_rule({{"name", "tiers"},
                                        {"params", {{"tiers", json::array({{{"min", 90}}})}}}}))
                   .findings,
               "rule.bad_param", base + "tiers/0"));
  CHECK(
      has_at(load_template(with_rule({{"name", "choice"},
                                      {"params",
                                       {{"options", json::array({{{"id", "a"}, {"ratio", 1}},
                                                                 {{"id", "a"}, {"ratio", 2}}})}}}}))
                 .findings,
             "rule.bad_param", base + "options/1"));
  // The payment output rule is declared and checked the same way.
  const OutputRule* pay = find_output_rule("payment");
  REQUIRE(pay);
  CHECK(has_at(check_output_params(*pay, {{"threshold", "x"}, {"per_point", 1}}, "/payment"),
               "rule.bad_param", "/payment/threshold"));
  CHECK(has_at(check_output_params(*pay, {{"per_point", 1}}, "/payment"), "rule.bad_param",
               "/payment/threshold"));
}

TEST_CASE(
    "a project row's bad rule parameters are a finding of its answers, and the row is not scored "
    "with them") {
  FormSession s;
  REQUIRE(s.load_builtin("project-self-assessment")["ok"] == true);
  json a = {{"format", "selfeval.answers.v1"},
            {"template", {{"id", "project-self-assessment"}}},
            {"indicators",
             json::array({{{"id", "r1"},
                           {"parent", "output.quantity"},
                           {"name", "培训"},
                           {"target", "≤5次"},
                           {"weight", "50"},
                           {"rule", {{"name", "reverse"}, {"params", {{"decay", 0.5}}}}}}})}};
  const json loaded = s.load_answers(a.dump());
  REQUIRE_MESSAGE(loaded["ok"] == true, loaded.dump());
  bool found = false;
  const json result = s.result();
  for (const auto& f : result["findings"])
    found =
        found || (f["code"] == "rule.bad_param" && f["path"] == "/indicators/0/rule/params/decay");
  CHECK(found);
}

TEST_CASE("what the page shows of a rule is what the rule declares") {
  const json catalogue = rule_catalogue();
  CHECK(catalogue.size() == rule_names().size());
  FormSession s;
  REQUIRE(s.load_builtin("policy-evaluation")["ok"] == true);
  const json d = s.describe();
  int choices = 0;
  for (const auto& n : d["nodes"]) {
    if (!n["leaf"].get<bool>()) continue;
    const ScoringRule* rule = find_rule(n["rule"].get<std::string>());
    REQUIRE(rule);
    CHECK(n["rule_label"] == std::string(rule->label_zh()));
    CHECK(n["rule_label_en"] == std::string(rule->label_en()));
    CHECK(n["inputs"].size() >= rule->inputs().size());
    if (n["rule"] == "choice") {
      ++choices;
      // Each outcome names its points for this row's weight (得满分 4 分 …).
      REQUIRE(n.contains("options"));
      for (const auto& o : n["options"]) CHECK(o.contains("points"));
    }
  }
  CHECK(choices > 0);
  // A qualitative row offers the rule's three tiers, with the score a tier proposes.
  REQUIRE(s.load_builtin("project-self-assessment")["ok"] == true);
  const json added = s.add_indicator("output.quality", "质量");
  REQUIRE(added["ok"] == true);
  const std::string id = added["id"];
  s.update_indicator(id, "target", "效果明显");
  s.update_indicator(id, "weight", "10");
  s.update_indicator(id, "direction", "定性");
  const json described = s.describe();
  for (const auto& n : described["nodes"]) {
    if (n["id"] != id) continue;
    CHECK(n["rule"] == "qualitative");
    CHECK(n["tiers"] ==
          find_rule("qualitative")->vocabulary(json::object(), Decimal::from_int(10), 2)["tiers"]);
    CHECK(n["tiers"][0]["propose"] == "10.00");
    CHECK(n["tiers"][1]["propose"] == "7.99");
  }
  // Directions come from the core too.
  CHECK(s.describe()["directions"].size() == 4);
}
