// One record across the year: the next form's answers started from the previous one.
#pragma once

#include <string>
#include <vector>

namespace selfeval::cli {

/// carry --from FILE --to TEMPLATE: the answers of TEMPLATE (a built-in id or a template file)
/// started from FILE (a declaration, or a monitoring form's answers) on stdout; what was left
/// behind on stderr. Exit 0, 1 when the input is refused, 2 on a usage error.
int cmd_carry(const std::vector<std::string>& args);

}  // namespace selfeval::cli
