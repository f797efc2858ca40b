// Excel number formats (ECMA-376 Part 1, 18.8.30–31): the text a cell shows for its stored
// value. Exact: the stored value is a decimal string and every step (percent, scaling,
// rounding, dates and times) is done on its digits, never through binary floating point.
#pragma once

#include <string>
#include <string_view>

namespace selfeval::spreadsheet {

/// The code of a built-in number format id as Excel shows it on Chinese (zh-CN) Windows,
/// where ids 14, 22, 27–36 and 50–58 take the Chinese date forms; "" for an unknown id.
std::string_view builtin_number_format(int id);

/// A value as a cell shows it.
struct Shown {
  std::string text;      ///< what the cell displays
  bool ok = true;        ///< false: the format could not be applied (`text` is the stored value)
  bool hidden = false;   ///< the display drops digits of the value (0.955 in "0%" shows 96%)
  std::string iso_date;  ///< "YYYY-MM-DD" when the format shows a date
  std::string problem;   ///< why not ok (English, for a finding)
};

/// The text of the stored number `value` (the decimal text of a cell's <v>) under the
/// format `code`; `date1904` selects the 1904 date system. Excel's 15 significant digits apply.
Shown format_number(std::string_view value, std::string_view code, bool date1904 = false);

/// The text of a text cell under `code`: only a text section ("@", with its literals) applies.
std::string format_text(std::string_view text, std::string_view code);

/// A stored number as Excel keeps it (15 significant digits, plain decimal): "0.95",
/// "14.53" for 14.530000000000001, "1E+20"; "" when `value` is not a number.
std::string normal_number(std::string_view value);

}  // namespace selfeval::spreadsheet
