/* Stand-in for OpenSSL's <openssl/crypto.h>: md32_common.h needs only OPENSSL_cleanse, which
   wipes the last block of input from the hash context (a memset the compiler cannot drop). */
#ifndef SELFEVAL_OPENSSL_CRYPTO_H
#define SELFEVAL_OPENSSL_CRYPTO_H
#include <stddef.h>
#include <string.h>
static inline void OPENSSL_cleanse(void *p, size_t n) {
  volatile unsigned char *v = (volatile unsigned char *)p;
  while (n--) *v++ = 0;
}
#endif
