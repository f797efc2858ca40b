// Excel 97–2003 workbooks (.xls, BIFF in an OLE2 compound file), read with FreeXL (Debian's
// libfreexl natively, the same source built for wasm). FreeXL gives cell values and dates
// but not number formats: other numbers are read as stored, with a note on each.
#pragma once

#include <optional>
#include <string_view>

#include "spreadsheet/xlsx.hpp"

namespace selfeval::spreadsheet {

/// Whether the bytes start like an OLE2 compound file (.xls, .doc …).
bool looks_like_xls(std::string_view bytes);

/// The sheets and cells of an .xls file within `limits` (sheet visibility is not known:
/// every sheet counts as visible); nullopt with `error` when it cannot be read.
std::optional<Workbook> read_xls(std::string_view bytes, ReadError& error,
                                 const ReadLimits& limits = {});

}  // namespace selfeval::spreadsheet
