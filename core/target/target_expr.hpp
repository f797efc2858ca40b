// The target language (年度指标值): parses what units write as a declared target
// ("≥15名/年", "不低于1人次/月", "展馆每年不少于10000人次，展厅不少于3000人次",
// "80%-90%", "2022年12月底前", "效果明显") into a structured target, and reports
// the quality defects reviewers flag.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/decimal.hpp"
#include "base/finding.hpp"
#include "target/direction.hpp"

namespace selfeval {

/// A comparison between an actual value and the target number.
enum class Comparator { kGe, kGt, kEq, kLe, kLt };

/// ">=", ">", "=", "<=", "<".
const char* comparator_symbol(Comparator c);
/// The sign a clerk reads: ≥ > = ≤ <.
const char* comparator_sign(Comparator c);
/// Parses the symbol form back.
std::optional<Comparator> parse_comparator(std::string_view symbol);

enum class TargetKind { kQuantitative, kCompound, kRange, kDeadline, kQualitative };

/// "quantitative", "compound", "range", "deadline", "qualitative".
const char* target_kind_name(TargetKind k);

/// One measurable part of a target: comparator, number, unit, period.
struct TargetPart {
  Comparator op = Comparator::kEq;
  bool op_implicit = false;  ///< no comparator written; op follows the direction
  Decimal value;             ///< in the unit shown: 95 for 95%, 15 for 15名
  std::string unit;          ///< "" when the text gives none
  std::string per;           ///< period after "/" or from 每年/每月: 年, 月, 人 …
  std::string label;         ///< what the part names (展馆, 申报率), "" when nothing
  std::string note;          ///< words after the unit ("重点产业项目选址")
};

/// A completion deadline; day 0 means the end of the month, year 0 means unstated.
struct Deadline {
  int year = 0;
  int month = 0;
  int day = 0;
  std::string label;  ///< words before the date ("项目验收")
  std::string note;   ///< words after it ("完成")
};

/// A parsed target with the original text beside it.
struct Target {
  std::string text;        ///< exactly as written
  std::string normalized;  ///< full-width folded, spaces removed
  TargetKind kind = TargetKind::kQualitative;
  std::vector<TargetPart> parts;  ///< one for quantitative, two or more for compound and range
  std::optional<Deadline> deadline;
  Findings findings;

  bool measurable() const { return !parts.empty(); }
};

/// Parses a target. `direction` is the indicator's direction when known: it resolves a
/// bare number ("1次": ≥ for 正向, ≤ for 反向) and is checked against the comparator.
/// Findings carry `path` (the JSON path of the target field, "" standalone).
Target parse_target(std::string_view text, Direction direction = Direction::kUnspecified,
                    const std::string& path = "");

/// The structured target as JSON (the `parse-target` output).
nlohmann::json target_to_json(const Target& t);

}  // namespace selfeval
