#include "signing_commands.hpp"

#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>

#include "api.hpp"
#include "base/timestamp.hpp"
#include "base/utf8.hpp"
#include "file_io.hpp"
#include "forms/known_templates.hpp"
#include "openssl_ed25519.hpp"
#include "openssl_sm2.hpp"
#include "options.hpp"
#include "review/sampling.hpp"
#include "review/summary.hpp"
#include "signing/key_file.hpp"
#include "signing/key_registry.hpp"
#include "signing/passphrase.hpp"
#include "signing/submission.hpp"
#include "signing/verifier.hpp"

namespace selfeval::cli {
namespace {

using json = nlohmann::json;
namespace fs = std::filesystem;

// One line from standard input, without its line end; from a terminal without echo.
std::string read_secret_line(const char* prompt) {
  std::fprintf(stderr, "%s", prompt);
  std::fflush(stderr);
  termios saved{};
  const bool tty = isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &saved) == 0;
  if (tty) {
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
  }
  std::string line;
  std::getline(std::cin, line);
  if (tty) {
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
    std::fprintf(stderr, "\n");
  }
  return std::string(strip_line_end(line));
}

// The passphrase: SELFEVAL_PASSPHRASE, else one line from standard input (twice from a
// terminal when a new key is made, so a typing slip cannot lock the key away).
std::optional<std::string> passphrase(bool confirm) {
  if (const char* p = std::getenv("SELFEVAL_PASSPHRASE")) return std::string(p);
  std::string first = read_secret_line("口令 / passphrase: ");
  if (confirm && isatty(STDIN_FILENO) && read_secret_line("再输入一次 / again: ") != first)
    return std::nullopt;
  return first;
}

std::string now_utc() {
  const std::time_t t = std::time(nullptr);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
  return buf;
}

int fail(const std::string& msg) {
  std::fprintf(stderr, "%s\n", escape_controls(msg).c_str());
  return 2;
}

void print_findings(const Findings& fs) {
  for (const auto& f : fs)
    std::fprintf(stderr, "%s %s%s%s: %s\n", severity_name(f.severity), f.code.c_str(),
                 f.path.empty() ? "" : " at ", escape_controls(f.path).c_str(),
                 escape_controls(f.message()).c_str());
}

// A file's bytes, at most `limit` + 1 of them (enough to tell it is too large).
bool read_at_most(const std::string& path, std::size_t limit, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  out.assign(limit + 1, '\0');
  in.read(out.data(), static_cast<std::streamsize>(out.size()));
  out.resize(static_cast<std::size_t>(in.gcount()));
  return !in.bad();
}

// A submission signed with an opened key: Ed25519 in the core (libsodium), SM2 here with
// OpenSSL after the core prepared the bytes.
SubmissionBuild sign_with(const KeyOpen& k, std::string_view tmpl, std::string_view answers,
                          const std::string& created) {
  if (k.key) return create_submission(tmpl, answers, created, *k.key);
  SubmissionBuild out;
  const Sm2Pair pair{k.sm2->private_key, k.sm2->public_key};
  const PreparedSubmission p =
      prepare_submission(tmpl, answers, created, Profile::kSm2Sm3, pair.public_key);
  out.findings = p.findings;
  if (p.signing_input.empty()) return out;
  const auto sig = openssl_sm2_sign(p.signing_input, pair);
  if (!sig) {
    out.findings.push_back(
        Finding{"key.sign_failed", Severity::kError, "", "SM2 签名失败", "SM2 signing failed"});
    return out;
  }
  out.envelope = seal_submission(p, *sig);
  return out;
}

// Opens a key file; an SM2 key must hold the private key of its own public point.
KeyOpen open_key(std::string_view text, std::string_view pass) {
  KeyOpen k = open_key_file(text, pass);
  if (k.sm2 && openssl_sm2_public_key(k.sm2->private_key) != k.sm2->public_key) {
    k.sm2.reset();
    k.findings.push_back(Finding{"key.bad_file", Severity::kError, "",
                                 "密钥文件已损坏或格式不对：公钥与私钥不符",
                                 "the key file is corrupted: the public key does not match the "
                                 "private key"});
  }
  return k;
}

// The errors of the form a submission carries (its result's findings of severity error).
Findings form_errors(const json& envelope) {
  Findings out;
  for (const auto& f : envelope["submission"]["result"].value("findings", json::array()))
    if (f.value("severity", "") == "error")
      out.push_back(Finding{f.value("code", ""), Severity::kError, f.value("path", ""),
                            f.value("message_zh", ""), f.value("message_en", "")});
  return out;
}

}  // namespace

