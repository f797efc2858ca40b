// A template from the indicator list units already keep in a spreadsheet: columns
// 一级, 二级, 三级, 年度指标值, 分值, 方向, 规则 (blank level cells repeat the one above,
// as merged cells read). The result is a template document for the template loader.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "base/finding.hpp"

namespace selfeval {

/// From rows of cell text (the first row holding the column names): {"ok", "template"}
/// or {"ok": false, "findings"} naming the row and column at fault.
nlohmann::json template_from_table(const std::vector<std::vector<std::string>>& rows,
                                   const std::string& name);

/// The same from a file: .xlsx or .xls bytes (the first visible sheet holding the header), or CSV
/// text in UTF-8, UTF-16 or GB18030. Read row by row within the limits of a template.
nlohmann::json template_from_sheet_file(std::string_view bytes, const std::string& name);

/// The warning every .xls import carries: what FreeXL cannot read and how to avoid it.
Finding xls_limits_finding();

}  // namespace selfeval
