#include "base/canonical_json.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "base/json_reader.hpp"
#include "base/utf8.hpp"

namespace selfeval {
namespace {

using json = nlohmann::json;

// The shortest decimal digits that read back as `d` (d > 0, finite), with the decimal
// exponent of the first digit: fmt's default format is the shortest round trip, the nearest
// such digits (Dragonbox), the same digits ECMAScript's Number::toString picks — and being
// fmt's own code, the same natively and in wasm. Its text is fixed ("0.00123", "100") or
// exponent ("1e+21", "1.2345e-07") notation; only the digits and the exponent are kept.
void shortest_digits(double d, std::string& digits, int& exp10) {
  const std::string s = fmt::format("{}", d);
  const auto e = s.find('e');
  const std::string mant = s.substr(0, e);
  const int exp = e == std::string::npos ? 0 : std::atoi(s.c_str() + e + 1);
  const auto dot = mant.find('.');
  const int int_len = static_cast<int>(dot == std::string::npos ? mant.size() : dot);
  std::string all;
  for (char c : mant)
    if (c != '.') all += c;
  const auto lead = std::min(all.find_first_not_of('0'), all.size() - 1);
  digits = all.substr(lead);
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
  exp10 = exp + int_len - 1 - static_cast<int>(lead);
}

void write_string(std::string& out, const std::string& s) {
  static const char* kHex = "0123456789abcdef";
  out += '"';
  // Runs of characters that need no escape are copied whole.
  std::size_t run = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(s, run, i - run);
    run = i + 1;
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        out += "\\u00";
        out += kHex[c >> 4];
        out += kHex[c & 0xF];
    }
  }
  out.append(s, run, std::string::npos);
  out += '"';
}

// Member names compared as ECMAScript compares strings: by UTF-16 code units.
std::u16string utf16(const std::string& s) {
  std::u16string out;
  for (char32_t c : utf8_decode(s).value_or(U"")) {
    if (c >= 0x10000) {
      c -= 0x10000;
      out.push_back(static_cast<char16_t>(0xD800 + (c >> 10)));
      out.push_back(static_cast<char16_t>(0xDC00 + (c & 0x3FF)));
    } else {
      out.push_back(static_cast<char16_t>(c));
    }
  }
  return out;
}

bool write(std::string& out, const json& v, std::string* error) {
  switch (v.type()) {
    case json::value_t::null:
      out += "null";
      return true;
    case json::value_t::boolean:
      out += v.get<bool>() ? "true" : "false";
      return true;
    case json::value_t::number_integer:
      out += *ecmascript_number(static_cast<double>(v.get<json::number_integer_t>()));
      return true;
    case json::value_t::number_unsigned:
      out += *ecmascript_number(static_cast<double>(v.get<json::number_unsigned_t>()));
      return true;
    case json::value_t::number_float: {
      auto n = ecmascript_number(v.get<double>());
      if (!n) {
        *error = "NaN and Infinity have no JSON form";
        return false;
      }
      out += *n;
      return true;
    }
    case json::value_t::string: {
      const auto& s = v.get_ref<const std::string&>();
      if (!utf8_valid(s)) {
        *error = "a string is not valid UTF-8";
        return false;
      }
      write_string(out, s);
      return true;
    }
    case json::value_t::array: {
      out += '[';
      bool first = true;
      for (const auto& x : v) {
        if (!first) out += ',';
        first = false;
        if (!write(out, x, error)) return false;
      }
      out += ']';
      return true;
    }
    case json::value_t::object: {
      // The object's map holds its names in byte order, which for UTF-8 is code point order;
      // UTF-16 code units order them the same unless a name has a character beyond U+FFFF
      // (a surrogate pair sorts below U+E000..U+FFFF): only then are they sorted again.
      const auto& object = v.get_ref<const json::object_t&>();
      bool astral = false;
      for (const auto& m : object) {
        if (!utf8_valid(m.first)) {
          *error = "a member name is not valid UTF-8";
          return false;
        }
        astral = astral || std::any_of(m.first.begin(), m.first.end(), [](char c) {
                   return static_cast<unsigned char>(c) >= 0xF0;
                 });
      }
      std::vector<std::pair<std::u16string, const json::object_t::value_type*>> members;
      members.reserve(object.size());
      for (const auto& m : object)
        members.emplace_back(astral ? utf16(m.first) : std::u16string(), &m);
      if (astral)
        std::sort(members.begin(), members.end(),
                  [](const auto& a, const auto& b) { return a.first < b.first; });
      out += '{';
      bool first = true;
      for (const auto& [key16, m] : members) {
        if (!first) out += ',';
        first = false;
        write_string(out, m->first);
        out += ':';
        if (!write(out, m->second, error)) return false;
      }
      out += '}';
      return true;
    }
    default:
      *error = "binary values have no JSON form";
      return false;
  }
}

}  // namespace

std::optional<std::string> ecmascript_number(double d) {
  if (!std::isfinite(d)) return std::nullopt;
  if (d == 0) return std::string("0");
  std::string out;
  if (d < 0) {
    out = "-";
    d = -d;
  }
  std::string digits;
  int exp10 = 0;
  shortest_digits(d, digits, exp10);
  const int k = static_cast<int>(digits.size());
  const int n = exp10 + 1;  // the decimal point sits after n digits
  if (k <= n && n <= 21) {
    out += digits + std::string(static_cast<std::size_t>(n - k), '0');
  } else if (0 < n && n <= 21) {
    out += digits.substr(0, static_cast<std::size_t>(n)) + "." +
           digits.substr(static_cast<std::size_t>(n));
  } else if (-6 < n && n <= 0) {
    out += "0." + std::string(static_cast<std::size_t>(-n), '0') + digits;
  } else {
    out += digits.substr(0, 1);
    if (k > 1) out += "." + digits.substr(1);
    out += (n - 1 >= 0 ? "e+" : "e-") + std::to_string(std::abs(n - 1));
  }
  return out;
}

std::optional<std::string> canonical_json(const json& value, std::string* error) {
  std::string out;
  std::string err;
  if (!write(out, value, &err)) {
    if (error) *error = err;
    return std::nullopt;
  }
  return out;
}

Canonical canonicalize(std::string_view text) {
  Canonical c;
  JsonRead r = read_json(text, "文档", "document");
  c.findings = r.findings;
  if (!r.value) return c;
  std::string err;
  c.text = canonical_json(*r.value, &err);
  if (!c.text) {
    c.findings.push_back(Finding{"jcs.unrepresentable", Severity::kError, "",
                                 "该 JSON 无法规范化：" + err,
                                 "the JSON cannot be canonicalized: " + err});
  }
  return c;
}

}  // namespace selfeval