int cmd_keygen(const std::vector<std::string>& argv) {
  const Options o = parse_options(argv, {"--unit", "-o", "--alg"}, {});
  if (!o.error.empty()) return fail(o.error);
  const std::string alg = o.has("--alg") ? o.get("--alg") : "Ed25519";
  if (!o.has("--unit") || !o.has("-o") || !o.positional.empty() ||
      (alg != "Ed25519" && alg != "SM2"))
    return fail(
        "用法 / usage: selfeval keygen --unit 单位名称 -o KEYFILE [--alg Ed25519|SM2]   (口令取自 "
        "SELFEVAL_PASSPHRASE 或标准输入；SM2 为国密 SM2-SM3 签名)");
  const auto pass = passphrase(true);
  if (!pass) return fail("两次输入的口令不一致 / the two passphrases differ");
  if (const Findings weak = new_passphrase_problems(*pass); !weak.empty()) {
    print_findings(weak);
    return 2;
  }
  json file;
  if (alg == "SM2") {
    const auto pair = openssl_sm2_generate();
    if (!pair) return fail("无法生成 SM2 密钥 / cannot generate an SM2 key");
    file =
        create_sm2_key_file(o.get("--unit"), *pass, now_utc(), pair->private_key, pair->public_key);
  } else {
    file = create_key_file(o.get("--unit"), *pass, now_utc());
  }
  if (!write_file(o.get("-o"), file.dump(2) + "\n"))
    return fail("无法写入 / cannot write " + o.get("-o"));
  const Profile profile = *profile_of_key_alg(alg);
  const auto raw = crypto::base64url_decode(file["public_key"].get<std::string>());
  std::printf(
      "密钥文件 / key file: %s\n算法 / algorithm: %s\nkid: %s\n公钥 / public key: %s\n指纹 / "
      "fingerprint (%s): %s\n",
      escape_controls(o.get("-o")).c_str(), profile_header_alg(profile),
      file["kid"].get<std::string>().c_str(), file["public_key"].get<std::string>().c_str(),
      profile == Profile::kSm2Sm3 ? "SM3" : "SHA-256", key_fingerprint(profile, *raw).c_str());
  return 0;
}

namespace {

// sign --batch FILE.jsonl: one answers document per line, each signed with the same key
// into DIR/NNNNNN.signed.json — bulk signing and the verify benchmark.
int sign_lines(const std::string& tmpl, const std::string& lines, const std::string& created,
               const KeyOpen& key, const std::string& dir, bool allow_errors) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  std::size_t start = 0, n = 0;
  while (start < lines.size()) {
    std::size_t end = lines.find('\n', start);
    if (end == std::string::npos) end = lines.size();
    const std::string_view answers(lines.data() + start, end - start);
    start = end + 1;
    if (answers.empty()) continue;
    ++n;
    const SubmissionBuild b = sign_with(key, tmpl, answers, created);
    const Findings errors = b.envelope && !allow_errors ? form_errors(*b.envelope) : Findings{};
    if (!b.envelope || !errors.empty()) {
      std::fprintf(stderr, "第 %zu 行 / line %zu:%s\n", n, n,
                   errors.empty() ? "" : " 表单有错误，未签名 / the form has errors; not signed");
      print_findings(b.envelope ? errors : b.findings);
      return 1;
    }
    char name[32];
    std::snprintf(name, sizeof name, "%06zu.signed.json", n);
    if (!write_file((fs::path(dir) / name).string(), b.envelope->dump(1) + "\n"))
      return fail("无法写入 / cannot write " + dir);
  }
  std::printf("已签名 / signed: %zu → %s\n", n, escape_controls(dir).c_str());
  return 0;
}

}  // namespace

