/* Stand-in for OpenSSL's <openssl/e_os2.h> when compiling crypto/sm3/sm3.c alone
   (tools/openssl_source.sh): the file needs nothing from it but standard integer types. */
#ifndef SELFEVAL_OPENSSL_E_OS2_H
#define SELFEVAL_OPENSSL_E_OS2_H
#include <stddef.h>
#include <stdint.h>
#endif
