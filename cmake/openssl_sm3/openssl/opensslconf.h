/* Stand-in for OpenSSL's <openssl/opensslconf.h> (SM3 enabled; nothing else configured). */
#ifndef SELFEVAL_OPENSSL_OPENSSLCONF_H
#define SELFEVAL_OPENSSL_OPENSSLCONF_H
#include <openssl/e_os2.h>
#endif
