// ZIP containers (APPNOTE 6.3): the writer stores entries uncompressed with fixed
// timestamps (byte-identical output for identical input); the reader accepts stored and
// deflated entries, checks every CRC-32 and bounds sizes.
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

/// CRC-32 (ISO-HDLC, the one ZIP and PNG use).
std::uint32_t crc32(std::string_view bytes);

/// A ZIP archive holding `entries` in order, stored (method 0).
std::string zip_write(const std::vector<ZipEntry>& entries);

/// The entries of a ZIP archive; nullopt (with `error`) when it is not one, is damaged,
/// or expands beyond 64 MB.
std::optional<std::vector<ZipEntry>> zip_read(std::string_view archive, std::string& error);

}  // namespace selfeval::spreadsheet
