// CSV (RFC 4180) as Excel on Chinese Windows opens it: UTF-8 with a byte-order mark,
// CRLF line ends, fields quoted when they hold a comma, quote or line break.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "workbook.hpp"

namespace selfeval::spreadsheet {

/// A sheet as CSV text: one line per row, each merged range's text in its top-left cell,
/// numbers with the decimals they are shown with.
std::string write_csv(const Sheet& sheet);

/// The rows of CSV text (a leading BOM dropped; comma, or tab when the first line has
/// tabs and no commas); nullopt (with `error`) on an unterminated quoted field.
std::optional<std::vector<std::vector<std::string>>> read_csv(std::string_view text, std::string& error);

/// A number cell's text with its shown decimals (exact: half-up on the decimal text).
std::string shown_number(const Cell& cell);

}  // namespace selfeval::spreadsheet
