// Office Open XML spreadsheets (ECMA-376 / ISO 29500 SpreadsheetML): writing the
// workbooks selfeval exports and reading the cells of .xlsx files from any writer.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "workbook.hpp"

namespace selfeval::spreadsheet {

/// The .xlsx bytes of a workbook: inline strings, numbers as numbers with their
/// decimals as a number format, merged ranges, A4 landscape fitted to the page width,
/// repeated title rows. The same workbook always gives the same bytes.
std::string write_xlsx(const Workbook& book);

/// The sheets, cells and merged ranges of an .xlsx file; nullopt (with `error`) when
/// the bytes are not a readable workbook.
std::optional<Workbook> read_xlsx(std::string_view bytes, std::string& error);

}  // namespace selfeval::spreadsheet
