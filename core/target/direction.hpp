// An indicator's direction (指标方向): which way a larger actual value points.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace selfeval {

enum class Direction { kUnspecified, kPositive, kReverse, kEqual, kQualitative };

/// Parses 正向 / 反向 / 等于 / 定性 (and positive / reverse / equal / qualitative).
std::optional<Direction> parse_direction(std::string_view text);

/// The Chinese name used in templates: 正向, 反向, 等于, 定性 ("" when unspecified).
std::string direction_name(Direction d);

/// A direction as the page offers it: the value written into answers and what is shown.
struct DirectionChoice {
  const char* value;  ///< 正向 …
  const char* label;  ///< 正向（≥，越大越好）
  const char* label_en;
};
/// The four directions in the order a clerk chooses among them.
const DirectionChoice* direction_choices(std::size_t* count);

}  // namespace selfeval
