#include "model/answers_json.hpp"

namespace selfeval {
namespace {

using json = nlohmann::json;

// A decimal or text field: the number the file gave, else the text.
void put(json& out, const char* key, const std::optional<std::string>& text,
         const GivenNumbers& numbers) {
  if (!text) return;
  auto it = numbers.find(key);
  out[key] = it != numbers.end() ? it->second : json(*text);
}

void put_text(json& out, const char* key, const std::string& text) {
  if (!text.empty()) out[key] = text;
}

void put_present(json& out, const char* key, const std::optional<std::string>& text) {
  if (text) out[key] = *text;
}

// A whole-number field: as the file gave it (number or text), else as the engine read it.
void put_integer(json& out, const char* key, const std::optional<long long>& n,
                 const AnswerValue& v) {
  if (auto it = v.numbers.find(key); it != v.numbers.end()) {
    out[key] = it->second;
  } else if (auto bad = v.bad_integers.find(key); bad != v.bad_integers.end()) {
    out[key] = bad->second;
  } else if (auto typed = v.integer_texts.find(key); typed != v.integer_texts.end()) {
    out[key] = typed->second;
  } else if (n) {
    out[key] = *n;
  }
}

}  // namespace

json project_indicator_to_json(const ProjectIndicator& p) {
  json r = json::object();
  r["id"] = p.id;
  r["parent"] = p.parent;
  r["name"] = p.name;
  put_text(r, "target", p.target);
  put_text(r, "target_period", p.target_period);
  put_text(r, "unit", p.unit);
  put_text(r, "direction", p.direction);
  put(r, "weight", p.weight, p.numbers);
  if (p.rule_name) {
    if (p.rule_as_object) {
      json rule = {{"name", *p.rule_name}};
      if (!p.rule_params.empty()) rule["params"] = p.rule_params;
      r["rule"] = std::move(rule);
    } else {
      r["rule"] = *p.rule_name;
    }
  }
  return r;
}

json answer_value_to_json(const AnswerValue& v) {
  json out = json::object();
  put(out, "actual", v.actual, v.numbers);
  put_text(out, "reason", v.reason);
  put_text(out, "evidence", v.evidence);
  put(out, "score", v.score, v.numbers);
  put_text(out, "tier", v.tier);
  put_text(out, "choice", v.choice);
  put_integer(out, "occurrences", v.occurrences, v);
  put_integer(out, "sample_size", v.sample_size, v);
  put_text(out, "survey_method", v.survey_method);
  put_text(out, "planned_date", v.planned_date);
  put_text(out, "actual_date", v.actual_date);
  put(out, "budget", v.budget, v.numbers);
  put(out, "executed", v.executed, v.numbers);
  put(out, "last_year_actual", v.last_year_actual, v.numbers);
  put(out, "reported_score", v.reported_score, v.numbers);
  put(out, "forecast", v.forecast, v.numbers);
  put_text(out, "likelihood", v.likelihood);
  put_text(out, "reason_category", v.reason_category);
  put_text(out, "measures", v.measures);
  if (!v.suggestions.is_null()) out["suggestions"] = v.suggestions;
  return out;
}

json reviewed_to_json(const ReviewedSubmission& r) {
  json out = {{"sha256", r.sha256},
              {"template", {{"id", r.template_id}, {"version", r.template_version}}},
              {"unit", r.unit},
              {"project", r.project},
              {"created", r.created}};
  out["year"] = r.year ? json(*r.year) : json(nullptr);
  return out;
}

json answers_to_json(const Answers& a) {
  json doc = json::object();
  put_present(doc, "$schema", a.schema);
  doc["format"] = "selfeval.answers.v1";
  doc["template"] = {{"id", a.template_id}};
  put_present(doc["template"], "version", a.template_version);
  if (a.year) doc["year"] = *a.year;
  put_present(doc, "project_end", a.project_end);
  if (a.has_unit || !a.unit.empty()) {
    json unit = json::object();
    for (const auto& [k, v] : a.unit) {
      auto it = a.unit_numbers.find(k);
      unit[k] = it != a.unit_numbers.end() ? it->second : json(v);
    }
    doc["unit"] = std::move(unit);
  }
  if (a.has_goals || a.goals_expected || a.goals_actual) {
    json goals = json::object();
    put_present(goals, "expected", a.goals_expected);
    put_present(goals, "actual", a.goals_actual);
    doc["goals"] = std::move(goals);
  }
  if (a.has_budget || a.has_budget_rows || !a.budget_rows.empty() || a.budget_reported_score ||
      a.budget_reason || a.budget_measures) {
    json budget = json::object();
    if (a.has_budget_rows || !a.budget_rows.empty()) {
      json rows = json::object();
      for (const auto& [id, r] : a.budget_rows) {
        json row = json::object();
        put(row, "initial", r.initial, r.numbers);
        put(row, "adjusted", r.adjusted, r.numbers);
        put(row, "executed", r.executed, r.numbers);
        put(row, "forecast", r.forecast, r.numbers);
        rows[id] = std::move(row);
      }
      budget["rows"] = std::move(rows);
    }
    put(budget, "reported_score", a.budget_reported_score, a.budget_numbers);
    put_present(budget, "reason", a.budget_reason);
    put_present(budget, "measures", a.budget_measures);
    doc["budget"] = std::move(budget);
  }
  if (a.has_indicators || !a.indicators.empty()) {
    json list = json::array();
    for (const auto& p : a.indicators) list.push_back(project_indicator_to_json(p));
    doc["indicators"] = std::move(list);
  }
  if (a.has_values || !a.values.empty()) {
    json values = json::object();
    for (const auto& [id, v] : a.values) {
      json record = answer_value_to_json(v);
      if (!record.empty()) values[id] = std::move(record);
    }
    doc["values"] = std::move(values);
  }
  put(doc, "reported_total", a.reported_total, a.numbers);
  put_present(doc, "problems", a.problems);
  put_present(doc, "improvements", a.improvements);
  if (a.reviewed) doc["reviewed"] = reviewed_to_json(*a.reviewed);
  return doc;
}

}  // namespace selfeval
