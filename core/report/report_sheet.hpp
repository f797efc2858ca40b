// The official printed layout of a filled form (财预〔2020〕10号 附件 style): title with
// the year, unit header, budget block, goals, the indicator table with merged level
// cells, 总分, 评价等级, problems and the signature / stamp area. One layout feeds the
// print view, the .xlsx export and the CSV export.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>

#include "spreadsheet/workbook.hpp"

namespace selfeval {

struct ReportSheet {
  spreadsheet::Sheet sheet;
  /// Where each answer is shown: answers JSON pointer → (row, column), also for answers
  /// not given yet (their cell is where one would be typed). Only answers written into
  /// a cell as they were typed are listed.
  std::map<std::string, std::pair<int, int>> shown_at;
  int table_head_row = 0;  ///< the indicator table's header row, repeated on every page
};

/// Lays out a form from what FormSession::describe/result/answers return.
ReportSheet build_report_sheet(const nlohmann::json& describe, const nlohmann::json& result,
                               const nlohmann::json& answers);

/// The layout as rows of cells with column/row spans, for rendering as an HTML table:
/// {"columns": [widths], "head_row": n, "rows": [[{"text","colspan","rowspan","role","number"}]]}.
nlohmann::json report_to_json(const ReportSheet& report);

}  // namespace selfeval
