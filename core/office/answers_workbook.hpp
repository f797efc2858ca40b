// Filled forms as Excel workbooks and CSV: the official layout on the first sheet, and a
// hidden 数据 sheet listing every answer (JSON pointer, value, type, the cell showing
// it), so a workbook edited in Excel reads back to answers: a shown cell that was
// changed wins over the listed value.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "base/finding.hpp"
#include "report/report_sheet.hpp"

namespace selfeval {

/// The .xlsx bytes of a laid-out form and its answers document.
std::string answers_to_xlsx(const ReportSheet& report, const nlohmann::json& answers);

/// The layout as CSV (UTF-8 with BOM, CRLF).
std::string answers_to_csv(const ReportSheet& report);

/// The answers document held by an exported workbook: {"ok", "answers"} or
/// {"ok": false, "findings"} naming the sheet, row and cell at fault.
nlohmann::json answers_from_xlsx(std::string_view bytes);

}  // namespace selfeval
