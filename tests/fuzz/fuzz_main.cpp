// libFuzzer entry: built once per target with FUZZ_ENTRY naming the function.
#include "fuzz_entries.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return selfeval::fuzz::FUZZ_ENTRY(data, size);
}
