// Office Open XML spreadsheets (ECMA-376 / ISO 29500 SpreadsheetML): writing the
// workbooks selfeval exports and reading the cells of .xlsx files from any writer.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "spreadsheet/workbook.hpp"

namespace selfeval::spreadsheet {

/// The .xlsx bytes of a workbook: inline strings, numbers as numbers with their
/// decimals as a number format, merged ranges, A4 landscape fitted to the page width,
/// repeated title rows. The same workbook always gives the same bytes.
std::string write_xlsx(const Workbook& book);

/// How much a reader takes before it refuses: work and memory stay bounded whatever the file.
struct ReadLimits {
  int max_rows = 1048576;             ///< a cell in a later row refuses the workbook
  std::size_t max_cells = 1'000'000;  ///< cells holding a value, over the sheets read
  bool first_visible_only = false;    ///< read only the sheet a user sees first
};

/// Why a workbook was not read.
struct ReadError {
  enum class Kind { kDamaged, kTooManyRows, kTooManyCells };
  Kind kind = Kind::kDamaged;
  std::string message;   ///< English, for the findings that quote it
  int row = 0, col = 0;  ///< kTooManyRows: the zero-based cell that went beyond
};

/// The sheets of an .xlsx file with every cell as it shows: shared, rich and inline
/// strings, numbers through their number formats (styles.xml, built-in and custom, 1900 and
/// 1904 dates), formulas through their stored results; merged ranges; hidden sheets in tab
/// order. Cells that cannot be shown as the user sees them are listed in `notes`.
std::optional<Workbook> read_xlsx(std::string_view bytes, ReadError& error,
                                  const ReadLimits& limits = {});
std::optional<Workbook> read_xlsx(std::string_view bytes, std::string& error);

}  // namespace selfeval::spreadsheet
