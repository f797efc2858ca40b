#include "sheet_commands.hpp"

#include <cstdio>

#include "api.hpp"
#include "file_io.hpp"
#include "session/form_session.hpp"

namespace selfeval::cli {
namespace {

using nlohmann::json;

int fail(const std::string& msg) {
  std::fprintf(stderr, "%s\n", msg.c_str());
  return 2;
}

// Findings of a refused input, one per line on stderr; exit 1.
int refused(const json& result) {
  for (const auto& f : result.value("findings", json::array()))
    std::fprintf(stderr, "%s %s: %s\n", f.value("severity", "").c_str(),
                 f.value("code", "").c_str(), f.value("message", "").c_str());
  return 1;
}

// Warnings of an input that was read all the same (a cell read as stored, an .xls), on stderr.
void warn(const json& result) {
  for (const auto& f : result.value("findings", json::array()))
    std::fprintf(stderr, "%s %s: %s\n", f.value("severity", "").c_str(),
                 f.value("code", "").c_str(), f.value("message", "").c_str());
}

}  // namespace

int cmd_export(const std::vector<std::string>& args) {
  std::string tmpl, answers, declaration, xlsx, csv;
  for (std::size_t i = 0; i < args.size(); ++i) {
    auto take = [&](std::string& to) {
      return i + 1 < args.size() ? (to = args[++i], true) : false;
    };
    bool ok = (args[i] == "--template" && take(tmpl)) ||
              (args[i] == "--answers" && take(answers)) ||
              (args[i] == "--declaration" && take(declaration)) ||
              (args[i] == "--xlsx" && take(xlsx)) || (args[i] == "--csv" && take(csv));
    if (!ok) return fail("无法识别的参数 / unexpected argument: " + args[i]);
  }
  if (tmpl.empty() || answers.empty() || (xlsx.empty() && csv.empty()))
    return fail(
        "用法 / usage: selfeval export --template T.json --answers A.json [--declaration D.json] "
        "(--xlsx OUT.xlsx | --csv OUT.csv)");
  std::string t, a, d;
  if (!read_file(tmpl, t)) return fail("无法读取文件 / cannot read file: " + tmpl);
  if (!read_file(answers, a)) return fail("无法读取文件 / cannot read file: " + answers);
  if (!declaration.empty() && !read_file(declaration, d))
    return fail("无法读取文件 / cannot read file: " + declaration);
  FormSession s;
  if (json r = s.load_template(t); !r.value("ok", false)) return refused(r);
  if (json r = s.load_answers(a); !r.value("ok", false)) return refused(r);
  if (!d.empty())
    if (json r = s.set_declaration(d); !r.value("ok", false)) return refused(r);
  if (!xlsx.empty() && !write_file(xlsx, s.export_xlsx()))
    return fail("无法写入文件 / cannot write file: " + xlsx);
  if (!csv.empty() && !write_file(csv, s.export_csv()))
    return fail("无法写入文件 / cannot write file: " + csv);
  return 0;
}

int cmd_import_xlsx(const std::vector<std::string>& args) {
  std::string file;
  bool as_json = false;
  for (const auto& a : args) {
    if (a == "--json")
      as_json = true;
    else if (file.empty())
      file = a;
    else
      return fail("无法识别的参数 / unexpected argument: " + a);
  }
  if (file.empty()) return fail("用法 / usage: selfeval import-xlsx FILE.xlsx|FILE.xls [--json]");
  std::string bytes;
  if (!read_file(file, bytes)) return fail("无法读取文件 / cannot read file: " + file);
  json r = api_answers_from_xlsx(bytes);
  // --json: the whole result (answers and findings), as the page receives it.
  if (as_json) {
    std::printf("%s\n", json_text(r).c_str());
    return r.value("ok", false) ? 0 : 1;
  }
  if (!r.value("ok", false)) return refused(r);
  warn(r);
  std::printf("%s\n", json_text(r["answers"], 1).c_str());
  return 0;
}

int cmd_template_from_sheet(const std::vector<std::string>& args) {
  std::string file, name;
  bool as_json = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--name" && i + 1 < args.size())
      name = args[++i];
    else if (args[i] == "--json")
      as_json = true;
    else if (file.empty())
      file = args[i];
    else
      return fail("无法识别的参数 / unexpected argument: " + args[i]);
  }
  if (file.empty())
    return fail(
        "用法 / usage: selfeval template-from-sheet FILE.xlsx|FILE.xls|FILE.csv [--name 名称] "
        "[--json]");
  std::string bytes;
  if (!read_file(file, bytes)) return fail("无法读取文件 / cannot read file: " + file);
  json r = api_template_from_sheet(bytes, name);
  if (as_json) {
    std::printf("%s\n", json_text(r).c_str());
    return r.value("ok", false) ? 0 : 1;
  }
  if (!r.value("ok", false)) return refused(r);
  warn(r);
  std::printf("%s\n", json_text(r["template"], 1).c_str());
  return 0;
}

}  // namespace selfeval::cli
