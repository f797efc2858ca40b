// The catalogue of measurement units (计量单位) seen in targets and actuals.
#pragma once

#include <string>
#include <string_view>

namespace selfeval {

/// Length in code points of the longest known unit that starts `text`, or 0.
std::size_t match_unit(std::u32string_view text);

/// Whether `unit` is a known unit.
bool is_known_unit(std::u32string_view unit);

/// Length of a period word after "/" (年 月 季度 周 日 天 人 户 次), or 0.
std::size_t match_period(std::u32string_view text);

/// Whether the unit counts things (个, 名, 次 …), so a negative value is absurd.
bool is_count_unit(std::u32string_view unit);

}  // namespace selfeval
