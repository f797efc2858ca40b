// Times and dates as the signing rules read them: strict RFC 3339 date-times (always with
// a zone) and ISO 8601 calendar dates (YYYY-MM-DD). The core has no clock: "now" is always
// an input, so native and wasm decide the same way for the same inputs.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace selfeval {

/// A calendar date (proleptic Gregorian).
struct CivilDate {
  int year = 0, month = 0, day = 0;
  /// Days since 1970-01-01.
  std::int64_t days() const;
  /// "YYYY-MM-DD".
  std::string to_string() const;
  friend bool operator==(const CivilDate&, const CivilDate&) = default;
  friend auto operator<=>(const CivilDate&, const CivilDate&) = default;
};

/// An instant: whole seconds since 1970-01-01T00:00:00Z (fractions are dropped).
struct Instant {
  std::int64_t seconds = 0;
  /// "YYYY-MM-DDThh:mm:ssZ".
  std::string to_string() const;
  /// The calendar date this instant falls on at a fixed offset from UTC, in minutes.
  CivilDate date_at_offset(int offset_minutes) const;
  friend auto operator<=>(const Instant&, const Instant&) = default;
};

/// Parses an RFC 3339 date-time: "2023-06-01T09:00:00Z", "2023-06-01T17:00:00.123+08:00".
/// Upper-case T and Z only, a real calendar date, hours < 24, minutes and seconds < 60
/// (a leap second is refused), offsets within ±23:59. Anything else is nullopt.
std::optional<Instant> parse_rfc3339(std::string_view text);

/// Parses an ISO 8601 calendar date "YYYY-MM-DD" (a real date, years 1000..9999).
std::optional<CivilDate> parse_iso_date(std::string_view text);

/// The instant at 00:00:00 UTC of a date.
Instant start_of_day_utc(const CivilDate& d);

/// China Standard Time, the zone of registry dates: UTC+08:00, in minutes.
inline constexpr int kChinaOffsetMinutes = 8 * 60;

}  // namespace selfeval
