#include <cstdlib>
#include <map>

#include "spreadsheet/number_format.hpp"
#include "spreadsheet/xlsx.hpp"
#include "spreadsheet/xml_reader.hpp"
#include "spreadsheet/zip_archive.hpp"

namespace selfeval::spreadsheet {
namespace {

// A relationship target, relative to the folder of the part that names it or absolute
// from the package root; "." and ".." resolved.
std::string resolve(std::string_view folder, std::string_view target) {
  std::string path = !target.empty() && target[0] == '/'
                         ? std::string(target.substr(1))
                         : std::string(folder) + std::string(target);
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= path.size(); ++i) {
    if (i < path.size() && path[i] != '/') continue;
    std::string seg = path.substr(start, i - start);
    start = i + 1;
    if (seg.empty() || seg == ".") continue;
    if (seg == "..") {
      if (!parts.empty()) parts.pop_back();
      continue;
    }
    parts.push_back(seg);
  }
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : "/") + p;
  return out;
}

std::string folder_of(const std::string& part) {
  const auto slash = part.rfind('/');
  return slash == std::string::npos ? "" : part.substr(0, slash + 1);
}

std::string rels_of(const std::string& part) {
  const auto slash = part.rfind('/');
  return slash == std::string::npos
             ? "_rels/" + part + ".rels"
             : part.substr(0, slash + 1) + "_rels/" + part.substr(slash + 1) + ".rels";
}

bool ends_with(std::string_view s, std::string_view tail) {
  return s.size() >= tail.size() && s.substr(s.size() - tail.size()) == tail;
}

struct Rel {
  std::string id, type, target;
};

struct RelsHandler : XmlHandler {
  std::string folder;
  std::vector<Rel> rels;
  bool start(std::string_view name, const XmlAttrs& a) override {
    if (name == "Relationship" && a.get("TargetMode") != "External")
      rels.push_back(
          {std::string(a.get("Id")), std::string(a.get("Type")), resolve(folder, a.get("Target"))});
    return rels.size() < 100000 || (stop = "too many relationships", false);
  }
  bool end(std::string_view) override { return true; }
  bool text(std::string_view) override { return true; }
};

struct WorkbookHandler : XmlHandler {
  struct Entry {
    std::string name, rid;
    bool hidden;
  };
  std::vector<Entry> sheets;
  bool date1904 = false;
  bool start(std::string_view name, const XmlAttrs& a) override {
    if (name == "workbookPr") date1904 = a.get("date1904") == "1" || a.get("date1904") == "true";
    if (name == "sheet") {
      const auto state = a.get("state");
      sheets.push_back({std::string(a.get("name")), std::string(a.get("id")),
                        !state.empty() && state != "visible"});
      if (sheets.size() > 10000) return (stop = "too many sheets", false);
    }
    return true;
  }
  bool end(std::string_view) override { return true; }
  bool text(std::string_view) override { return true; }
};

struct StylesHandler : XmlHandler {
  std::map<int, std::string> formats;  // custom numFmtId → code
  std::vector<int> xf_format;          // cellXfs index → numFmtId
  bool in_cell_xfs = false;
  bool start(std::string_view name, const XmlAttrs& a) override {
    if (name == "numFmt") {
      const int id = std::atoi(std::string(a.get("numFmtId")).c_str());
      if (formats.size() < 100000) formats[id] = std::string(a.get("formatCode"));
    } else if (name == "cellXfs") {
      in_cell_xfs = true;
    } else if (name == "xf" && in_cell_xfs) {
      // applyNumberFormat is not consulted: Excel and LibreOffice apply the xf's format
      // whether it is "1", "0" or absent (tested with LibreOffice).
      if (xf_format.size() > 1000000) return (stop = "too many cell formats", false);
      xf_format.push_back(std::atoi(std::string(a.get("numFmtId")).c_str()));
    }
    return true;
  }
  bool end(std::string_view name) override {
    if (name == "cellXfs") in_cell_xfs = false;
    return true;
  }
  bool text(std::string_view) override { return true; }
};

struct SharedStringsHandler : XmlHandler {
  std::vector<std::string>& out;
  std::size_t max;
  std::string current;
  int phonetic = 0;
  bool in_si = false, in_t = false;
  SharedStringsHandler(std::vector<std::string>& o, std::size_t m) : out(o), max(m) {}
  bool start(std::string_view name, const XmlAttrs&) override {
    if (name == "si") {
      current.clear();
      in_si = true;
    } else if (name == "rPh") {
      ++phonetic;  // phonetic guides are not cell text
    } else if (name == "t") {
      in_t = true;
    }
    return true;
  }
  bool end(std::string_view name) override {
    if (name == "si") {
      if (out.size() >= max) return (stop = "too many shared strings", false);
      out.push_back(std::move(current));
      current.clear();
      in_si = false;
    } else if (name == "rPh") {
      --phonetic;
    } else if (name == "t") {
      in_t = false;
    }
    return true;
  }
  bool text(std::string_view t) override {
    if (in_si && in_t && phonetic == 0) current += t;
    return true;
  }
};

