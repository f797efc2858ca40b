#include "target/target_expr.hpp"

#include <fmt/format.h>

#include <array>
#include <utility>

#include "base/utf8.hpp"
#include "target/units.hpp"

namespace selfeval {
namespace {

using u32 = std::u32string;
using u32v = std::u32string_view;

constexpr std::size_t kMaxTargetLength = 500;  // code points

struct Word {
  u32v text;
  Comparator op;
};

// Comparators written before the number. The longest match at the end of the text
// before the number wins, so 不低于 is not read as 低于.
constexpr Word kPrefixComparators[] = {
    {U"≥", Comparator::kGe},        {U">=", Comparator::kGe},
    {U"不低于", Comparator::kGe},   {U"不少于", Comparator::kGe},
    {U"不小于", Comparator::kGe},   {U"不得少于", Comparator::kGe},
    {U"不得低于", Comparator::kGe}, {U"至少", Comparator::kGe},
    {U"最少", Comparator::kGe},     {U"最低", Comparator::kGe},
    {U"达到", Comparator::kGe},     {U"达", Comparator::kGe},
    {U"大于等于", Comparator::kGe}, {U"大于或等于", Comparator::kGe},
    {U">", Comparator::kGt},        {U"高于", Comparator::kGt},
    {U"超过", Comparator::kGt},     {U"多于", Comparator::kGt},
    {U"大于", Comparator::kGt},     {U"超", Comparator::kGt},
    {U"=", Comparator::kEq},        {U"等于", Comparator::kEq},
    {U"≤", Comparator::kLe},        {U"<=", Comparator::kLe},
    {U"不高于", Comparator::kLe},   {U"不超过", Comparator::kLe},
    {U"不大于", Comparator::kLe},   {U"不多于", Comparator::kLe},
    {U"不得超过", Comparator::kLe}, {U"不得高于", Comparator::kLe},
    {U"最多", Comparator::kLe},     {U"至多", Comparator::kLe},
    {U"小于等于", Comparator::kLe}, {U"控制在", Comparator::kLe},
    {U"<", Comparator::kLt},        {U"低于", Comparator::kLt},
    {U"少于", Comparator::kLt},     {U"小于", Comparator::kLt},
};

// Comparators written after the number and unit ("10个以上", "控制在5%以内").
constexpr Word kSuffixComparators[] = {
    {U"及以上", Comparator::kGe}, {U"以上", Comparator::kGe}, {U"及以下", Comparator::kLe},
    {U"以下", Comparator::kLe},   {U"以内", Comparator::kLe}, {U"之内", Comparator::kLe},
    {U"内", Comparator::kLe},
};

// Period words anywhere in a part: 每年 → per 年.
constexpr std::pair<u32v, u32v> kPeriodWords[] = {
    {U"每季度", U"季度"}, {U"每年", U"年"}, {U"每月", U"月"}, {U"每周", U"周"}, {U"每天", U"天"},
    {U"每日", U"日"},     {U"年均", U"年"}, {U"月均", U"月"}, {U"每人", U"人"},
};

// Words that say nothing measurable (reviewers' "仅填写完成").
constexpr u32v kVague[] = {
    U"完成", U"已完成",   U"全部完成", U"基本完成", U"按时完成",     U"按期完成",     U"完成任务",
    U"达标", U"达到预期", U"达成",     U"达成预期", U"达成预期指标", U"达到预期目标", U"达到要求",
    U"良好", U"较好",     U"好",       U"优",       U"优秀",         U"合格",         U"满意",
    U"是",   U"有",       U"正常",     U"正常运行", U"达到",         U"效果好",       U"完成目标"};

// Placeholders left in cells.
constexpr u32v kPlaceholders[] = {U"*",  U"**", U"-",    U"--",   U"—",   U"——", U"/",    U"\\",
                                  U"无", U"略", U"待定", U"暂无", U"N/A", U"NA", U"null", U"空"};

// Separators between parts of a compound target.
constexpr u32v kSeparators[] = {U"，", U",", U"；", U";", U"、", U"以及", U"及", U"和", U"与"};

// Range separators between two numbers ("80%-90%", "3至5天").
constexpr u32v kRangeSeparators[] = {U"-", U"~", U"至", U"到", U"—", U"–"};

// Words stripped from the start or end of a label ("每年完成技术审查" → 技术审查).
constexpr u32v kLabelNoise[] = {U"完成", U"实现", U"为", U"是", U"在", U"共", U":", U"："};

bool starts_with(u32v s, u32v p) { return s.substr(0, p.size()) == p; }
bool ends_with(u32v s, u32v p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}
bool is_digit(char32_t c) { return c >= U'0' && c <= U'9'; }

int chinese_digit(char32_t c) {
  switch (c) {
    case U'零':
      return 0;
    case U'一':
      return 1;
    case U'二':
    case U'两':
      return 2;
    case U'三':
      return 3;
    case U'四':
      return 4;
    case U'五':
      return 5;
    case U'六':
      return 6;
    case U'七':
      return 7;
    case U'八':
      return 8;
    case U'九':
      return 9;
    default:
      return -1;
  }
}

bool is_chinese_numeral(char32_t c) {
  return chinese_digit(c) >= 0 || c == U'十' || c == U'百' || c == U'千';
}

// Value of a run of Chinese numerals such as 两, 十二, 三百五十; -1 when malformed.
long long chinese_value(u32v s) {
  long long total = 0, digit = -1;
  for (char32_t c : s) {
    int d = chinese_digit(c);
    if (d >= 0) {
      digit = d;
      continue;
    }
    long long mult = c == U'十' ? 10 : c == U'百' ? 100 : 1000;
    total += (digit < 0 ? 1 : digit) * mult;
    digit = -1;
  }
  if (digit > 0) total += digit;
  return total;
}

std::string enc(u32v s) { return utf8_encode(s); }

Finding make(const std::string& path, const char* code, Severity sev, std::string zh,
             std::string en) {
  return Finding{code, sev, path, std::move(zh), std::move(en)};
}

struct Number {
  Decimal value;
  std::size_t begin = 0, end = 0;  // code-point range in the part
  bool malformed = false;
  bool too_large = false;
};

// Reads an Arabic number (with thousands separators and a decimal point) at `i`.
Number read_arabic(u32v s, std::size_t i) {
  Number n;
  n.begin = i;
  std::string digits;
  bool neg = false;
  if (s[i] == U'-' || s[i] == U'+') {
    neg = s[i] == U'-';
    ++i;
  }
  bool seen_point = false;
  int group = -1;  // digits since the last thousands separator, -1 = none seen
  bool bad_grouping = false;
  while (i < s.size()) {
    char32_t c = s[i];
    if (is_digit(c)) {
      digits += static_cast<char>(c);
      if (group >= 0 && !seen_point) ++group;
      ++i;
    } else if (c == U',' && !seen_point && i + 1 < s.size() && is_digit(s[i + 1]) &&
               !digits.empty()) {
      if (group >= 0 && group != 3) bad_grouping = true;
      if (group < 0 && digits.size() > 3) bad_grouping = true;
      group = 0;
      ++i;
    } else if (c == U'.' && i + 1 < s.size() && is_digit(s[i + 1])) {
      if (seen_point) {
        n.malformed = true;
        digits += '.';
      } else {
        digits += '.';
      }
      seen_point = true;
      if (group >= 0 && group != 3) bad_grouping = true;
      group = -1;
      ++i;
    } else {
      break;
    }
  }
  if (group >= 0 && group != 3) bad_grouping = true;
  n.end = i;
  if (bad_grouping) n.malformed = true;
  // A second decimal point makes the text unreadable as a number.
  if (n.malformed) return n;
  // Drop leading zeros that are not before the point so "007" reads 7.
  auto v = Decimal::parse((neg ? "-" : "") + digits);
  if (!v) {
    const auto point = digits.find('.');
    const std::size_t int_len = point == std::string::npos ? digits.size() : point;
    if (int_len > 12)
      n.too_large = true;
    else
      n.malformed = true;  // more than six decimals
    return n;
  }
  n.value = *v;
  return n;
}

// The comparator a text ends with ("…不少于" → ≥), the longest that fits; sets `matched`.
std::optional<Comparator> comparator_ending(u32v text, u32v* matched) {
  std::size_t best = 0;
  std::optional<Comparator> op;
  for (const auto& w : kPrefixComparators) {
    if (ends_with(text, w.text) && w.text.size() > best) {
      best = w.text.size();
      op = w.op;
      *matched = w.text;
    }
  }
  return op;
}

u32 strip_label(u32 label) {
  bool changed = true;
  while (changed && !label.empty()) {
    changed = false;
    for (auto w : kLabelNoise) {
      if (starts_with(label, w)) {
        label.erase(0, w.size());
        changed = true;
      }
      if (!label.empty() && ends_with(label, w) && label.size() > w.size()) {
        label.erase(label.size() - w.size());
        changed = true;
      }
    }
  }
  return label;
}

bool all_symbols(u32v s) {
  for (char32_t c : s)
    if (is_digit(c) || is_cjk(c) || (c >= U'A' && c <= U'Z') || (c >= U'a' && c <= U'z'))
      return false;
  return true;
}

// The parse of one part of a target.
struct PartParse {
  std::optional<TargetPart> part;   // set when the part holds a number
  std::optional<TargetPart> upper;  // set for a range: the upper bound
  bool comparator_without_number = false;
};

class Parser {
 public:
  Parser(Direction direction, std::string path) : dir_(direction), path_(std::move(path)) {}

