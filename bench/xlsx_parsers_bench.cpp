// The hand-written DEFLATE decoder and XML scanner selfeval used until issue 13 (commit 4efce94)
// against zlib and expat, on one deflated sheet of 200,000 rows × 7 cells (65 MB of XML, the
// archive limit). Build and run (the old sources come from git):
//   mkdir -p /tmp/old/spreadsheet && for f in inflate.cpp inflate.hpp xml_scan.cpp xml_scan.hpp; do
//     git show 4efce94:core/spreadsheet/$f > /tmp/old/spreadsheet/$f; done
//   g++ -std=c++20 -O2 -I/tmp/old bench/xlsx_parsers_bench.cpp /tmp/old/spreadsheet/*.cpp -lz
//   -lexpat -o /tmp/parsers && /tmp/parsers
#include <expat.h>
#include <zlib.h>

#include <chrono>
#include <cstdio>
#include <string>

#include "spreadsheet/inflate.hpp"
#include "spreadsheet/xml_scan.hpp"
using namespace std::chrono;
std::string deflate_raw(const std::string& d) {
  z_stream z{};
  deflateInit2(&z, 6, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&z, d.size()), '\0');
  z.next_in = (Bytef*)d.data();
  z.avail_in = d.size();
  z.next_out = (Bytef*)out.data();
  z.avail_out = out.size();
  deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}
std::string zinflate(const std::string& p, size_t n) {
  z_stream z{};
  inflateInit2(&z, -15);
  std::string out(n, '\0');
  z.next_in = (Bytef*)p.data();
  z.avail_in = p.size();
  z.next_out = (Bytef*)out.data();
  z.avail_out = n;
  inflate(&z, Z_FINISH);
  inflateEnd(&z);
  return out;
}
static long events;
void s(void*, const char*, const char**) { ++events; }
void e(void*, const char*) { ++events; }
void t(void*, const char*, int) { ++events; }
int main() {
  std::string xml = "<?xml version=\"1.0\"?><worksheet><sheetData>";
  for (int r = 1; r <= 200000; ++r) {
    xml += "<row r=\"" + std::to_string(r) + "\">";
    for (int c = 0; c < 7; ++c)
      xml += "<c r=\"" + std::string(1, 'A' + c) + std::to_string(r) + "\" s=\"1\" t=\"s\"><v>" +
             std::to_string(r * 7 + c) + "</v></c>";
    xml += "</row>";
  }
  xml += "</sheetData></worksheet>";
  std::string packed = deflate_raw(xml);
  printf("xml %zu bytes, deflated %zu\n", xml.size(), packed.size());
  for (int round = 0; round < 3; ++round) {
    auto a = steady_clock::now();
    std::string why;
    auto o = selfeval::spreadsheet::inflate_raw(packed, xml.size(), why);
    auto b = steady_clock::now();
    std::string z = zinflate(packed, xml.size());
    auto c = steady_clock::now();
    selfeval::spreadsheet::XmlScanner x(*o);
    long n = 0;
    for (auto ev = x.next(); ev != selfeval::spreadsheet::XmlScanner::Event::kDone; ev = x.next()) {
      if (ev == selfeval::spreadsheet::XmlScanner::Event::kError) return 1;
      ++n;
    }
    auto d = steady_clock::now();
    XML_Parser p = XML_ParserCreate(nullptr);
    XML_SetElementHandler(p, s, e);
    XML_SetCharacterDataHandler(p, t);
    events = 0;
    XML_Parse(p, z.data(), z.size(), 1);
    XML_ParserFree(p);
    auto f = steady_clock::now();
    printf("inflate own %.0f ms zlib %.0f ms | xml own %.0f ms (%ld events) expat %.0f ms (%ld)\n",
           duration<double, std::milli>(b - a).count(), duration<double, std::milli>(c - b).count(),
           duration<double, std::milli>(d - c).count(), n,
           duration<double, std::milli>(f - d).count(), events);
  }
}
