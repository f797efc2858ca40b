// Helpers shared by the unit tests: repository files and the CLI.
#pragma once

#include <doctest/doctest.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

namespace test_support {

/// A file of the repository, by path relative to its root.
inline std::string slurp(const std::string& rel) {
  std::ifstream in(std::string(SELFEVAL_SOURCE_DIR) + "/" + rel, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/// A file by absolute path.
inline std::string slurp_abs(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/// Runs the native CLI with `args` after the shell assignments in `env` ("NAME='value' ").
inline int run_cli_env(const std::string& env, const std::string& args, std::string& out) {
  const std::string cmd = env + std::string(SELFEVAL_CLI) + " " + args + " 2>&1";
  FILE* p = popen(cmd.c_str(), "r");
  REQUIRE(p != nullptr);
  std::array<char, 4096> buf{};
  out.clear();
  while (std::fgets(buf.data(), buf.size(), p)) out += buf.data();
  return WEXITSTATUS(pclose(p));
}

/// Runs the native CLI with `args`; returns its exit code, stdout and stderr in `out`.
inline int run_cli(const std::string& args, std::string& out) {
  const std::string cmd = std::string(SELFEVAL_CLI) + " " + args + " 2>&1";
  FILE* p = popen(cmd.c_str(), "r");
  REQUIRE(p != nullptr);
  std::array<char, 4096> buf{};
  out.clear();
  while (std::fgets(buf.data(), buf.size(), p)) out += buf.data();
  return WEXITSTATUS(pclose(p));
}

}  // namespace test_support
