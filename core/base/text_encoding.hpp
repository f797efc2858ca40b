// Text files from Chinese offices: UTF-8 (with or without a byte-order mark), GB18030
// (which contains GBK and GB2312: "CSV (逗号分隔)" saved by Excel on Chinese Windows), and
// UTF-16 with a byte-order mark ("Unicode 文本"). One table, generated at build time from
// glibc's GB18030 charmap, serves the native and the wasm build alike.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace selfeval {

enum class TextEncoding { kUtf8, kGb18030, kUtf16 };

struct DecodedText {
  std::string decoded;    ///< the UTF-8 text when it had to be converted (GB18030, UTF-16)
  std::string_view utf8;  ///< the text: `decoded`, or the input itself when it was UTF-8 (no copy)
  TextEncoding encoding = TextEncoding::kUtf8;
  DecodedText() = default;
  DecodedText(std::string text, TextEncoding e)
      : decoded(std::move(text)), utf8(decoded), encoding(e) {}
  DecodedText(std::string_view input, TextEncoding e) : utf8(input), encoding(e) {}
  DecodedText(DecodedText&& o) noexcept : encoding(o.encoding) {
    const bool own = o.utf8.data() == o.decoded.data();  // decided before the move
    decoded = std::move(o.decoded);
    utf8 = own ? std::string_view(decoded) : o.utf8;
  }
  DecodedText(const DecodedText&) = delete;
  DecodedText& operator=(const DecodedText&) = delete;
};

/// Decodes GB18030 (one, two and four-byte sequences) to UTF-8; nullopt with the offset of
/// the first byte that is not part of a valid sequence.
std::optional<std::string> gb18030_to_utf8(std::string_view bytes, std::size_t& bad_offset);

/// Decides the encoding and decodes: a UTF-8 or UTF-16 byte-order mark says it; text that is
/// valid UTF-8 is UTF-8 (Chinese text in GB18030 practically never is); otherwise valid
/// GB18030. nullopt when it is neither, with the offset where UTF-8 and GB18030 both fail.
/// UTF-8 input is not copied: the result views `bytes`, which must outlive it.
std::optional<DecodedText> decode_text(std::string_view bytes, std::size_t& bad_offset);

}  // namespace selfeval
