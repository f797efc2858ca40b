#include "signing_commands.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>

#include <nlohmann/json.hpp>

#include "api.hpp"
#include "file_io.hpp"
#include "form_session.hpp"
#include "key_file.hpp"
#include "openssl_ed25519.hpp"
#include "submission.hpp"

namespace selfeval::cli {
namespace {

using json = nlohmann::json;
namespace fs = std::filesystem;

// The passphrase: SELFEVAL_PASSPHRASE, else one line from standard input.
std::string passphrase() {
  if (const char* p = std::getenv("SELFEVAL_PASSPHRASE")) return p;
  std::fprintf(stderr, "口令 / passphrase: ");
  std::string line;
  std::getline(std::cin, line);
  return line;
}

std::string now_utc() {
  const std::time_t t = std::time(nullptr);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
  return buf;
}

// --name value pairs and positional arguments.
struct Args {
  std::map<std::string, std::string> opts;
  std::vector<std::string> files;
  bool json_out = false;
};

Args parse(const std::vector<std::string>& in) {
  Args a;
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (in[i] == "--json") a.json_out = true;
    else if ((in[i].rfind("--", 0) == 0 || in[i] == "-o") && i + 1 < in.size()) {
      const std::string name = in[i];
      a.opts[name] = in[i + 1];
      ++i;
    }
    else a.files.push_back(in[i]);
  }
  return a;
}

int fail(const std::string& msg) {
  std::fprintf(stderr, "%s\n", msg.c_str());
  return 2;
}

void print_findings(const Findings& fs) {
  for (const auto& f : fs) std::fprintf(stderr, "%s %s: %s\n", severity_name(f.severity), f.code.c_str(), f.message().c_str());
}

}  // namespace

int cmd_keygen(const std::vector<std::string>& argv) {
  Args a = parse(argv);
  if (!a.opts.count("--unit") || !a.opts.count("-o"))
    return fail("用法 / usage: selfeval keygen --unit 单位名称 -o KEYFILE   (口令取自 SELFEVAL_PASSPHRASE 或标准输入)");
  const std::string pass = passphrase();
  if (pass.size() < 8) return fail("口令至少 8 个字符 / the passphrase needs at least 8 characters");
  const json file = create_key_file(a.opts["--unit"], pass, now_utc());
  if (!write_file(a.opts["-o"], file.dump(2) + "\n")) return fail("无法写入 / cannot write " + a.opts["-o"]);
  std::printf("密钥文件 / key file: %s\nkid: %s\n公钥 / public key: %s\n", a.opts["-o"].c_str(),
              file["kid"].get<std::string>().c_str(), file["public_key"].get<std::string>().c_str());
  return 0;
}

namespace {

// sign --batch FILE.jsonl: one answers document per line, each signed with the same key
// into DIR/NNNNNN.signed.json — bulk signing and the verify benchmark.
int sign_lines(const std::string& tmpl, const std::string& lines, const std::string& created,
               const crypto::KeyPair& key, const std::string& dir) {
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
    const SubmissionBuild b = create_submission(tmpl, answers, created, key);
    if (!b.envelope) {
      std::fprintf(stderr, "第 %zu 行 / line %zu:\n", n, n);
      print_findings(b.findings);
      return 1;
    }
    char name[32];
    std::snprintf(name, sizeof name, "%06zu.signed.json", n);
    if (!write_file((fs::path(dir) / name).string(), b.envelope->dump(1) + "\n")) return fail("无法写入 / cannot write " + dir);
  }
  std::printf("已签名 / signed: %zu → %s\n", n, dir.c_str());
  return 0;
}

}  // namespace

