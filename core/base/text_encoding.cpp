#include "base/text_encoding.hpp"

#include <cstdint>

#include "base/utf8.hpp"

namespace selfeval {
namespace detail {
extern const std::uint16_t kGb18030TwoDelta[126 * 190];
extern const std::uint32_t kGb18030Ranges[][3];
extern const unsigned kGb18030RangeCount;
extern const std::uint32_t kGb18030TwoWide[][2];
extern const unsigned kGb18030TwoWideCount;
}  // namespace detail

namespace {

// The two-byte table, summed up from its differences on first use.
const std::uint16_t* two_byte_table() {
  static const auto table = [] {
    static std::uint16_t t[126 * 190];
    std::uint16_t v = 0;
    for (unsigned i = 0; i < 126 * 190; ++i)
      t[i] = v = static_cast<std::uint16_t>(v + detail::kGb18030TwoDelta[i]);
    return t;
  }();
  return table;
}

void put(std::string& out, char32_t cp) { out += utf8_encode(std::u32string_view(&cp, 1)); }

// The BMP code point of a four-byte sequence's linear index; 0 when unmapped.
char32_t four_byte_bmp(std::uint32_t index) {
  unsigned lo = 0, hi = detail::kGb18030RangeCount;
  while (lo < hi) {  // the last range starting at or before index
    const unsigned mid = (lo + hi) / 2;
    if (detail::kGb18030Ranges[mid][0] <= index)
      lo = mid + 1;
    else
      hi = mid;
  }
  if (lo == 0) return 0;
  const auto* r = detail::kGb18030Ranges[lo - 1];
  if (index > r[2]) return 0;
  return static_cast<char32_t>(r[1] + (index - r[0]));
}

std::optional<std::string> utf16_to_utf8(std::string_view b, bool little, std::size_t& bad) {
  std::string out;
  out.reserve(b.size() * 3 / 2);
  auto unit = [&](std::size_t i) {
    const auto x = static_cast<unsigned char>(b[i]), y = static_cast<unsigned char>(b[i + 1]);
    return static_cast<char32_t>(little ? x | (y << 8) : (x << 8) | y);
  };
  std::size_t i = 0;
  for (; i + 1 < b.size(); i += 2) {
    char32_t u = unit(i);
    if (u >= 0xD800 && u <= 0xDBFF) {
      if (i + 3 >= b.size()) return (bad = i, std::nullopt);
      const char32_t v = unit(i + 2);
      if (v < 0xDC00 || v > 0xDFFF) return (bad = i, std::nullopt);
      u = 0x10000 + ((u - 0xD800) << 10) + (v - 0xDC00);
      i += 2;
    } else if (u >= 0xDC00 && u <= 0xDFFF) {
      return (bad = i, std::nullopt);
    }
    put(out, u);
  }
  if (i != b.size()) return (bad = i, std::nullopt);
  return out;
}

}  // namespace

std::optional<std::string> gb18030_to_utf8(std::string_view b, std::size_t& bad) {
  std::string out;
  out.reserve(b.size() * 3 / 2);
  auto byte = [&](std::size_t i) {
    return static_cast<unsigned>(static_cast<unsigned char>(b[i]));
  };
  std::size_t i = 0;
  while (i < b.size()) {
    const unsigned b1 = byte(i);
    if (b1 < 0x80) {
      out.push_back(static_cast<char>(b1));
      ++i;
      continue;
    }
    if (b1 == 0x80 || b1 == 0xFF || i + 1 >= b.size()) return (bad = i, std::nullopt);
    const unsigned b2 = byte(i + 1);
    if (b2 >= 0x30 && b2 <= 0x39) {
      // Four bytes: 81–FE 30–39 81–FE 30–39.
      if (i + 3 >= b.size()) return (bad = i, std::nullopt);
      const unsigned b3 = byte(i + 2), b4 = byte(i + 3);
      if (b3 < 0x81 || b3 > 0xFE || b4 < 0x30 || b4 > 0x39) return (bad = i, std::nullopt);
      const std::uint32_t rel = (b2 - 0x30) * 1260 + (b3 - 0x81) * 10 + (b4 - 0x30);
      char32_t cp = 0;
      if (b1 <= 0x84)
        cp = four_byte_bmp((b1 - 0x81) * 12600 + rel);
      else if (b1 >= 0x90 && b1 <= 0xE3)
        cp = 0x10000 + (b1 - 0x90) * 12600 + rel;
      if (cp == 0 || cp > 0x10FFFF) return (bad = i, std::nullopt);
      put(out, cp);
      i += 4;
      continue;
    }
    if (b2 < 0x40 || b2 == 0x7F || b2 == 0xFF) return (bad = i, std::nullopt);
    const unsigned k = (b1 - 0x81) * 190 + (b2 < 0x7F ? b2 - 0x40 : b2 - 0x41);
    char32_t cp = two_byte_table()[k];
    for (unsigned w = 0; cp == 0 && w < detail::kGb18030TwoWideCount;
         ++w)  // the few beyond the BMP
      if (detail::kGb18030TwoWide[w][0] == k) cp = detail::kGb18030TwoWide[w][1];
    if (cp == 0) return (bad = i, std::nullopt);
    put(out, cp);
    i += 2;
  }
  return out;
}

std::optional<DecodedText> decode_text(std::string_view bytes, std::size_t& bad) {
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") {
    bytes.remove_prefix(3);
    if (const std::size_t ok = utf8_valid_prefix(bytes); ok != bytes.size())
      return (bad = 3 + ok, std::nullopt);
    return DecodedText(bytes, TextEncoding::kUtf8);
  }
  if (bytes.substr(0, 2) == "\xFF\xFE" || bytes.substr(0, 2) == "\xFE\xFF") {
    auto t = utf16_to_utf8(bytes.substr(2), bytes[0] == '\xFF', bad);
    if (!t) return (bad += 2, std::nullopt);
    return DecodedText(std::move(*t), TextEncoding::kUtf16);
  }
  const std::size_t utf8_ok = utf8_valid_prefix(bytes);
  if (utf8_ok == bytes.size()) return DecodedText(bytes, TextEncoding::kUtf8);
  std::size_t gb_bad = 0;
  if (auto t = gb18030_to_utf8(bytes, gb_bad))
    return DecodedText(std::move(*t), TextEncoding::kGb18030);
  bad = std::max(utf8_ok, gb_bad);
  return std::nullopt;
}

}  // namespace selfeval
