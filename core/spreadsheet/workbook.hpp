// A workbook as selfeval reads and writes it: sheets of text and number cells, merged
// ranges, column widths and print settings. Shared by the .xlsx writer/reader and CSV.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace selfeval::spreadsheet {

/// How a cell is drawn: the roles of the official printed table.
enum class CellRole { kBody, kHead, kTitle, kPlain };

struct Cell {
  enum class Kind { kText, kNumber, kBool };
  std::string text;  ///< written: a number's exact decimal text; read: the text the cell shows
  Kind kind = Kind::kText;
  int places = -1;  ///< decimals a number is shown with; -1 for "as is"
  CellRole role = CellRole::kBody;
  bool percent =
      false;  ///< written: a number shown as a percentage (text 0.86 shows 86.00% with places 2)
  // Set by the readers only:
  std::string iso_date;        ///< "YYYY-MM-DD" when the cell shows a date
  bool hidden_digits = false;  ///< the cell shows fewer digits than it holds (7.5 shown as 8)
  bool format_unknown =
      false;  ///< a number whose format the file does not tell (.xls): read as stored
};

/// A cell the reader could not show as the user sees it (formula without a stored
/// result, an error value, a format it cannot apply).
struct CellNote {
  std::string sheet;
  int row = 0, col = 0;
  std::string
      code;  ///< workbook.formula_without_value, workbook.error_value, workbook.format_not_applied
  std::string detail;
};

/// A merged range, zero-based.
struct Merge {
  int row = 0, col = 0, rows = 1, cols = 1;
};

struct Sheet {
  std::string name;
  std::map<std::pair<int, int>, Cell> cells;  ///< (row, column), zero-based
  std::vector<Merge> merges;
  std::vector<double> widths;  ///< column widths in characters
  bool hidden = false;
  std::optional<std::pair<int, int>> repeat_rows;  ///< rows printed on every page (first, last)
  std::map<int, double>
      heights;  ///< row heights in points, for rows whose text needs more than one line

  const Cell* at(int row, int col) const;
  /// The number of rows / columns holding a cell (col_count visits every cell).
  int row_count() const;
  int col_count() const;
};

struct Workbook {
  std::vector<Sheet> sheets;
  std::vector<CellNote> notes;
  const Sheet* find(std::string_view name) const;
  /// The first sheet that is not hidden (the one a user sees on opening), else the first.
  const Sheet* first_visible() const;
};

/// "A1"-style reference of a zero-based cell.
std::string cell_ref(int row, int col);
/// The zero-based (row, column) of an "A1"-style reference (an optional "$" allowed).
std::optional<std::pair<int, int>> parse_cell_ref(std::string_view ref);

}  // namespace selfeval::spreadsheet
