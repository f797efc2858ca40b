// What a unit or reviewer enters into a form: unit fields, budget figures, the
// project's own indicators and one value record per indicator.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/decimal.hpp"
#include "base/finding.hpp"

namespace selfeval {

/// One indicator's entries. Text fields are kept exactly as typed.
struct AnswerValue {
  std::optional<std::string> actual;  ///< 实际完成值, e.g. "62人次"
  std::string reason;                 ///< 偏差原因 / 扣分原因
  std::string evidence;
  std::optional<std::string> score;  ///< a rater's score, as typed
  std::string tier;                  ///< 达成 / 部分达成 / 未达成
  std::string choice;
  std::optional<long long> occurrences;
  std::optional<long long> sample_size;
  std::string survey_method;
  std::string planned_date, actual_date;
  std::optional<std::string> budget, executed;
  std::optional<std::string> last_year_actual;
  std::optional<std::string> reported_score;
  /// Fields whose text is not a whole number where one is needed, as typed.
  std::map<std::string, std::string> bad_integers;
};

/// Reads one value record (the object under /values/<id>).
AnswerValue parse_answer_value(const nlohmann::json& v);

/// A row the project adds under an open category (from its declaration).
struct ProjectIndicator {
  std::string id, parent, name, target, target_period, unit, direction;
  std::optional<std::string> weight;  ///< as typed
  std::optional<std::string> rule_name;
  nlohmann::json rule_params = nlohmann::json::object();
  std::string path;  ///< JSON Pointer in the answers document
};

struct BudgetRowAnswer {
  std::optional<std::string> initial, adjusted, executed;
};

struct Answers {
  std::string template_id, template_version;
  std::optional<int> year;
  std::string project_end;
  std::map<std::string, std::string> unit;
  std::string goals_expected, goals_actual;
  std::map<std::string, BudgetRowAnswer> budget_rows;
  std::optional<std::string> budget_reported_score;
  std::string budget_reason;
  std::vector<ProjectIndicator> indicators;
  std::map<std::string, AnswerValue> values;
  std::optional<std::string> reported_total;
  std::string problems, improvements;
};

struct AnswersLoad {
  std::optional<Answers> answers;  ///< set when there is no error
  Findings findings;
};

/// Parses and checks an answers document against schemas/answers.v1.schema.json.
AnswersLoad load_answers(std::string_view json_text);
AnswersLoad load_answers_document(const nlohmann::json& doc);

/// Text of a decimal field given as a JSON number or string ("" when absent).
std::optional<std::string> decimal_text(const nlohmann::json& obj, const char* key);

}  // namespace selfeval
