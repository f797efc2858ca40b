// Findings about spreadsheet cells, shared by the answers-workbook and indicator-list
// readers: a cell that could not be read as the user sees it, named by sheet and cell.
#pragma once

#include <string>

#include "base/finding.hpp"
#include "spreadsheet/workbook.hpp"

namespace selfeval {

/// The finding for a reader's note on a cell ("工作表“数据”的 B3：…").
Finding cell_note_finding(const spreadsheet::CellNote& note, Severity severity);

/// A cell that shows fewer digits than it holds: it is read as shown ("8"), the stored
/// value ("7.5") named.
Finding hidden_digits_finding(const std::string& sheet, int row, int col, const std::string& shown);

/// Text cut to at most `max` bytes without splitting a UTF-8 sequence.
std::string utf8_cut(const std::string& text, std::size_t max);

}  // namespace selfeval
