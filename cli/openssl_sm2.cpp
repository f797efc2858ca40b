#include "openssl_sm2.hpp"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/obj_mac.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>

#include <memory>

#include "base/crypto.hpp"
#include "signing/profile.hpp"

namespace selfeval::cli {
namespace {

template <auto F>
struct Free {
  template <class T>
  void operator()(T* p) const {
    F(p);
  }
};
using Pkey = std::unique_ptr<EVP_PKEY, Free<EVP_PKEY_free>>;
using PkeyCtx = std::unique_ptr<EVP_PKEY_CTX, Free<EVP_PKEY_CTX_free>>;
using MdCtx = std::unique_ptr<EVP_MD_CTX, Free<EVP_MD_CTX_free>>;
using Bn = std::unique_ptr<BIGNUM, Free<BN_free>>;
using Group = std::unique_ptr<EC_GROUP, Free<EC_GROUP_free>>;
using Point = std::unique_ptr<EC_POINT, Free<EC_POINT_free>>;
using Sig = std::unique_ptr<ECDSA_SIG, Free<ECDSA_SIG_free>>;
using ParamBld = std::unique_ptr<OSSL_PARAM_BLD, Free<OSSL_PARAM_BLD_free>>;
using Params = std::unique_ptr<OSSL_PARAM, Free<OSSL_PARAM_free>>;

const unsigned char* u8(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

// An EVP_PKEY of type SM2 from raw parts (the private key optional).
Pkey sm2_key(std::string_view public_key, std::string_view private_key = {}) {
  if (!profile_public_key_well_formed(Profile::kSm2Sm3, public_key)) return nullptr;
  ParamBld bld(OSSL_PARAM_BLD_new());
  Bn priv;
  if (!bld || !OSSL_PARAM_BLD_push_utf8_string(bld.get(), OSSL_PKEY_PARAM_GROUP_NAME, "SM2", 0) ||
      !OSSL_PARAM_BLD_push_octet_string(bld.get(), OSSL_PKEY_PARAM_PUB_KEY, public_key.data(),
                                        public_key.size()))
    return nullptr;
  if (!private_key.empty()) {
    priv.reset(BN_bin2bn(u8(private_key), static_cast<int>(private_key.size()), nullptr));
    if (!priv || !OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_PRIV_KEY, priv.get()))
      return nullptr;
  }
  Params params(OSSL_PARAM_BLD_to_param(bld.get()));
  PkeyCtx ctx(EVP_PKEY_CTX_new_from_name(nullptr, "SM2", nullptr));
  EVP_PKEY* key = nullptr;
  if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
      EVP_PKEY_fromdata(ctx.get(), &key,
                        private_key.empty() ? EVP_PKEY_PUBLIC_KEY : EVP_PKEY_KEYPAIR,
                        params.get()) != 1)
    return nullptr;
  return Pkey(key);
}

// A digest-sign or digest-verify context with SM3 and the profile's ID (or none, or no Z).
MdCtx digest_ctx(EVP_PKEY* key, bool sign, Sm2Z z, PkeyCtx& pctx) {
  pctx.reset(EVP_PKEY_CTX_new_from_pkey(nullptr, key, nullptr));
  MdCtx md(EVP_MD_CTX_new());
  if (!pctx || !md) return nullptr;
  if (z == Sm2Z::kDefaultId &&
      EVP_PKEY_CTX_set1_id(pctx.get(), kSm2DefaultId.data(), kSm2DefaultId.size()) != 1)
    return nullptr;
  EVP_MD_CTX_set_pkey_ctx(md.get(), pctx.get());
  const int ok = sign ? EVP_DigestSignInit(md.get(), nullptr, EVP_sm3(), nullptr, key)
                      : EVP_DigestVerifyInit(md.get(), nullptr, EVP_sm3(), nullptr, key);
  return ok == 1 ? std::move(md) : nullptr;
}

}  // namespace

std::optional<Sm2Pair> openssl_sm2_generate() {
  PkeyCtx ctx(EVP_PKEY_CTX_new_from_name(nullptr, "SM2", nullptr));
  EVP_PKEY* raw = nullptr;
  if (!ctx || EVP_PKEY_keygen_init(ctx.get()) != 1 || EVP_PKEY_generate(ctx.get(), &raw) != 1)
    return std::nullopt;
  Pkey key(raw);
  BIGNUM* d = nullptr;
  if (EVP_PKEY_get_bn_param(key.get(), OSSL_PKEY_PARAM_PRIV_KEY, &d) != 1) return std::nullopt;
  Bn priv(d);
  Sm2Pair out;
  out.private_key.assign(32, '\0');
  if (BN_bn2binpad(priv.get(), reinterpret_cast<unsigned char*>(out.private_key.data()), 32) != 32)
    return std::nullopt;
  const auto pub = openssl_sm2_public_key(out.private_key);
  if (!pub) return std::nullopt;
  out.public_key = *pub;
  return out;
}

