// The bureau's signature check, done by OpenSSL: an implementation independent of the
// libsodium that signed, so a flaw in one does not pass silently through the other.
#pragma once

#include <string_view>

#include "base/crypto.hpp"

namespace selfeval::cli {

/// Whether OpenSSL accepts `signature` over `message` by the Ed25519 `public_key`.
bool openssl_ed25519_verify(std::string_view message, const crypto::Bytes64& signature,
                            const crypto::Bytes32& public_key);

}  // namespace selfeval::cli
