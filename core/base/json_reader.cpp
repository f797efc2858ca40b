#include "base/json_reader.hpp"

#include <fmt/format.h>

#include <cmath>
#include <set>
#include <vector>

#include "base/utf8.hpp"

namespace selfeval {
namespace {

using json = nlohmann::json;

// Builds the DOM like nlohmann's own parser while recording the problems it ignores.
class CheckingSax : public nlohmann::detail::json_sax_dom_parser<json> {
 public:
  using Base = nlohmann::detail::json_sax_dom_parser<json>;
  explicit CheckingSax(json& root) : Base(root, false) {}

  bool start_object(std::size_t n) {
    if (!enter()) return false;
    keys_.emplace_back();
    path_.push_back({"", 0, false});
    return Base::start_object(n);
  }
  bool end_object() {
    keys_.pop_back();
    path_.pop_back();
    --depth_;
    after_value();
    return Base::end_object();
  }
  bool start_array(std::size_t n) {
    if (!enter()) return false;
    path_.push_back({"", 0, true});
    return Base::start_array(n);
  }
  bool end_array() {
    path_.pop_back();
    --depth_;
    after_value();
    return Base::end_array();
  }
  bool key(std::string& k) {
    path_.back().key = k;
    if (!keys_.back().insert(k).second) {
      duplicate = pointer();
      return false;
    }
    return Base::key(k);
  }
  bool number_float(double v, const std::string& s) {
    if (!std::isfinite(v)) {
      non_finite = s;
      non_finite_path = pointer();
      return false;
    }
    after_value();
    return Base::number_float(v, s);
  }
  bool number_integer(json::number_integer_t v) {
    after_value();
    return Base::number_integer(v);
  }
  bool number_unsigned(json::number_unsigned_t v) {
    after_value();
    return Base::number_unsigned(v);
  }
  bool string(std::string& v) {
    after_value();
    return Base::string(v);
  }
  bool boolean(bool v) {
    after_value();
    return Base::boolean(v);
  }
  bool null() {
    after_value();
    return Base::null();
  }
  bool parse_error(std::size_t position, const std::string& last_token,
                   const nlohmann::detail::exception& ex) {
    error_position = position;
    error_token = last_token;
    error_what = ex.what();
    if (ex.id == 406) {  // nlohmann: number overflow (1e400)
      non_finite = last_token;
      non_finite_path = pointer();
    }
    syntax_error = true;
    return false;
  }

  bool syntax_error = false;
  std::size_t error_position = 0;
  std::string error_token, error_what;
  std::string duplicate;  // pointer of a repeated key
  bool too_deep = false;
  std::string non_finite, non_finite_path;

 private:
  struct Level {
    std::string key;
    std::size_t index;
    bool array;
  };
  bool enter() {
    if (++depth_ > kMaxJsonDepth) {
      too_deep = true;
      return false;
    }
    return true;
  }
  void after_value() {
    if (!path_.empty() && path_.back().array) ++path_.back().index;
  }
  std::string pointer() const {
    std::string p;
    for (const auto& l : path_)
      p = l.array ? json_pointer_append(p, l.index) : json_pointer_append(p, l.key);
    return p;
  }
  int depth_ = 0;
  std::vector<std::set<std::string>> keys_;
  std::vector<Level> path_;
};

}  // namespace

JsonRead read_json(std::string_view text, const std::string& zh, const std::string& en) {
  JsonRead r;
  auto fail = [&](const char* code, std::string path, std::string mzh, std::string men) {
    r.findings.push_back(
        Finding{code, Severity::kError, std::move(path), std::move(mzh), std::move(men)});
    return r;
  };
  if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") {
    text.remove_prefix(3);
    r.findings.push_back(
        Finding{"json.bom", Severity::kInfo, "", fmt::format("{}文件以 BOM 开头，已忽略", zh),
                fmt::format("the {} file starts with a byte-order mark; ignored", en)});
  }
  bool blank = true;
  for (char c : text) blank = blank && (c == ' ' || c == '\n' || c == '\r' || c == '\t');
  if (blank) {
    return fail("json.empty", "", fmt::format("{}文件为空", zh),
                fmt::format("the {} file is empty", en));
  }
  // UTF-16, as Windows Notepad saves "Unicode" text: say so rather than "syntax error".
  if (text.size() >= 2 &&
      ((text[0] == '\xFF' && text[1] == '\xFE') || (text[0] == '\xFE' && text[1] == '\xFF'))) {
    return fail("json.utf16", "", fmt::format("{}文件是 UTF-16 编码；请另存为 UTF-8", zh),
                fmt::format("the {} file is UTF-16; save it as UTF-8", en));
  }
  if (const std::size_t at = utf8_valid_prefix(text); at != text.size()) {
    return fail(
        "json.invalid_utf8", "",
        fmt::format("{}不是有效的 UTF-8 文本（约第 {} 字节处）；请以 UTF-8 编码保存", zh, at),
        fmt::format("the {} is not valid UTF-8 (near byte {}); save it as UTF-8", en, at));
  }
  json root;
  CheckingSax sax(root);
  const bool ok = json::sax_parse(text, &sax, nlohmann::detail::input_format_t::json, true);
  if (sax.too_deep) {
    return fail("json.too_deep", "", fmt::format("{}嵌套超过 {} 层", zh, kMaxJsonDepth),
                fmt::format("the {} nests deeper than {} levels", en, kMaxJsonDepth));
  }
  if (!sax.duplicate.empty()) {
    return fail("json.duplicate_key", sax.duplicate,
                fmt::format("{}中字段重复：{}", zh, sax.duplicate),
                fmt::format("duplicate key in the {}: {}", en, sax.duplicate));
  }
  if (!sax.non_finite.empty()) {  // checked before syntax: an overflow is reported as one
    return fail(
        "json.number_out_of_range", sax.non_finite_path,
        fmt::format("字段 {} 的数值 {} 超出范围", sax.non_finite_path, sax.non_finite),
        fmt::format("field {}: number {} is out of range", sax.non_finite_path, sax.non_finite));
  }
  if (!ok || sax.syntax_error || sax.is_errored()) {
    // Line and column help people who edit templates by hand.
    std::size_t line = 1, col = 1;
    for (std::size_t i = 0; i + 1 < sax.error_position && i < text.size(); ++i) {
      if (text[i] == '\n') {
        ++line;
        col = 1;
      } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
        ++col;
      }
    }
    // At most 20 bytes of the offending text, cut on a character boundary and before any
    // byte that is not UTF-8, so the message itself is always valid text.
    std::string token = sax.error_token;
    std::size_t cut = utf8_valid_prefix(token);
    if (cut > 20) {
      cut = 20;
      while (cut > 0 && (static_cast<unsigned char>(token[cut]) & 0xC0) == 0x80) --cut;
    }
    if (cut < token.size()) token = token.substr(0, cut) + "...";
    return fail(
        "json.syntax", "",
        fmt::format("{}不是合法的 JSON：第 {} 行第 {} 列附近（“{}”）", zh, line, col, token),
        fmt::format("the {} is not valid JSON: near line {}, column {} (\"{}\")", en, line, col,
                    token));
  }
  r.value = std::move(root);
  return r;
}

}  // namespace selfeval