struct Context {
  const std::vector<std::string>* strings;
  const StylesHandler* styles;
  bool date1904;
  const ReadLimits* limits;
  std::size_t cells = 0;
  ReadError* error;
  std::vector<CellNote>* notes;
};

std::string format_code(const StylesHandler& st, int xf) {
  if (xf < 0 || static_cast<std::size_t>(xf) >= st.xf_format.size()) return "General";
  const int id = st.xf_format[static_cast<std::size_t>(xf)];
  auto it = st.formats.find(id);
  if (it != st.formats.end()) return it->second;
  auto b = builtin_number_format(id);
  return b.empty() ? "General" : std::string(b);
}

struct SheetHandler : XmlHandler {
  Sheet& sheet;
  Context& cx;
  std::string ref, type, value, inline_text;
  int style = 0, row = -1, next_col = 0, phonetic = 0;
  bool in_cell = false, in_v = false, in_t = false, formula = false, has_v = false;
  SheetHandler(Sheet& s, Context& c) : sheet(s), cx(c) {}

  void note(int r, int c, const char* code, std::string detail) {
    if (cx.notes->size() < 1000) cx.notes->push_back({sheet.name, r, c, code, std::move(detail)});
  }

  bool start(std::string_view n, const XmlAttrs& a) override {
    if (n == "row") {
      const auto r = a.get("r");
      if (r.empty()) {
        ++row;
      } else {
        const long v = std::strtol(std::string(r).c_str(), nullptr, 10);
        if (v < 1 || v > 1048576) return (stop = sheet.name + ": bad row number", false);
        row = static_cast<int>(v - 1);
      }
      next_col = 0;
    } else if (n == "c") {
      in_cell = true;
      formula = has_v = false;
      ref = std::string(a.get("r"));
      type = std::string(a.get("t"));
      style = std::atoi(std::string(a.get("s")).c_str());
      value.clear();
      inline_text.clear();
    } else if (n == "v" && in_cell) {
      in_v = has_v = true;
    } else if (n == "f" && in_cell) {
      formula = true;
    } else if (n == "t" && in_cell) {
      in_t = true;
    } else if (n == "rPh") {
      ++phonetic;
    } else if (n == "mergeCell") {
      const std::string r(a.get("ref"));
      const auto colon = r.find(':');
      auto from = parse_cell_ref(r.substr(0, colon));
      auto to = colon == std::string::npos ? from : parse_cell_ref(r.substr(colon + 1));
      if (from && to && to->first >= from->first && to->second >= from->second &&
          sheet.merges.size() < 100000)
        sheet.merges.push_back({from->first, from->second, to->first - from->first + 1,
                                to->second - from->second + 1});
    }
    return true;
  }

  bool end(std::string_view n) override {
    if (n == "v") {
      in_v = false;
    } else if (n == "t") {
      in_t = false;
    } else if (n == "rPh") {
      --phonetic;
    } else if (n == "c" && in_cell) {
      in_cell = false;
      int r = row < 0 ? 0 : row, c = next_col;
      if (!ref.empty()) {
        auto rc = parse_cell_ref(ref);
        if (!rc) return (stop = sheet.name + ": bad cell reference " + ref.substr(0, 20), false);
        r = rc->first;
        c = rc->second;
      }
      next_col = c + 1;
      return cell(r, c);
    }
    return true;
  }

  bool text(std::string_view t) override {
    if (!in_cell || phonetic) return true;
    if (in_v)
      value += t;
    else if (in_t)
      inline_text += t;
    return true;
  }

