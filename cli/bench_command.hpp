// selfeval bench: the core's own timings of one form (full evaluation, single edits).
#pragma once

#include <string>
#include <vector>

namespace selfeval::cli {

int cmd_bench(const std::vector<std::string>& args);

}  // namespace selfeval::cli
