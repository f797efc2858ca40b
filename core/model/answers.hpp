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

/// Fields a file gave as JSON numbers rather than text, each kept as the file gave it: the typed
/// field holds the number's exact decimal text for the engine, and the answers are written back
/// (answers_json.hpp) as they were read. Setting a field from text drops its entry.
using GivenNumbers = std::map<std::string, nlohmann::json>;

/// One indicator's entries. Text fields are kept exactly as typed; an empty text is no entry.
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
  /// Monitoring (绩效运行监控表): 全年预计完成值 (in a self-assessment: the mid-year forecast
  /// carried beside the final actual), 完成可能性, 偏差原因类别 and 纠偏措施.
  std::optional<std::string> forecast;
  std::string likelihood, reason_category, measures;
  /// Fields whose text is not a whole number where one is needed, as typed.
  std::map<std::string, std::string> bad_integers;
  /// Whole numbers given as text, as typed (" 12" stays " 12" in the document).
  std::map<std::string, std::string> integer_texts;
  GivenNumbers numbers;
  /// A drafted review's suggested 扣分原因 (review-draft), kept as written; the engine reads none.
  nlohmann::json suggestions;

  bool empty() const;
};

/// The fields of a value record, in the answers schema's order.
const std::vector<std::string>& answer_value_fields();
/// Sets one field of a value record from typed text ("" clears it); false for an unknown field.
bool set_answer_field(AnswerValue& v, const std::string& field, const std::string& text);

/// Reads one value record (the object under /values/<id>).
AnswerValue parse_answer_value(const nlohmann::json& v);

/// A row the project adds under an open category (from its declaration).
struct ProjectIndicator {
  std::string id, parent, name, target, target_period, unit, direction;
  std::optional<std::string> weight;  ///< as typed
  std::optional<std::string> rule_name;
  nlohmann::json rule_params = nlohmann::json::object();
  std::string path;             ///< JSON Pointer in the answers document
  bool rule_as_object = false;  ///< "rule": {"name", "params"} rather than "rule": "name"
  GivenNumbers numbers;
};

/// Reads one project indicator (the object at /indicators/<index>).
ProjectIndicator parse_project_indicator(const nlohmann::json& row, std::size_t index);

/// The submission a verification sheet reviews (answers.reviewed): the SHA-256 of its signed
/// bytes (the digest `selfeval verify --json` reports for it) and what it names, so the sheet's
/// signature covers which submission it is about.
struct ReviewedSubmission {
  std::string sha256;  ///< hex, lower case
  std::string template_id, template_version, unit, project, created;
  std::optional<int> year;
};

struct BudgetRowAnswer {
  /// executed: 全年执行数, or 1–N月执行数 in a monitoring form; forecast: 全年预计执行数.
  std::optional<std::string> initial, adjusted, executed, forecast;
  GivenNumbers numbers;
};

/// The answers document, typed: everything the engine reads and everything needed to write the
/// document back as it was read (answers_json.hpp). A text the file holds as "" stays "" in the
/// header blocks; in a value record an empty text is the same as none.
struct Answers {
  std::optional<std::string> schema;  ///< "$schema", when the file names one
  std::string template_id;
  std::optional<std::string> template_version;
  std::optional<int> year;
  std::optional<std::string> project_end;
  std::map<std::string, std::string> unit;
  bool has_unit = false;  ///< the document has a unit block (even an empty one)
  GivenNumbers unit_numbers;
  std::optional<std::string> goals_expected, goals_actual;
  bool has_goals = false, has_budget = false, has_budget_rows = false;
  std::map<std::string, BudgetRowAnswer> budget_rows;
  std::optional<std::string> budget_reported_score;
  std::optional<std::string> budget_reason;
  std::optional<std::string> budget_measures;  ///< 纠偏措施 of a monitoring form's budget block
  GivenNumbers budget_numbers;                 ///< reported_score given as a number
  bool has_indicators = false, has_values = false;
  std::vector<ProjectIndicator> indicators;
  std::map<std::string, AnswerValue> values;
  std::optional<std::string> reported_total;
  GivenNumbers numbers;  ///< reported_total given as a number
  std::optional<std::string> problems, improvements;
  std::optional<ReviewedSubmission> reviewed;

  /// A unit field's text ("" when not filled).
  std::string unit_text(const std::string& field) const;
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