int cmd_sign(const std::vector<std::string>& argv) {
  const Options o = parse_options(
      argv, {"--key", "--template", "--answers", "--batch", "-o", "--created"}, {"--allow-errors"});
  if (!o.error.empty()) return fail(o.error);
  // The answers: one file (--answers), or one document per line (--batch, the key unlocked once).
  const std::string input = o.has("--batch") ? "--batch" : "--answers";
  if (!o.has("--key") || !o.has("--template") || !o.has(input) || !o.has("-o") ||
      !o.positional.empty() || (o.has("--batch") && o.has("--answers")))
    return fail(
        "用法 / usage: selfeval sign --key KEYFILE --template T.json (--answers A.json -o "
        "OUT.signed.json | --batch A.jsonl -o DIR) [--created RFC3339] [--allow-errors]");
  const std::string created = o.has("--created") ? o.get("--created") : now_utc();
  if (!parse_rfc3339(created))
    return fail(
        "--created 应为 RFC 3339 时间，如 2023-06-01T09:00:00Z / --created must be an RFC 3339 "
        "time: " +
        created);
  std::string key_text, tmpl, answers;
  if (!read_file(o.get("--key"), key_text) || !read_file(o.get("--template"), tmpl) ||
      !read_file(o.get(input), answers))
    return fail("无法读取输入文件 / cannot read an input file");
  const auto pass = passphrase(false);
  const KeyOpen k = open_key(key_text, pass.value_or(""));
  if (!k.key && !k.sm2) {
    print_findings(k.findings);
    return 1;
  }
  if (input == "--batch")
    return sign_lines(tmpl, answers, created, k, o.get("-o"), o.has("--allow-errors"));
  const SubmissionBuild b = sign_with(k, tmpl, answers, created);
  if (!b.envelope) {
    print_findings(b.findings);
    return 1;
  }
  // A form with errors is not signed unless asked (--allow-errors): the unit fixes them first.
  if (const Findings errors = form_errors(*b.envelope);
      !errors.empty() && !o.has("--allow-errors")) {
    std::fprintf(stderr,
                 "表单有 %zu 处错误，未签名；改正后再签，或加 --allow-errors / the form has %zu "
                 "error(s); not signed (fix them, or pass --allow-errors)\n",
                 errors.size(), errors.size());
    print_findings(errors);
    return 1;
  }
  if (!write_file(o.get("-o"), b.envelope->dump(1) + "\n"))
    return fail("无法写入 / cannot write " + o.get("-o"));
  const json& result = (*b.envelope)["submission"]["result"];
  std::printf("已签名 / signed: %s (total %s, %s)\n", escape_controls(o.get("-o")).c_str(),
              result["total"].get<std::string>().c_str(),
              result.value("grade", json("")).is_string()
                  ? result["grade"].get<std::string>().c_str()
                  : "");
  return 0;
}

namespace {

// One verdict as one line of text. Every string that comes from a file is escaped, so a
// submission cannot draw lines of its own.
std::string verdict_line(const Verdict& v) {
  const std::string file = escape_controls(v.name);
  if (v.status == VerifyStatus::kFailed && !v.authentic && v.template_origin.empty()) {
    std::string reasons;
    for (const auto& f : v.findings)
      reasons += (reasons.empty() ? "" : "; ") + f.code + " " + f.message();
    return "FAIL        " + file + ": " + escape_controls(reasons);
  }
  static const char* kLabel[] = {"OK        ", "FAIL      ", "DUPLICATE ", "SUPERSEDED"};
  std::string line = std::string(kLabel[static_cast<int>(v.status)]) + "  " + file;
  line += "  form " + v.template_id + " " + v.template_version + " [" +
          (v.template_origin == "built-in" ? std::string("内置 built-in")
                                           : "from " + v.template_origin) +
          (v.template_sm3.empty() ? ", sha256 " + v.template_sha256 : ", sm3 " + v.template_sm3) +
          "]";
  line += "  unit " + (v.unit.empty() ? std::string("?") : v.unit);
  if (!v.project.empty()) line += "  project " + v.project;
  line += "  year " + (v.year ? std::to_string(*v.year) : std::string("?"));
  if (v.total) line += "  total " + *v.total + " " + v.grade.value_or("");
  line += "  errors " + std::to_string(v.errors) + " warnings " + std::to_string(v.warnings);
  line += "  signed " + v.created;
  if (!v.signer_checked)
    line += "  signer NOT CHECKED 签名者未核验 (no --keys)";
  else
    line += v.signer_ok ? "  signer registered 已登记 (" + v.registered_unit + ")"
                        : "  signer REFUSED 签名者不符";
  line += "  kid " + v.kid;
  if (!v.reviewed_file.empty()) line += "  reviews 核查的提交 " + v.reviewed_file;
  std::string reasons;
  for (const auto& f : v.findings)
    reasons += (reasons.empty() ? "" : "; ") + f.code + " " + f.message();
  if (!reasons.empty()) line += "  — " + reasons;
  return escape_controls(line);
}

// --at: an RFC 3339 time, or a date (the end of that day, China Standard Time).
std::optional<Instant> parse_at(const std::string& text) { return parse_check_time(text); }

}  // namespace

