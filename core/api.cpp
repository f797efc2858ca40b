#include "api.hpp"

#include <fmt/format.h>

#include <exception>

#include "base/canonical_json.hpp"
#include "base/crypto.hpp"
#include "base/json_access.hpp"
#include "base/json_reader.hpp"
#include "base/timestamp.hpp"
#include "forms/builtin_templates.hpp"
#include "forms/carry.hpp"
#include "forms/declaration.hpp"
#include "forms/evaluator.hpp"
#include "forms/form.hpp"
#include "forms/known_templates.hpp"
#include "forms/result_json.hpp"
#include "forms/scoring.hpp"
#include "forms/template_loader.hpp"
#include "model/answers.hpp"
#include "office/answers_workbook.hpp"
#include "office/template_table.hpp"
#include "review/review_draft.hpp"
#include "session/form_session.hpp"
#include "signing/key_file.hpp"
#include "signing/key_registry.hpp"
#include "signing/passphrase.hpp"
#include "signing/submission.hpp"
#include "signing/verifier.hpp"
#include "target/direction.hpp"
#include "target/target_expr.hpp"
#include "version.hpp"

namespace selfeval {
namespace {

using json = nlohmann::json;

[[maybe_unused]] json internal_error(const char* where, const char* what) {
  Finding f{"internal.error", Severity::kError, "",
            std::string("内部错误（") + where + "）：" + what,
            std::string("internal error in ") + where + ": " + what};
  return json{{"ok", false}, {"findings", json::array({f.to_json()})}};
}

// Runs `fn`, turning any exception into an internal-error result, so neither the CLI
// nor the wasm module can be brought down by a bug on an unforeseen input.
// Built without exceptions (the wasm module), there is nothing to catch: the fuzzers, which
// run natively with exceptions, fail if anything ever arrives here.
template <typename Fn>
json guarded(const char* where, Fn&& fn) {
#if defined(__cpp_exceptions)
  try {
    return fn();
  } catch (const std::exception& e) {
    return internal_error(where, e.what());
  } catch (...) {
    return internal_error(where, "unknown");
  }
#else
  (void)where;
  return fn();
#endif
}

}  // namespace

std::string engine_version() { return kEngineVersion; }

json api_parse_target(std::string_view text, std::string_view direction) {
  return guarded("parse_target", [&]() -> json {
    Direction d = Direction::kUnspecified;
    if (!direction.empty()) {
      auto parsed = parse_direction(direction);
      if (!parsed) {
        Finding f{
            "direction.unknown", Severity::kError, "/direction",
            "指标方向“" + std::string(direction) + "”无效，应为 正向、反向、等于 或 定性",
            "direction \"" + std::string(direction) + "\" is not one of 正向, 反向, 等于, 定性"};
        return json{{"text", std::string(text)}, {"findings", json::array({f.to_json()})}};
      }
      d = *parsed;
    }
    return target_to_json(parse_target(text, d));
  });
}

json api_parse_target_table(std::string_view table_json) {
  return guarded("parse_target_table", [&]() -> json {
    JsonRead r = read_json(table_json, "指标值表", "target table");
    if (!r.value) return json{{"ok", false}, {"findings", findings_to_json(r.findings)}};
    if (!r.value->is_array()) {
      Finding f{"table.not_array", Severity::kError, "", "指标值表应为数组",
                "the target table must be an array"};
      return json{{"ok", false}, {"findings", json::array({f.to_json()})}};
    }
    json out = json::array();
    for (const auto& row : *r.value) {
      const std::string text = row.is_object() && row.contains("text") && row["text"].is_string()
                                   ? row["text"].get<std::string>()
                                   : "";
      const std::string dir =
          row.is_object() && row.contains("direction") && row["direction"].is_string()
              ? row["direction"].get<std::string>()
              : "";
      out.push_back(api_parse_target(text, dir));
    }
    return out;
  });
}

json api_check_template(std::string_view template_json) {
  return guarded("check_template", [&]() -> json {
    TemplateLoad load = load_template(template_json);
    json out{{"ok", load.tmpl.has_value()}, {"findings", findings_to_json(load.findings)}};
    if (load.tmpl) {
      out["template"] = {{"id", load.tmpl->id},
                         {"name", load.tmpl->name},
                         {"version", load.tmpl->version},
                         {"total", load.tmpl->total.to_string()}};
    }
    return out;
  });
}

json api_score(std::string_view template_json, std::string_view answers_json,
               std::string_view declaration_json) {
  return guarded("score", [&]() -> json {
    return score_result(template_json, answers_json, declaration_json);
  });
}

json api_score_loaded(const TemplateLoad& tmpl, std::string_view answers_json) {
  return guarded("score", [&]() -> json { return score_result_loaded(tmpl, answers_json); });
}

std::string api_score_text(std::string_view template_json, std::string_view answers_json,
                           std::string_view declaration_json) {
#if defined(__cpp_exceptions)
  try {
    return score_text(template_json, answers_json, declaration_json);
  } catch (const std::exception& e) {
    return std::string("内部错误 / internal error: ") + e.what() + "\n";
  }
#else
  return score_text(template_json, answers_json, declaration_json);
#endif
}

json api_canonicalize(std::string_view json_text_in) {
  return guarded("canonicalize", [&]() -> json {
    Canonical c = canonicalize(json_text_in);
    json out{{"ok", c.text.has_value()}, {"findings", findings_to_json(c.findings)}};
    if (c.text) out["canonical"] = *c.text;
    return out;
  });
}

namespace {

json bad_hex(const char* field) {
  Finding f{"crypto.bad_input", Severity::kError, std::string("/") + field,
            std::string("“") + field + "”不是正确长度的十六进制",
            std::string("\"") + field + "\" is not hex of the right length"};
  return json{{"ok", false}, {"findings", json::array({f.to_json()})}};
}

template <std::size_t N>
std::optional<std::array<std::uint8_t, N>> fixed(std::string_view hex_text) {
  auto b = crypto::from_hex(hex_text);
  if (!b || b->size() != N) return std::nullopt;
  std::array<std::uint8_t, N> a{};
  std::copy(b->begin(), b->end(), a.begin());
  return a;
}

}  // namespace

json api_ed25519_keypair(std::string_view seed_hex) {
  return guarded("ed25519_keypair", [&]() -> json {
    crypto::KeyPair k;
    if (seed_hex.empty()) {
      k = crypto::ed25519_generate();
    } else {
      auto seed = fixed<32>(seed_hex);
      if (!seed) return bad_hex("seed");
      k = crypto::ed25519_from_seed(*seed);
    }
    return json{{"ok", true},
                {"seed", crypto::hex(crypto::view(k.seed))},
                {"public_key", crypto::hex(crypto::view(k.public_key))}};
  });
}

json api_ed25519_sign(std::string_view seed_hex, std::string_view message_hex) {
  return guarded("ed25519_sign", [&]() -> json {
    auto seed = fixed<32>(seed_hex);
    if (!seed) return bad_hex("seed");
    auto msg = crypto::from_hex(message_hex);
    if (!msg) return bad_hex("message");
    const auto sig = crypto::ed25519_sign(*msg, crypto::ed25519_from_seed(*seed));
    return json{{"ok", true}, {"signature", crypto::hex(crypto::view(sig))}};
  });
}

json api_ed25519_verify(std::string_view public_key_hex, std::string_view message_hex,
                        std::string_view signature_hex) {
  return guarded("ed25519_verify", [&]() -> json {
    auto pk = fixed<32>(public_key_hex);
    if (!pk) return bad_hex("public_key");
    auto sig = fixed<64>(signature_hex);
    if (!sig) return bad_hex("signature");
    auto msg = crypto::from_hex(message_hex);
    if (!msg) return bad_hex("message");
    return json{{"ok", true}, {"valid", crypto::ed25519_verify(*msg, *sig, *pk)}};
  });
}

json api_sha256(std::string_view message_hex) {
  return guarded("sha256", [&]() -> json {
    auto msg = crypto::from_hex(message_hex);
    if (!msg) return bad_hex("message");
    return json{{"ok", true}, {"sha256", crypto::hex(crypto::view(crypto::sha256(*msg)))}};
  });
}

json api_create_key_file(const std::string& unit, std::string_view passphrase,
                         const std::string& created) {
  if (const Findings weak = new_passphrase_problems(passphrase); !weak.empty())
    return json{{"ok", false}, {"findings", findings_to_json(weak)}};
  return json{{"ok", true}, {"key_file", create_key_file(unit, passphrase, created)}};
}

json api_key_info(std::string_view key_file_json) {
  const json f = json::parse(key_file_json, nullptr, false);
  const auto pk = crypto::base64url_decode(f.is_object() ? json_str(f, "public_key") : "");
  const auto profile = profile_of_key_alg(f.is_object() ? json_str(f, "alg") : "");
  if (!pk || !profile || !profile_public_key_well_formed(*profile, *pk) ||
      json_str(f, "format") != "selfeval.key.v1") {
    Finding e{"key.bad_file", Severity::kError, "", "不是有效的密钥文件", "not a valid key file"};
    return json{{"ok", false}, {"findings", json::array({e.to_json()})}};
  }
  return json{{"ok", true},
              {"unit", json_str(f, "unit")},
              {"alg", profile_key_alg(*profile)},
              {"profile", profile_header_alg(*profile)},
              {"fingerprint_hash", *profile == Profile::kSm2Sm3 ? "SM3" : "SHA-256"},
              {"kid", json_str(f, "kid")},
              {"public_key", json_str(f, "public_key")},
              {"created", json_str(f, "created")},
              {"fingerprint", key_fingerprint(*profile, *pk)}};
}

json api_sm3(std::string_view message_hex) {
  return guarded("sm3", [&]() -> json {
    auto msg = crypto::from_hex(message_hex);
    if (!msg) return bad_hex("message");
    return json{{"ok", true}, {"sm3", crypto::hex(crypto::view(crypto::sm3(*msg)))}};
  });
}

json api_create_sm2_key_file(const std::string& unit, std::string_view passphrase,
                             const std::string& created, std::string_view private_hex,
                             std::string_view public_hex) {
  return guarded("create_sm2_key_file", [&]() -> json {
    if (const Findings weak = new_passphrase_problems(passphrase); !weak.empty())
      return json{{"ok", false}, {"findings", findings_to_json(weak)}};
    const auto priv = crypto::from_hex(private_hex);
    const auto pub = crypto::from_hex(public_hex);
    if (!priv || priv->size() != 32) return bad_hex("private_key");
    if (!pub || !profile_public_key_well_formed(Profile::kSm2Sm3, *pub))
      return bad_hex("public_key");
    return json{{"ok", true},
                {"key_file", create_sm2_key_file(unit, passphrase, created, *priv, *pub)}};
  });
}

json api_prepare_sm2_submission(std::string_view template_json, std::string_view answers_json,
                                const std::string& created, std::string_view public_hex) {
  return guarded("prepare_submission", [&]() -> json {
    const auto pub = crypto::from_hex(public_hex);
    if (!pub || !profile_public_key_well_formed(Profile::kSm2Sm3, *pub))
      return bad_hex("public_key");
    const PreparedSubmission p =
        prepare_submission(template_json, answers_json, created, Profile::kSm2Sm3, *pub);
    if (p.signing_input.empty())
      return json{{"ok", false}, {"findings", findings_to_json(p.findings)}};
    return json{{"ok", true},
                {"prepared", {{"submission", p.submission}, {"protected", p.protected_b64}}},
                {"signing_input_hex", crypto::hex(p.signing_input)}};
  });
}

json api_seal_submission(std::string_view prepared_json, std::string_view signature_hex) {
  return guarded("seal_submission", [&]() -> json {
    const json p = json::parse(prepared_json, nullptr, false);
    const auto sig = crypto::from_hex(signature_hex);
    if (!sig || sig->size() != 64) return bad_hex("signature");
    if (!p.is_object() || !p.contains("submission") || !p["submission"].is_object() ||
        !p.contains("protected") || !p["protected"].is_string()) {
      Finding e{"submission.prepared", Severity::kError, "", "待签名的提交内容不完整",
                "the prepared submission is incomplete"};
      return json{{"ok", false}, {"findings", json::array({e.to_json()})}};
    }
    PreparedSubmission prepared;
    prepared.submission = p["submission"];
    prepared.protected_b64 = p["protected"].get<std::string>();
    return json{{"ok", true}, {"envelope", seal_submission(prepared, *sig)}};
  });
}

json api_sha256_text(std::string_view text) {
  return guarded("sha256", [&]() -> json {
    return json{{"ok", true}, {"sha256", crypto::hex(crypto::view(crypto::sha256(text)))}};
  });
}

json api_answers_from_xlsx(std::string_view xlsx_bytes) {
  return guarded("answers_from_xlsx", [&]() -> json { return answers_from_xlsx(xlsx_bytes); });
}

json api_template_from_sheet(std::string_view file_bytes, const std::string& name) {
  return guarded("template_from_sheet",
                 [&]() -> json { return template_from_sheet_file(file_bytes, name); });
}

json api_verify_submission(std::string_view envelope_json, std::string_view registry_json,
                           std::string_view at) {
  return guarded("verify_submission", [&]() -> json {
    const auto when = parse_rfc3339(at);
    if (!when) {
      Finding f{"verify.bad_time", Severity::kError, "/at", "核验时间应为 RFC 3339 格式",
                "the time of checking must be an RFC 3339 time"};
      return json{{"ok", false}, {"findings", json::array({f.to_json()})}};
    }
    VerifyOptions options;
    options.at = *when;
    std::optional<KeyRegistry> registry;
    if (!registry_json.empty()) {
      RegistryLoad r = load_registry(registry_json);
      if (!r.registry) return json{{"ok", false}, {"findings", findings_to_json(r.findings)}};
      registry = std::move(r.registry);
      options.registry = &*registry;
    }
    static const KnownTemplates templates = KnownTemplates::builtin();
    const Verdict v =
        verify_submission(envelope_json, "", templates, options, core_signature_check);
    json out = verdict_to_json(v);
    out["ok"] = v.status == VerifyStatus::kPassed;
    return out;
  });
}

json api_review_draft(std::string_view unit_file, std::string_view declaration_json,
                      std::string_view sheet_template) {
  return guarded("review_draft", [&]() -> json {
    const KnownTemplates templates = KnownTemplates::builtin();
    const std::string sheet = sheet_template.empty() ? builtin_template("verification-sheet")
                                                     : std::string(sheet_template);
    return review_draft({unit_file, declaration_json, sheet, &templates});
  });
}

json api_review_opinion(std::string_view sheet_answers, std::string_view sheet_template) {
  return guarded("review_opinion", [&]() -> json {
    FormSession s;
    const json loaded = sheet_template.empty() ? s.load_builtin("verification-sheet")
                                               : s.load_template(sheet_template);
    if (loaded["ok"] != true) return loaded;
    const json answers = s.load_answers(sheet_answers);
    if (answers["ok"] != true) return answers;
    return s.review_opinion();
  });
}

json api_carry(std::string_view from_json, std::string_view to_template) {
  return guarded("carry", [&]() -> json {
    // A built-in form by its id, or a template's text.
    const std::string builtin =
        to_template.find('{') == std::string_view::npos ? builtin_template(to_template) : "";
    if (to_template.find('{') == std::string_view::npos && builtin.empty()) {
      Finding f{"carry.unknown_template", Severity::kError, "/to",
                fmt::format("没有编号为“{}”的内置模板", to_template),
                fmt::format("there is no built-in template \"{}\"", to_template)};
      return json{{"ok", false}, {"findings", json::array({f.to_json()})}};
    }
    CarryResult r = carry_answers(from_json, builtin.empty() ? to_template : builtin);
    if (!r.answers) return json{{"ok", false}, {"findings", findings_to_json(r.findings)}};
    return json{{"ok", true}, {"answers", *r.answers}, {"notes", findings_to_json(r.findings)}};
  });
}

}  // namespace selfeval