  Target run(std::string_view text) {
    Target t;
    t.text = std::string(text);
    auto decoded = utf8_decode(text);
    if (!decoded) {
      t.kind = TargetKind::kQualitative;
      add(t, "target.invalid_utf8", Severity::kError, "指标值不是有效的 UTF-8 文本",
          "target is not valid UTF-8 text");
      return t;
    }
    u32 norm = normalize_width(*decoded);
    // Trailing full stops and the like carry no meaning.
    while (!norm.empty() && (norm.back() == U'。' || norm.back() == U'.' || norm.back() == U';' ||
                             norm.back() == U'；' || norm.back() == U','))
      norm.pop_back();
    t.normalized = enc(norm);
    if (norm.size() > kMaxTargetLength) {
      add(t, "target.too_long", Severity::kError,
          fmt::format("指标值过长（{} 字），应简明写出比较符、数值和单位", norm.size()),
          fmt::format("target is too long ({} characters); write comparator, number and unit",
                      norm.size()));
      return t;
    }
    if (norm.empty()) {
      add(t, "target.empty", Severity::kError, "指标值为空", "target is empty");
      return t;
    }
    for (auto p : kPlaceholders) {
      if (norm == p) {
        add(t, "target.placeholder", Severity::kError,
            fmt::format("指标值“{}”是占位符，未填写实际指标值", t.normalized),
            fmt::format("target \"{}\" is a placeholder, not a value", t.normalized));
        return t;
      }
    }
    if (all_symbols(norm) && norm.find_first_of(U"≥≤<>=") == u32::npos) {
      add(t, "target.placeholder", Severity::kError,
          fmt::format("指标值“{}”只有符号，没有内容", t.normalized),
          fmt::format("target \"{}\" holds only symbols", t.normalized));
      return t;
    }
    for (auto v : kVague) {
      if (norm == v) {
        add(t, "target.not_measurable", Severity::kWarning,
            fmt::format("指标值“{}”不可衡量：应写明比较符、数值和单位（如 ≥15名/年）",
                        t.normalized),
            fmt::format("target \"{}\" is not measurable: give comparator, number and unit "
                        "(e.g. ≥15名/年)",
                        t.normalized));
        return t;
      }
    }
    if (parse_deadline(norm, t)) return t;
    parse_parts(norm, t);
    check(t);
    return t;
  }

