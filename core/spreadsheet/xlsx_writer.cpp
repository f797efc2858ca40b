#include <fmt/format.h>

#include "spreadsheet/xlsx.hpp"
#include "spreadsheet/xml_reader.hpp"
#include "spreadsheet/zip_archive.hpp"

namespace selfeval::spreadsheet {
namespace {

constexpr const char* kMain = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
constexpr const char* kRel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
constexpr int kMaxPlaces = 6;
constexpr int kFormats =
    2 * (kMaxPlaces + 1) + 1;  // text/general, then 0..6 decimals, then 0%..0.000000%

// cellXfs index of a role and a number format: role-major, so the table is fixed.
int style_index(const Cell& c) {
  int fmt = 0;
  if (c.kind == Cell::Kind::kNumber && c.places >= 0)
    fmt = 1 + std::min(c.places, kMaxPlaces) + (c.percent ? kMaxPlaces + 1 : 0);
  return static_cast<int>(c.role) * kFormats + fmt;
}

std::string styles_xml() {
  std::string numfmts;
  for (int p = 0; p <= kMaxPlaces; ++p)
    numfmts += fmt::format(R"(<numFmt numFmtId="{}" formatCode="{}"/>)", 164 + p,
                           p == 0 ? "0" : "0." + std::string(p, '0'));
  for (int p = 0; p <= kMaxPlaces; ++p)
    numfmts += fmt::format(R"(<numFmt numFmtId="{}" formatCode="{}%"/>)", 164 + kMaxPlaces + 1 + p,
                           p == 0 ? "0" : "0." + std::string(p, '0'));
  // Fonts: 0 body, 1 bold (head), 2 large bold (title). Borders: 0 none, 1 thin.
  std::string xfs;
  const struct {
    int font, border;
    const char* align;
  } roles[] = {{0, 1, R"(<alignment vertical="center" wrapText="1"/>)"},
               {1, 1, R"(<alignment horizontal="center" vertical="center" wrapText="1"/>)"},
               {2, 0, R"(<alignment horizontal="center" vertical="center"/>)"},
               {0, 0, R"(<alignment vertical="center" wrapText="1"/>)"}};
  for (const auto& r : roles)
    for (int f = 0; f < kFormats; ++f) {
      int numfmt = f == 0 ? 0 : 164 + (f - 1);
      xfs += fmt::format(
          R"(<xf numFmtId="{}" fontId="{}" fillId="0" borderId="{}" xfId="0" applyNumberFormat="1" applyFont="1" applyBorder="1" applyAlignment="1">{}</xf>)",
          numfmt, r.font, r.border, r.align);
    }
  return fmt::format(
      R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
      "\n"
      R"(<styleSheet xmlns="{}"><numFmts count="{}">{}</numFmts>)"
      R"(<fonts count="3"><font><sz val="11"/><name val="宋体"/><family val="3"/><charset val="134"/></font>)"
      R"(<font><b/><sz val="11"/><name val="宋体"/><family val="3"/><charset val="134"/></font>)"
      R"(<font><b/><sz val="16"/><name val="宋体"/><family val="3"/><charset val="134"/></font></fonts>)"
      R"(<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>)"
      R"(<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>)"
      R"(<border><left style="thin"><color auto="1"/></left><right style="thin"><color auto="1"/></right>)"
      R"(<top style="thin"><color auto="1"/></top><bottom style="thin"><color auto="1"/></bottom><diagonal/></border></borders>)"
      R"(<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>)"
      R"(<cellXfs count="{}">{}</cellXfs>)"
      R"(<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>)",
      kMain, 2 * (kMaxPlaces + 1), numfmts, 4 * kFormats, xfs);
}

std::string sheet_xml(const Sheet& s) {
  std::string out = fmt::format(
      R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
      "\n"
      R"(<worksheet xmlns="{}" xmlns:r="{}"><sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>)",
      kMain, kRel);
  if (!s.widths.empty()) {
    out += "<cols>";
    for (std::size_t i = 0; i < s.widths.size(); ++i)
      out += fmt::format(R"(<col min="{0}" max="{0}" width="{1}" customWidth="1"/>)", i + 1,
                         s.widths[i]);
    out += "</cols>";
  }
  out += "<sheetData>";
  int current = -1;
  for (const auto& [rc, c] : s.cells) {
    if (rc.first != current) {
      if (current >= 0) out += "</row>";
      current = rc.first;
      if (auto h = s.heights.find(current); h != s.heights.end())
        out += fmt::format(R"(<row r="{}" ht="{}" customHeight="1">)", current + 1, h->second);
      else
        out += fmt::format(R"(<row r="{}">)", current + 1);
    }
    std::string ref = cell_ref(rc.first, rc.second);
    int style = style_index(c);
    switch (c.kind) {
      case Cell::Kind::kNumber:
        out += fmt::format(R"(<c r="{}" s="{}"><v>{}</v></c>)", ref, style, c.text);
        break;
      case Cell::Kind::kBool:
        out += fmt::format(R"(<c r="{}" s="{}" t="b"><v>{}</v></c>)", ref, style,
                           c.text == "true" ? 1 : 0);
        break;
      case Cell::Kind::kText:
        out += fmt::format(
            R"(<c r="{}" s="{}" t="inlineStr"><is><t xml:space="preserve">{}</t></is></c>)", ref,
            style, xml_escape(c.text));
        break;
    }
  }
  if (current >= 0) out += "</row>";
  out += "</sheetData>";
  if (!s.merges.empty()) {
    out += fmt::format(R"(<mergeCells count="{}">)", s.merges.size());
    for (const auto& m : s.merges)
      out += fmt::format(R"(<mergeCell ref="{}:{}"/>)", cell_ref(m.row, m.col),
                         cell_ref(m.row + m.rows - 1, m.col + m.cols - 1));
    out += "</mergeCells>";
  }
  out +=
      R"(<printOptions horizontalCentered="1"/>)"
      R"(<pageMargins left="0.5" right="0.5" top="0.6" bottom="0.7" header="0.3" footer="0.3"/>)"
      R"(<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>)"
      R"(<headerFooter><oddFooter>&amp;C第 &amp;P 页，共 &amp;N 页</oddFooter></headerFooter></worksheet>)";
  return out;
}

}  // namespace

std::string write_xlsx(const Workbook& book) {
  std::string types, sheets, rels, names;
  for (std::size_t i = 0; i < book.sheets.size(); ++i) {
    const Sheet& s = book.sheets[i];
    types += fmt::format(
        R"(<Override PartName="/xl/worksheets/sheet{}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>)",
        i + 1);
    sheets += fmt::format(R"(<sheet name="{}" sheetId="{}"{} r:id="rId{}"/>)", xml_escape(s.name),
                          i + 1, s.hidden ? R"( state="hidden")" : "", i + 1);
    rels += fmt::format(
        R"(<Relationship Id="rId{0}" Type="{1}/worksheet" Target="worksheets/sheet{0}.xml"/>)",
        i + 1, kRel);
    if (s.repeat_rows)
      names += fmt::format(
          R"(<definedName name="_xlnm.Print_Titles" localSheetId="{}">'{}'!${}:${}</definedName>)",
          i, xml_escape(s.name), s.repeat_rows->first + 1, s.repeat_rows->second + 1);
  }
  rels += fmt::format(R"(<Relationship Id="rId{}" Type="{}/styles" Target="styles.xml"/>)",
                      book.sheets.size() + 1, kRel);
  const std::string head = R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
                           "\n";
  std::vector<ZipEntry> parts;
  parts.push_back(
      {"[Content_Types].xml",
       head +
           R"(<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">)"
           R"(<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>)"
           R"(<Default Extension="xml" ContentType="application/xml"/>)"
           R"(<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>)"
           R"(<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>)" +
           types + "</Types>"});
  parts.push_back(
      {"_rels/.rels",
       head +
           R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)" +
           fmt::format(
               R"(<Relationship Id="rId1" Type="{}/officeDocument" Target="xl/workbook.xml"/>)",
               kRel) +
           "</Relationships>"});
  parts.push_back({"xl/workbook.xml",
                   head +
                       fmt::format(R"(<workbook xmlns="{}" xmlns:r="{}"><sheets>{}</sheets>)",
                                   kMain, kRel, sheets) +
                       (names.empty() ? "" : "<definedNames>" + names + "</definedNames>") +
                       "</workbook>"});
  parts.push_back(
      {"xl/_rels/workbook.xml.rels",
       head +
           R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)" +
           rels + "</Relationships>"});
  parts.push_back({"xl/styles.xml", styles_xml()});
  for (std::size_t i = 0; i < book.sheets.size(); ++i)
    parts.push_back({fmt::format("xl/worksheets/sheet{}.xml", i + 1), sheet_xml(book.sheets[i])});
  return zip_write(parts);
}

}  // namespace selfeval::spreadsheet
