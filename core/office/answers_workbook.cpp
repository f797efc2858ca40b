#include "office/answers_workbook.hpp"

#include <fmt/format.h>

#include <map>

#include "base/decimal.hpp"
#include "office/template_table.hpp"
#include "spreadsheet/cell_findings.hpp"
#include "spreadsheet/csv.hpp"
#include "spreadsheet/xls.hpp"
#include "spreadsheet/xlsx.hpp"

namespace selfeval {
namespace {

using json = nlohmann::json;
using spreadsheet::Cell;
using spreadsheet::CellRole;
using spreadsheet::Sheet;

constexpr const char* kDataSheet = "数据";

// Writes one row per value of the answers document, containers included, depth first.
void list_answers(const json& v, const std::string& pointer, const ReportSheet& report, Sheet& data,
                  int& row) {
  const std::string type = v.is_object()    ? "object"
                           : v.is_array()   ? "array"
                           : v.is_string()  ? "string"
                           : v.is_boolean() ? "boolean"
                           : v.is_number()  ? "number"
                                            : "null";
  if (type == "null") return;
  auto put = [&](int col, std::string text, Cell::Kind kind = Cell::Kind::kText) {
    data.cells[{row, col}] = Cell{std::move(text), kind, -1, CellRole::kPlain};
  };
  put(0, pointer.empty() ? "/" : pointer);
  if (v.is_string())
    put(1, v.get<std::string>());
  else if (v.is_number())
    put(1, v.dump(), Cell::Kind::kNumber);
  else if (v.is_boolean())
    put(1, v.get<bool>() ? "true" : "false", Cell::Kind::kBool);
  put(2, type);
  if (auto it = report.shown_at.find(pointer); it != report.shown_at.end())
    put(3, spreadsheet::cell_ref(it->second.first, it->second.second));
  ++row;
  if (v.is_object())
    for (const auto& [k, child] : v.items())
      list_answers(child, json_pointer_append(pointer, k), report, data, row);
  else if (v.is_array())
    for (std::size_t i = 0; i < v.size(); ++i)
      list_answers(v[i], json_pointer_append(pointer, i), report, data, row);
}

json refusal(const std::string& code, const std::string& zh, const std::string& en,
             const std::string& where = "") {
  Finding f{code, Severity::kError, where, zh, en};
  return json{{"ok", false}, {"findings", json::array({f.to_json()})}};
}

std::string cell_text(const Cell* c) {
  if (!c) return "";
  return c->text;
}

bool same_value(const std::string& a, const std::string& b) {
  if (a == b) return true;
  auto x = Decimal::parse(a), y = Decimal::parse(b);
  return x && y && *x == *y;
}

// The JSON pointer's tokens (RFC 6901 unescaping); nullopt when it is not a pointer.
std::optional<std::vector<std::string>> tokens(const std::string& pointer) {
  std::vector<std::string> out;
  if (pointer == "/") return out;
  if (pointer.empty() || pointer[0] != '/') return std::nullopt;
  std::string cur;
  for (std::size_t i = 1; i <= pointer.size(); ++i) {
    if (i == pointer.size() || pointer[i] == '/') {
      out.push_back(cur);
      cur.clear();
    } else if (pointer[i] == '~') {
      if (i + 1 >= pointer.size() || (pointer[i + 1] != '0' && pointer[i + 1] != '1'))
        return std::nullopt;
      cur.push_back(pointer[++i] == '0' ? '~' : '/');
    } else {
      cur.push_back(pointer[i]);
    }
  }
  return out;
}

// Puts `value` at the pointer's place. Missing parent objects are made (an answer typed
// where none was given); array items must come in order.
bool place(json& doc, const std::vector<std::string>& path, json value) {
  if (path.empty()) {
    doc = std::move(value);
    return true;
  }
  json* at = &doc;
  for (std::size_t i = 0; i + 1 < path.size(); ++i) {
    if (at->is_object()) {
      auto it = at->find(path[i]);
      if (it == at->end()) it = at->emplace(path[i], json::object()).first;
      at = &*it;
    } else if (at->is_array()) {
      const std::string& t = path[i];
      if (t.empty() || t.size() > 6 || t.find_first_not_of("0123456789") != std::string::npos)
        return false;
      std::size_t k = std::stoul(t);
      if (k >= at->size()) return false;
      at = &(*at)[k];
    } else {
      return false;
    }
  }
  const std::string& last = path.back();
  if (at->is_object()) {
    (*at)[last] = std::move(value);
    return true;
  }
  // Array items come in order: each one appends.
  if (at->is_array() && last == std::to_string(at->size())) {
    at->push_back(std::move(value));
    return true;
  }
  return false;
}

// planned_date, actual_date, a unit's date: fields the page edits as dates.
bool is_date_field(const std::vector<std::string>& path) {
  if (path.empty()) return false;
  const std::string& last = path.back();
  return last == "date" || (last.size() > 5 && last.compare(last.size() - 5, 5, "_date") == 0);
}

Finding spreadsheet_note(const spreadsheet::CellNote& n) {
  Finding f = cell_note_finding(n, Severity::kWarning);
  f.message_zh += "；保留原答卷中的值";
  f.message_en += "; the value listed in the workbook is kept";
  return f;
}

}  // namespace

std::string answers_to_xlsx(const ReportSheet& report, const json& answers) {
  spreadsheet::Workbook book;
  book.sheets.push_back(report.sheet);
  Sheet data;
  data.name = kDataSheet;
  data.hidden = true;
  data.widths = {36, 40, 10, 10};
  int row = 0;
  for (const char* h : {"路径 path", "值 value", "类型 type", "显示于 shown at"})
    data.cells[{0, row++}] = Cell{h, Cell::Kind::kText, -1, CellRole::kHead};
  row = 1;
  list_answers(answers, "", report, data, row);
  // The cells of answers not given yet: typed into in Excel, they are read back too.
  for (const auto& [pointer, at] : report.shown_at) {
    if (answers.contains(json::json_pointer(pointer))) continue;
    data.cells[{row, 0}] = Cell{pointer, Cell::Kind::kText, -1, CellRole::kPlain};
    data.cells[{row, 2}] = Cell{"string", Cell::Kind::kText, -1, CellRole::kPlain};
    data.cells[{row, 3}] =
        Cell{spreadsheet::cell_ref(at.first, at.second), Cell::Kind::kText, -1, CellRole::kPlain};
    ++row;
  }
  book.sheets.push_back(std::move(data));
  return spreadsheet::write_xlsx(book);
}

std::string answers_to_csv(const ReportSheet& report) {
  return spreadsheet::write_csv(report.sheet);
}

// Long on purpose: the data sheet's cells are read in the order they were written (header,
// budget rows, project rows, values), each with the finding that names its cell.
json answers_from_xlsx(std::string_view bytes) {
  spreadsheet::ReadError error;
  const bool xls = spreadsheet::looks_like_xls(bytes);
  auto book = xls ? spreadsheet::read_xls(bytes, error) : spreadsheet::read_xlsx(bytes, error);
  if (!book)
    return refusal("workbook.unreadable", "无法读取 Excel 文件：" + error.message,
                   "cannot read the Excel file: " + error.message);
  const Sheet* data = book->find(kDataSheet);
  if (!data)
    return refusal("workbook.no_data_sheet",
                   "这不是 selfeval 导出的 Excel 文件（缺少“数据”工作表）",
                   "not an Excel file exported by selfeval (no 数据 sheet)");
  const Sheet* shown = book->find("自评表");
  if (!shown) shown = &book->sheets.front();
  std::map<std::pair<int, int>, const spreadsheet::CellNote*> notes;
  for (const auto& n : book->notes)
    if (n.sheet == shown->name) notes[{n.row, n.col}] = &n;
  Findings warnings;
  if (xls) warnings.push_back(xls_limits_finding());
  json doc;
  bool have_root = false;
  for (int r = 1; r < data->row_count(); ++r) {
    const std::string where = fmt::format("{}!A{}", kDataSheet, r + 1);
    const std::string pointer = cell_text(data->at(r, 0));
    if (pointer.empty()) continue;
    const std::string type = cell_text(data->at(r, 2));
    auto path = tokens(pointer);
    if (!path)
      return refusal(
          "workbook.bad_path", fmt::format("“数据”工作表第 {} 行的路径无效：{}", r + 1, pointer),
          fmt::format("row {} of the 数据 sheet has an invalid path: {}", r + 1, pointer), where);
    json value;
    if (type == "object")
      value = json::object();
    else if (type == "array")
      value = json::array();
    else if (type == "string" || type == "number" || type == "boolean") {
      const Cell* listed = data->at(r, 1);
      std::string text = cell_text(listed);
      if (listed && listed->kind == Cell::Kind::kNumber && type == "string")
        text = spreadsheet::shown_number(*listed);
      // A shown cell changed in Excel wins; one emptied there removes the answer. A cell that
      // cannot be read as it shows keeps the listed answer, with a finding naming it.
      if (auto at = spreadsheet::parse_cell_ref(cell_text(data->at(r, 3)))) {
        const Cell* cell = shown->at(at->first, at->second);
        if (auto n = notes.find(*at); n != notes.end()) {
          warnings.push_back(spreadsheet_note(*n->second));
        } else {
          std::string now = cell_text(cell);
          // A date typed into a date field is kept in the form the page's date inputs use.
          if (cell && !cell->iso_date.empty() && is_date_field(*path)) now = cell->iso_date;
          if (now.empty() && !text.empty()) continue;
          if (!same_value(now, text)) {
            text = now;
            if (cell && cell->hidden_digits)
              warnings.push_back(hidden_digits_finding(shown->name, at->first, at->second, now));
            if (cell && cell->format_unknown)
              warnings.push_back(Finding{
                  "workbook.format_unknown", Severity::kWarning, where,
                  fmt::format("工作表“{}”的 "
                              "{}：文件未记录数字格式（.xls），按存储的数值“{}"
                              "”读取；若单元格显示为百分比等格式，请另存为 .xlsx 后再导入",
                              shown->name, spreadsheet::cell_ref(at->first, at->second), now),
                  fmt::format("sheet \"{}\", cell {}: the file keeps no number formats (.xls); the "
                              "stored number \"{}\" is read; "
                              "if the cell shows a percentage or another format, save it as .xlsx "
                              "and import that",
                              shown->name, spreadsheet::cell_ref(at->first, at->second), now)});
          }
          if (text.empty() && !listed) continue;  // an empty cell where nothing was given
        }
      }
      if (type == "string") {
        value = text;
      } else if (type == "boolean") {
        value = text == "true" || text == "TRUE" || text == "1";
      } else {
        auto parsed = json::parse(text, nullptr, false);
        value = parsed.is_number() ? parsed : json(text);
      }
    } else {
      return refusal(
          "workbook.bad_type", fmt::format("“数据”工作表第 {} 行的类型无效：{}", r + 1, type),
          fmt::format("row {} of the 数据 sheet has an invalid type: {}", r + 1, type), where);
    }
    if (path->empty()) have_root = true;
    if ((!have_root && !path->empty()) || !place(doc, *path, std::move(value)))
      return refusal(
          "workbook.bad_path",
          fmt::format("“数据”工作表第 {} 行的路径不在文档中：{}", r + 1, pointer),
          fmt::format("row {} of the 数据 sheet points outside the document: {}", r + 1, pointer),
          where);
  }
  if (!doc.is_object())
    return refusal("workbook.empty", "Excel 文件中没有答卷数据", "the Excel file holds no answers");
  return json{{"ok", true}, {"answers", doc}, {"findings", findings_to_json(warnings)}};
}

}  // namespace selfeval
