// selfeval: the native command for finance bureaus, reviewers and scripts.
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "api.hpp"
#include "bench_command.hpp"
#include "carry_command.hpp"
#include "file_io.hpp"
#include "review_commands.hpp"
#include "sheet_commands.hpp"
#include "signing_commands.hpp"

namespace {

using nlohmann::json;
using selfeval::cli::read_file;

constexpr const char* kUsage =
    R"(selfeval — 绩效自评表引擎 (budget-performance self-assessment engine)

用法 / usage:
  selfeval parse-target TEXT [--direction 正向|反向|等于|定性]
      解析年度指标值，输出结构化 JSON / parse a target, print it as JSON
  selfeval parse-target --table FILE
      解析一个指标值表（JSON 数组）/ parse a table of targets (JSON array)
  selfeval check-template FILE [--json]
      检查模板；有效则退出码 0，否则 1 / check a template; exit 0 if valid, 1 if not
  selfeval score --template T.json --answers A.json [--declaration D.json] [--text]
      按规则计算每项得分、小计、总分和等级 / score every indicator, subtotal, total and grade
  selfeval score --batch FILE.jsonl
      每行一个 {"template","answers"}（JSON 文本），每行输出一个结果 / one result line per input line
  selfeval validate --template T.json --answers A.json [--declaration D.json] [--json]
      列出全部问题；有错误时退出码 1 / list every finding; exit 1 when there is an error
  selfeval canonicalize FILE
      输出 RFC 8785 规范化 JSON（签名所覆盖的字节）/ print the RFC 8785 canonical form
  selfeval keygen --unit 单位名称 -o KEYFILE [--alg Ed25519|SM2]
      生成签名密钥（口令加密保存）/ create a signing key, sealed with a passphrase
  selfeval sign --key KEYFILE --template T.json --answers A.json -o OUT.signed.json
      计算得分并签名导出 / score and sign a submission (passphrase: SELFEVAL_PASSPHRASE or stdin)
  selfeval sign --key KEYFILE --template T.json --batch ANSWERS.jsonl -o DIR
      每行一份答卷，逐份签名写入 DIR / sign one answers document per line into DIR
  selfeval verify FILE|DIR... --keys REGISTRY.json [--templates DIR] [--at TIME] [--reject-errors] [--json]
      验签、核对登记的单位公钥并用同一内核复算；全部通过退出码 0，有未通过 1，未给登记表 3
      verify signatures, the signer against the key registry, and re-score; exit 0 if all pass,
      1 if any fails, is a duplicate or superseded, 3 if all pass but no registry was given
  selfeval carry --from FILE --to TEMPLATE > answers.json
      由申报表开始填监控表、由监控表开始填自评表：指标及指标值、表头、预算数和全年预计完成值随之带入 /
      start the next form of the year from the previous one (declaration → monitoring →
      self-assessment): indicators with their targets, header, budgets and forecasts carried
  selfeval review-draft SUBMISSION|ANSWERS [--declaration D.json] [--sheet T.json]
      由单位的提交文件起草核查评分意见表：表头、支出率，并把发现的问题作为扣分原因建议列在对应评分项下 /
      draft the reviewer's verification sheet from a unit's submission: header, spending rate, and
      the engine's findings offered as suggested deduction reasons under the sheet items
  selfeval review-opinion SHEET_ANSWERS [--sheet T.json] [--json]
      由核查表的扣分原因和采纳的建议起草总体评价（可再修改）/ draft the overall opinion from the
      sheet's deduction reasons and accepted suggestions (to edit)
  selfeval jws-parts FILE.signed.json -o DIR
      写出签名输入、签名和公钥（供 openssl 手工验签）/ write the signed bytes, signature and key for openssl
  selfeval sm2-check sign|verify FILE.jsonl
      用 OpenSSL 逐行签名或验证 SM2（ID 1234567812345678），核对另一种 SM2 实现 / check another SM2
      implementation against OpenSSL, one JSON line each
  selfeval export --template T.json --answers A.json [--declaration D.json] (--xlsx OUT.xlsx | --csv OUT.csv)
      导出为 Excel（官方版式 + 数据表）或 CSV（UTF-8 BOM）/ export to .xlsx (official layout + data sheet) or CSV
  selfeval import-xlsx FILE.xlsx|FILE.xls [--json]
      从导出的 Excel 读回答卷 JSON（单元格按显示读取）/ read the answers back from an exported workbook, cells as shown
  selfeval template-from-sheet FILE.xlsx|FILE.xls|FILE.csv [--name 名称] [--json]
      由指标清单（一级、二级、三级、年度指标值、分值、方向、规则；CSV 可为 UTF-8 或 GBK）生成模板 /
      a template from an indicator list (CSV in UTF-8 or GBK/GB18030); --json prints the whole result
  selfeval bench --template T.json --answers A.json [--runs N] [--edits N]
      计时：整表计算与单项修改（毫秒，JSON）/ time a full evaluation and single edits (ms, JSON)
  selfeval version
)";

