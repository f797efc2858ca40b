// Raw DEFLATE decompression (RFC 1951) with zlib (Debian's zlib1g natively, the same source
// built for wasm), for the entries of .xlsx archives. Bounded: refuses to produce more than
// `max_output` bytes (zip bombs).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace selfeval::spreadsheet {

/// Inflates a raw DEFLATE stream; nullopt (with `error` set) on a malformed stream or
/// when the output would exceed `max_output`.
std::optional<std::string> inflate_raw(std::string_view data, std::size_t max_output,
                                       std::string& error);

}  // namespace selfeval::spreadsheet
