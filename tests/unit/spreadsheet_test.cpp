// The .xlsx/CSV layer: the zlib-backed inflate within its bounds, ZIP containers, the
// expat-backed XML reader, cell references and CSV quoting.
#include <zlib.h>

#include <random>

#include "spreadsheet/csv.hpp"
#include "spreadsheet/inflate.hpp"
#include "spreadsheet/xlsx.hpp"
#include "spreadsheet/xml_reader.hpp"
#include "spreadsheet/zip_archive.hpp"
#include "test_support.hpp"

using namespace selfeval::spreadsheet;

namespace {

// Raw DEFLATE (no zlib header) of `data` at `level` with `strategy`, by zlib.
std::string zlib_deflate(const std::string& data, int level, int strategy = Z_DEFAULT_STRATEGY) {
  z_stream z{};
  REQUIRE(deflateInit2(&z, level, Z_DEFLATED, -15, 8, strategy) == Z_OK);
  std::string out(deflateBound(&z, data.size()) + 16, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  REQUIRE(deflate(&z, Z_FINISH) == Z_STREAM_END);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

std::string sample(std::mt19937& rng, std::size_t n, int alphabet) {
  std::string s(n, '\0');
  for (auto& c : s) c = static_cast<char>(rng() % alphabet);
  return s;
}

}  // namespace

TEST_CASE(
    "inflate reads DEFLATE streams of every level and strategy, growing its buffer as they "
    "expand") {
  std::mt19937 rng(20261124);
  int checked = 0;
  const std::string text = test_support::slurp("schemas/templates/policy-evaluation.json");
  for (int level = 0; level <= 9; ++level) {
    for (int strategy : {Z_DEFAULT_STRATEGY, Z_FILTERED, Z_HUFFMAN_ONLY, Z_RLE, Z_FIXED}) {
      for (const std::string& data : {text, sample(rng, 70000, 4), sample(rng, 5000, 256),
                                      std::string(), std::string(100000, 'a')}) {
        std::string why;
        auto back = inflate_raw(zlib_deflate(data, level, strategy), data.size(), why);
        REQUIRE_MESSAGE(back, why);
        CHECK(*back == data);
        ++checked;
      }
    }
  }
  CHECK(checked == 250);
}

TEST_CASE("inflate refuses damaged streams and output beyond its bound") {
  const std::string data(1 << 20, '\0');
  const std::string packed = zlib_deflate(data, 9);
  std::string why;
  CHECK_FALSE(inflate_raw(packed, data.size() - 1, why));
  CHECK(why == "output too large");
  CHECK_FALSE(inflate_raw(packed.substr(0, packed.size() / 2), data.size(), why));
  CHECK_FALSE(inflate_raw("\x07", 100, why));  // block type 3
  // Every truncation and single-byte change either fails cleanly or yields some bytes.
  const std::string small = zlib_deflate(test_support::slurp("README.md").substr(0, 3000), 6);
  for (std::size_t i = 0; i < small.size(); ++i) {
    std::string bad = small;
    bad[i] = static_cast<char>(bad[i] ^ 0x5A);
    (void)inflate_raw(bad, 1 << 16, why);
    (void)inflate_raw(small.substr(0, i), 1 << 16, why);
  }
}

TEST_CASE("CRC-32 is the ISO-HDLC one") {
  std::mt19937 rng(7);
  for (std::size_t n : {0u, 1u, 3u, 1000u, 65537u}) {
    std::string s = sample(rng, n, 256);
    CHECK(crc32(s) ==
          ::crc32(0, reinterpret_cast<const Bytef*>(s.data()), static_cast<uInt>(s.size())));
  }
  CHECK(crc32("123456789") == 0xCBF43926u);  // the check value of CRC-32/ISO-HDLC
}

TEST_CASE("ZIP archives round-trip and damage is detected") {
  std::vector<ZipEntry> in = {
      {"a.xml", "<a/>"}, {"xl/中文.xml", std::string(3000, 'x')}, {"empty", ""}};
  const std::string z = zip_write(in);
  CHECK(zip_write(in) == z);  // no clock in the bytes
  std::string why;
  auto out = zip_read(z, why);
  REQUIRE(out);
  REQUIRE(out->size() == 3);
  for (std::size_t i = 0; i < 3; ++i) {
    CHECK((*out)[i].name == in[i].name);
    CHECK((*out)[i].data == in[i].data);
  }
  std::string bad = z;
  bad[z.find("xxxx") + 10] = 'y';
  CHECK_FALSE(zip_read(bad, why));
  CHECK(why.find("checksum") != std::string::npos);
  CHECK_FALSE(zip_read(z.substr(0, z.size() - 5), why));
  CHECK_FALSE(zip_read("not a zip file at all, not even close", why));
  for (std::size_t cut = 0; cut < z.size(); cut += 7) (void)zip_read(z.substr(0, cut), why);
}

namespace {
// Records the stream of a parse as text: <name attr=value> </name> "text".
struct Recorder : XmlHandler {
  std::string log;
  std::string attr;
  bool start(std::string_view name, const XmlAttrs& a) override {
    log += "<" + std::string(name);
    if (!attr.empty() && a.has(attr)) log += " " + attr + "=" + std::string(a.get(attr));
    log += ">";
    return true;
  }
  bool end(std::string_view name) override {
    log += "</" + std::string(name) + ">";
    return true;
  }
  bool text(std::string_view t) override {
    log += std::string(t);
    return true;
  }
};
}  // namespace

TEST_CASE("the XML reader decodes entities, drops prefixes and refuses DTDs") {
  Recorder r;
  r.attr = "t";
  std::string why;
  REQUIRE(parse_xml(
      R"(<?xml version="1.0"?><x:c r="A1" t='s'><v>a&amp;b&#x4e2d;&#25991;</v><e/></x:c>)", r,
      why));
  CHECK(r.log == "<c t=s><v>a&b中文</v><e></e></c>");
  Recorder dtd;
  CHECK_FALSE(parse_xml(R"(<!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>)", dtd, why));
  CHECK(why == "DTDs are not accepted");
  Recorder bomb;
  CHECK_FALSE(parse_xml(R"(<!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]><x>&b;</x>)",
                        bomb, why));
  Recorder entity;
  CHECK_FALSE(parse_xml("<x>&nbsp;</x>", entity, why));
  CHECK(why.find("line 1") != std::string::npos);
  Recorder broken;
  CHECK_FALSE(parse_xml("<x><y></x>", broken, why));
  // A handler stops the parse with its reason.
  struct Stopper : Recorder {
    bool start(std::string_view, const XmlAttrs&) override { return (stop = "enough", false); }
  } stopper;
  CHECK_FALSE(parse_xml("<x/>", stopper, why));
  CHECK(why == "enough");
  CHECK(xml_escape("a<b>&\"\x01") == "a&lt;b&gt;&amp;&quot; ");
}

TEST_CASE("cell references") {
  CHECK(cell_ref(0, 0) == "A1");
  CHECK(cell_ref(9, 26) == "AA10");
  CHECK(cell_ref(0, 16383) == "XFD1");
  for (int c : {0, 25, 26, 51, 52, 701, 702, 16383}) {
    auto rc = parse_cell_ref(cell_ref(41, c));
    REQUIRE(rc);
    CHECK(rc->first == 41);
    CHECK(rc->second == c);
  }
  CHECK(parse_cell_ref("$B$3") == std::make_pair(2, 1));
  for (const char* bad : {"", "A", "1", "A0", "a1", "XFE1", "A1048577", "A1B"})
    CHECK_FALSE(parse_cell_ref(bad));
}

TEST_CASE("CSV: BOM, CRLF, quoting, and reading back") {
  Sheet s;
  s.cells[{0, 0}] = Cell{"名称"};
  s.cells[{0, 2}] = Cell{"a,b"};
  s.cells[{1, 1}] = Cell{"say \"hi\"\nnow"};
  s.cells[{1, 2}] = Cell{"3.9208", Cell::Kind::kNumber, 2};
  const std::string csv = write_csv(s);
  CHECK(csv == "\xEF\xBB\xBF名称,,\"a,b\"\r\n,\"say \"\"hi\"\"\nnow\",3.92\r\n");
  std::string why;
  auto rows = read_csv(csv, why);
  REQUIRE(rows);
  REQUIRE(rows->size() == 2);
  CHECK((*rows)[0] == std::vector<std::string>{"名称", "", "a,b"});
  CHECK((*rows)[1] == std::vector<std::string>{"", "say \"hi\"\nnow", "3.92"});
  CHECK_FALSE(read_csv("\"open", why));
  auto tabs = read_csv("一级\t二级\n产出\t数量", why);
  REQUIRE(tabs);
  CHECK((*tabs)[1][1] == "数量");
}

TEST_CASE("an .xlsx written is read back cell for cell, merges included") {
  Workbook b;
  Sheet s;
  s.name = "表<1>";
  s.cells[{0, 0}] = Cell{"标题 & <x>", Cell::Kind::kText, -1, CellRole::kTitle};
  s.cells[{2, 3}] = Cell{"14.53", Cell::Kind::kNumber, 2};
  s.cells[{3, 0}] = Cell{"true", Cell::Kind::kBool};
  s.merges.push_back({0, 0, 1, 4});
  s.widths = {10, 12};
  s.repeat_rows = std::make_pair(1, 1);
  b.sheets.push_back(s);
  Sheet h;
  h.name = "数据";
  h.hidden = true;
  h.cells[{0, 0}] = Cell{" leading space"};
  b.sheets.push_back(h);
  const std::string bytes = write_xlsx(b);
  CHECK(write_xlsx(b) == bytes);
  std::string why;
  auto back = read_xlsx(bytes, why);
  REQUIRE_MESSAGE(back, why);
  REQUIRE(back->sheets.size() == 2);
  CHECK(back->sheets[0].name == "表<1>");
  CHECK(back->sheets[0].at(0, 0)->text == "标题 & <x>");
  CHECK(back->sheets[0].at(2, 3)->kind == Cell::Kind::kNumber);
  CHECK(back->sheets[0].at(2, 3)->text == "14.53");
  CHECK(back->sheets[0].at(3, 0)->text == "true");
  REQUIRE(back->sheets[0].merges.size() == 1);
  CHECK(back->sheets[0].merges[0].cols == 4);
  CHECK(back->sheets[1].hidden);
  CHECK(back->sheets[1].at(0, 0)->text == " leading space");
  CHECK_FALSE(read_xlsx(zip_write({{"a.txt", "x"}}), why));
  CHECK(why.find("workbook") != std::string::npos);
}
