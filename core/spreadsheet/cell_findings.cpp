#include "spreadsheet/cell_findings.hpp"

#include <fmt/format.h>

namespace selfeval {

std::string utf8_cut(const std::string& text, std::size_t max) {
  if (text.size() <= max) return text;
  std::size_t n = max;
  while (n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) --n;
  return text.substr(0, n) + "…";
}

Finding cell_note_finding(const spreadsheet::CellNote& note, Severity severity) {
  const std::string cell = spreadsheet::cell_ref(note.row, note.col);
  const std::string detail = utf8_cut(note.detail, 80);
  std::string zh, en;
  if (note.code == "workbook.formula_without_value") {
    zh = "公式没有保存计算结果，无法得知单元格显示的值；请在 Excel 或 WPS "
         "中打开、重新计算并保存后再导入";
    en = "the formula has no stored result, so what the cell shows is unknown; open, recalculate "
         "and save the file in Excel or WPS, then import it again";
  } else if (note.code == "workbook.error_value") {
    zh = "单元格显示错误值 " + detail;
    en = "the cell shows the error value " + detail;
  } else {
    zh = "无法按数字格式显示此单元格（" + detail + "），按存储的值读取";
    en = "the cell's number format cannot be applied (" + detail + "); its stored value is read";
  }
  return Finding{note.code, severity, "", fmt::format("工作表“{}”的 {}：{}", note.sheet, cell, zh),
                 fmt::format("sheet \"{}\", cell {}: {}", note.sheet, cell, en)};
}

Finding hidden_digits_finding(const std::string& sheet, int row, int col,
                              const std::string& shown) {
  const std::string cell = spreadsheet::cell_ref(row, col);
  return Finding{
      "workbook.rounded_display", Severity::kWarning, "",
      fmt::format("工作表“{}”的 {}：单元格显示为 {}，存储的数值有更多位小数；按显示的 {} 读取",
                  sheet, cell, shown, shown),
      fmt::format("sheet \"{}\", cell {}: the cell shows {} but holds more decimals; it is read as "
                  "shown ({})",
                  sheet, cell, shown, shown)};
}

}  // namespace selfeval