 private:
  void add(Target& t, const char* code, Severity sev, std::string zh, std::string en) {
    t.findings.push_back(make(path_, code, sev, std::move(zh), std::move(en)));
  }

  // "12月31日前", "2022年12月底前", "年底前完成", "2022-06-30前", "年内完成".
  bool parse_deadline(const u32& s, Target& t) {
    for (std::size_t i = 0; i < s.size(); ++i) {
      Deadline d;
      std::size_t end = 0;
      if (match_year_end(s, i, end)) {
        d.month = 12, d.day = 31;
      } else if (!is_digit(s[i]) || (i > 0 && is_digit(s[i - 1]))) {
        continue;
      } else {
        std::size_t k = i;
        const int a = read_int(s, k, 4);
        const std::size_t na = k - i;
        if (na == 4 && k < s.size() && (s[k] == U'-' || s[k] == U'.' || s[k] == U'/')) {
          std::size_t m = k + 1;
          const int mo = read_int(s, m, 2);
          if (m == k + 1 || m >= s.size() || s[m] != s[k]) continue;
          std::size_t q = m + 1;
          const int dd = read_int(s, q, 2);
          if (q == m + 1) continue;
          d.year = a, d.month = mo, d.day = dd, end = q;
        } else if (na == 4 && k < s.size() && s[k] == U'年') {
          d.year = a;
          std::size_t m = k + 1;
          if (match_year_end(s, k, end)) {
            d.month = 12, d.day = 31;
          } else {
            d.month = read_int(s, m, 2);
            if (m == k + 1 || m >= s.size() || s[m] != U'月') continue;
            if (!read_day(s, m + 1, d, end)) continue;
          }
        } else if (na <= 2 && k < s.size() && s[k] == U'月') {
          d.month = a;
          if (!read_day(s, k + 1, d, end)) continue;
        } else {
          continue;
        }
      }
      const std::size_t before = before_words(s, end);
      // 年内 means "within the year" by itself; 年底完成 needs no 前 either.
      const u32v last2 = end >= 2 ? u32v(s).substr(end - 2, 2) : u32v();
      const bool year_end = last2 == U"年内" || ((last2 == U"年底" || last2 == U"年末") &&
                                                 starts_with(u32v(s).substr(end), U"完成"));
      // A whole date and nothing else ("2022年12月31日", a date typed into a 时效 row's cell)
      // is the day to finish by.
      const u32v after = u32v(s).substr(end);
      const bool whole_date =
          i == 0 && d.year != 0 && d.day > 0 && (after.empty() || after == U"完成");
      if (before == 0 && !year_end && !whole_date) continue;
      finish_deadline(s, i, end + before, t, d);
      return true;
    }
    return false;
  }