int cmd_sign(const std::vector<std::string>& argv) {
  Args a = parse(argv);
  // The answers: one file (--answers), or one document per line (--batch, the key unlocked once).
  const std::string input = a.opts.count("--batch") ? "--batch" : "--answers";
  if (!a.opts.count("--key") || !a.opts.count("--template") || !a.opts.count(input) || !a.opts.count("-o"))
    return fail("用法 / usage: selfeval sign --key KEYFILE --template T.json (--answers A.json -o OUT.signed.json | --batch A.jsonl -o DIR)");
  std::string key_text, tmpl, answers;
  if (!read_file(a.opts["--key"], key_text) || !read_file(a.opts["--template"], tmpl) || !read_file(a.opts[input], answers))
    return fail("无法读取输入文件 / cannot read an input file");
  const KeyOpen k = open_key_file(key_text, passphrase());
  if (!k.key) {
    print_findings(k.findings);
    return 1;
  }
  const std::string created = a.opts.count("--created") ? a.opts["--created"] : now_utc();
  if (input == "--batch") return sign_lines(tmpl, answers, created, *k.key, a.opts["-o"]);
  const SubmissionBuild b = create_submission(tmpl, answers, created, *k.key);
  if (!b.envelope) {
    print_findings(b.findings);
    return 1;
  }
  if (!write_file(a.opts["-o"], b.envelope->dump(1) + "\n")) return fail("无法写入 / cannot write " + a.opts["-o"]);
  std::printf("已签名 / signed: %s (total %s, %s)\n", a.opts["-o"].c_str(),
              (*b.envelope)["submission"]["result"]["total"].get<std::string>().c_str(),
              (*b.envelope)["submission"]["result"].value("grade", json("")).is_string()
                  ? (*b.envelope)["submission"]["result"]["grade"].get<std::string>().c_str() : "");
  return 0;
}

int cmd_verify(const std::vector<std::string>& argv) {
  Args a = parse(argv);
  if (a.files.empty()) return fail("用法 / usage: selfeval verify FILE|DIR... [--keys REGISTRY.json] [--templates DIR] [--json]");
  // Known templates: the built-in ones, and any in --templates.
  // "id version" -> (text, canonical hash); several may share an id and version. Hashed
  // once here, not once per file checked.
  struct Known {
    std::string text;
    std::optional<std::string> hash;
  };
  std::multimap<std::string, Known> known;
  auto remember = [&](const std::string& id, const std::string& version, const std::string& text) {
    known.emplace(id + " " + version, Known{text, template_hash(text)});
  };
  for (const auto& t : builtin_template_list()) {
    const std::string id = t["id"];
    const std::string text = builtin_template(id);
    const json doc = json::parse(text, nullptr, false);
    remember(id, doc.value("version", ""), text);
  }
  if (a.opts.count("--templates")) {
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(a.opts["--templates"], ec)) {
      std::string text;
      if (e.path().extension() != ".json" || !read_file(e.path().string(), text)) continue;
      const json doc = json::parse(text, nullptr, false);
      if (doc.is_object() && doc.value("format", "") == "selfeval.template.v1")
        remember(doc.value("id", ""), doc.value("version", ""), text);
    }
  }
  std::string registry;
  if (a.opts.count("--keys") && !read_file(a.opts["--keys"], registry)) return fail("无法读取登记表 / cannot read " + a.opts["--keys"]);
  const TemplateLookup lookup = [&](const std::string& id, const std::string& version, const std::string& sha256) {
    auto [first, last] = known.equal_range(id + " " + version);
    for (auto it = first; it != last; ++it)
      if (it->second.hash == sha256) return it->second.text;
    return first == last ? std::string() : first->second.text;  // its hash mismatch is then reported
  };
  // A folder stands for the .json files in it, in name order.
  std::vector<std::string> files;
  for (const auto& f : a.files) {
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
  int passed = 0, failed = 0;
  json report = json::array();
  TemplateCache templates;  // each known template hashed and loaded once for the whole batch
  for (const auto& file : files) {
    std::string text;
    SubmissionCheck c;
    if (!read_file(file, text)) {
      c.findings.push_back(Finding{"file.unreadable", Severity::kError, "", "无法读取文件", "cannot read the file"});
    } else {
      c = check_submission(text, lookup, &templates);
      if (!c.signing_input.empty() && !openssl_ed25519_verify(c.signing_input, c.signature, c.public_key))
        c.findings.push_back(Finding{"jws.bad_signature", Severity::kError, "/jws/signature", "签名无效：内容在签名后被改动，或签名不属于该公钥",
                                     "invalid signature: the content changed after signing, or the key did not sign it"});
      if (!registry.empty() && !c.signing_input.empty())
        for (auto& f : check_registry(c, registry)) c.findings.push_back(f);
    }
    const bool ok = c.findings.empty();
    ok ? ++passed : ++failed;
    json entry = {{"file", file}, {"ok", ok}, {"kid", c.kid}, {"findings", findings_to_json(c.findings)}};
    if (ok) {
      const json& r = c.submission["result"];
      entry["total"] = r["total"];
      entry["grade"] = r["grade"];
      entry["template"] = c.submission["template"]["id"];
    }
    report.push_back(entry);
    if (!a.json_out) {
      if (ok) {
        std::printf("OK   %s  %s total %s %s  kid %s\n", file.c_str(), entry["template"].get<std::string>().c_str(),
                    entry["total"].get<std::string>().c_str(), entry["grade"].is_string() ? entry["grade"].get<std::string>().c_str() : "",
                    c.kid.c_str());
      } else {
        std::string reasons;
        for (const auto& f : c.findings) reasons += (reasons.empty() ? "" : "; ") + f.code + " " + f.message();
        std::printf("FAIL %s: %s\n", file.c_str(), reasons.c_str());
      }
    }
  }
  if (a.json_out) {
    std::printf("%s\n", json_text(json{{"passed", passed}, {"failed", failed}, {"files", report}}, 2).c_str());
  } else {
    std::printf("verified: %d passed, %d failed\n", passed, failed);
  }
  return failed == 0 ? 0 : 1;
}

