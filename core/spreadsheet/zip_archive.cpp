#include "spreadsheet/zip_archive.hpp"

#include <zlib.h>

#include <algorithm>

#include "spreadsheet/inflate.hpp"

namespace selfeval::spreadsheet {
namespace {

constexpr std::size_t kMaxEntries = 4096;
// 1980-01-01 00:00 in DOS format: the same bytes every time.
constexpr std::uint16_t kDosDate = (0 << 9) | (1 << 5) | 1;

void put16(std::string& s, std::uint32_t v) {
  s.push_back(static_cast<char>(v & 0xFF));
  s.push_back(static_cast<char>((v >> 8) & 0xFF));
}
void put32(std::string& s, std::uint32_t v) {
  put16(s, v & 0xFFFF);
  put16(s, v >> 16);
}
std::uint32_t get16(std::string_view s, std::size_t p) {
  return static_cast<unsigned char>(s[p]) |
         (static_cast<std::uint32_t>(static_cast<unsigned char>(s[p + 1])) << 8);
}
std::uint32_t get32(std::string_view s, std::size_t p) {
  return get16(s, p) | (get16(s, p + 2) << 16);
}

}  // namespace

std::uint32_t crc32(std::string_view bytes) {
  uLong c = ::crc32(0L, Z_NULL, 0);
  // zlib takes uInt lengths: feed in pieces.
  while (!bytes.empty()) {
    const auto n = static_cast<uInt>(std::min<std::size_t>(bytes.size(), 1u << 30));
    c = ::crc32(c, reinterpret_cast<const Bytef*>(bytes.data()), n);
    bytes.remove_prefix(n);
  }
  return static_cast<std::uint32_t>(c);
}

std::string zip_write(const std::vector<ZipEntry>& entries) {
  std::string out, central;
  for (const auto& e : entries) {
    const std::uint32_t offset = static_cast<std::uint32_t>(out.size());
    const std::uint32_t crc = crc32(e.data);
    const auto size = static_cast<std::uint32_t>(e.data.size());
    auto header = [&](std::string& s, bool central_dir) {
      put32(s, central_dir ? 0x02014b50 : 0x04034b50);
      if (central_dir) put16(s, 20);  // made by: version 2.0
      put16(s, 20);                   // needed to extract
      put16(s, 0x0800);               // names are UTF-8
      put16(s, 0);                    // stored
      put16(s, 0);                    // time
      put16(s, kDosDate);
      put32(s, crc);
      put32(s, size);
      put32(s, size);
      put16(s, static_cast<std::uint32_t>(e.name.size()));
      put16(s, 0);  // extra
      if (central_dir) {
        put16(s, 0);  // comment
        put16(s, 0);  // disk
        put16(s, 0);  // internal attributes
        put32(s, 0);  // external attributes
        put32(s, offset);
      }
      s += e.name;
    };
    header(out, false);
    out += e.data;
    header(central, true);
  }
  const auto cd_offset = static_cast<std::uint32_t>(out.size());
  out += central;
  put32(out, 0x06054b50);
  put16(out, 0);
  put16(out, 0);
  put16(out, static_cast<std::uint32_t>(entries.size()));
  put16(out, static_cast<std::uint32_t>(entries.size()));
  put32(out, static_cast<std::uint32_t>(central.size()));
  put32(out, cd_offset);
  put16(out, 0);
  return out;
}

bool ZipReader::open(std::string_view z, std::string& error) {
  z_ = z;
  names_.clear();
  items_.clear();
  expanded_ = 0;
  // The end-of-central-directory record: the last signature within 64 KiB of comment.
  if (z.size() < 22) return (error = "not a ZIP archive (too short)", false);
  std::size_t eocd = std::string_view::npos;
  std::size_t lowest = z.size() > 22 + 0xFFFF ? z.size() - 22 - 0xFFFF : 0;
  for (std::size_t p = z.size() - 22 + 1; p-- > lowest;) {
    if (get32(z, p) == 0x06054b50) {
      eocd = p;
      break;
    }
  }
  if (eocd == std::string_view::npos) return (error = "not a ZIP archive (no end record)", false);
  const std::size_t count = get16(z, eocd + 10);
  const std::size_t cd_size = get32(z, eocd + 12), cd_offset = get32(z, eocd + 16);
  if (count > kMaxEntries) return (error = "too many entries", false);
  if (cd_offset > eocd || cd_size > eocd - cd_offset)
    return (error = "damaged central directory", false);
  std::size_t p = cd_offset;
  for (std::size_t i = 0; i < count; ++i) {
    if (p + 46 > eocd || get32(z, p) != 0x02014b50)
      return (error = "damaged central directory", false);
    Item it{};
    it.flags = get16(z, p + 8);
    it.method = get16(z, p + 10);
    it.crc = get32(z, p + 16);
    it.csize = get32(z, p + 20);
    it.usize = get32(z, p + 24);
    const std::size_t nlen = get16(z, p + 28), xlen = get16(z, p + 30), clen = get16(z, p + 32);
    it.local = get32(z, p + 42);
    if (p + 46 + nlen > eocd) return (error = "damaged central directory", false);
    names_.emplace_back(z.substr(p + 46, nlen));
    items_.push_back(it);
    p += 46 + nlen + xlen + clen;
  }
  return true;
}

bool ZipReader::has(std::string_view name) const {
  for (const auto& n : names_)
    if (n == name) return true;
  return false;
}

std::optional<std::string> ZipReader::extract(std::string_view name, std::string& error) {
  std::size_t i = 0;
  while (i < names_.size() && names_[i] != name) ++i;
  if (i == names_.size()) return (error = "missing entry: " + std::string(name), std::nullopt);
  const Item& it = items_[i];
  const std::string& n = names_[i];
  const std::string_view z = z_;
  if (it.flags & 1) return (error = "encrypted entry: " + n, std::nullopt);
  if (it.local + 30 > z.size() || get32(z, it.local) != 0x04034b50)
    return (error = "damaged entry: " + n, std::nullopt);
  const std::size_t data = it.local + 30 + get16(z, it.local + 26) + get16(z, it.local + 28);
  if (data > z.size() || it.csize > z.size() - data)
    return (error = "truncated entry: " + n, std::nullopt);
  if (it.usize > kMaxExpanded - expanded_)
    return (error = "archive expands beyond 64 MB", std::nullopt);
  std::string_view packed = z.substr(data, it.csize);
  std::string out;
  if (it.method == 0) {
    out.assign(packed);
  } else if (it.method == 8) {
    std::string why;
    auto inflated = inflate_raw(packed, it.usize, why);
    if (!inflated) return (error = "damaged entry " + n + ": " + why, std::nullopt);
    out = std::move(*inflated);
  } else {
    return (error = "unsupported compression in " + n, std::nullopt);
  }
  if (out.size() != it.usize || crc32(out) != it.crc)
    return (error = "checksum mismatch in " + n, std::nullopt);
  expanded_ += it.usize;
  return out;
}

std::optional<std::vector<ZipEntry>> zip_read(std::string_view z, std::string& error) {
  ZipReader r;
  if (!r.open(z, error)) return std::nullopt;
  std::vector<ZipEntry> out;
  for (const auto& name : r.names()) {
    auto data = r.extract(name, error);
    if (!data) return std::nullopt;
    out.push_back({name, std::move(*data)});
  }
  return out;
}

}  // namespace selfeval::spreadsheet
