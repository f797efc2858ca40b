#include "model/answers.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "base/embedded_schemas.hpp"
#include "base/json_access.hpp"
#include "base/json_reader.hpp"

namespace selfeval {
namespace {

using json = nlohmann::json;

std::string str(const json& o, const char* k) { return json_str(o, k); }

// A text that may be absent (nullopt) or "" (kept as given).
std::optional<std::string> present_str(const json& o, const char* k) {
  auto it = o.find(k);
  if (it == o.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

// Records `k` in `numbers` when the file gave it as a JSON number.
void note_number(const json& o, const char* k, GivenNumbers& numbers) {
  auto it = o.find(k);
  if (it != o.end() && it->is_number()) numbers[k] = *it;
}

std::optional<std::string> opt_str(const json& o, const char* k) {
  auto it = o.find(k);
  if (it == o.end()) return std::nullopt;
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number()) return decimal_text(o, k);
  return std::nullopt;
}

// A whole number given as a JSON integer or as text; text that is not one is recorded.
std::optional<long long> opt_int(const json& o, const char* k, AnswerValue& v) {
  auto it = o.find(k);
  if (it == o.end()) return std::nullopt;
  if (it->is_number_integer()) return it->get<long long>();
  if (it->is_string()) {
    std::string s = it->get<std::string>();
    while (!s.empty() && s.back() == ' ') s.pop_back();
    while (!s.empty() && s.front() == ' ') s.erase(0, 1);
    if (s.empty()) return std::nullopt;
    v.integer_texts[k] = it->get<std::string>();
    std::size_t i = (s[0] == '-' || s[0] == '+') ? 1 : 0;
    bool digits = i < s.size() && s.size() - i <= 12;
    for (std::size_t k2 = i; k2 < s.size() && digits; ++k2) digits = s[k2] >= '0' && s[k2] <= '9';
    if (digits) return std::stoll(s);
    v.bad_integers[k] = it->get<std::string>();
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> decimal_text(const json& o, const char* k) {
  auto it = o.find(k);
  if (it == o.end()) return std::nullopt;
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number_integer()) return std::to_string(it->get<long long>());
  if (it->is_number_unsigned()) return std::to_string(it->get<unsigned long long>());
  if (it->is_number_float()) {
    auto d = Decimal::from_double(it->get<double>());
    return d ? d->to_string() : fmt::format("{}", it->get<double>());
  }
  return std::nullopt;
}

const std::vector<std::string>& answer_value_fields() {
  static const std::vector<std::string> f = {
      "actual",        "reason",           "evidence",       "score",
      "tier",          "choice",           "occurrences",    "sample_size",
      "survey_method", "planned_date",     "actual_date",    "budget",
      "executed",      "last_year_actual", "reported_score", "forecast",
      "likelihood",    "reason_category",  "measures"};
  return f;
}

bool AnswerValue::empty() const {
  return !actual && reason.empty() && evidence.empty() && !score && tier.empty() &&
         choice.empty() && !occurrences && !sample_size && survey_method.empty() &&
         planned_date.empty() && actual_date.empty() && !budget && !executed && !last_year_actual &&
         !reported_score && !forecast && likelihood.empty() && reason_category.empty() &&
         measures.empty() && bad_integers.empty() && integer_texts.empty() && suggestions.is_null();
}

AnswerValue parse_answer_value(const json& v) {
  AnswerValue av;
  if (!v.is_object()) return av;
  av.actual = opt_str(v, "actual");
  av.reason = str(v, "reason");
  av.evidence = str(v, "evidence");
  av.score = decimal_text(v, "score");
  av.tier = str(v, "tier");
  av.choice = str(v, "choice");
  av.occurrences = opt_int(v, "occurrences", av);
  av.sample_size = opt_int(v, "sample_size", av);
  av.survey_method = str(v, "survey_method");
  av.planned_date = str(v, "planned_date");
  av.actual_date = str(v, "actual_date");
  av.budget = decimal_text(v, "budget");
  av.executed = decimal_text(v, "executed");
  av.last_year_actual = opt_str(v, "last_year_actual");
  av.reported_score = decimal_text(v, "reported_score");
  av.forecast = opt_str(v, "forecast");
  av.likelihood = str(v, "likelihood");
  av.reason_category = str(v, "reason_category");
  av.measures = str(v, "measures");
  if (v.contains("suggestions")) av.suggestions = v["suggestions"];
  for (const char* k : {"actual", "score", "occurrences", "sample_size", "budget", "executed",
                        "last_year_actual", "reported_score", "forecast"})
    note_number(v, k, av.numbers);
  return av;
}

bool set_answer_field(AnswerValue& v, const std::string& field, const std::string& text) {
  // Typed text goes through the reader a file goes through, so a typed value and the same
  // value read from a saved file are one thing.
  const auto& fields = answer_value_fields();
  if (std::find(fields.begin(), fields.end(), field) == fields.end()) return false;
  json one = json::object();
  if (!text.empty()) one[field] = text;
  const AnswerValue typed = parse_answer_value(one);
  v.numbers.erase(field);
  v.bad_integers.erase(field);
  v.integer_texts.erase(field);
  if (auto it = typed.bad_integers.find(field); it != typed.bad_integers.end())
    v.bad_integers[field] = it->second;
  if (auto it = typed.integer_texts.find(field); it != typed.integer_texts.end())
    v.integer_texts[field] = it->second;
  if (field == "actual") v.actual = typed.actual;
  if (field == "reason") v.reason = typed.reason;
  if (field == "evidence") v.evidence = typed.evidence;
  if (field == "score") v.score = typed.score;
  if (field == "tier") v.tier = typed.tier;
  if (field == "choice") v.choice = typed.choice;
  if (field == "occurrences") v.occurrences = typed.occurrences;
  if (field == "sample_size") v.sample_size = typed.sample_size;
  if (field == "survey_method") v.survey_method = typed.survey_method;
  if (field == "planned_date") v.planned_date = typed.planned_date;
  if (field == "actual_date") v.actual_date = typed.actual_date;
  if (field == "budget") v.budget = typed.budget;
  if (field == "executed") v.executed = typed.executed;
  if (field == "last_year_actual") v.last_year_actual = typed.last_year_actual;
  if (field == "reported_score") v.reported_score = typed.reported_score;
  if (field == "forecast") v.forecast = typed.forecast;
  if (field == "likelihood") v.likelihood = typed.likelihood;
  if (field == "reason_category") v.reason_category = typed.reason_category;
  if (field == "measures") v.measures = typed.measures;
  return true;
}

ProjectIndicator parse_project_indicator(const json& r, std::size_t index) {
  ProjectIndicator p;
  p.id = str(r, "id");
  p.parent = str(r, "parent");
  p.name = str(r, "name");
  p.target = str(r, "target");
  p.target_period = str(r, "target_period");
  p.unit = str(r, "unit");
  p.direction = str(r, "direction");
  p.weight = decimal_text(r, "weight");
  note_number(r, "weight", p.numbers);
  if (r.contains("rule")) {
    if (r["rule"].is_string()) p.rule_name = r["rule"].get<std::string>();
    if (r["rule"].is_object()) {
      p.rule_as_object = true;
      p.rule_name = str(r["rule"], "name");
      if (r["rule"].contains("params")) p.rule_params = r["rule"]["params"];
    }
  }
  p.path = json_pointer_append("/indicators", index);
  return p;
}

std::string Answers::unit_text(const std::string& field) const {
  auto it = unit.find(field);
  return it == unit.end() ? std::string() : it->second;
}

AnswersLoad load_answers(std::string_view text) {
  return load_json_document<AnswersLoad>(text, "答卷", "answers", load_answers_document);
}

AnswersLoad load_answers_document(const json& doc) {
  AnswersLoad out;
  out.findings = answers_schema().validate(doc);
  if (has_error(out.findings) || !doc.is_object()) return out;
  Answers a;
  a.schema = present_str(doc, "$schema");
  a.template_id = str(doc["template"], "id");
  a.template_version = present_str(doc["template"], "version");
  if (doc.contains("year")) a.year = doc["year"].get<int>();
  a.project_end = present_str(doc, "project_end");
  if (doc.contains("unit")) {
    a.has_unit = true;
    for (const auto& [k, v] : doc["unit"].items()) {
      a.unit[k] = v.is_string() ? v.get<std::string>() : v.dump();
      if (v.is_number()) a.unit_numbers[k] = v;
    }
  }
  if (doc.contains("goals")) {
    a.has_goals = true;
    a.goals_expected = present_str(doc["goals"], "expected");
    a.goals_actual = present_str(doc["goals"], "actual");
  }
  if (doc.contains("budget")) {
    const json& b = doc["budget"];
    a.has_budget = true;
    if (b.contains("rows")) {
      a.has_budget_rows = true;
      for (const auto& [k, row] : b["rows"].items()) {
        BudgetRowAnswer r{decimal_text(row, "initial"),
                          decimal_text(row, "adjusted"),
                          decimal_text(row, "executed"),
                          decimal_text(row, "forecast"),
                          {}};
        for (const char* c : {"initial", "adjusted", "executed", "forecast"})
          note_number(row, c, r.numbers);
        a.budget_rows[k] = std::move(r);
      }
    }
    a.budget_reported_score = decimal_text(b, "reported_score");
    note_number(b, "reported_score", a.budget_numbers);
    a.budget_reason = present_str(b, "reason");
    a.budget_measures = present_str(b, "measures");
  }
  if (doc.contains("indicators")) {
    a.has_indicators = true;
    const json& list = doc["indicators"];
    for (std::size_t i = 0; i < list.size(); ++i)
      a.indicators.push_back(parse_project_indicator(list[i], i));
  }
  if (doc.contains("values")) {
    a.has_values = true;
    for (const auto& [id, v] : doc["values"].items()) a.values[id] = parse_answer_value(v);
  }
  a.reported_total = decimal_text(doc, "reported_total");
  note_number(doc, "reported_total", a.numbers);
  a.problems = present_str(doc, "problems");
  a.improvements = present_str(doc, "improvements");
  if (doc.contains("reviewed")) {
    const json& r = doc["reviewed"];
    ReviewedSubmission rs{str(r, "sha256"), str(r["template"], "id"), str(r["template"], "version"),
                          str(r, "unit"),   str(r, "project"),        str(r, "created"),
                          std::nullopt};
    if (r.contains("year") && r["year"].is_number_integer()) rs.year = r["year"].get<int>();
    a.reviewed = std::move(rs);
  }
  out.answers = std::move(a);
  return out;
}

}  // namespace selfeval