int cmd_jws_parts(const std::vector<std::string>& argv) {
  Args a = parse(argv);
  if (a.files.size() != 1 || !a.opts.count("-o"))
    return fail("用法 / usage: selfeval jws-parts FILE.signed.json -o DIR   (signing-input.bin, signature.bin, public-key.pem)");
  std::string text;
  if (!read_file(a.files[0], text)) return fail("无法读取文件 / cannot read " + a.files[0]);
  // The template does not matter here: only the signed bytes, signature and key are written.
  const SubmissionCheck c =
      check_submission(text, [](const std::string&, const std::string&, const std::string&) { return std::string(); });
  if (c.signing_input.empty()) {
    print_findings(c.findings);
    return 1;
  }
  const fs::path dir = a.opts["-o"];
  std::error_code ec;
  fs::create_directories(dir, ec);
  // SubjectPublicKeyInfo for Ed25519 (RFC 8410): fixed 12-byte prefix, then the raw key.
  const std::string spki = std::string("\x30\x2a\x30\x05\x06\x03\x2b\x65\x70\x03\x21\x00", 12) +
                           std::string(crypto::view(c.public_key));
  std::string b64;
  {
    static const char* k = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    const auto* p = reinterpret_cast<const unsigned char*>(spki.data());
    for (std::size_t i = 0; i < spki.size(); i += 3) {
      const unsigned v = (p[i] << 16) | ((i + 1 < spki.size() ? p[i + 1] : 0) << 8) | (i + 2 < spki.size() ? p[i + 2] : 0);
      b64 += k[(v >> 18) & 63];
      b64 += k[(v >> 12) & 63];
      b64 += i + 1 < spki.size() ? k[(v >> 6) & 63] : '=';
      b64 += i + 2 < spki.size() ? k[v & 63] : '=';
    }
  }
  const bool ok = write_file((dir / "signing-input.bin").string(), c.signing_input) &&
                  write_file((dir / "signature.bin").string(), std::string(crypto::view(c.signature))) &&
                  write_file((dir / "public-key.pem").string(), "-----BEGIN PUBLIC KEY-----\n" + b64 + "\n-----END PUBLIC KEY-----\n");
  if (!ok) return fail("无法写入 / cannot write to " + dir.string());
  std::printf("%s/signing-input.bin  %s/signature.bin  %s/public-key.pem\n", dir.c_str(), dir.c_str(), dir.c_str());
  return 0;
}

}  // namespace selfeval::cli
