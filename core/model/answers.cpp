#include "model/answers.hpp"

#include <fmt/format.h>

#include "base/embedded_schemas.hpp"
#include "base/json_access.hpp"
#include "base/json_reader.hpp"

namespace selfeval {
namespace {

using json = nlohmann::json;

std::string str(const json& o, const char* k) { return json_str(o, k); }

std::optional<std::string> opt_str(const json& o, const char* k) {
  auto it = o.find(k);
  if (it == o.end()) return std::nullopt;
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number()) return decimal_text(o, k);
  return std::nullopt;
}

// A whole number given as a JSON integer or as text; text that is not one is recorded.
std::optional<long long> opt_int(const json& o, const char* k,
                                 std::map<std::string, std::string>& bad) {
  auto it = o.find(k);
  if (it == o.end()) return std::nullopt;
  if (it->is_number_integer()) return it->get<long long>();
  if (it->is_string()) {
    std::string s = it->get<std::string>();
    while (!s.empty() && s.back() == ' ') s.pop_back();
    while (!s.empty() && s.front() == ' ') s.erase(0, 1);
    if (s.empty()) return std::nullopt;
    std::size_t i = (s[0] == '-' || s[0] == '+') ? 1 : 0;
    bool digits = i < s.size() && s.size() - i <= 12;
    for (std::size_t k2 = i; k2 < s.size() && digits; ++k2) digits = s[k2] >= '0' && s[k2] <= '9';
    if (digits) return std::stoll(s);
    bad[k] = it->get<std::string>();
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

AnswerValue parse_answer_value(const json& v) {
  AnswerValue av;
  if (!v.is_object()) return av;
  av.actual = opt_str(v, "actual");
  av.reason = str(v, "reason");
  av.evidence = str(v, "evidence");
  av.score = decimal_text(v, "score");
  av.tier = str(v, "tier");
  av.choice = str(v, "choice");
  av.occurrences = opt_int(v, "occurrences", av.bad_integers);
  av.sample_size = opt_int(v, "sample_size", av.bad_integers);
  av.survey_method = str(v, "survey_method");
  av.planned_date = str(v, "planned_date");
  av.actual_date = str(v, "actual_date");
  av.budget = decimal_text(v, "budget");
  av.executed = decimal_text(v, "executed");
  av.last_year_actual = opt_str(v, "last_year_actual");
  av.reported_score = decimal_text(v, "reported_score");
  return av;
}

AnswersLoad load_answers(std::string_view text) {
  return load_json_document<AnswersLoad>(text, "答卷", "answers", load_answers_document);
}

AnswersLoad load_answers_document(const json& doc) {
  AnswersLoad out;
  out.findings = answers_schema().validate(doc);
  if (has_error(out.findings) || !doc.is_object()) return out;
  Answers a;
  a.template_id = str(doc["template"], "id");
  a.template_version = str(doc["template"], "version");
  if (doc.contains("year")) a.year = doc["year"].get<int>();
  a.project_end = str(doc, "project_end");
  if (doc.contains("unit"))
    for (const auto& [k, v] : doc["unit"].items())
      a.unit[k] = v.is_string() ? v.get<std::string>() : v.dump();
  if (doc.contains("goals")) {
    a.goals_expected = str(doc["goals"], "expected");
    a.goals_actual = str(doc["goals"], "actual");
  }
  if (doc.contains("budget")) {
    const json& b = doc["budget"];
    if (b.contains("rows"))
      for (const auto& [k, row] : b["rows"].items())
        a.budget_rows[k] = {decimal_text(row, "initial"), decimal_text(row, "adjusted"),
                            decimal_text(row, "executed")};
    a.budget_reported_score = decimal_text(b, "reported_score");
    a.budget_reason = str(b, "reason");
  }
  if (doc.contains("indicators")) {
    const json& list = doc["indicators"];
    for (std::size_t i = 0; i < list.size(); ++i) {
      const json& r = list[i];
      ProjectIndicator p;
      p.id = str(r, "id");
      p.parent = str(r, "parent");
      p.name = str(r, "name");
      p.target = str(r, "target");
      p.target_period = str(r, "target_period");
      p.unit = str(r, "unit");
      p.direction = str(r, "direction");
      p.weight = decimal_text(r, "weight");
      if (r.contains("rule")) {
        if (r["rule"].is_string()) p.rule_name = r["rule"].get<std::string>();
        if (r["rule"].is_object()) {
          p.rule_name = str(r["rule"], "name");
          if (r["rule"].contains("params")) p.rule_params = r["rule"]["params"];
        }
      }
      p.path = json_pointer_append("/indicators", i);
      a.indicators.push_back(std::move(p));
    }
  }
  if (doc.contains("values")) {
    for (const auto& [id, v] : doc["values"].items()) {
      a.values[id] = parse_answer_value(v);
    }
  }
  a.reported_total = decimal_text(doc, "reported_total");
  a.problems = str(doc, "problems");
  a.improvements = str(doc, "improvements");
  out.answers = std::move(a);
  return out;
}

}  // namespace selfeval
