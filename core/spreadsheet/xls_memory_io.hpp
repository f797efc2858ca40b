// FreeXL reads .xls files through stdio (fopen, fread, fseek, ftell, rewind, fclose) and
// converts legacy code pages through iconv. These stand-ins let it read bytes held in
// memory, the same way natively (the linker's --wrap) and in wasm (FreeXL compiled with
// -Dfopen=__wrap_fopen …), and convert UTF-16 and GBK/GB18030 text with the core's own
// decoders in both builds, so both give the same strings.
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
