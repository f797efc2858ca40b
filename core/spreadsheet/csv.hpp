// CSV (RFC 4180) as Excel on Chinese Windows opens it: UTF-8 with a byte-order mark,
// CRLF line ends, fields quoted when they hold a comma, quote or line break.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "spreadsheet/workbook.hpp"

namespace selfeval::spreadsheet {

/// A sheet as CSV text: one line per row, each merged range's text in its top-left cell,
/// numbers with the decimals they are shown with. Text that a spreadsheet would take for
/// a formula (starting with = + - @, a tab or a carriage return) is written with a leading
/// apostrophe and quoted, as OWASP's CSV-injection guidance says.
std::string write_csv(const Sheet& sheet);

/// Calls `row(index, fields)` for each row of CSV text (UTF-8; a leading BOM dropped;
/// comma, or tab when the first line has tabs and no commas), in order, visiting each byte
/// once; `row` returns false to stop. False (with `error`) on an unterminated quoted field
/// or a row of more than 16,384 fields (Excel's column limit).
bool read_csv_rows(std::string_view text,
                   const std::function<bool(int, std::vector<std::string>&)>& row,
                   std::string& error);

/// Every row of CSV text; nullopt (with `error`) as read_csv_rows fails.
std::optional<std::vector<std::vector<std::string>>> read_csv(std::string_view text,
                                                              std::string& error);

/// A number cell's text with its shown decimals (exact: half-up on the decimal text).
std::string shown_number(const Cell& cell);

/// Whether a spreadsheet opening a CSV field would read it as a formula.
bool looks_like_formula(std::string_view text);

}  // namespace selfeval::spreadsheet