int usage_error(const std::string& msg) {
  std::fprintf(stderr, "%s\n\n%s", msg.c_str(), kUsage);
  return 2;
}

void print_findings(const json& findings, std::FILE* to) {
  for (const auto& f : findings) {
    const std::string path = f.value("path", "");
    std::fprintf(to, "%s %s%s%s: %s\n", f.value("severity", "").c_str(),
                 f.value("code", "").c_str(), path.empty() ? "" : " at ", path.c_str(),
                 f.value("message", "").c_str());
  }
}

int cmd_parse_target(const std::vector<std::string>& args) {
  std::string text, direction, table;
  bool have_text = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--direction" && i + 1 < args.size()) {
      direction = args[++i];
    } else if (args[i] == "--table" && i + 1 < args.size()) {
      table = args[++i];
    } else if (!have_text) {
      text = args[i];
      have_text = true;
    } else {
      return usage_error("多余的参数 / unexpected argument: " + args[i]);
    }
  }
  if (!table.empty()) {
    std::string content;
    if (!read_file(table, content)) {
      std::fprintf(stderr, "无法读取文件 / cannot read file: %s\n", table.c_str());
      return 2;
    }
    std::printf("%s\n", selfeval::json_text(selfeval::api_parse_target_table(content)).c_str());
    return 0;
  }
  if (!have_text) return usage_error("缺少指标值 / missing target text");
  json result = selfeval::api_parse_target(text, direction);
  std::printf("%s\n", selfeval::json_text(result, 2).c_str());
  for (const auto& f : result["findings"])
    if (f.value("code", "") == "direction.unknown") return 2;
  return 0;
}

int cmd_check_template(const std::vector<std::string>& args) {
  std::string file;
  bool as_json = false;
  for (const auto& a : args) {
    if (a == "--json")
      as_json = true;
    else if (file.empty())
      file = a;
    else
      return usage_error("多余的参数 / unexpected argument: " + a);
  }
  if (file.empty()) return usage_error("缺少模板文件 / missing template file");
  std::string content;
  if (!read_file(file, content)) {
    std::fprintf(stderr, "无法读取文件 / cannot read file: %s\n", file.c_str());
    return 2;
  }
  json result = selfeval::api_check_template(content);
  const bool ok = result.value("ok", false);
  if (as_json) {
    std::printf("%s\n", selfeval::json_text(result, 2).c_str());
  } else {
    print_findings(result["findings"], ok ? stdout : stderr);
    if (ok) {
      std::printf("模板有效 / template is valid: %s %s (%s)\n",
                  result["template"].value("id", "").c_str(),
                  result["template"].value("version", "").c_str(),
                  result["template"].value("name", "").c_str());
    } else {
      std::fprintf(stderr, "模板无效 / template is invalid: %s\n", file.c_str());
    }
  }
  return ok ? 0 : 1;
}

struct FormArgs {
  std::string tmpl, answers, declaration;
  bool text = false, json = false;
};

// Parses --template/--answers/--declaration and the output switches; "" on success.
std::string parse_form_args(const std::vector<std::string>& args, FormArgs& out) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&](std::string& to) {
      if (i + 1 >= args.size()) return false;
      to = args[++i];
      return true;
    };
    if (a == "--template") {
      if (!value(out.tmpl)) return "--template 缺少文件 / needs a file";
    } else if (a == "--answers") {
      if (!value(out.answers)) return "--answers 缺少文件 / needs a file";
    } else if (a == "--declaration") {
      if (!value(out.declaration)) return "--declaration 缺少文件 / needs a file";
    } else if (a == "--text") {
      out.text = true;
    } else if (a == "--json") {
      out.json = true;
    } else {
      return "未知参数 / unknown argument: " + a;
    }
  }
  if (out.tmpl.empty() || out.answers.empty())
    return "需要 --template 和 --answers / --template and --answers are required";
  return "";
}

// Reads the files named in `a`; prints the reason and returns false when one is unreadable.
bool read_form_files(const FormArgs& a, std::string& t, std::string& ans, std::string& d) {
  for (auto [path, into] : {std::pair<const std::string*, std::string*>{&a.tmpl, &t},
                            {&a.answers, &ans},
                            {&a.declaration, &d}}) {
    if (path->empty()) continue;
    if (!read_file(*path, *into)) {
      std::fprintf(stderr, "无法读取文件 / cannot read file: %s\n", path->c_str());
      return false;
    }
  }
  return true;
}

int cmd_canonicalize(const std::vector<std::string>& args) {
  if (args.size() != 1) return usage_error("需要一个文件 / needs one file");
  std::string content;
  if (!read_file(args[0], content)) {
    std::fprintf(stderr, "无法读取文件 / cannot read file: %s\n", args[0].c_str());
    return 2;
  }
  const json r = selfeval::api_canonicalize(content);
  if (!r.value("ok", false)) {
    print_findings(r["findings"], stderr);
    return 1;
  }
  // No newline: the output is exactly the canonical bytes.
  std::fputs(r["canonical"].get<std::string>().c_str(), stdout);
  return 0;
}