static bool openssl_signature_check(Profile profile, std::string_view message, std::string_view sig,
                                    std::string_view pk) {
  if (profile == Profile::kSm2Sm3) return openssl_sm2_verify(message, sig, pk);
  if (sig.size() != 64 || pk.size() != 32) return false;
  crypto::Bytes64 s{};
  crypto::Bytes32 k{};
  std::copy(sig.begin(), sig.end(), s.begin());
  std::copy(pk.begin(), pk.end(), k.begin());
  return openssl_ed25519_verify(message, s, k);
}

int cmd_verify(const std::vector<std::string>& argv) {
  const Options o = parse_options(
      argv,
      {"--keys", "--templates", "--at", "--summary", "--summary-csv", "--sample", "--sample-out"},
      {"--json", "--reject-errors"});
  if (!o.error.empty()) return fail(o.error);
  if (o.positional.empty())
    return fail(
        "用法 / usage: selfeval verify FILE|DIR... [--keys REGISTRY.json] [--templates DIR] [--at "
        "TIME] [--reject-errors] [--json] [--summary OUT.xlsx] [--summary-csv OUT.csv] [--sample "
        "PARAMS.json --sample-out OUT.json]");
  if (o.has("--sample") != o.has("--sample-out"))
    return fail("--sample 与 --sample-out 须同时给出 / --sample needs --sample-out");
  nlohmann::json sample_params;
  if (o.has("--sample")) {
    std::string text;
    if (!read_file(o.get("--sample"), text))
      return fail("无法读取抽查参数 / cannot read the sampling parameters: " + o.get("--sample"));
    sample_params = nlohmann::json::parse(text, nullptr, false);
    // The exported sample itself redraws: its parameters are under "params".
    if (sample_params.is_object() && sample_params.contains("params"))
      sample_params = nlohmann::json(sample_params["params"]);
    if (!sample_params.is_object())
      return fail("抽查参数应为 JSON 对象 / the sampling parameters must be a JSON object");
  }
  VerifyOptions options;
  options.reject_errors = o.has("--reject-errors");
  if (o.has("--at")) {
    const auto at = parse_at(o.get("--at"));
    if (!at)
      return fail(
          "--at 应为 RFC 3339 时间或 YYYY-MM-DD 日期 / --at must be an RFC 3339 time or a "
          "YYYY-MM-DD date: " +
          o.get("--at"));
    options.at = *at;
  } else {
    options.at = *parse_rfc3339(now_utc());
  }
  // The registry: read strictly; anything wrong with it stops the run (it would decide trust).
  std::optional<KeyRegistry> registry;
  if (o.has("--keys")) {
    std::string text;
    if (!read_file(o.get("--keys"), text))
      return fail("无法读取公钥登记表 / cannot read the key registry: " + o.get("--keys"));
    RegistryLoad r = load_registry(text);
    if (!r.registry) {
      std::fprintf(stderr,
                   "公钥登记表有问题，未核验任何文件 / the key registry is refused; nothing was "
                   "verified: %s\n",
                   escape_controls(o.get("--keys")).c_str());
      print_findings(r.findings);
      return 2;
    }
    registry = std::move(r.registry);
    options.registry = &*registry;
  }
  // Known templates: the built-in ones, and any in --templates (none may shadow another).
  KnownTemplates templates = KnownTemplates::builtin();
  if (o.has("--templates")) {
    std::error_code ec;
    std::vector<fs::path> paths;
    for (const auto& e : fs::directory_iterator(o.get("--templates"), ec))
      if (e.path().extension() == ".json") paths.push_back(e.path());
    if (ec)
      return fail("无法读取模板目录 / cannot read the templates folder: " + o.get("--templates"));
    std::sort(paths.begin(), paths.end());
    for (const auto& p : paths) {
      std::string text;
      if (!read_file(p.string(), text)) return fail("无法读取模板 / cannot read " + p.string());
      if (const Findings refused = templates.add(text, p.string()); !refused.empty()) {
        print_findings(refused);
        return 2;
      }
    }
  }
  // A folder stands for the .json files in it, in name order.
  std::vector<std::string> files;
  for (const auto& f : o.positional) {
    std::error_code ec;
    if (!fs::is_directory(f, ec)) {
      files.push_back(f);
      continue;
    }
    std::vector<std::string> inside;
    for (const auto& e : fs::directory_iterator(f, ec))
      if (e.path().extension() == ".json") inside.push_back(e.path().string());
    std::sort(inside.begin(), inside.end());
    files.insert(files.end(), inside.begin(), inside.end());
  }
  if (files.empty()) return fail("没有可核验的文件 / no submission files to verify");
  const SignatureCheck openssl = openssl_signature_check;
  std::vector<Verdict> verdicts;
  verdicts.reserve(files.size());
  for (const auto& file : files) {
    std::string text;
    if (!read_at_most(file, kMaxSubmissionBytes, text)) {
      Verdict v;
      v.name = file;
      v.findings.push_back(
          Finding{"file.unreadable", Severity::kError, "", "无法读取文件", "cannot read the file"});
      verdicts.push_back(std::move(v));
      continue;
    }
    verdicts.push_back(verify_submission(text, file, templates, options, openssl));
  }
  settle_batch(verdicts);
  const VerifySummary sum = summarize(verdicts, options.registry != nullptr);
  // The bureau's summary: the same bytes as the page's export for the same files and time.
  if (o.has("--summary") &&
      !write_file(o.get("--summary"),
                  summary_xlsx(verdicts, options.at, options.registry != nullptr)))
    return fail("无法写入 / cannot write " + o.get("--summary"));
  if (o.has("--summary-csv") && !write_file(o.get("--summary-csv"), summary_csv(verdicts)))
    return fail("无法写入 / cannot write " + o.get("--summary-csv"));
  if (o.has("--sample")) {
    const json drawn = draw_sample(verdicts, sample_params);
    if (!drawn.value("ok", false)) {
      print_findings(Findings{Finding{"sample.bad_parameter", Severity::kError, "",
                                      drawn["findings"][0].value("message_zh", ""),
                                      drawn["findings"][0].value("message_en", "")}});
      return 2;
    }
    if (!write_file(o.get("--sample-out"), json_text(drawn, 1) + "\n"))
      return fail("无法写入 / cannot write " + o.get("--sample-out"));
  }
  if (o.has("--json")) {
    std::printf("%s\n", json_text(verify_report_to_json(verdicts, options), 2).c_str());
  } else {
    for (const auto& v : verdicts) std::printf("%s\n", verdict_line(v).c_str());
    std::printf(
        "verified %d file(s) at %s: %d passed, %d failed, %d duplicate(s), %d superseded; %d with "
        "form errors\n",
        sum.files, options.at.to_string().c_str(), sum.passed, sum.failed, sum.duplicates,
        sum.superseded, sum.with_errors);
    if (!sum.signer_checked)
      std::printf(
          "签名者未核验：未给出公钥登记表（--keys），任何人的密钥都能通过 / signers NOT checked: "
          "no key registry (--keys) was given, so a key of anyone passes\n");
  }
  return sum.exit_code();
}

