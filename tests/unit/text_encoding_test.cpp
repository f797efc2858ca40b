// Text encodings of CSV files: GB18030 against glibc's iconv (another implementation of the
// same charmap) over every two-byte and four-byte BMP sequence, and the detection rules.
#include "base/text_encoding.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <vector>

#include "test_support.hpp"

using namespace selfeval;

namespace {

// The output of the iconv program on `input`, one line per input line (-c: a sequence it
// cannot convert leaves its line empty).
std::string iconv_program(const std::string& input) {
  const auto dir = std::filesystem::temp_directory_path();
  const std::string in = (dir / "selfeval-gb18030-in.txt").string(),
                    out = (dir / "selfeval-gb18030-out.txt").string();
  std::ofstream(in, std::ios::binary) << input;
  const int rc =
      std::system(("iconv -c -f GB18030 -t UTF-8 " + in + " > " + out + " 2>/dev/null").c_str());
  (void)rc;
  return test_support::slurp_abs(out);
}

std::vector<std::string> lines(const std::string& s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= s.size(); ++i)
    if (i == s.size() || s[i] == '\n') {
      if (i < s.size() || start < s.size()) out.push_back(s.substr(start, i - start));
      start = i + 1;
    }
  return out;
}

void compare_with_iconv(const std::vector<std::string>& sequences) {
  std::string all;
  for (const auto& s : sequences) all += s + "\n";
  const auto theirs = lines(iconv_program(all));
  REQUIRE(theirs.size() == sequences.size());
  int differ = 0;
  for (std::size_t i = 0; i < sequences.size(); ++i) {
    std::size_t bad = 0;
    auto ours = gb18030_to_utf8(sequences[i], bad);
    if ((ours ? *ours : std::string()) != theirs[i] && ++differ < 5) {
      CAPTURE(i);
      CHECK((ours ? *ours : std::string("<invalid>")) == theirs[i]);
    }
  }
  CHECK(differ == 0);
}

}  // namespace

TEST_CASE("GB18030: every two-byte sequence decodes as glibc's iconv does") {
  std::vector<std::string> seqs;
  for (int lead = 0x81; lead <= 0xFE; ++lead)
    for (int trail = 0x40; trail <= 0xFE; ++trail)
      if (trail != 0x7F) seqs.push_back({static_cast<char>(lead), static_cast<char>(trail)});
  CHECK(seqs.size() == 23940);
  compare_with_iconv(seqs);
}

TEST_CASE(
    "GB18030: every four-byte BMP sequence and samples of the supplementary planes decode as iconv "
    "does") {
  std::vector<std::string> seqs;
  for (int a = 0x81; a <= 0x84; ++a)
    for (int b = 0x30; b <= 0x39; ++b)
      for (int c = 0x81; c <= 0xFE; ++c)
        for (int d = 0x30; d <= 0x39; ++d)
          if ((a - 0x81) * 12600 + (b - 0x30) * 1260 + (c - 0x81) * 10 + (d - 0x30) <=
              39419)  // the last BMP one
            seqs.push_back({static_cast<char>(a), static_cast<char>(b), static_cast<char>(c),
                            static_cast<char>(d)});
  for (int a = 0x90; a <= 0xE3; a += 7)
    for (int c = 0x81; c <= 0xFE; c += 13)
      seqs.push_back({static_cast<char>(a), '\x32', static_cast<char>(c), '\x36'});
  compare_with_iconv(seqs);
  std::size_t bad = 0;
  // 䶮 (U+4DAE, two bytes FE 9F) and 𠀀 (U+20000, four bytes 95 32 82 36).
  CHECK(gb18030_to_utf8("\xFE\x9F\x95\x32\x82\x36", bad) == std::optional<std::string>("䶮𠀀"));
}

TEST_CASE("GB18030: malformed sequences are refused at their offset") {
  std::size_t bad = 0;
  for (const char* s : {"ab\x80", "ab\xFF", "ab\xD2", "ab\xD2\x7F", "ab\x81\x30", "ab\x81\x30\x81",
                        "ab\x85\x30\x81\x30", "ab\xE3\x32\x9A\x36"}) {
    CAPTURE(s);
    CHECK_FALSE(gb18030_to_utf8(s, bad));
    CHECK(bad == 2);
  }
}

TEST_CASE("the encoding of a text file is decided: BOMs, UTF-8, GB18030, else refused") {
  std::size_t bad = 0;
  const std::string utf8 = "一级,三级\n产出,䶮𠀀\n";
  auto plain = decode_text(utf8, bad);
  REQUIRE(plain);
  CHECK(plain->encoding == TextEncoding::kUtf8);
  CHECK(plain->utf8 == utf8);
  const std::string with_bom = "\xEF\xBB\xBF" + utf8;  // UTF-8 is viewed, not copied: keep it alive
  auto bom = decode_text(with_bom, bad);
  REQUIRE(bom);
  CHECK(bom->utf8 == utf8);
  auto gb = decode_text(
      "\xD2\xBB\xBC\xB6,\xC8\xFD\xBC\xB6\n\xB2\xFA\xB3\xF6,\xFE\x9F\x95\x32\x82\x36\n", bad);
  REQUIRE(gb);
  CHECK(gb->encoding == TextEncoding::kGb18030);
  CHECK(gb->utf8 == utf8);
  auto utf16 = decode_text(std::string("\xFF\xFE\x00\x4E\x0A\x00", 6), bad);
  REQUIRE(utf16);
  CHECK(utf16->encoding == TextEncoding::kUtf16);
  CHECK(utf16->utf8 == "一\n");
  CHECK_FALSE(decode_text("abc\xFF\xFE", bad));  // neither UTF-8 nor GB18030
  CHECK(bad == 3);
  CHECK_FALSE(decode_text("\xEF\xBB\xBF\xB2\xFA", bad));  // a UTF-8 BOM before GBK bytes
}