  static int read_int(const u32& s, std::size_t& k, std::size_t max_digits) {
    int v = 0;
    std::size_t n = 0;
    while (k < s.size() && is_digit(s[k]) && n < max_digits)
      v = v * 10 + int(s[k] - U'0'), ++k, ++n;
    return v;
  }

  // 年底 / 年末 / 年内 starting at i (the 年 character).
  static bool match_year_end(const u32& s, std::size_t i, std::size_t& end) {
    u32v rest = u32v(s).substr(i);
    if (starts_with(rest, U"年底") || starts_with(rest, U"年末") || starts_with(rest, U"年内")) {
      end = i + 2;
      return true;
    }
    return false;
  }

  // After 月: "31日", "底", "末", or nothing.
  static bool read_day(const u32& s, std::size_t m, Deadline& d, std::size_t& end) {
    const std::size_t start = m;
    const int dd = read_int(s, m, 2);
    if (m > start) {
      if (m >= s.size() || (s[m] != U'日' && s[m] != U'号')) return false;
      d.day = dd;
      ++m;
    } else if (m < s.size() && (s[m] == U'底' || s[m] == U'末')) {
      d.day = 0;
      ++m;
    }
    end = m;
    return true;
  }

  static std::size_t before_words(const u32& s, std::size_t j) {
    u32v rest = u32v(s).substr(std::min(j, s.size()));
    for (u32v w : {u32v(U"之前"), u32v(U"以前"), u32v(U"前")})
      if (starts_with(rest, w)) return w.size();
    return 0;
  }

  void finish_deadline(const u32& s, std::size_t begin, std::size_t end, Target& t, Deadline d) {
    static const int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = d.year == 0 || (d.year % 4 == 0 && (d.year % 100 != 0 || d.year % 400 == 0));
    bool valid = d.month >= 1 && d.month <= 12;
    if (valid && d.day != 0) {
      int max = kDays[d.month - 1];
      if (d.month == 2 && !leap) max = 28;
      valid = d.day >= 1 && d.day <= max;
    }
    if (valid && d.year != 0 && (d.year < 1990 || d.year > 2100)) valid = false;
    const std::string written = enc(u32v(s).substr(begin, end - begin));
    if (!valid) {
      add(t, "target.invalid_date", Severity::kError,
          fmt::format("指标值中的日期无效：{}", written),
          fmt::format("the date in the target is not a valid date: {}", written));
    }
    d.label = enc(strip_label(s.substr(0, begin)));
    d.note = enc(s.substr(std::min(end, s.size())));
    t.kind = TargetKind::kDeadline;
    t.deadline = d;
  }

  // Splits at separators, merging pieces without a number into their neighbour.
  std::vector<u32> split(const u32& s) {
    std::vector<std::pair<std::size_t, std::size_t>> ranges;  // [begin, end)
    std::vector<u32> seps;
    std::size_t start = 0;
    for (std::size_t i = 0; i < s.size();) {
      std::size_t len = 0;
      for (auto sep : kSeparators) {
        if (starts_with(u32v(s).substr(i), sep)) {
          // 及以上 / 及以下 are comparators, not separators.
          if (sep == U"及" && (starts_with(u32v(s).substr(i), U"及以上") ||
                               starts_with(u32v(s).substr(i), U"及以下")))
            continue;
          // A comma between digits is a thousands separator.
          if (sep == U"," && i > 0 && i + 1 < s.size() && is_digit(s[i - 1]) && is_digit(s[i + 1]))
            continue;
          len = std::max(len, sep.size());
        }
      }
      if (len) {
        ranges.emplace_back(start, i);
        i += len;
        start = i;
      } else {
        ++i;
      }
    }
    ranges.emplace_back(start, s.size());
    auto has_number = [&](std::size_t b, std::size_t e) {
      for (std::size_t k = b; k < e; ++k)
        if (is_digit(s[k])) return true;
      return false;
    };
    // Merge number-less pieces into the following piece (or the previous one at the end).
    std::vector<std::pair<std::size_t, std::size_t>> merged;
    std::size_t pending = std::string::npos;
    for (auto [b, e] : ranges) {
      if (pending != std::string::npos) b = pending;
      if (!has_number(b, e)) {
        pending = b;
        continue;
      }
      pending = std::string::npos;
      merged.emplace_back(b, e);
    }
    if (pending != std::string::npos) {
      if (merged.empty())
        merged.emplace_back(pending, s.size());
      else
        merged.back().second = s.size();
    }
    std::vector<u32> out;
    for (auto [b, e] : merged) out.push_back(s.substr(b, e - b));
    return out;
  }

