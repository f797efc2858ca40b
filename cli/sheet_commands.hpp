// export, import-xlsx and template-from-sheet: the spreadsheet commands of the CLI.
#pragma once

#include <string>
#include <vector>

namespace selfeval::cli {

int cmd_export(const std::vector<std::string>& args);
int cmd_import_xlsx(const std::vector<std::string>& args);
int cmd_template_from_sheet(const std::vector<std::string>& args);

}  // namespace selfeval::cli
