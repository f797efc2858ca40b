#include <freexl.h>

#include <cstdio>

#include "spreadsheet/number_format.hpp"
#include "spreadsheet/xls.hpp"
#include "spreadsheet/xls_memory_io.hpp"

namespace selfeval::spreadsheet {
namespace {

// The number as Excel shows it in General: 17 digits from the double, then Excel's 15.
std::string number_text(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return normal_number(buf);
}

const char* freexl_error(int rc) {
  switch (rc) {
    case FREEXL_INSUFFICIENT_MEMORY:
      return "the sheet is too large";
    case FREEXL_BIFF_WORKBOOK_NOT_FOUND:
      return "no workbook in the file (not an Excel file, or a version before Excel 97)";
    case FREEXL_UNSUPPORTED_CHARSET:
      return "unsupported code page";
    case FREEXL_INVALID_CHARACTER:
      return "invalid text";
    default:
      return "not a readable .xls file";
  }
}

struct Handle {
  const void* h = nullptr;
  ~Handle() {
    if (h) freexl_close(h);
  }
};

}  // namespace

bool looks_like_xls(std::string_view b) {
  return b.substr(0, 8) == std::string_view("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
}

std::optional<Workbook> read_xls(std::string_view bytes, ReadError& error,
                                 const ReadLimits& limits) {
  error = ReadError{};
  if (bytes.size() > (64u << 20))
    return (error.message = "the .xls file is larger than 64 MB", std::nullopt);
  MemoryFile file(bytes);
  Handle x;
  if (int rc = freexl_open(file.path(), &x.h); rc != FREEXL_OK) {
    x.h = nullptr;
    return (error.message = freexl_error(rc), std::nullopt);
  }
  unsigned info = 0;
  if (freexl_get_info(x.h, FREEXL_BIFF_PASSWORD, &info) == FREEXL_OK && info != FREEXL_BIFF_PLAIN)
    return (error.message = "the file is password-protected", std::nullopt);
  unsigned date_mode = 0, sheets = 0;
  freexl_get_info(x.h, FREEXL_BIFF_DATEMODE, &date_mode);
  if (freexl_get_info(x.h, FREEXL_BIFF_SHEET_COUNT, &sheets) != FREEXL_OK)
    return (error.message = "not a readable .xls file", std::nullopt);
  Workbook book;
  std::size_t cells = 0;
  for (unsigned i = 0; i < sheets && i < 10000; ++i) {
    Sheet s;
    const char* name = nullptr;
    if (freexl_get_worksheet_name(x.h, static_cast<unsigned short>(i), &name) == FREEXL_OK && name)
      s.name = name;
    if (limits.first_visible_only && i > 0) {
      book.sheets.push_back(std::move(s));
      continue;
    }
    unsigned rows = 0;
    unsigned short cols = 0;
    if (int rc = freexl_select_active_worksheet(x.h, static_cast<unsigned short>(i));
        rc != FREEXL_OK)
      return (error.message = freexl_error(rc), std::nullopt);
    if (int rc = freexl_worksheet_dimensions(x.h, &rows, &cols); rc != FREEXL_OK)
      return (error.message = freexl_error(rc), std::nullopt);
    // FreeXL holds the sheet as a grid: visit it row by row, stopping at the limits.
    for (unsigned r = 0; r < rows; ++r) {
      for (unsigned c = 0; c < cols; ++c) {
        FreeXL_CellValue v;
        if (freexl_get_cell_value(x.h, r, static_cast<unsigned short>(c), &v) != FREEXL_OK)
          continue;
        Cell cell;
        switch (v.type) {
          case FREEXL_CELL_INT:
            cell.kind = Cell::Kind::kNumber;
            cell.text = std::to_string(v.value.int_value);
            cell.format_unknown = true;
            break;
          case FREEXL_CELL_DOUBLE:
            cell.kind = Cell::Kind::kNumber;
            cell.text = number_text(v.value.double_value);
            cell.format_unknown = true;
            break;
          case FREEXL_CELL_TEXT:
          case FREEXL_CELL_SST_TEXT:
            cell.text = v.value.text_value ? v.value.text_value : "";
            break;
          case FREEXL_CELL_DATE:
          case FREEXL_CELL_DATETIME:
          case FREEXL_CELL_TIME:
            cell.text = v.value.text_value ? v.value.text_value : "";
            if (v.type != FREEXL_CELL_TIME && cell.text.size() >= 10)
              cell.iso_date = cell.text.substr(0, 10);
            break;
          default:
            continue;
        }
        if (cell.text.empty()) continue;
        if (static_cast<int>(r) >= limits.max_rows) {
          error.kind = ReadError::Kind::kTooManyRows;
          error.row = static_cast<int>(r);
          error.col = static_cast<int>(c);
          return (error.message = s.name + ": cell " +
                                  cell_ref(static_cast<int>(r), static_cast<int>(c)) +
                                  " lies beyond row " + std::to_string(limits.max_rows),
                  std::nullopt);
        }
        if (++cells > limits.max_cells) {
          error.kind = ReadError::Kind::kTooManyCells;
          return (error.message = "more than " + std::to_string(limits.max_cells) + " cells",
                  std::nullopt);
        }
        s.cells[{static_cast<int>(r), static_cast<int>(c)}] = std::move(cell);
      }
    }
    book.sheets.push_back(std::move(s));
  }
  (void)date_mode;  // FreeXL applies the 1900/1904 date system itself
  if (book.sheets.empty()) return (error.message = "the workbook has no sheets", std::nullopt);
  return book;
}

}  // namespace selfeval::spreadsheet