// score --batch FILE: one {"template": text, "answers": text[, "declaration": text]} per
// line in, one compact result per line out (differential tests, benchmarks, bulk re-scoring).
int cmd_score_batch(const std::string& file) {
  std::string content;
  if (!read_file(file, content)) {
    std::fprintf(stderr, "无法读取文件 / cannot read file: %s\n", file.c_str());
    return 2;
  }
  std::size_t start = 0, line_no = 0;
  std::string out;
  while (start < content.size()) {
    std::size_t end = content.find('\n', start);
    if (end == std::string::npos) end = content.size();
    const std::string_view line(content.data() + start, end - start);
    start = end + 1;
    ++line_no;
    if (line.empty()) continue;
    const json item = json::parse(line, nullptr, false);
    if (!item.is_object() || !item.contains("template") || !item["template"].is_string() ||
        !item.contains("answers") || !item["answers"].is_string()) {
      std::fprintf(stderr,
                   "第 %zu 行不是 {\"template\", \"answers\"} / line %zu is not {\"template\", "
                   "\"answers\"}\n",
                   line_no, line_no);
      return 2;
    }
    const std::string decl = item.contains("declaration") && item["declaration"].is_string()
                                 ? item["declaration"].get<std::string>()
                                 : "";
    out += selfeval::json_text(selfeval::api_score(item["template"].get<std::string>(),
                                                   item["answers"].get<std::string>(), decl));
    out += '\n';
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  return 0;
}

int cmd_score(const std::vector<std::string>& args) {
  if (args.size() == 2 && args[0] == "--batch") return cmd_score_batch(args[1]);
  FormArgs a;
  if (auto err = parse_form_args(args, a); !err.empty()) return usage_error(err);
  std::string t, ans, d;
  if (!read_form_files(a, t, ans, d)) return 2;
  if (a.text) {
    std::fputs(selfeval::api_score_text(t, ans, d).c_str(), stdout);
    return 0;
  }
  const json result = selfeval::api_score(t, ans, d);
  std::printf("%s\n", selfeval::json_text(result, 2).c_str());
  // A result needs a template and answers that load; scoring findings do not fail the command.
  return result.contains("total") ? 0 : 1;
}

int cmd_validate(const std::vector<std::string>& args) {
  FormArgs a;
  if (auto err = parse_form_args(args, a); !err.empty()) return usage_error(err);
  std::string t, ans, d;
  if (!read_form_files(a, t, ans, d)) return 2;
  const json result = selfeval::api_score(t, ans, d);
  const json& findings = result["findings"];
  if (a.json) {
    std::printf("%s\n", selfeval::json_text(
                            json{{"ok", result.value("ok", false)}, {"findings", findings}}, 2)
                            .c_str());
  } else {
    print_findings(findings, stdout);
    std::printf("%zu 个问题 / %zu findings; %s\n", findings.size(), findings.size(),
                result.value("ok", false) ? "无错误 / no errors" : "有错误 / has errors");
  }
  return result.value("ok", false) ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fputs(kUsage, stdout);
    return 2;
  }
  const std::string cmd = argv[1];
  std::vector<std::string> args(argv + 2, argv + argc);
  if (cmd == "parse-target") return cmd_parse_target(args);
  if (cmd == "check-template") return cmd_check_template(args);
  if (cmd == "score") return cmd_score(args);
  if (cmd == "canonicalize") return cmd_canonicalize(args);
  if (cmd == "keygen") return selfeval::cli::cmd_keygen(args);
  if (cmd == "sign") return selfeval::cli::cmd_sign(args);
  if (cmd == "verify") return selfeval::cli::cmd_verify(args);
  if (cmd == "jws-parts") return selfeval::cli::cmd_jws_parts(args);
  if (cmd == "review-draft") return selfeval::cli::cmd_review_draft(args);
  if (cmd == "carry") return selfeval::cli::cmd_carry(args);
  if (cmd == "review-opinion") return selfeval::cli::cmd_review_opinion(args);
  if (cmd == "sm2-check") return selfeval::cli::cmd_sm2_check(args);
  if (cmd == "validate") return cmd_validate(args);
  if (cmd == "export") return selfeval::cli::cmd_export(args);
  if (cmd == "import-xlsx") return selfeval::cli::cmd_import_xlsx(args);
  if (cmd == "template-from-sheet") return selfeval::cli::cmd_template_from_sheet(args);
  if (cmd == "bench") return selfeval::cli::cmd_bench(args);
  if (cmd == "version" || cmd == "--version") {
    std::printf("selfeval %s\n", selfeval::engine_version().c_str());
    return 0;
  }
  if (cmd == "help" || cmd == "--help" || cmd == "-h") {
    std::fputs(kUsage, stdout);
    return 0;
  }
  return usage_error("未知命令 / unknown command: " + cmd);
}
