// SM3 through OpenSSL's own implementation (crypto/sm3/sm3.c of Debian's source package,
// built by cmake/dependencies.cmake for both builds): the same code natively and in wasm.
#include "base/crypto.hpp"

extern "C" void selfeval_sm3_digest(const void* data, std::size_t len, unsigned char* out);

namespace selfeval::crypto {

Bytes32 sm3(std::string_view bytes) {
  Bytes32 out{};
  selfeval_sm3_digest(bytes.data(), bytes.size(), out.data());
  return out;
}

}  // namespace selfeval::crypto
