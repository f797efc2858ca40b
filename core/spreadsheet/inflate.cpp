#include "spreadsheet/inflate.hpp"

#include <zlib.h>

#include <climits>

namespace selfeval::spreadsheet {

std::optional<std::string> inflate_raw(std::string_view data, std::size_t max_output,
                                       std::string& error) {
  if (data.size() > UINT_MAX) return (error = "entry too large", std::nullopt);
  z_stream z{};
  if (inflateInit2(&z, -MAX_WBITS) != Z_OK) return (error = "out of memory", std::nullopt);
  std::string out;
  // The declared size is a hint only (it is checked after): grow as the stream does.
  out.resize(std::min<std::size_t>(max_output, std::max<std::size_t>(data.size() * 4, 4096)));
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  int rc = Z_OK;
  for (;;) {
    if (z.total_out == out.size()) {
      if (out.size() >= max_output) {
        // Full: only the end of the stream may follow.
        unsigned char probe;
        z.next_out = &probe;
        z.avail_out = 1;
        rc = inflate(&z, Z_FINISH);
        if (rc == Z_STREAM_END && z.avail_out == 1) break;
        inflateEnd(&z);
        return (error = "output too large", std::nullopt);
      }
      out.resize(std::min(max_output, out.size() * 2));
    }
    z.next_out = reinterpret_cast<Bytef*>(out.data() + z.total_out);
    z.avail_out = static_cast<uInt>(out.size() - z.total_out);
    rc = inflate(&z, Z_NO_FLUSH);
    if (rc == Z_STREAM_END) break;
    if (rc == Z_BUF_ERROR && z.avail_in == 0) {
      inflateEnd(&z);
      return (error = "truncated stream", std::nullopt);
    }
    if (rc != Z_OK && rc != Z_BUF_ERROR) {
      inflateEnd(&z);
      return (error = z.msg ? z.msg : "damaged stream", std::nullopt);
    }
  }
  out.resize(z.total_out);
  inflateEnd(&z);
  return out;
}

}  // namespace selfeval::spreadsheet
