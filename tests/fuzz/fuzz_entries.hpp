// The fuzzed entry points: one function per parser, each feeding arbitrary bytes to the
// core and checking what must hold whatever the input (no crash is checked by the
// sanitizers; these check the invariants). Shared by the libFuzzer binaries and the
// doctest that replays tests/fuzz/regressions/.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace selfeval::fuzz {

using Entry = int (*)(const std::uint8_t* data, std::size_t size);

int target_expr(const std::uint8_t* data, std::size_t size);
int template_loader(const std::uint8_t* data, std::size_t size);
int answers_loader(const std::uint8_t* data, std::size_t size);
int answers_roundtrip(const std::uint8_t* data, std::size_t size);
int canonical_json(const std::uint8_t* data, std::size_t size);
int submission_verify(const std::uint8_t* data, std::size_t size);
int key_registry(const std::uint8_t* data, std::size_t size);
int workbook(const std::uint8_t* data, std::size_t size);
int indicator_list(const std::uint8_t* data, std::size_t size);
int csv(const std::uint8_t* data, std::size_t size);
int number_format(const std::uint8_t* data, std::size_t size);

struct Target {
  const char* name;
  Entry entry;
};
/// Every fuzz target by name (the folder names under tests/fuzz/regressions/).
const std::vector<Target>& targets();

}  // namespace selfeval::fuzz