int cmd_jws_parts(const std::vector<std::string>& argv) {
  const Options o = parse_options(argv, {"-o"}, {});
  if (!o.error.empty()) return fail(o.error);
  if (o.positional.size() != 1 || !o.has("-o"))
    return fail(
        "用法 / usage: selfeval jws-parts FILE.signed.json -o DIR   (signing-input.bin, "
        "signature.bin, public-key.pem)");
  std::string text;
  if (!read_at_most(o.positional[0], kMaxSubmissionBytes, text))
    return fail("无法读取文件 / cannot read " + o.positional[0]);
  // Only the signed bytes, signature and key are written: the envelope's form is enough.
  const Envelope c = read_envelope(text);
  if (c.signing_input.empty()) {
    print_findings(c.findings);
    return 1;
  }
  const fs::path dir = o.get("-o");
  std::error_code ec;
  fs::create_directories(dir, ec);
  // The signature and key as plain openssl takes them: for Ed25519 the raw signature and the
  // RFC 8410 SubjectPublicKeyInfo; for SM2 the DER signature and an SM2 SubjectPublicKeyInfo.
  std::string signature = c.signature, pem;
  if (c.profile == Profile::kSm2Sm3) {
    const auto der = sm2_der_from_raw(c.signature);
    const auto p = sm2_public_key_pem(c.public_key);
    if (!der || !p) return fail("签名或公钥格式不对 / the signature or public key is malformed");
    signature = *der;
    pem = *p;
  } else {
    // SubjectPublicKeyInfo for Ed25519 (RFC 8410): fixed 12-byte prefix, then the raw key.
    const std::string spki =
        std::string("\x30\x2a\x30\x05\x06\x03\x2b\x65\x70\x03\x21\x00", 12) + c.public_key;
    std::string b64;
    static const char* k = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    const auto* p = reinterpret_cast<const unsigned char*>(spki.data());
    for (std::size_t i = 0; i < spki.size(); i += 3) {
      const unsigned v = (p[i] << 16) | ((i + 1 < spki.size() ? p[i + 1] : 0) << 8) |
                         (i + 2 < spki.size() ? p[i + 2] : 0);
      b64 += k[(v >> 18) & 63];
      b64 += k[(v >> 12) & 63];
      b64 += i + 1 < spki.size() ? k[(v >> 6) & 63] : '=';
      b64 += i + 2 < spki.size() ? k[v & 63] : '=';
    }
    pem = "-----BEGIN PUBLIC KEY-----\n" + b64 + "\n-----END PUBLIC KEY-----\n";
  }
  const bool ok = write_file((dir / "signing-input.bin").string(), c.signing_input) &&
                  write_file((dir / "signature.bin").string(), signature) &&
                  write_file((dir / "public-key.pem").string(), pem);
  if (!ok) return fail("无法写入 / cannot write to " + dir.string());
  std::printf("%s/signing-input.bin  %s/signature.bin  %s/public-key.pem\n", dir.c_str(),
              dir.c_str(), dir.c_str());
  return 0;
}

