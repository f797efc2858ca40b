// Key files: Argon2id + XChaCha20-Poly1305 with the public fields as associated data.
#include "signing/key_file.hpp"

#include <doctest/doctest.h>

using nlohmann::json;

namespace {
const selfeval::crypto::Argon2Params kFast{1, 8u << 20};  // small so the test is quick
}

TEST_CASE("a key file opens with its passphrase and only with it") {
  const json f = selfeval::create_key_file("番禺区委组织部", "正确的口令 correct horse",
                                           "2026-11-24T00:00:00Z", kFast);
  CHECK(f["format"] == "selfeval.key.v1");
  CHECK(f.dump().find("seed\":\"") != std::string::npos);  // sealed_seed present
  const auto ok = selfeval::open_key_file(f.dump(), "正确的口令 correct horse");
  REQUIRE(ok.key);
  CHECK(selfeval::crypto::base64url(selfeval::crypto::view(ok.key->public_key)) == f["public_key"]);
  CHECK(selfeval::key_id(ok.key->public_key) == f["kid"]);

  const auto wrong = selfeval::open_key_file(f.dump(), "wrong");
  CHECK_FALSE(wrong.key);
  CHECK(wrong.findings[0].code == "key.wrong_passphrase");

  // Any public field changed: the associated data no longer matches.
  json tampered = f;
  tampered["unit"] = "别的单位";
  CHECK(selfeval::open_key_file(tampered.dump(), "正确的口令 correct horse").findings[0].code ==
        "key.wrong_passphrase");
  json inflated = f;
  inflated["kdf"]["memlimit"] = 1ull << 40;
  CHECK(selfeval::open_key_file(inflated.dump(), "x").findings[0].code == "key.bad_file");
  CHECK(selfeval::open_key_file("{\"format\":\"selfeval.key.v1\"", "x").findings[0].code ==
        "json.syntax");
  CHECK(selfeval::open_key_file("{}", "x").findings[0].code == "key.bad_file");
  json corrupt = f;
  corrupt["sealed_seed"] = "AAAA";
  CHECK_FALSE(selfeval::open_key_file(corrupt.dump(), "正确的口令 correct horse").key);
}
