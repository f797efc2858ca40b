// Parameter checks, the survey trait and the catalogue: what every rule declares, read in
// one place so no other part of the engine keeps a list of rule names.
#include <fmt/format.h>

#include "rules/output_rule.hpp"
#include "rules/rule_support.hpp"
#include "rules/scoring_rule.hpp"

namespace selfeval {
namespace {

using json = nlohmann::json;

const char* kind_name(ParamSpec::Kind k) {
  switch (k) {
    case ParamSpec::Kind::kNumber:
      return "number";
    case ParamSpec::Kind::kChoice:
      return "choice";
    case ParamSpec::Kind::kList:
      return "list";
    case ParamSpec::Kind::kText:
      return "text";
  }
  return "number";
}

}  // namespace

namespace {

// Checks `params` against `specs`; `rule` names the rule in messages.
Findings check_specs(const std::vector<ParamSpec>& specs, std::string_view rule_name,
                     const json& params, const std::string& path, const std::string& who) {
  Findings out;
  auto bad = [&](const std::string& at, std::string zh, std::string en) {
    out.push_back(Finding{"rule.bad_param", Severity::kError, at,
                          fmt::format("指标“{}”的评分规则参数：{}", who, zh),
                          fmt::format("scoring rule parameters of \"{}\": {}", who, en)});
  };
  if (!params.is_object()) {
    bad(path, "应为对象", "must be an object");
    return out;
  }
  for (const auto& [name, v] : params.items()) {
    const ParamSpec* spec = nullptr;
    for (const auto& s : specs)
      if (s.name == name) spec = &s;
    const std::string at = json_pointer_append(path, name);
    if (!spec) {
      std::string known;
      for (const auto& s : specs) known += (known.empty() ? "" : "、") + s.name;
      bad(at,
          fmt::format("规则 {} 没有参数“{}”{}", rule_name, name,
                      known.empty() ? "（它不带参数）" : "，可用：" + known),
          fmt::format("the rule {} has no parameter \"{}\"{}", rule_name, name,
                      known.empty() ? " (it takes none)" : "; it takes " + known));
      continue;
    }
    switch (spec->kind) {
      case ParamSpec::Kind::kNumber: {
        const auto d = rules::param_number(v);
        if (!d) {
          bad(at, fmt::format("“{}”（{}）应为数字", name, spec->zh),
              fmt::format("\"{}\" ({}) must be a number", name, spec->en));
        } else if ((spec->min && (spec->min_exclusive ? *d <= *spec->min : *d < *spec->min)) ||
                   (spec->max && *d > *spec->max)) {
          const std::string range = fmt::format(
              "{}{}{}",
              spec->min ? (spec->min_exclusive ? "大于 " : "不小于 ") + spec->min->to_string() : "",
              spec->min && spec->max ? "，" : "",
              spec->max ? "不大于 " + spec->max->to_string() : "");
          const std::string range_en = fmt::format(
              "{}{}{}",
              spec->min ? (spec->min_exclusive ? "above " : "at least ") + spec->min->to_string()
                        : "",
              spec->min && spec->max ? " and " : "",
              spec->max ? "at most " + spec->max->to_string() : "");
          bad(at, fmt::format("“{}”（{}）为 {}，应{}", name, spec->zh, d->to_string(), range),
              fmt::format("\"{}\" ({}) is {}; it must be {}", name, spec->en, d->to_string(),
                          range_en));
        }
        break;
      }
      case ParamSpec::Kind::kChoice: {
        bool ok = false;
        for (const auto& c : spec->choices) ok = ok || (v.is_string() && v.get<std::string>() == c);
        if (!ok) {
          std::string list;
          for (const auto& c : spec->choices) list += (list.empty() ? "" : " / ") + c;
          bad(at, fmt::format("“{}”（{}）应为 {} 之一", name, spec->zh, list),
              fmt::format("\"{}\" ({}) must be one of {}", name, spec->en, list));
        }
        break;
      }
      case ParamSpec::Kind::kList:
        if (!v.is_array() || v.empty())
          bad(at, fmt::format("“{}”（{}）应为非空列表", name, spec->zh),
              fmt::format("\"{}\" ({}) must be a non-empty list", name, spec->en));
        break;
      case ParamSpec::Kind::kText:
        if (!v.is_string() || v.get<std::string>().size() > 200)
          bad(at, fmt::format("“{}”（{}）应为文字", name, spec->zh),
              fmt::format("\"{}\" ({}) must be text", name, spec->en));
        break;
    }
  }
  for (const auto& s : specs)
    if (s.required && !params.contains(s.name))
      bad(json_pointer_append(path, s.name), fmt::format("缺少“{}”（{}）", s.name, s.zh),
          fmt::format("\"{}\" ({}) is missing", s.name, s.en));
  return out;
}

}  // namespace

Findings check_rule_params(const ScoringRule& rule, const json& params, const std::string& path,
                           const std::string& who) {
  Findings out = check_specs(rule.params(), rule.name(), params, path, who);
  if (out.empty()) rule.check_params(params, path, who, out);
  return out;
}

Findings check_output_params(const OutputRule& rule, const json& params, const std::string& path) {
  return check_specs(rule.params(), rule.name(), params, path, std::string(rule.name()));
}

bool needs_survey(const FormNode& node) {
  return node.category == "满意度" &&
         !(node.rule_impl && node.rule_impl->traits().entered_by_rater);
}

json rule_catalogue() {
  json out = json::array();
  for (const auto& name : rule_names()) {
    const ScoringRule* r = find_rule(name);
    const RuleTraits t = r->traits();
    json params = json::array();
    for (const auto& p : r->params()) {
      json j = {{"name", p.name},
                {"kind", kind_name(p.kind)},
                {"required", p.required},
                {"zh", p.zh},
                {"en", p.en}};
      if (p.min) j["min"] = p.min->to_string();
      if (p.min_exclusive) j["min_exclusive"] = true;
      if (p.max) j["max"] = p.max->to_string();
      if (!p.choices.empty()) j["choices"] = p.choices;
      params.push_back(std::move(j));
    }
    out.push_back({{"name", name},
                   {"label", std::string(r->label_zh())},
                   {"label_en", std::string(r->label_en())},
                   {"inputs", r->inputs()},
                   {"traits",
                    {{"entered_by_rater", t.entered_by_rater},
                     {"compares_numbers", t.compares_numbers},
                     {"scores_dates", t.scores_dates},
                     {"mid_year", t.mid_year}}},
                   {"params", params},
                   // The words of a row of weight 10 (two places), as the page would show them.
                   {"vocabulary", r->vocabulary(json::object(), Decimal::from_int(10), 2)}});
  }
  return out;
}

}  // namespace selfeval
