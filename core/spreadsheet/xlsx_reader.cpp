#include <cstdio>
#include <cstdlib>

#include <fmt/format.h>

#include "xlsx.hpp"
#include "xml_scan.hpp"
#include "zip_archive.hpp"

namespace selfeval::spreadsheet {
namespace {

const ZipEntry* part(const std::vector<ZipEntry>& parts, std::string_view name) {
  for (const auto& p : parts)
    if (p.name == name) return &p;
  return nullptr;
}

// A relationship target is relative to the part's folder ("worksheets/sheet1.xml") or
// absolute from the package root ("/xl/worksheets/sheet1.xml").
std::string resolve(std::string_view target) {
  if (!target.empty() && target[0] == '/') return std::string(target.substr(1));
  return "xl/" + std::string(target);
}

// Numbers as Excel keeps them: at most 15 significant digits, so a stored
// 14.530000000000001 reads as 14.53. Plain decimals are kept as written.
std::string normal_number(const std::string& v) {
  bool plain = !v.empty() && v.size() <= 16;
  for (char c : v)
    if (!((c >= '0' && c <= '9') || c == '.' || c == '-')) plain = false;
  if (plain) return v;
  char* end = nullptr;
  double d = std::strtod(v.c_str(), &end);
  if (end == v.c_str()) return v;
  return fmt::format("{:.15g}", d);
}

bool shared_strings(const ZipEntry* p, std::vector<std::string>& out, std::string& error) {
  if (!p) return true;
  XmlScanner x(p->data);
  std::string current;
  int depth_rph = 0;
  bool in_t = false;
  for (;;) {
    auto e = x.next();
    if (e == XmlScanner::Event::kDone) return true;
    if (e == XmlScanner::Event::kError) return (error = "sharedStrings.xml: " + x.error(), false);
    if (e == XmlScanner::Event::kStart) {
      if (x.name() == "si") current.clear();
      else if (x.name() == "rPh") ++depth_rph;  // phonetic guides are not cell text
      else if (x.name() == "t") in_t = true;
    } else if (e == XmlScanner::Event::kEnd) {
      if (x.name() == "si") out.push_back(current);
      else if (x.name() == "rPh") --depth_rph;
      else if (x.name() == "t") in_t = false;
    } else if (in_t && depth_rph == 0) {
      current += x.text();
    }
  }
}

bool read_sheet(const std::string& xml, const std::vector<std::string>& strings, Sheet& sheet, std::string& error) {
  XmlScanner x(xml);
  std::string ref, type, value, inline_text;
  bool in_v = false, in_t = false, in_cell = false;
  int depth_rph = 0, next_col = 0, row = 0;
  for (;;) {
    auto e = x.next();
    if (e == XmlScanner::Event::kDone) return true;
    if (e == XmlScanner::Event::kError) return (error = sheet.name + ": " + x.error(), false);
    if (e == XmlScanner::Event::kStart) {
      const std::string& n = x.name();
      if (n == "row") {
        std::string r = x.attr("r");
        row = r.empty() ? row + 1 : std::atoi(r.c_str()) - 1;
        if (row < 0 || row > 1048575) return (error = sheet.name + ": bad row number", false);
        next_col = 0;
      } else if (n == "c") {
        in_cell = true;
        ref = x.attr("r");
        type = x.attr("t");
        value.clear();
        inline_text.clear();
      } else if (n == "v" && in_cell) {
        in_v = true;
      } else if (n == "t" && in_cell) {
        in_t = true;
      } else if (n == "rPh") {
        ++depth_rph;
      } else if (n == "mergeCell") {
        std::string r = x.attr("ref");
        auto colon = r.find(':');
        auto a = parse_cell_ref(r.substr(0, colon));
        auto b = colon == std::string::npos ? a : parse_cell_ref(r.substr(colon + 1));
        if (a && b && b->first >= a->first && b->second >= a->second)
          sheet.merges.push_back({a->first, a->second, b->first - a->first + 1, b->second - a->second + 1});
      }
    } else if (e == XmlScanner::Event::kEnd) {
      const std::string& n = x.name();
      if (n == "v") in_v = false;
      else if (n == "t") in_t = false;
      else if (n == "rPh") --depth_rph;
      else if (n == "c" && in_cell) {
        in_cell = false;
        int r = row, c = next_col;
        if (!ref.empty()) {
          auto rc = parse_cell_ref(ref);
          if (!rc) return (error = sheet.name + ": bad cell reference " + ref, false);
          r = rc->first;
          c = rc->second;
        }
        next_col = c + 1;
        Cell cell;
        if (type == "s") {
          char* end = nullptr;
          long i = std::strtol(value.c_str(), &end, 10);
          if (value.empty() || *end || i < 0 || static_cast<std::size_t>(i) >= strings.size())
            return (error = sheet.name + ": bad shared string index at " + cell_ref(r, c), false);
          cell.text = strings[static_cast<std::size_t>(i)];
        } else if (type == "inlineStr") {
          cell.text = inline_text;
        } else if (type == "str" || type == "e") {
          cell.text = value;
        } else if (type == "b") {
          cell.kind = Cell::Kind::kBool;
          cell.text = value == "1" ? "true" : "false";
        } else {
          if (value.empty()) continue;  // a styled empty cell
          cell.kind = Cell::Kind::kNumber;
          cell.text = normal_number(value);
        }
        sheet.cells[{r, c}] = std::move(cell);
      }
    } else if (in_cell && depth_rph == 0) {
      if (in_v) value += x.text();
      else if (in_t) inline_text += x.text();
    }
  }
}

}  // namespace

std::optional<Workbook> read_xlsx(std::string_view bytes, std::string& error) {
  auto parts = zip_read(bytes, error);
  if (!parts) return std::nullopt;
  const ZipEntry* wb = part(*parts, "xl/workbook.xml");
  const ZipEntry* wb_rels = part(*parts, "xl/_rels/workbook.xml.rels");
  if (!wb || !wb_rels) return (error = "not an .xlsx workbook (no xl/workbook.xml)", std::nullopt);
  std::vector<std::pair<std::string, std::string>> rels;  // id → part
  {
    XmlScanner x(wb_rels->data);
    for (auto e = x.next(); e != XmlScanner::Event::kDone; e = x.next()) {
      if (e == XmlScanner::Event::kError) return (error = "workbook.xml.rels: " + x.error(), std::nullopt);
      if (e == XmlScanner::Event::kStart && x.name() == "Relationship") rels.emplace_back(x.attr("Id"), resolve(x.attr("Target")));
    }
  }
  std::vector<std::string> strings;
  if (!shared_strings(part(*parts, "xl/sharedStrings.xml"), strings, error)) return std::nullopt;
  Workbook book;
  XmlScanner x(wb->data);
  for (auto e = x.next(); e != XmlScanner::Event::kDone; e = x.next()) {
    if (e == XmlScanner::Event::kError) return (error = "workbook.xml: " + x.error(), std::nullopt);
    if (e != XmlScanner::Event::kStart || x.name() != "sheet") continue;
    Sheet s;
    s.name = x.attr("name");
    s.hidden = !x.attr("state").empty() && x.attr("state") != "visible";
    std::string id = x.attr("id");
    const ZipEntry* data = nullptr;
    for (const auto& [rid, target] : rels)
      if (rid == id) data = part(*parts, target);
    if (!data) return (error = "sheet " + s.name + " has no data part", std::nullopt);
    if (!read_sheet(data->data, strings, s, error)) return std::nullopt;
    book.sheets.push_back(std::move(s));
  }
  if (book.sheets.empty()) return (error = "the workbook has no sheets", std::nullopt);
  return book;
}

}  // namespace selfeval::spreadsheet
