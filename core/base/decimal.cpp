#include "base/decimal.hpp"

#include <fmt/format.h>

#include <cmath>
#include <cstdio>
#include <limits>

namespace selfeval {
namespace {

__extension__ typedef __int128 i128;

constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();

std::optional<Decimal> checked(i128 v) {
  if (v > kMax || v < kMin) return std::nullopt;
  return Decimal::from_micros(static_cast<std::int64_t>(v));
}

// Divides n by d (d > 0) rounding half away from zero.
i128 div_round_half_up(i128 n, i128 d) {
  const bool neg = n < 0;
  const i128 a = neg ? -n : n;
  i128 q = a / d;
  const i128 r = a % d;
  if (r * 2 >= d) ++q;
  return neg ? -q : q;
}

constexpr std::int64_t pow10(int n) {
  std::int64_t p = 1;
  for (int i = 0; i < n; ++i) p *= 10;
  return p;
}

}  // namespace

std::optional<Decimal> Decimal::parse(std::string_view text) {
  if (text.empty()) return std::nullopt;
  std::size_t i = 0;
  bool neg = false;
  if (text[i] == '+' || text[i] == '-') {
    neg = text[i] == '-';
    ++i;
  }
  i128 whole = 0;
  int int_digits = 0;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
    whole = whole * 10 + (text[i] - '0');
    if (whole > kMax) return std::nullopt;
    ++i;
    ++int_digits;
  }
  i128 frac = 0;
  int frac_digits = 0;
  if (i < text.size() && text[i] == '.') {
    ++i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
      if (frac_digits < kScale) {
        frac = frac * 10 + (text[i] - '0');
        ++frac_digits;
      } else if (text[i] != '0') {
        return std::nullopt;  // more precision than the engine keeps
      }
      ++i;
    }
    if (frac_digits == 0 && int_digits == 0) return std::nullopt;
  }
  if (i != text.size() || int_digits + frac_digits == 0) return std::nullopt;
  for (int k = frac_digits; k < kScale; ++k) frac *= 10;
  const i128 m = whole * kOne + frac;
  return checked(neg ? -m : m);
}

std::optional<Decimal> Decimal::from_double(double v) {
  if (!std::isfinite(v)) return std::nullopt;
  if (v == 0) return Decimal();  // also -0
  // 15 significant digits (printf's %.15g, by fmt) are exact for any decimal of at most 15
  // significant digits; fmt rounds correctly and is the same code natively and in wasm.
  std::string s = fmt::format("{:.15g}", v);
  if (s.find_first_of("eE") != std::string::npos) {
    // Expand exponent notation into a plain decimal.
    const auto e = s.find_first_of("eE");
    const int exp = std::atoi(s.c_str() + e + 1);
    std::string mant = s.substr(0, e);
    bool neg = !mant.empty() && mant[0] == '-';
    if (neg) mant.erase(0, 1);
    std::string digits;
    int point = static_cast<int>(mant.find('.'));
    if (point < 0) point = static_cast<int>(mant.size());
    for (char c : mant)
      if (c != '.') digits += c;
    point += exp;
    if (point <= 0) {
      digits = std::string(static_cast<std::size_t>(-point), '0') + digits;
      point = 0;
    }
    if (point > static_cast<int>(digits.size()) + 0) {
      if (point > 25) return std::nullopt;
      digits += std::string(static_cast<std::size_t>(point) - digits.size(), '0');
    }
    s = (neg ? "-" : "") + (point == 0 ? std::string("0") : digits.substr(0, point)) +
        (point < static_cast<int>(digits.size()) ? "." + digits.substr(point) : "");
  }
  return parse(s);
}

std::string Decimal::to_string() const {
  const bool neg = m_ < 0;
  // Work in unsigned to survive INT64_MIN.
  const unsigned long long a =
      neg ? 0ULL - static_cast<unsigned long long>(m_) : static_cast<unsigned long long>(m_);
  std::string out = std::to_string(a / kOne);
  unsigned long long frac = a % kOne;
  if (frac != 0) {
    std::string f = std::to_string(frac);
    f = std::string(kScale - f.size(), '0') + f;
    while (!f.empty() && f.back() == '0') f.pop_back();
    out += "." + f;
  }
  return neg ? "-" + out : out;
}

Decimal Decimal::rounded(int places, RoundingMode mode) const {
  if (places >= kScale) return *this;
  if (places < 0) places = 0;
  const std::int64_t unit = pow10(kScale - places);
  const i128 m = m_;
  i128 q = m / unit;
  const i128 r = m % unit;  // same sign as m
  const i128 ar = r < 0 ? -r : r;
  bool away = false;
  switch (mode) {
    case RoundingMode::kDown:
      away = false;
      break;
    case RoundingMode::kHalfUp:
      away = ar * 2 >= unit;
      break;
    case RoundingMode::kHalfEven:
      away = ar * 2 > unit || (ar * 2 == unit && (q % 2 != 0));
      break;
  }
  if (away) q += (m < 0 ? -1 : 1);
  const auto res = checked(q * unit);
  return res ? *res : *this;
}

std::string Decimal::to_fixed(int places, RoundingMode mode) const {
  if (places < 0) places = 0;
  if (places > kScale) places = kScale;
  const Decimal r = rounded(places, mode);
  const bool neg = r.m_ < 0;
  const unsigned long long a =
      neg ? 0ULL - static_cast<unsigned long long>(r.m_) : static_cast<unsigned long long>(r.m_);
  std::string out = std::to_string(a / kOne);
  if (places > 0) {
    std::string f = std::to_string(a % kOne);
    f = std::string(kScale - f.size(), '0') + f;
    out += "." + f.substr(0, static_cast<std::size_t>(places));
  }
  return neg && r.m_ != 0 ? "-" + out : out;
}

double Decimal::to_double() const {
  // Through text so the double is the correctly rounded value of the decimal.
  return std::strtod(to_string().c_str(), nullptr);
}

std::optional<Decimal> Decimal::add(Decimal a, Decimal b) { return checked(i128(a.m_) + b.m_); }
std::optional<Decimal> Decimal::sub(Decimal a, Decimal b) { return checked(i128(a.m_) - b.m_); }

std::optional<Decimal> Decimal::mul(Decimal a, Decimal b) {
  return checked(div_round_half_up(i128(a.m_) * b.m_, kOne));
}

std::optional<Decimal> Decimal::div(Decimal a, Decimal b) {
  if (b.m_ == 0) return std::nullopt;
  i128 n = i128(a.m_) * kOne;
  i128 d = b.m_;
  if (d < 0) {
    n = -n;
    d = -d;
  }
  return checked(div_round_half_up(n, d));
}

std::optional<Decimal> Decimal::mul_div(Decimal a, Decimal b, Decimal c) {
  if (c.m_ == 0) return std::nullopt;
  // a*b has scale 12, dividing by c (scale 6) leaves scale 6.
  const i128 ab = i128(a.m_) * b.m_;
  i128 d = c.m_;
  i128 n = ab;
  if (d < 0) {
    n = -n;
    d = -d;
  }
  // Guard the 128-bit product: |a|,|b| < 2^63 so |ab| < 2^126, safe.
  return checked(div_round_half_up(n, d));
}

}  // namespace selfeval