  bool cell(int r, int c) {
    Cell out;
    if (type == "s") {
      char* end = nullptr;
      const long i = std::strtol(value.c_str(), &end, 10);
      if (value.empty() || *end || i < 0 || static_cast<std::size_t>(i) >= cx.strings->size())
        return (stop = sheet.name + ": bad shared string index at " + cell_ref(r, c), false);
      out.text =
          format_text((*cx.strings)[static_cast<std::size_t>(i)], format_code(*cx.styles, style));
    } else if (type == "inlineStr") {
      out.text = format_text(inline_text, format_code(*cx.styles, style));
    } else if (type == "str") {
      if (formula && !has_v) note(r, c, "workbook.formula_without_value", "");
      out.text = format_text(value, format_code(*cx.styles, style));
    } else if (type == "e") {
      out.text = value;
      note(r, c, "workbook.error_value", value);
    } else if (type == "b") {
      out.kind = Cell::Kind::kBool;
      out.text = value == "1" ? "true" : "false";
    } else if (type == "d") {
      out.text = value;  // an ISO 8601 date cell (rare): kept as written
      if (value.size() >= 10) out.iso_date = value.substr(0, 10);
    } else {
      if (value.empty()) {
        if (formula) {
          note(r, c, "workbook.formula_without_value", "");
        } else {
          return true;  // a styled empty cell
        }
      } else {
        const std::string code = format_code(*cx.styles, style);
        Shown s = format_number(value, code, cx.date1904);
        out.kind = Cell::Kind::kNumber;
        out.text = std::move(s.text);
        out.iso_date = std::move(s.iso_date);
        out.hidden_digits = s.hidden;
        if (!s.ok) note(r, c, "workbook.format_not_applied", code.substr(0, 80) + ": " + s.problem);
      }
    }
    if (r >= cx.limits->max_rows) {
      cx.error->kind = ReadError::Kind::kTooManyRows;
      cx.error->row = r;
      cx.error->col = c;
      return (stop = sheet.name + ": cell " + cell_ref(r, c) + " lies beyond row " +
                     std::to_string(cx.limits->max_rows),
              false);
    }
    if (++cx.cells > cx.limits->max_cells) {
      cx.error->kind = ReadError::Kind::kTooManyCells;
      return (stop = "more than " + std::to_string(cx.limits->max_cells) + " cells", false);
    }
    sheet.cells[{r, c}] = std::move(out);
    return true;
  }
};

bool parse_part(ZipReader& zip, const std::string& name, XmlHandler& h, ReadError& error) {
  std::string why;
  auto data = zip.extract(name, why);
  if (!data) return (error.message = why, false);
  if (!parse_xml(*data, h, why)) return (error.message = name + ": " + why, false);
  return true;
}

}  // namespace

std::optional<Workbook> read_xlsx(std::string_view bytes, ReadError& error,
                                  const ReadLimits& limits) {
  error = ReadError{};
  ZipReader zip;
  if (!zip.open(bytes, error.message)) return std::nullopt;
  // The package names its workbook part (xl/workbook.xml by convention).
  std::string book_part = "xl/workbook.xml";
  if (zip.has("_rels/.rels")) {
    RelsHandler root;
    if (!parse_part(zip, "_rels/.rels", root, error)) return std::nullopt;
    for (const auto& r : root.rels)
      if (ends_with(r.type, "/officeDocument") && zip.has(r.target)) book_part = r.target;
  }
  if (!zip.has(book_part))
    return (error.message = "not an .xlsx workbook (no xl/workbook.xml)", std::nullopt);
  const std::string folder = folder_of(book_part);
  RelsHandler rels;
  rels.folder = folder;
  if (zip.has(rels_of(book_part)) && !parse_part(zip, rels_of(book_part), rels, error))
    return std::nullopt;
  WorkbookHandler wb;
  if (!parse_part(zip, book_part, wb, error)) return std::nullopt;

  std::string strings_part, styles_part;
  for (const auto& r : rels.rels) {
    if (ends_with(r.type, "/sharedStrings")) strings_part = r.target;
    if (ends_with(r.type, "/styles")) styles_part = r.target;
  }
  std::vector<std::string> strings;
  SharedStringsHandler sst(strings, limits.max_cells);
  if (!strings_part.empty() && zip.has(strings_part) && !parse_part(zip, strings_part, sst, error))
    return std::nullopt;
  StylesHandler styles;
  if (!styles_part.empty() && zip.has(styles_part) && !parse_part(zip, styles_part, styles, error))
    return std::nullopt;

  Workbook book;
  Context cx{&strings, &styles, wb.date1904, &limits, 0, &error, &book.notes};
  bool visible_read = false;
  for (const auto& e : wb.sheets) {
    Sheet s;
    s.name = e.name;
    s.hidden = e.hidden;
    std::string part;
    for (const auto& r : rels.rels)
      if (r.id == e.rid) part = r.target;
    if (part.empty() || !zip.has(part))
      return (error.message = "sheet " + s.name + " has no data part", std::nullopt);
    if (!(limits.first_visible_only && (s.hidden || visible_read))) {
      SheetHandler h(s, cx);
      if (!parse_part(zip, part, h, error)) return std::nullopt;
      if (!s.hidden) visible_read = true;
    }
    book.sheets.push_back(std::move(s));
  }
  if (book.sheets.empty()) return (error.message = "the workbook has no sheets", std::nullopt);
  return book;
}

std::optional<Workbook> read_xlsx(std::string_view bytes, std::string& error) {
  ReadError e;
  auto book = read_xlsx(bytes, e);
  if (!book) error = e.message;
  return book;
}

}  // namespace selfeval::spreadsheet