  void parse_parts(const u32& s, Target& t) {
    auto pieces = split(s);
    std::string inherited_per;
    std::vector<TargetPart> parts;
    bool range = false;
    for (auto& piece : pieces) {
      PartParse pp = parse_piece(piece, t);
      if (pp.comparator_without_number) {
        add(t, "target.comparator_without_number", Severity::kError,
            fmt::format("“{}”有比较符但没有数值", enc(piece)),
            fmt::format("\"{}\" has a comparator but no number", enc(piece)));
      }
      if (!pp.part) continue;
      if (pp.part->per.empty())
        pp.part->per = inherited_per;
      else
        inherited_per = pp.part->per;
      parts.push_back(*pp.part);
      if (pp.upper) {
        parts.push_back(*pp.upper);
        range = true;
      }
    }
    t.parts = parts;
    if (parts.empty()) {
      t.kind = TargetKind::kQualitative;
    } else if (range && parts.size() == 2) {
      t.kind = TargetKind::kRange;
    } else if (parts.size() > 1) {
      t.kind = TargetKind::kCompound;
    } else {
      t.kind = TargetKind::kQuantitative;
    }
  }

  // Finds where the number of a part starts, skipping a leading year ("2022年新增…").
  std::optional<std::size_t> find_number(const u32& s, std::size_t* cn_len) {
    *cn_len = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
      if (is_digit(s[i])) {
        std::size_t k = i;
        while (k < s.size() && is_digit(s[k])) ++k;
        const bool year_like = k - i == 4 && k < s.size() && s[k] == U'年';
        bool more_digits = false;
        for (std::size_t m = k; m < s.size(); ++m) more_digits |= is_digit(s[m]);
        if (year_like && more_digits) {
          i = k;
          continue;
        }
        if (i > 0 && (s[i - 1] == U'-' || s[i - 1] == U'+')) {
          // A sign belongs to the number only right after a comparator or at the start.
          u32v before = u32v(s).substr(0, i - 1);
          u32v m;
          if (before.empty() || comparator_ending(before, &m)) return i - 1;
        }
        return i;
      }
      if (is_chinese_numeral(s[i])) {
        std::size_t k = i;
        while (k < s.size() && is_chinese_numeral(s[k])) ++k;
        u32v before = u32v(s).substr(0, i);
        u32v m;
        const bool after_comparator = before.empty() || comparator_ending(before, &m);
        if (after_comparator && k < s.size() && match_unit(u32v(s).substr(k)) > 0 &&
            chinese_value(u32v(s).substr(i, k - i)) > 0) {
          *cn_len = k - i;
          return i;
        }
        i = k - 1;
      }
    }
    return std::nullopt;
  }

  PartParse parse_piece(u32 piece, Target& t) {
    PartParse out;
    TargetPart part;
    // Period words (每年 …) anywhere in the part.
    for (const auto& [word, per] : kPeriodWords) {
      auto pos = piece.find(word);
      if (pos != u32::npos) {
        part.per = enc(per);
        piece.erase(pos, word.size());
        break;
      }
    }
    std::size_t cn_len = 0;
    auto start = find_number(piece, &cn_len);
    if (!start) {
      u32v m;
      if (comparator_ending(piece, &m)) out.comparator_without_number = true;
      return out;
    }
    u32 before = piece.substr(0, *start);
    const std::optional<Comparator> pre = leading_comparator(piece, before, t);
    part.label = enc(strip_label(before));
    const std::optional<std::size_t> end = read_value(piece, *start, cn_len, part, t);
    if (!end) return out;
    u32v rest = u32v(piece).substr(*end);
    read_unit(rest, part, t);
    if (read_range(rest, part, out, t)) return out;
    settle_comparator(piece, pre, rest, part, t);
    part.note = enc(strip_label(u32(rest)));
    out.part = part;
    return out;
  }

  // The comparator written before the number (cut from `before`), and a second one there.
  std::optional<Comparator> leading_comparator(const u32& piece, u32& before, Target& t) {
    std::optional<Comparator> pre;
    u32v matched;
    if (auto op = comparator_ending(before, &matched)) {
      pre = op;
      before.erase(before.size() - matched.size());
      u32v again;
      if (comparator_ending(before, &again)) {
        add(t, "target.conflicting_comparators", Severity::kError,
            fmt::format("“{}”连写了两个比较符", enc(piece)),
            fmt::format("\"{}\" has two comparators in a row", enc(piece)));
        before.erase(before.size() - again.size());
      }
    }
    return pre;
  }

