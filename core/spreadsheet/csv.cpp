#include "spreadsheet/csv.hpp"

#include "base/decimal.hpp"

namespace selfeval::spreadsheet {
namespace {
constexpr std::size_t kMaxFields = 16384;
}

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

bool looks_like_formula(std::string_view t) {
  return !t.empty() &&
         (t[0] == '=' || t[0] == '+' || t[0] == '-' || t[0] == '@' || t[0] == '\t' || t[0] == '\r');
}

// One field: quoted when needed; text a spreadsheet would take for a formula neutralised.
static void put_field(std::string& out, const Cell& cell) {
  std::string text = shown_number(cell);
  // A number written by the core is a plain decimal: its minus sign is no formula.
  const bool plain_number = cell.kind == Cell::Kind::kNumber && Decimal::parse(text).has_value();
  const bool formula = !plain_number && looks_like_formula(text);
  if (formula) text.insert(text.begin(), '\'');
  if (formula || text.find_first_of(",\"\r\n") != std::string::npos) {
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

std::string write_csv(const Sheet& sheet) {
  std::string out = "\xEF\xBB\xBF";
  const int rows = sheet.row_count(), cols = sheet.col_count();
  auto it = sheet.cells.begin();
  for (int r = 0; r < rows; ++r) {
    for (int c = 0; c < cols; ++c) {
      if (c) out.push_back(',');
      if (it != sheet.cells.end() && it->first == std::make_pair(r, c))
        put_field(out, (it++)->second);
    }
    out += "\r\n";
  }
  return out;
}

bool read_csv_rows(std::string_view text,
                   const std::function<bool(int, std::vector<std::string>&)>& on_row,
                   std::string& error) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  auto first_line = text.substr(0, text.find('\n'));
  const char sep = first_line.find(',') == std::string_view::npos &&
                           first_line.find('\t') != std::string_view::npos
                       ? '\t'
                       : ',';
  std::vector<std::string> row;
  std::string field;
  bool quoted = false, any = false;
  int index = 0;
  auto push_field = [&]() {
    if (row.size() >= kMaxFields) return false;
    row.push_back(std::move(field));
    field.clear();
    return true;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char ch = text[i];
    if (quoted) {
      if (ch == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field.push_back('"');
          ++i;
        } else {
          quoted = false;
        }
      } else {
        // Copy the run up to the next quote at once.
        const auto q = text.find('"', i);
        const auto stop = q == std::string_view::npos ? text.size() : q;
        field.append(text.substr(i, stop - i));
        i = stop - 1;
      }
      continue;
    }
    if (ch == '"' && field.empty()) {
      quoted = true;
      any = true;
    } else if (ch == sep) {
      if (!push_field())
        return (error = "row " + std::to_string(index + 1) + " has more than 16384 fields", false);
      any = true;
    } else if (ch == '\r' || ch == '\n') {
      if (ch == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      if (!push_field())
        return (error = "row " + std::to_string(index + 1) + " has more than 16384 fields", false);
      if (!on_row(index++, row)) return true;
      row.clear();
      any = false;
    } else {
      field.push_back(ch);
      any = true;
    }
  }
  if (quoted) return (error = "unterminated quoted field", false);
  if (any || !field.empty()) {
    if (!push_field())
      return (error = "row " + std::to_string(index + 1) + " has more than 16384 fields", false);
    on_row(index, row);
  }
  return true;
}

std::optional<std::vector<std::vector<std::string>>> read_csv(std::string_view text,
                                                              std::string& error) {
  std::vector<std::vector<std::string>> rows;
  if (!read_csv_rows(
          text,
          [&](int, std::vector<std::string>& r) {
            rows.push_back(std::move(r));
            return true;
          },
          error))
    return std::nullopt;
  return rows;
}

}  // namespace selfeval::spreadsheet
