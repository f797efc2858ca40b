// FreeXL reads .xls files through stdio (fopen, fread, fseek, ftell, rewind, fclose) and
// converts legacy code pages through iconv. It is compiled with those names mapped to the
// selfeval_xls_* stand-ins defined here (cmake/dependencies.cmake), which read bytes held in
// memory and convert UTF-16, GBK/GB18030 and Latin text with the core's own decoders, in the
// native and the wasm build alike: both give the same strings. Other code pages are refused.
#pragma once

#include <string>
#include <string_view>

namespace selfeval::spreadsheet {

/// Bytes FreeXL can open by path() while this object lives.
class MemoryFile {
 public:
  explicit MemoryFile(std::string_view bytes);
  ~MemoryFile();
  MemoryFile(const MemoryFile&) = delete;
  MemoryFile& operator=(const MemoryFile&) = delete;
  const char* path() const { return path_.c_str(); }

 private:
  std::string path_;
};

}  // namespace selfeval::spreadsheet