  // The number at `i` (a Chinese numeral of `cn_len` characters, or Arabic digits) into
  // part.value; where it ends, or nullopt when it is malformed or too large (reported).
  std::optional<std::size_t> read_value(const u32& piece, std::size_t i, std::size_t cn_len,
                                        TargetPart& part, Target& t) {
    if (cn_len) {
      part.value = Decimal::from_int(chinese_value(u32v(piece).substr(i, cn_len)));
      return i + cn_len;
    }
    Number n = read_arabic(piece, i);
    if (n.malformed) {
      add(t, "target.number_malformed", Severity::kError,
          fmt::format("“{}”中的数值写法有误", enc(piece)),
          fmt::format("the number in \"{}\" is malformed", enc(piece)));
      return std::nullopt;
    }
    if (n.too_large) {
      add(t, "target.number_too_large", Severity::kError,
          fmt::format("“{}”中的数值过大", enc(piece)),
          fmt::format("the number in \"{}\" is too large", enc(piece)));
      return std::nullopt;
    }
    part.value = n.value;
    return n.end;
  }

  // A range after the first number ("80%-90%", "3至5天"): both ends into `out`; false when
  // the text is no range.
  bool read_range(u32v rest, TargetPart part, PartParse& out, Target& t) {
    // A range: "80%-90%", "3至5天".
    for (auto sep : kRangeSeparators) {
      if (starts_with(rest, sep) && rest.size() > sep.size() && is_digit(rest[sep.size()])) {
        u32v upper_text = rest.substr(sep.size());
        Number n = read_arabic(upper_text, 0);
        if (n.malformed || n.too_large) break;
        TargetPart upper = part;
        upper.value = n.value;
        upper.op = Comparator::kLe;
        upper.op_implicit = false;
        upper.label.clear();
        rest = upper_text.substr(n.end);
        std::string first_unit = part.unit;
        upper.unit.clear();
        read_unit(rest, upper, t);
        if (upper.unit.empty()) upper.unit = first_unit;
        if (part.unit.empty()) part.unit = upper.unit;
        if (part.unit != upper.unit) {
          add(t, "target.range_units_differ", Severity::kError,
              fmt::format("区间两端的单位不同：{} 与 {}", part.unit, upper.unit),
              fmt::format("the two ends of the range have different units: {} and {}", part.unit,
                          upper.unit));
        }
        part.op = Comparator::kGe;
        part.op_implicit = false;
        if (upper.value < part.value) {
          add(t, "target.range_inverted", Severity::kError,
              fmt::format("区间下限 {} 大于上限 {}", part.value.to_string(),
                          upper.value.to_string()),
              fmt::format("range lower bound {} is above its upper bound {}",
                          part.value.to_string(), upper.value.to_string()));
        }
        upper.note = enc(strip_label(u32(rest)));
        out.part = part;
        out.upper = upper;
        return true;
      }
    }

    return false;
  }

  // The comparator: before the number, after the unit ("以上", "以内"), both (they must
  // agree), or none (taken from the direction).
  void settle_comparator(const u32& piece, std::optional<Comparator> pre, u32v& rest,
                         TargetPart& part, Target& t) {
    // Comparator after the unit ("以上", "以内").
    std::optional<Comparator> post;
    for (const auto& w : kSuffixComparators) {
      if (starts_with(rest, w.text)) {
        post = w.op;
        rest = rest.substr(w.text.size());
        break;
      }
    }
    if (pre && post) {
      const bool pre_up = *pre == Comparator::kGe || *pre == Comparator::kGt;
      const bool post_up = *post == Comparator::kGe || *post == Comparator::kGt;
      if (pre_up != post_up || *pre == Comparator::kEq) {
        add(t, "target.conflicting_comparators", Severity::kError,
            fmt::format("“{}”前后比较符方向相反", enc(piece)),
            fmt::format("\"{}\" has comparators pointing both ways", enc(piece)));
      }
      part.op = *pre;
    } else if (pre) {
      part.op = *pre;
    } else if (post) {
      part.op = *post;
    } else {
      part.op_implicit = true;
      part.op = dir_ == Direction::kPositive  ? Comparator::kGe
                : dir_ == Direction::kReverse ? Comparator::kLe
                                              : Comparator::kEq;
    }
  }