// sm2-check sign|verify FILE.jsonl: another SM2 implementation checked against OpenSSL in
// bulk, one JSON object per line. sign: {"m": hex message, "d": hex private key} → one line
// {"sig": hex r||s, "pk": hex public key}; verify: {"m", "sig", "pk"} → one line "ok" or
// "bad". Both with the profile's ID 1234567812345678 (what the page's library is tested with).
int cmd_sm2_check(const std::vector<std::string>& argv) {
  if (argv.size() != 2 || (argv[0] != "sign" && argv[0] != "verify"))
    return fail("用法 / usage: selfeval sm2-check sign|verify FILE.jsonl");
  std::string text;
  if (!read_file(argv[1], text)) return fail("无法读取文件 / cannot read " + argv[1]);
  std::size_t start = 0, n = 0;
  std::string out;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    const std::string_view line(text.data() + start, end - start);
    start = end + 1;
    if (line.empty()) continue;
    ++n;
    const json j = json::parse(line, nullptr, false);
    auto field = [&](const char* k) {
      return j.is_object() && j.contains(k) && j[k].is_string()
                 ? crypto::from_hex(j[k].get<std::string>())
                 : std::nullopt;
    };
    const auto m = field("m");
    if (!m)
      return fail("第 " + std::to_string(n) + " 行格式不对 / line " + std::to_string(n) +
                  " is malformed");
    if (argv[0] == "sign") {
      const auto d = field("d");
      const auto pk = d ? openssl_sm2_public_key(*d) : std::nullopt;
      const auto sig = pk ? openssl_sm2_sign(*m, Sm2Pair{*d, *pk}) : std::nullopt;
      if (!sig)
        return fail("第 " + std::to_string(n) + " 行无法签名 / line " + std::to_string(n) +
                    ": cannot sign");
      out += json{{"sig", crypto::hex(*sig)}, {"pk", crypto::hex(*pk)}}.dump() + "\n";
    } else {
      const auto sig = field("sig");
      const auto pk = field("pk");
      out += sig && pk && openssl_sm2_verify(*m, *sig, *pk) ? "ok\n" : "bad\n";
    }
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  return 0;
}

}  // namespace selfeval::cli