std::optional<std::string> openssl_sm2_public_key(std::string_view private_key) {
  if (private_key.size() != 32) return std::nullopt;
  Group group(EC_GROUP_new_by_curve_name(NID_sm2));
  Bn d(BN_bin2bn(u8(private_key), 32, nullptr));
  Bn limit(BN_dup(group ? EC_GROUP_get0_order(group.get()) : nullptr));
  // GB/T 32918.1 §6.1: d in [1, n - 2].
  if (!group || !d || !limit || !BN_sub_word(limit.get(), 1) || BN_is_zero(d.get()) ||
      BN_cmp(d.get(), limit.get()) >= 0)
    return std::nullopt;
  Point p(EC_POINT_new(group.get()));
  std::string out(65, '\0');
  if (!p || EC_POINT_mul(group.get(), p.get(), d.get(), nullptr, nullptr, nullptr) != 1 ||
      EC_POINT_point2oct(group.get(), p.get(), POINT_CONVERSION_UNCOMPRESSED,
                         reinterpret_cast<unsigned char*>(out.data()), out.size(), nullptr) != 65)
    return std::nullopt;
  return out;
}

std::optional<std::string> sm2_der_from_raw(std::string_view raw) {
  if (raw.size() != 64) return std::nullopt;
  Sig sig(ECDSA_SIG_new());
  BIGNUM* r = BN_bin2bn(u8(raw), 32, nullptr);
  BIGNUM* s = BN_bin2bn(u8(raw) + 32, 32, nullptr);
  if (!sig || !r || !s || BN_is_zero(r) || BN_is_zero(s) || ECDSA_SIG_set0(sig.get(), r, s) != 1) {
    BN_free(r);
    BN_free(s);
    return std::nullopt;
  }
  unsigned char* der = nullptr;
  const int len = i2d_ECDSA_SIG(sig.get(), &der);
  if (len <= 0) return std::nullopt;
  std::string out(reinterpret_cast<const char*>(der), static_cast<std::size_t>(len));
  OPENSSL_free(der);
  return out;
}

std::optional<std::string> sm2_raw_from_der(std::string_view der) {
  const unsigned char* p = u8(der);
  Sig sig(d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(der.size())));
  if (!sig || p != u8(der) + der.size()) return std::nullopt;
  const BIGNUM *r = nullptr, *s = nullptr;
  ECDSA_SIG_get0(sig.get(), &r, &s);
  if (BN_is_negative(r) || BN_is_negative(s) || BN_is_zero(r) || BN_is_zero(s)) return std::nullopt;
  std::string out(64, '\0');
  auto* o = reinterpret_cast<unsigned char*>(out.data());
  if (BN_bn2binpad(r, o, 32) != 32 || BN_bn2binpad(s, o + 32, 32) != 32) return std::nullopt;
  // Only the one DER encoding of these two numbers is accepted (no BER leniency).
  if (sm2_der_from_raw(out) != std::string(der)) return std::nullopt;
  return out;
}

std::optional<std::string> openssl_sm2_sign(std::string_view message, const Sm2Pair& key, Sm2Z z) {
  Pkey k = sm2_key(key.public_key, key.private_key);
  if (!k) return std::nullopt;
  std::string der(128, '\0');
  std::size_t len = der.size();
  if (z == Sm2Z::kNoZ) {
    // e = SM3(M) signed as it is: what a signer that skips Z produces.
    const auto e = crypto::sm3(message);
    PkeyCtx ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, k.get(), nullptr));
    if (!ctx || EVP_PKEY_sign_init(ctx.get()) != 1 ||
        EVP_PKEY_sign(ctx.get(), reinterpret_cast<unsigned char*>(der.data()), &len, e.data(),
                      e.size()) != 1)
      return std::nullopt;
  } else {
    PkeyCtx pctx;
    MdCtx md = digest_ctx(k.get(), true, z, pctx);
    if (!md || EVP_DigestSign(md.get(), reinterpret_cast<unsigned char*>(der.data()), &len,
                              u8(message), message.size()) != 1)
      return std::nullopt;
  }
  der.resize(len);
  return sm2_raw_from_der(der);
}

bool openssl_sm2_verify(std::string_view message, std::string_view raw_signature,
                        std::string_view public_key) {
  const auto der = sm2_der_from_raw(raw_signature);
  Pkey k = sm2_key(public_key);
  if (!der || !k) return false;
  PkeyCtx pctx;
  MdCtx md = digest_ctx(k.get(), false, Sm2Z::kDefaultId, pctx);
  return md && EVP_DigestVerify(md.get(), u8(*der), der->size(), u8(message), message.size()) == 1;
}

std::optional<std::string> sm2_public_key_pem(std::string_view public_key) {
  Pkey k = sm2_key(public_key);
  if (!k) return std::nullopt;
  std::unique_ptr<BIO, Free<BIO_free>> bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_PUBKEY(bio.get(), k.get()) != 1) return std::nullopt;
  char* data = nullptr;
  const long n = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(n));
}

}  // namespace selfeval::cli
