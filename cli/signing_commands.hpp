// keygen, sign and verify: the signed-submission commands of the CLI.
#pragma once

#include <string>
#include <vector>

namespace selfeval::cli {

int cmd_keygen(const std::vector<std::string>& args);
int cmd_sign(const std::vector<std::string>& args);
int cmd_verify(const std::vector<std::string>& args);
int cmd_jws_parts(const std::vector<std::string>& args);
int cmd_sm2_check(const std::vector<std::string>& args);

}  // namespace selfeval::cli
