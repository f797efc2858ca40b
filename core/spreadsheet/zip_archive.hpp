// ZIP containers (APPNOTE 6.3): the writer stores entries uncompressed with fixed
// timestamps (byte-identical output for identical input); the reader inflates stored and
// deflated entries on demand with zlib, checks every CRC-32 and bounds what it expands.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace selfeval::spreadsheet {

struct ZipEntry {
  std::string name;
  std::string data;
};

/// CRC-32 (ISO-HDLC, the one ZIP and PNG use), by zlib.
std::uint32_t crc32(std::string_view bytes);

/// A ZIP archive holding `entries` in order, stored (method 0).
std::string zip_write(const std::vector<ZipEntry>& entries);

/// The entries of an archive, extracted one at a time. At most 64 MB are expanded in all.
class ZipReader {
 public:
  static constexpr std::size_t kMaxExpanded = 64u << 20;
  /// Reads the central directory of `archive` (kept by reference); false with `error`.
  bool open(std::string_view archive, std::string& error);
  bool has(std::string_view name) const;
  const std::vector<std::string>& names() const { return names_; }
  /// The bytes of one entry, CRC-checked; nullopt (with `error`) when it is missing,
  /// damaged, encrypted, or the archive would expand beyond 64 MB.
  std::optional<std::string> extract(std::string_view name, std::string& error);

 private:
  struct Item {
    std::uint32_t method, crc, flags;
    std::size_t csize, usize, local;
  };
  std::string_view z_;
  std::vector<std::string> names_;
  std::vector<Item> items_;
  std::size_t expanded_ = 0;
};

/// Every entry of a ZIP archive; nullopt (with `error`) when it is not one, is damaged,
/// or expands beyond 64 MB.
std::optional<std::vector<ZipEntry>> zip_read(std::string_view archive, std::string& error);

}  // namespace selfeval::spreadsheet
