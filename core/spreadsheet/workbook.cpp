#include "spreadsheet/workbook.hpp"

namespace selfeval::spreadsheet {

const Cell* Sheet::at(int row, int col) const {
  auto it = cells.find({row, col});
  return it == cells.end() ? nullptr : &it->second;
}

int Sheet::row_count() const { return cells.empty() ? 0 : cells.rbegin()->first.first + 1; }

int Sheet::col_count() const {
  int n = 0;
  for (const auto& [rc, c] : cells) n = std::max(n, rc.second + 1);
  return n;
}

const Sheet* Workbook::find(std::string_view name) const {
  for (const auto& s : sheets)
    if (s.name == name) return &s;
  return nullptr;
}

const Sheet* Workbook::first_visible() const {
  for (const auto& s : sheets)
    if (!s.hidden) return &s;
  return sheets.empty() ? nullptr : &sheets.front();
}

std::string cell_ref(int row, int col) {
  std::string letters;
  for (int c = col + 1; c > 0; c = (c - 1) / 26)
    letters.insert(letters.begin(), static_cast<char>('A' + (c - 1) % 26));
  return letters + std::to_string(row + 1);
}

std::optional<std::pair<int, int>> parse_cell_ref(std::string_view ref) {
  std::size_t i = 0;
  if (i < ref.size() && ref[i] == '$') ++i;
  long col = 0;
  std::size_t letters = 0;
  for (; i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z'; ++i, ++letters) {
    col = col * 26 + (ref[i] - 'A' + 1);
    if (col > 16384) return std::nullopt;
  }
  if (letters == 0) return std::nullopt;
  if (i < ref.size() && ref[i] == '$') ++i;
  long row = 0;
  std::size_t digits = 0;
  for (; i < ref.size() && ref[i] >= '0' && ref[i] <= '9'; ++i, ++digits) {
    row = row * 10 + (ref[i] - '0');
    if (row > 1048576) return std::nullopt;
  }
  if (digits == 0 || row == 0 || i != ref.size()) return std::nullopt;
  return std::make_pair(static_cast<int>(row - 1), static_cast<int>(col - 1));
}

}  // namespace selfeval::spreadsheet
