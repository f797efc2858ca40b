// UTF-8 decoding and encoding, and the normalisation of full-width forms.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace selfeval {

/// Decodes UTF-8; nullopt when the bytes are not valid UTF-8 (overlongs,
/// surrogates and truncated sequences included).
std::optional<std::u32string> utf8_decode(std::string_view bytes);

/// Encodes code points as UTF-8.
std::string utf8_encode(std::u32string_view text);

/// Whether the bytes are valid UTF-8.
bool utf8_valid(std::string_view bytes);
/// The length in bytes of the longest well-formed UTF-8 prefix (where decoding stops).
std::size_t utf8_valid_prefix(std::string_view bytes);

/// Number of code points in valid UTF-8 (bytes that are not continuation bytes).
std::size_t utf8_length(std::string_view bytes);

/// Maps full-width ASCII (！..～), the ideographic space and common look-alikes
/// (％ ≧ ≦ ～ －) to their plain forms, folds runs of white space to nothing, and
/// keeps everything else. Used on targets before parsing.
std::u32string normalize_width(std::u32string_view text);

/// Text safe to print on a terminal or in a log line: C0 and C1 control characters, DEL,
/// line and paragraph separators, zero-width and bidirectional formatting characters
/// become "\u{XXXX}", and bytes that are not UTF-8 become "\xNN". A file's content can
/// then never move the cursor, erase a line or reorder what the reader sees.
std::string escape_controls(std::string_view text);

/// Whether the code point is a CJK ideograph.
bool is_cjk(char32_t c);

}  // namespace selfeval
