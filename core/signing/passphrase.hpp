// The passphrase that seals a signing key: one rule for the CLI and the page, counted in
// characters (code points), not bytes.
#pragma once

#include <cstddef>
#include <string_view>

#include "base/finding.hpp"

namespace selfeval {

/// The shortest passphrase accepted for a new key, in characters. Twelve characters is the
/// floor the bureau's password rules commonly set for accounts that sign (above NIST SP
/// 800-63B's 8 for memorised secrets), and the key file is open to offline guessing.
inline constexpr std::size_t kMinPassphraseChars = 12;
/// Fewest different characters: "aaaaaaaaaaaa" or twelve spaces are refused.
inline constexpr std::size_t kMinPassphraseDistinct = 5;

/// Problems with a passphrase chosen for a new key (empty when it is acceptable): not
/// UTF-8, shorter than kMinPassphraseChars characters, or fewer than
/// kMinPassphraseDistinct different characters.
Findings new_passphrase_problems(std::string_view passphrase);

/// A line as read from a terminal or a pipe, without its one line end (LF, CRLF or CR).
std::string_view strip_line_end(std::string_view line);

}  // namespace selfeval
