// Exact decimal numbers for scores, weights and money: a scaled 64-bit integer.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace selfeval {

/// How a value is rounded to a number of decimal places.
enum class RoundingMode { kHalfUp, kHalfEven, kDown };

/// A decimal with six fractional digits, stored as micro-units in an int64.
/// Arithmetic is exact where the result fits six places; division and
/// multiplication round half-up at the sixth place, which is far below what any
/// form shows (two places, or whole points).
class Decimal {
 public:
  static constexpr int kScale = 6;
  static constexpr std::int64_t kOne = 1'000'000;

  constexpr Decimal() = default;
  /// A whole number.
  static constexpr Decimal from_int(std::int64_t v) { return Decimal(v * kOne); }
  /// Raw micro-units.
  static constexpr Decimal from_micros(std::int64_t m) { return Decimal(m); }
  /// Parses "12", "-3.5", "0.005", "1e3"-free plain decimals. Rejects more than six
  /// fractional digits that are not zeros, overflow and anything else.
  static std::optional<Decimal> parse(std::string_view text);
  /// Converts a JSON double exactly when it has at most 15 significant digits and
  /// six fractional places (true of every weight or score a person types).
  static std::optional<Decimal> from_double(double v);

  constexpr std::int64_t micros() const { return m_; }
  bool is_integer() const { return m_ % kOne == 0; }
  bool is_zero() const { return m_ == 0; }
  bool is_negative() const { return m_ < 0; }

  /// Shortest plain text: "15", "0.5", "1999.83", "-2".
  std::string to_string() const;
  /// Fixed number of places after rounding: to_fixed(2) of 3.9208 is "3.92".
  std::string to_fixed(int places, RoundingMode mode = RoundingMode::kHalfUp) const;
  /// The value rounded to `places` (0..6) decimal places.
  Decimal rounded(int places, RoundingMode mode = RoundingMode::kHalfUp) const;
  /// The value as a double, for JSON output of a parsed target only.
  double to_double() const;

  /// Checked arithmetic: nullopt on overflow or division by zero.
  static std::optional<Decimal> add(Decimal a, Decimal b);
  static std::optional<Decimal> sub(Decimal a, Decimal b);
  static std::optional<Decimal> mul(Decimal a, Decimal b);
  static std::optional<Decimal> div(Decimal a, Decimal b);
  /// a * b / c with one rounding at the sixth place (used for W × A / T).
  static std::optional<Decimal> mul_div(Decimal a, Decimal b, Decimal c);

  friend constexpr bool operator==(Decimal a, Decimal b) { return a.m_ == b.m_; }
  friend constexpr bool operator!=(Decimal a, Decimal b) { return a.m_ != b.m_; }
  friend constexpr bool operator<(Decimal a, Decimal b) { return a.m_ < b.m_; }
  friend constexpr bool operator<=(Decimal a, Decimal b) { return a.m_ <= b.m_; }
  friend constexpr bool operator>(Decimal a, Decimal b) { return a.m_ > b.m_; }
  friend constexpr bool operator>=(Decimal a, Decimal b) { return a.m_ >= b.m_; }

 private:
  constexpr explicit Decimal(std::int64_t m) : m_(m) {}
  std::int64_t m_ = 0;
};

}  // namespace selfeval
