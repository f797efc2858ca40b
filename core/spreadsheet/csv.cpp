#include "csv.hpp"

#include "decimal.hpp"

namespace selfeval::spreadsheet {

std::string shown_number(const Cell& cell) {
  if (cell.kind != Cell::Kind::kNumber || cell.places < 0) return cell.text;
  auto d = Decimal::parse(cell.text);
  if (!d) return cell.text;
  // A percentage: the fraction times 100, exactly (moving the decimal point).
  if (cell.percent) {
    const auto pct = Decimal::mul(*d, Decimal::from_int(100));
    return pct ? pct->to_fixed(cell.places) + "%" : cell.text;
  }
  return d->to_fixed(cell.places);
}

std::string write_csv(const Sheet& sheet) {
  std::string out = "\xEF\xBB\xBF";
  const int rows = sheet.row_count(), cols = sheet.col_count();
  for (int r = 0; r < rows; ++r) {
    for (int c = 0; c < cols; ++c) {
      if (c) out.push_back(',');
      const Cell* cell = sheet.at(r, c);
      if (!cell) continue;
      std::string text = shown_number(*cell);
      if (text.find_first_of(",\"\r\n") != std::string::npos) {
        out.push_back('"');
        for (char ch : text) {
          if (ch == '"') out.push_back('"');
          out.push_back(ch);
        }
        out.push_back('"');
      } else {
        out += text;
      }
    }
    out += "\r\n";
  }
  return out;
}

std::optional<std::vector<std::vector<std::string>>> read_csv(std::string_view text, std::string& error) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  auto first_line = text.substr(0, text.find('\n'));
  const char sep = first_line.find(',') == std::string_view::npos && first_line.find('\t') != std::string_view::npos ? '\t' : ',';
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false, any = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char ch = text[i];
    if (quoted) {
      if (ch == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field.push_back('"');
          ++i;
        } else {
          quoted = false;
        }
      } else {
        field.push_back(ch);
      }
      continue;
    }
    if (ch == '"' && field.empty()) {
      quoted = true;
      any = true;
    } else if (ch == sep) {
      row.push_back(std::move(field));
      field.clear();
      any = true;
    } else if (ch == '\r' || ch == '\n') {
      if (ch == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      row.push_back(std::move(field));
      field.clear();
      rows.push_back(std::move(row));
      row.clear();
      any = false;
    } else {
      field.push_back(ch);
      any = true;
    }
  }
  if (quoted) return (error = "unterminated quoted field", std::nullopt);
  if (any || !field.empty()) {
    row.push_back(std::move(field));
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace selfeval::spreadsheet
