#include "base/utf8.hpp"

#include <fmt/format.h>

#include <cstdint>
#include <cstring>

namespace selfeval {

namespace {

// Decodes into `out` (when given) up to the first invalid sequence; returns its offset,
// or s.size() when all of `s` is well-formed UTF-8.
std::size_t decode_prefix(std::string_view s, std::u32string* out) {
  std::size_t i = 0;
  while (i < s.size()) {
    // Runs of ASCII eight bytes at a time when only validating (files of tens of MB).
    if (!out) {
      while (i + 8 <= s.size()) {
        std::uint64_t w;
        std::memcpy(&w, s.data() + i, 8);
        if (w & 0x8080808080808080ull) break;
        i += 8;
      }
      if (i >= s.size()) break;
    }
    const auto b0 = static_cast<unsigned char>(s[i]);
    if (b0 < 0x80) {
      if (out) out->push_back(b0);
      ++i;
      continue;
    }
    int len = 0;
    char32_t cp = 0;
    char32_t min = 0;
    if ((b0 & 0xE0) == 0xC0) {
      len = 2, cp = b0 & 0x1F, min = 0x80;
    } else if ((b0 & 0xF0) == 0xE0) {
      len = 3, cp = b0 & 0x0F, min = 0x800;
    } else if ((b0 & 0xF8) == 0xF0) {
      len = 4, cp = b0 & 0x07, min = 0x10000;
    } else {
      return i;
    }
    if (i + static_cast<std::size_t>(len) > s.size()) return i;
    for (int k = 1; k < len; ++k) {
      const auto b = static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]);
      if ((b & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (b & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
    if (out) out->push_back(cp);
    i += static_cast<std::size_t>(len);
  }
  return i;
}

}  // namespace

std::optional<std::u32string> utf8_decode(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  if (decode_prefix(s, &out) != s.size()) return std::nullopt;
  return out;
}

std::size_t utf8_valid_prefix(std::string_view s) { return decode_prefix(s, nullptr); }

std::string utf8_encode(std::u32string_view text) {
  std::string out;
  out.reserve(text.size() * 3);
  for (char32_t c : text) {
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
    } else if (c < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (c >> 6)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else if (c < 0x10000) {
      out.push_back(static_cast<char>(0xE0 | (c >> 12)));
      out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xF0 | (c >> 18)));
      out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    }
  }
  return out;
}

bool utf8_valid(std::string_view bytes) { return decode_prefix(bytes, nullptr) == bytes.size(); }

std::size_t utf8_length(std::string_view bytes) {
  std::size_t n = 0;
  for (char c : bytes)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  return n;
}

std::u32string normalize_width(std::u32string_view text) {
  std::u32string out;
  out.reserve(text.size());
  for (char32_t c : text) {
    if (c >= 0xFF01 && c <= 0xFF5E) c = c - 0xFF01 + 0x21;  // full-width ASCII block
    switch (c) {
      case 0x3000:  // ideographic space
      case 0x00A0:  // no-break space
      case ' ':
      case '\t':
      case '\n':
      case '\r':
        continue;
      case 0x2267:  // ≧
        c = U'≥';
        break;
      case 0x2266:  // ≦
        c = U'≤';
        break;
      case 0x2A7E:  // ⩾
        c = U'≥';
        break;
      case 0x2A7D:  // ⩽
        c = U'≤';
        break;
      case 0x301C:  // 〜 wave dash
        c = U'~';
        break;
      case 0x2212:  // minus sign
        c = U'-';
        break;
      case 0xFE6A:  // small percent
        c = U'%';
        break;
      default:
        break;
    }
    out.push_back(c);
  }
  return out;
}

std::string escape_controls(std::string_view text) {
  auto hidden = [](char32_t c) {
    return c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F) || (c >= 0x200B && c <= 0x200F) ||
           (c >= 0x2028 && c <= 0x202E) || (c >= 0x2060 && c <= 0x2069) || c == 0xFEFF ||
           c == 0x061C;
  };
  std::string out;
  out.reserve(text.size());
  while (!text.empty()) {
    const std::size_t ok = decode_prefix(text, nullptr);
    std::u32string cps;
    decode_prefix(text.substr(0, ok), &cps);
    for (char32_t c : cps) {
      if (hidden(c)) {
        out += fmt::format("\\u{{{:04X}}}", static_cast<unsigned>(c));
      } else {
        out += utf8_encode(std::u32string_view(&c, 1));
      }
    }
    if (ok < text.size()) {
      out += fmt::format("\\x{:02X}", static_cast<unsigned char>(text[ok]));
      text.remove_prefix(ok + 1);
    } else {
      text = {};
    }
  }
  return out;
}

bool is_cjk(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0x20000 && c <= 0x2A6DF) || (c >= 0xF900 && c <= 0xFAFF);
}

}  // namespace selfeval
