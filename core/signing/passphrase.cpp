#include "signing/passphrase.hpp"

#include <fmt/format.h>

#include <set>

#include "base/utf8.hpp"

namespace selfeval {

Findings new_passphrase_problems(std::string_view passphrase) {
  Findings out;
  const auto chars = utf8_decode(passphrase);
  if (!chars) {
    out.push_back(Finding{"key.passphrase_encoding", Severity::kError, "/passphrase",
                          "口令含有无法识别的字符",
                          "the passphrase holds bytes that are not UTF-8 text"});
    return out;
  }
  if (chars->size() < kMinPassphraseChars) {
    out.push_back(Finding{
        "key.weak_passphrase", Severity::kError, "/passphrase",
        fmt::format("口令至少需要 {} 个字符（现有 {} 个）", kMinPassphraseChars, chars->size()),
        fmt::format("the passphrase needs at least {} characters (it has {})", kMinPassphraseChars,
                    chars->size())});
    return out;
  }
  const std::set<char32_t> distinct(chars->begin(), chars->end());
  if (distinct.size() < kMinPassphraseDistinct)
    out.push_back(Finding{"key.weak_passphrase", Severity::kError, "/passphrase",
                          fmt::format("口令至少需要 {} 个不同的字符", kMinPassphraseDistinct),
                          fmt::format("the passphrase needs at least {} different characters",
                                      kMinPassphraseDistinct)});
  return out;
}

std::string_view strip_line_end(std::string_view line) {
  if (!line.empty() && line.back() == '\n') line.remove_suffix(1);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

}  // namespace selfeval