  // Reads the unit (with 万/亿 multipliers) and an optional "/period" from `rest`.
  void read_unit(u32v& rest, TargetPart& part, Target& t) {
    // 万 / 亿 multiply unless they begin a unit of their own (万元, 亿元, 万吨).
    for (auto [word, factor] : {std::pair<u32v, std::int64_t>{U"亿", 100000000},
                                std::pair<u32v, std::int64_t>{U"万", 10000}}) {
      if (starts_with(rest, word) && match_unit(rest) == 0) {
        auto v = Decimal::mul(part.value, Decimal::from_int(factor));
        if (v) {
          part.value = *v;
        } else {
          add(t, "target.number_too_large", Severity::kError, "指标值中的数值过大",
              "the number in the target is too large");
        }
        rest = rest.substr(word.size());
        break;
      }
    }
    std::size_t ulen = match_unit(rest);
    // 个 is often only a measure word before the real unit: "10个课时" counts 课时.
    if (ulen == 1 && rest[0] == U'个' && match_unit(rest.substr(1)) > 0) {
      rest = rest.substr(1);
      ulen = match_unit(rest);
    }
    if (ulen) {
      part.unit = enc(rest.substr(0, ulen));
      rest = rest.substr(ulen);
    } else {
      // An unknown unit: the CJK or letter run right after the number, up to 4 long,
      // unless it is a comparator word or a separator.
      std::size_t k = 0;
      while (k < rest.size() && k < 4 &&
             (is_cjk(rest[k]) || (rest[k] >= U'a' && rest[k] <= U'z') ||
              (rest[k] >= U'A' && rest[k] <= U'Z'))) {
        bool stop = false;
        for (const auto& w : kSuffixComparators) stop |= starts_with(rest.substr(k), w.text);
        for (auto sep : kRangeSeparators)
          stop |= starts_with(rest.substr(k), sep) && k + sep.size() < rest.size() &&
                  is_digit(rest[k + sep.size()]);
        if (stop) break;
        ++k;
      }
      if (k > 0) {
        part.unit = enc(rest.substr(0, k));
        unknown_units_.push_back(part.unit);
        rest = rest.substr(k);
      }
    }
    if (starts_with(rest, U"/")) {
      const std::size_t plen = match_period(rest.substr(1));
      if (plen) {
        part.per = enc(rest.substr(1, plen));
        rest = rest.substr(1 + plen);
      }
    }
  }

  void check(Target& t) {
    for (const auto& u : unknown_units_) {
      const bool percent_word = u.find("百分") != std::string::npos;
      add(t, "target.unknown_unit", Severity::kWarning,
          percent_word ? fmt::format("单位“{}”不规范，百分比应写作 %", u)
                       : fmt::format("单位“{}”不在常用计量单位中", u),
          percent_word ? fmt::format("unit \"{}\" is not standard: write a percentage with %", u)
                       : fmt::format("unit \"{}\" is not a known unit", u));
    }
    if (t.kind == TargetKind::kQualitative) {
      if (dir_ == Direction::kPositive || dir_ == Direction::kReverse ||
          dir_ == Direction::kEqual) {
        add(t, "target.qualitative_for_quantitative", Severity::kWarning,
            fmt::format("定量指标（{}）的指标值“{}”没有数值", direction_name(dir_), t.normalized),
            fmt::format("a quantitative indicator ({}) has a target with no number: \"{}\"",
                        direction_name(dir_), t.normalized));
      }
      return;
    }
    for (std::size_t i = 0; i < t.parts.size(); ++i) {
      const auto& p = t.parts[i];
      const std::string what = t.parts.size() > 1 ? fmt::format("第{}部分", i + 1) : "";
      const std::string what_en = t.parts.size() > 1 ? fmt::format("part {}: ", i + 1) : "";
      if (p.unit.empty()) {
        add(t, "target.missing_unit", Severity::kWarning,
            fmt::format("指标值{}的数值 {} 没有计量单位", what, p.value.to_string()),
            fmt::format("{}the number {} has no unit", what_en, p.value.to_string()));
      }
      if (p.unit == "%" && p.value > Decimal::from_int(100)) {
        add(t, "target.percent_over_100", Severity::kWarning,
            fmt::format("比率指标值 {}% 超过 100%", p.value.to_string()),
            fmt::format("rate target {}% is above 100%", p.value.to_string()));
      }
      if (p.unit == "%" && p.value == Decimal::from_int(100) && p.op == Comparator::kGt) {
        add(t, "target.percent_over_100", Severity::kWarning, "比率指标值要求超过 100%，无法达到",
            "rate target asks for more than 100%, which cannot be reached");
      }
      if (p.value.is_negative() && is_count_unit(utf8_decode(p.unit).value_or(U""))) {
        add(t, "target.negative_value", Severity::kWarning,
            fmt::format("计数指标值为负数：{}{}", p.value.to_string(), p.unit),
            fmt::format("a count target is negative: {}{}", p.value.to_string(), p.unit));
      }
      if (p.op == Comparator::kLt && p.value.is_zero()) {
        add(t, "target.unsatisfiable", Severity::kWarning, "指标值要求小于 0，无法达到",
            "target asks for less than zero, which cannot be reached");
      }
      if (!p.op_implicit && t.kind != TargetKind::kRange) {
        const bool up = p.op == Comparator::kGe || p.op == Comparator::kGt;
        const bool down = p.op == Comparator::kLe || p.op == Comparator::kLt;
        if ((dir_ == Direction::kReverse && up) || (dir_ == Direction::kPositive && down)) {
          add(t, "target.direction_conflict", Severity::kWarning,
              fmt::format("{}指标的指标值使用了“{}”，与指标方向矛盾", direction_name(dir_),
                          comparator_sign(p.op)),
              fmt::format("a {} indicator's target uses \"{}\", which contradicts its direction",
                          dir_ == Direction::kReverse ? "reverse" : "positive",
                          comparator_sign(p.op)));
        }
      }
    }
  }

