/* The one entry point the core calls (core/base/crypto_sm3.cpp): SM3 of a byte string through
   OpenSSL's own init/update/final, so no SM3_CTX layout crosses into C++. */
#include <stddef.h>

#include "internal/sm3.h"

void selfeval_sm3_digest(const void *data, size_t len, unsigned char out[SM3_DIGEST_LENGTH]) {
  SM3_CTX c;
  ossl_sm3_init(&c);
  ossl_sm3_update(&c, data, len);
  ossl_sm3_final(out, &c);
}
