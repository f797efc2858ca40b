// Whole-file reads and writes for the CLI (the core does no I/O).
#pragma once

#include <fstream>
#include <sstream>
#include <string>

namespace selfeval::cli {

/// Reads a whole file; false when it cannot be opened.
inline bool read_file(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  out = ss.str();
  return true;
}

/// Writes a whole file; false on failure.
inline bool write_file(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  return static_cast<bool>(out);
}

}  // namespace selfeval::cli