 private:
  Direction dir_;
  std::string path_;
  std::vector<std::string> unknown_units_;
};

}  // namespace

const char* comparator_symbol(Comparator c) {
  switch (c) {
    case Comparator::kGe:
      return ">=";
    case Comparator::kGt:
      return ">";
    case Comparator::kEq:
      return "=";
    case Comparator::kLe:
      return "<=";
    case Comparator::kLt:
      return "<";
  }
  return "=";
}

const char* comparator_sign(Comparator c) {
  switch (c) {
    case Comparator::kGe:
      return "≥";
    case Comparator::kGt:
      return ">";
    case Comparator::kEq:
      return "=";
    case Comparator::kLe:
      return "≤";
    case Comparator::kLt:
      return "<";
  }
  return "=";
}

std::optional<Comparator> parse_comparator(std::string_view s) {
  if (s == ">=") return Comparator::kGe;
  if (s == ">") return Comparator::kGt;
  if (s == "=") return Comparator::kEq;
  if (s == "<=") return Comparator::kLe;
  if (s == "<") return Comparator::kLt;
  return std::nullopt;
}

const char* target_kind_name(TargetKind k) {
  switch (k) {
    case TargetKind::kQuantitative:
      return "quantitative";
    case TargetKind::kCompound:
      return "compound";
    case TargetKind::kRange:
      return "range";
    case TargetKind::kDeadline:
      return "deadline";
    case TargetKind::kQualitative:
      return "qualitative";
  }
  return "qualitative";
}

Target parse_target(std::string_view text, Direction direction, const std::string& path) {
  return Parser(direction, path).run(text);
}

namespace {
nlohmann::json decimal_json(Decimal d) {
  if (d.is_integer()) return d.micros() / Decimal::kOne;
  return d.to_double();
}
}  // namespace

nlohmann::json target_to_json(const Target& t) {
  nlohmann::json j;
  j["text"] = t.text;
  j["normalized"] = t.normalized;
  j["kind"] = target_kind_name(t.kind);
  auto parts = nlohmann::json::array();
  for (const auto& p : t.parts) {
    nlohmann::json pj;
    pj["op"] = comparator_symbol(p.op);
    pj["value"] = decimal_json(p.value);
    pj["value_text"] = p.value.to_string();
    pj["unit"] = p.unit.empty() ? nlohmann::json(nullptr) : nlohmann::json(p.unit);
    pj["per"] = p.per.empty() ? nlohmann::json(nullptr) : nlohmann::json(p.per);
    if (!p.label.empty()) pj["label"] = p.label;
    if (!p.note.empty()) pj["note"] = p.note;
    if (p.op_implicit) pj["implicit_op"] = true;
    // As a clerk reads it: 展馆 ≥10000人次/年.
    pj["display"] = (p.label.empty() ? "" : p.label + " ") + comparator_sign(p.op) +
                    p.value.to_string() + p.unit + (p.per.empty() ? "" : "/" + p.per);
    parts.push_back(pj);
  }
  j["parts"] = parts;
  if (t.deadline) {
    const auto& d = *t.deadline;
    nlohmann::json dj = {{"year", d.year ? nlohmann::json(d.year) : nlohmann::json(nullptr)},
                         {"month", d.month},
                         {"day", d.day ? nlohmann::json(d.day) : nlohmann::json("end")}};
    if (!d.label.empty()) dj["label"] = d.label;
    if (!d.note.empty()) dj["note"] = d.note;
    j["deadline"] = dj;
  }
  // The whole target as a clerk reads it: 正向 ≥15名/年, 2022年12月底前, or the text itself.
  std::string display;
  for (const auto& p : parts)
    display += (display.empty() ? "" : "；") + p["display"].get<std::string>();
  if (t.deadline) {
    const auto& d = *t.deadline;
    display = (d.year ? std::to_string(d.year) + "年" : std::string()) + std::to_string(d.month) +
              "月" + (d.day ? std::to_string(d.day) + "日" : std::string("底")) + "前";
  }
  if (display.empty()) display = t.normalized.empty() ? t.text : t.normalized;
  j["display"] = display;
  j["measurable"] = t.measurable() || t.kind == TargetKind::kDeadline;
  j["findings"] = findings_to_json(t.findings);
  return j;
}

}  // namespace selfeval
