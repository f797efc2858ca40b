#include "spreadsheet/number_format.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

namespace selfeval::spreadsheet {
namespace {

// ---------------------------------------------------------------------------------------
// An exact decimal of any length: digits × 10^exp, sign apart. Only what formatting needs.
struct Num {
  bool neg = false;
  std::string d;  // significant digits, no leading or trailing zeros; empty for zero
  int e = 0;      // the value is d × 10^e

  bool zero() const { return d.empty(); }
  int top() const { return static_cast<int>(d.size()) + e; }  // digits before the point

  void trim() {
    std::size_t lead = d.find_first_not_of('0');
    if (lead == std::string::npos) {
      d.clear();
      e = 0;
      return;
    }
    d.erase(0, lead);
    std::size_t last = d.find_last_not_of('0');
    e += static_cast<int>(d.size() - 1 - last);
    d.erase(last + 1);
  }

  // Adds one unit at the last kept digit (carrying).
  void bump() {
    int i = static_cast<int>(d.size()) - 1;
    for (; i >= 0; --i) {
      if (d[i] == '9') {
        d[i] = '0';
      } else {
        ++d[i];
        break;
      }
    }
    if (i < 0) d.insert(d.begin(), '1');
  }

  // Keeps `keep` leading digits, half away from zero on the first dropped one.
  void cut(int keep) {
    if (keep >= static_cast<int>(d.size())) return;
    if (keep < 0) {
      d.clear();
      e = 0;
      return;
    }
    const bool up = d[keep] >= '5';
    e += static_cast<int>(d.size()) - keep;
    d.erase(keep);
    if (up) bump();
    trim();
  }

  // Rounds to `places` digits after the point (negative: to tens, hundreds...).
  void round_places(int places) {
    if (zero() || e >= -places) return;
    const int keep = static_cast<int>(d.size()) - (-places - e);
    if (keep < 0) {
      d.clear();
      e = 0;
      return;
    }
    if (keep == 0) {
      const bool up = d[0] >= '5';
      d = up ? "1" : "";
      e = up ? -places : 0;
      if (!up) neg = false;
      return;
    }
    cut(keep);
  }

  void round_significant(int digits) { cut(digits); }

  // The digits before the point ("" for a value below 1).
  std::string int_digits() const {
    if (zero() || top() <= 0) return "";
    if (e >= 0) return d + std::string(static_cast<std::size_t>(e), '0');
    return d.substr(0, static_cast<std::size_t>(top()));
  }
  // `places` digits after the point (the value already rounded to them).
  std::string frac_digits(int places) const {
    std::string out;
    for (int p = -1; p >= -places; --p) {
      // d[j] stands at position e + (size - 1 - j)
      const int i = static_cast<int>(d.size()) - 1 - (p - e);
      out.push_back(i >= 0 && i < static_cast<int>(d.size()) ? d[static_cast<std::size_t>(i)]
                                                             : '0');
    }
    return out;
  }

  void times(unsigned m) {
    if (zero()) return;
    std::string out(d.size() + 12, '0');
    unsigned long long carry = 0;
    std::size_t k = out.size();
    for (std::size_t i = d.size(); i-- > 0;) {
      unsigned long long v = static_cast<unsigned long long>(d[i] - '0') * m + carry;
      out[--k] = static_cast<char>('0' + v % 10);
      carry = v / 10;
    }
    while (carry) {
      out[--k] = static_cast<char>('0' + carry % 10);
      carry /= 10;
    }
    d = out.substr(k);
    trim();
  }

  // The integer value when it fits (already an integer).
  std::optional<long long> to_int() const {
    if (zero()) return 0;
    if (e < 0 || top() > 18) return std::nullopt;
    long long v = 0;
    for (char c : int_digits()) v = v * 10 + (c - '0');
    return neg ? -v : v;
  }
};

std::optional<Num> parse_num(std::string_view s) {
  Num n;
  std::size_t i = 0;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) n.neg = s[i++] == '-';
  bool point = false, any = false;
  int frac = 0;
  for (; i < s.size(); ++i) {
    const char c = s[i];
    if (c >= '0' && c <= '9') {
      if (n.d.size() > 400) return std::nullopt;
      n.d.push_back(c);
      any = true;
      if (point) ++frac;
    } else if (c == '.' && !point) {
      point = true;
    } else {
      break;
    }
  }
  if (!any) return std::nullopt;
  long exp = 0;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    bool eneg = false;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) eneg = s[i++] == '-';
    std::size_t start = i;
    for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) {
      exp = exp * 10 + (s[i] - '0');
      if (exp > 1000) return std::nullopt;
    }
    if (i == start) return std::nullopt;
    if (eneg) exp = -exp;
  }
  if (i != s.size()) return std::nullopt;
  n.e = static_cast<int>(exp) - frac;
  n.trim();
  if (n.zero()) n.neg = false;
  return n;
}

// Plain decimal text of a number (sign included).
std::string plain(const Num& n) {
  if (n.zero()) return "0";
  std::string s = n.neg ? "-" : "";
  std::string i = n.int_digits();
  s += i.empty() ? "0" : i;
  if (n.e < 0) s += "." + n.frac_digits(-n.e);
  return s;
}

// Excel's General: 15 significant digits, plain decimals in the usual range, else scientific.
std::string general(Num n) {
  n.round_significant(15);
  if (n.zero()) return "0";
  const int exp10 = n.top() - 1;
  if (exp10 >= 21 || exp10 < -20) {
    std::string s = n.neg ? "-" : "";
    s += n.d.substr(0, 1);
    if (n.d.size() > 1) s += "." + n.d.substr(1);
    s += exp10 < 0 ? "E-" : "E+";
    s += std::to_string(exp10 < 0 ? -exp10 : exp10);
    return s;
  }
  return plain(n);
}

int compare(const Num& a, const Num& b) {
  if (a.neg != b.neg) return a.neg ? -1 : 1;
  const int sign = a.neg ? -1 : 1;
  if (a.zero() || b.zero()) return a.zero() == b.zero() ? 0 : (a.zero() ? -sign : sign);
  if (a.top() != b.top()) return a.top() < b.top() ? -sign : sign;
  const std::size_t n = std::max(a.d.size(), b.d.size());
  for (std::size_t i = 0; i < n; ++i) {
    const char x = i < a.d.size() ? a.d[i] : '0', y = i < b.d.size() ? b.d[i] : '0';
    if (x != y) return x < y ? -sign : sign;
  }
  return 0;
}

// ---------------------------------------------------------------------------------------
// Format codes.
enum class T {
  kLiteral,
  kDigit,
  kPoint,
  kComma,
  kPercent,
  kExp,
  kAt,
  kGeneral,
  kYear,
  kMonth,
  kMinute,
  kDay,
  kWeekday,
  kHour,
  kSecond,
  kSubsecond,
  kAmPm,
  kElapsed
};

struct Tok {
  T kind;
  std::string text;  // literal text; for kDigit the placeholder ('0', '#', '?'); kExp: "+"/"-"
  int n = 0;         // run length; kAmPm: 0 AM/PM, 1 A/P, 2 上午/下午; kElapsed: 'h'/'m'/'s'
};

struct Section {
  std::vector<Tok> toks;
  std::string cond_op;  // "", "<", "<=", ">", ">=", "=", "<>"
  Num cond_value;
  int dbnum = 0;
  bool chinese = false;  // a Chinese locale id ([$-804] …): month and day names in Chinese
  bool date = false;
  bool text = false;      // holds '@'
  bool fraction = false;  // "# ?/?" (not supported: reported)
  bool digits = false;    // holds a digit placeholder or General
};

bool starts_ci(std::string_view s, std::size_t i, std::string_view word) {
  if (s.size() - i < word.size()) return false;
  for (std::size_t k = 0; k < word.size(); ++k) {
    char a = s[i + k], b = word[k];
    if (a >= 'A' && a <= 'Z') a = static_cast<char>(a - 'A' + 'a');
    if (b >= 'A' && b <= 'Z') b = static_cast<char>(b - 'A' + 'a');
    if (a != b) return false;
  }
  return true;
}

std::size_t utf8_len(unsigned char c) { return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4; }

void literal(Section& s, std::string_view text) {
  if (!s.toks.empty() && s.toks.back().kind == T::kLiteral)
    s.toks.back().text += text;
  else
    s.toks.push_back({T::kLiteral, std::string(text)});
}

bool is_chinese_lcid(std::string_view hex) {
  // zh-CN 804, zh-TW 404, zh-HK C04, zh-SG 1004, zh-MO 1404 (case-insensitive hex)
  std::string h;
  for (char c : hex) h.push_back(c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
  while (h.size() > 3 && h[0] == '0') h.erase(0, 1);
  return h == "804" || h == "404" || h == "C04" || h == "1004" || h == "1404" ||
         (h.size() > 3 && (h.substr(h.size() - 3) == "804" || h.substr(h.size() - 3) == "404"));
}

// One section of a format, token by token. Long on purpose: one loop over Excel's escape,
// quote, bracket, placeholder and literal forms, each a few lines, sharing the position; split
// up, each piece would need the position and the section passed in and out.
Section parse_section(std::string_view s) {
  Section sec;
  for (std::size_t i = 0; i < s.size();) {
    const char c = s[i];
    if (c == '"') {
      auto end = s.find('"', i + 1);
      if (end == std::string_view::npos) end = s.size();
      literal(sec, s.substr(i + 1, end - i - 1));
      i = end + 1;
    } else if (c == '\\' || c == '!') {
      if (i + 1 < s.size()) {
        const std::size_t n = utf8_len(static_cast<unsigned char>(s[i + 1]));
        literal(sec, s.substr(i + 1, n));
        i += 1 + n;
      } else {
        ++i;
      }
    } else if (c == '_') {
      literal(sec, " ");
      i += i + 1 < s.size() ? 1 + utf8_len(static_cast<unsigned char>(s[i + 1])) : 1;
    } else if (c == '*') {
      i += i + 1 < s.size() ? 1 + utf8_len(static_cast<unsigned char>(s[i + 1])) : 1;
    } else if (c == '[') {
      auto end = s.find(']', i);
      if (end == std::string_view::npos) end = s.size();
      std::string_view b = s.substr(i + 1, end - i - 1);
      i = end + 1;
      if (!b.empty() && b[0] == '$') {
        auto dash = b.find('-');
        std::string_view symbol =
            b.substr(1, dash == std::string_view::npos ? std::string_view::npos : dash - 1);
        if (!symbol.empty()) literal(sec, symbol);
        if (dash != std::string_view::npos) {
          std::string_view id = b.substr(dash + 1);
          if (is_chinese_lcid(id)) sec.chinese = true;
          if (starts_ci(id, 0, "F800")) {  // the system's long date
            for (const Tok& t : parse_section(R"(yyyy"年"m"月"d"日")").toks) sec.toks.push_back(t);
          } else if (starts_ci(id, 0, "F400")) {  // the system's time
            for (const Tok& t : parse_section("h:mm:ss").toks) sec.toks.push_back(t);
          }
        }
      } else if (starts_ci(b, 0, "dbnum") && b.size() == 6 && b[5] >= '1' && b[5] <= '3') {
        sec.dbnum = b[5] - '0';
      } else if (!b.empty() && (b[0] == '<' || b[0] == '>' || b[0] == '=')) {
        std::size_t k = 1;
        if (k < b.size() && (b[k] == '=' || b[k] == '>')) ++k;
        sec.cond_op = std::string(b.substr(0, k));
        if (auto v = parse_num(b.substr(k)))
          sec.cond_value = *v;
        else
          sec.cond_op.clear();
      } else if (!b.empty() &&
                 (b[0] == 'h' || b[0] == 'H' || b[0] == 'm' || b[0] == 'M' || b[0] == 's' ||
                  b[0] == 'S') &&
                 b.find_first_not_of(b.substr(0, 1)) == std::string_view::npos) {
        const char u = static_cast<char>(b[0] | 0x20);
        sec.toks.push_back({T::kElapsed, std::string(1, u), static_cast<int>(b.size())});
        sec.date = true;
      }
      // colours ([Red], [Color10]) and anything else: no effect on the text
    } else if (c == '0' || c == '#' || c == '?') {
      sec.toks.push_back({T::kDigit, std::string(1, c)});
      sec.digits = true;
      ++i;
    } else if (c == '.') {
      // After seconds, ".0" is a fraction of a second.
      bool sub = false;
      for (auto it = sec.toks.rbegin(); it != sec.toks.rend(); ++it) {
        if (it->kind == T::kLiteral) continue;
        sub = it->kind == T::kSecond || (it->kind == T::kElapsed && it->text == "s");
        break;
      }
      if (sub && i + 1 < s.size() && s[i + 1] == '0') {
        std::size_t k = i + 1;
        while (k < s.size() && s[k] == '0') ++k;
        sec.toks.push_back({T::kSubsecond, "", static_cast<int>(k - i - 1)});
        i = k;
      } else {
        sec.toks.push_back({T::kPoint, "."});
        ++i;
      }
    } else if (c == ',') {
      sec.toks.push_back({T::kComma, ","});
      ++i;
    } else if (c == '%') {
      sec.toks.push_back({T::kPercent, "%"});
      ++i;
    } else if ((c == 'E' || c == 'e') && i + 1 < s.size() && (s[i + 1] == '+' || s[i + 1] == '-')) {
      sec.toks.push_back({T::kExp, std::string(1, s[i + 1])});
      i += 2;
    } else if (c == '@') {
      sec.toks.push_back({T::kAt, "@"});
      sec.text = true;
      ++i;
    } else if (starts_ci(s, i, "general")) {
      sec.toks.push_back({T::kGeneral, ""});
      sec.digits = true;
      i += 7;
    } else if (s.substr(i).rfind("G/通用格式", 0) == 0) {
      sec.toks.push_back({T::kGeneral, ""});
      sec.digits = true;
      i += std::string_view("G/通用格式").size();
    } else if (starts_ci(s, i, "am/pm")) {
      sec.toks.push_back({T::kAmPm, s[i] == 'a' ? "am" : "AM", 0});
      sec.date = true;
      i += 5;
    } else if (starts_ci(s, i, "a/p")) {
      sec.toks.push_back({T::kAmPm, s[i] == 'a' ? "a" : "A", 1});
      sec.date = true;
      i += 3;
    } else if (s.substr(i).rfind("上午/下午", 0) == 0) {
      sec.toks.push_back({T::kAmPm, "", 2});
      sec.date = true;
      i += std::string_view("上午/下午").size();
    } else if (c == 'y' || c == 'Y' || c == 'm' || c == 'M' || c == 'd' || c == 'D' || c == 'h' ||
               c == 'H' || c == 's' || c == 'S' || c == 'e' ||
               (c == 'a' && starts_ci(s, i, "aaa"))) {
      const char lower = static_cast<char>(c | 0x20);
      std::size_t k = i;
      while (k < s.size() && (s[k] | 0x20) == lower) ++k;
      const int n = static_cast<int>(k - i);
      const T kind = lower == 'y' || lower == 'e' ? T::kYear
                     : lower == 'm'               ? T::kMonth
                     : lower == 'd'               ? T::kDay
                     : lower == 'h'               ? T::kHour
                     : lower == 's'               ? T::kSecond
                                                  : T::kWeekday;
      sec.toks.push_back({kind, "", lower == 'e' ? 4 : n});
      sec.date = true;
      i = k;
    } else if (c == '/' && sec.digits && !sec.date) {
      sec.fraction = true;
      literal(sec, "/");
      ++i;
    } else {
      const std::size_t n = utf8_len(static_cast<unsigned char>(c));
      literal(sec, s.substr(i, n));
      i += n;
    }
  }
  // "m" after an hour or before a second is minutes.
  for (std::size_t k = 0; k < sec.toks.size(); ++k) {
    Tok& t = sec.toks[k];
    if (t.kind != T::kMonth || t.n > 2) continue;
    bool minute = false;
    for (std::size_t j = k; j-- > 0;) {
      const T p = sec.toks[j].kind;
      if (p == T::kLiteral) continue;
      minute = p == T::kHour || (p == T::kElapsed && sec.toks[j].text == "h");
      break;
    }
    for (std::size_t j = k + 1; !minute && j < sec.toks.size(); ++j) {
      const T p = sec.toks[j].kind;
      if (p == T::kLiteral) continue;
      minute = p == T::kSecond || (p == T::kElapsed && sec.toks[j].text == "s");
      break;
    }
    if (minute) t.kind = T::kMinute;
  }
  if (sec.date) sec.digits = false;
  return sec;
}

std::vector<Section> parse_code(std::string_view code) {
  std::vector<Section> out;
  std::size_t start = 0;
  bool quoted = false, bracket = false;
  for (std::size_t i = 0; i <= code.size(); ++i) {
    if (i == code.size() || (!quoted && !bracket && code[i] == ';')) {
      out.push_back(parse_section(code.substr(start, i - start)));
      start = i + 1;
      if (out.size() == 4) break;
      continue;
    }
    const char c = code[i];
    if (c == '"')
      quoted = !quoted;
    else if (!quoted && c == '[')
      bracket = true;
    else if (!quoted && c == ']')
      bracket = false;
    else if (!quoted && (c == '\\' || c == '!' || c == '_' || c == '*') && i + 1 < code.size())
      ++i;
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Chinese numerals ([DBNum1] 一二三, [DBNum2] 壹贰叁, [DBNum3] full-width digits).
const char* kLower[] = {"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
const char* kUpper[] = {"零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"};
const char* kWide[] = {"０", "１", "２", "３", "４", "５", "６", "７", "８", "９"};

std::string digit_wise(std::string_view digits, int dbnum) {
  std::string out;
  for (char c : digits)
    out += dbnum == 2 ? kUpper[c - '0'] : dbnum == 3 ? kWide[c - '0'] : kLower[c - '0'];
  return out;
}

// An integer in Chinese words: 1001 → 一千〇一 ([DBNum1]) / 壹仟零壹 ([DBNum2]).
std::string chinese_words(std::string digits, int dbnum) {
  if (dbnum == 3) return digit_wise(digits, 3);
  digits.erase(0, std::min(digits.find_first_not_of('0'), digits.size()));
  if (digits.empty()) return dbnum == 2 ? kUpper[0] : kLower[0];
  if (digits.size() > 16) return digit_wise(digits, dbnum);
  const char** num = dbnum == 2 ? kUpper : kLower;
  const char* units[] = {"", dbnum == 2 ? "拾" : "十", dbnum == 2 ? "佰" : "百",
                         dbnum == 2 ? "仟" : "千"};
  const char* groups[] = {"", "万", "亿", "万亿"};
  std::string out;
  bool pending_zero = false;
  const int len = static_cast<int>(digits.size());
  for (int g = (len - 1) / 4; g >= 0; --g) {
    bool any = false;
    for (int u = 3; u >= 0; --u) {
      const int pos = g * 4 + u;  // power of ten
      if (pos >= len) continue;
      const int dgt = digits[static_cast<std::size_t>(len - 1 - pos)] - '0';
      if (dgt == 0) {
        if (!out.empty()) pending_zero = true;
        continue;
      }
      if (pending_zero) out += num[0];
      pending_zero = false;
      // [DBNum1] writes 10–19 as 十…, not 一十…, at the very start.
      if (!(dbnum == 1 && dgt == 1 && u == 1 && out.empty())) out += num[dgt];
      out += units[u];
      any = true;
    }
    if (any) out += groups[g];
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Dates: the serial's day and time in the 1900 (with Excel's 29 February 1900) or 1904 system.
struct DateTime {
  int y = 0, m = 0, d = 0, wd = 0;  // wd: 0 Sunday
  long long days = 0;               // whole days of the serial
  int h = 0, mi = 0, s = 0;
  long long sub = 0;  // fraction of the second in units of 10^-k
};

void civil_from_days(long long z, int& y, int& m, int& d) {
  // Howard Hinnant's algorithm: days since 1970-01-01 → civil date.
  z += 719468;
  const long long era = (z >= 0 ? z : z - 146096) / 146097;
  const long long doe = z - era * 146097;
  const long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long long yy = yoe + era * 400;
  const long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long long mp = (5 * doy + 2) / 153;
  d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  y = static_cast<int>(yy + (m <= 2));
}

std::optional<DateTime> date_time(const Num& serial, int sub_digits, bool date1904) {
  if (serial.neg) return std::nullopt;
  if (serial.top() > 8) return std::nullopt;
  // The time in units of 10^-k seconds, rounded as Excel shows it.
  Num units = serial;
  units.times(86400);
  units.e += sub_digits;
  units.round_places(0);
  auto total = units.to_int();
  if (!total) return std::nullopt;
  long long per_second = 1;
  for (int k = 0; k < sub_digits; ++k) per_second *= 10;
  const long long per_day = 86400 * per_second;
  DateTime t;
  t.days = *total / per_day;
  long long rest = *total % per_day;
  t.sub = rest % per_second;
  rest /= per_second;
  t.h = static_cast<int>(rest / 3600);
  t.mi = static_cast<int>(rest / 60 % 60);
  t.s = static_cast<int>(rest % 60);
  if (t.days > 2958465) return std::nullopt;  // 9999-12-31
  if (date1904) {
    civil_from_days(t.days - 24107, t.y, t.m, t.d);  // 1904-01-01 is day 0
    t.wd = static_cast<int>((t.days + 5) % 7);
    if (t.y > 9999) return std::nullopt;  // 9999-12-31 is the last day in both systems
  } else {
    t.wd = static_cast<int>((t.days + 6) % 7);
    if (t.days == 0) {
      t.y = 1900, t.m = 1, t.d = 0;
    } else if (t.days == 60) {
      t.y = 1900, t.m = 2, t.d = 29;  // the day Excel keeps for Lotus 1-2-3
    } else {
      civil_from_days(t.days - (t.days < 60 ? 25568 : 25569), t.y, t.m, t.d);
    }
  }
  return t;
}

std::string pad(long long v, int width) {
  std::string s = std::to_string(v);
  if (static_cast<int>(s.size()) < width)
    s.insert(0, static_cast<std::size_t>(width - static_cast<int>(s.size())), '0');
  return s;
}

const char* kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                         "July",    "August",   "September", "October", "November", "December"};
const char* kDays[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                       "Thursday", "Friday", "Saturday"};
const char* kZhDays[] = {"日", "一", "二", "三", "四", "五", "六"};

// A date/time under a section. Long on purpose: one switch over the date and time tokens
// (year, month or minute by context, day names, AM/PM, elapsed, sub-seconds) in Excel's order.
Shown render_date(const Section& sec, const Num& serial, bool date1904) {
  Shown out;
  int sub_digits = 0;
  bool ampm = false, has_time = false, has_date = false, elapsed = false;
  for (const Tok& t : sec.toks) {
    if (t.kind == T::kSubsecond) sub_digits = std::max(sub_digits, std::min(t.n, 3));
    if (t.kind == T::kAmPm) ampm = true;
    if (t.kind == T::kHour || t.kind == T::kMinute || t.kind == T::kSecond || t.kind == T::kElapsed)
      has_time = true;
    if (t.kind == T::kElapsed) elapsed = true;
    if (t.kind == T::kYear || t.kind == T::kMonth || t.kind == T::kDay || t.kind == T::kWeekday)
      has_date = true;
  }
  auto dt = date_time(serial, sub_digits, date1904);
  if (!dt) {
    out.ok = false;
    out.problem = "the value is not a date Excel can show";
    return out;
  }
  const int db = sec.dbnum;
  auto word = [&](long long v, int width) {
    return db ? chinese_words(std::to_string(v), db) : pad(v, width);
  };
  std::string s;
  for (const Tok& t : sec.toks) {
    switch (t.kind) {
      case T::kYear: {
        const std::string y = t.n <= 2 ? pad(dt->y % 100, 2) : pad(dt->y, 4);
        s += db ? digit_wise(y, db) : y;
        break;
      }
      case T::kMonth:
        if (t.n <= 2)
          s += word(dt->m, t.n);
        else if (sec.chinese || db)
          s += t.n == 3
                   ? (db ? chinese_words(std::to_string(dt->m), db) : std::to_string(dt->m)) + "月"
                   : chinese_words(std::to_string(dt->m), db ? db : 1) + "月";
        else
          s += t.n == 3   ? std::string(kMonths[dt->m - 1]).substr(0, 3)
               : t.n == 4 ? kMonths[dt->m - 1]
                          : std::string(1, kMonths[dt->m - 1][0]);
        break;
      case T::kDay:
        if (t.n <= 2)
          s += word(dt->d, t.n);
        else if (sec.chinese || db)
          s += std::string(t.n == 3 ? "周" : "星期") + kZhDays[dt->wd];
        else
          s += t.n == 3 ? std::string(kDays[dt->wd]).substr(0, 3) : kDays[dt->wd];
        break;
      case T::kWeekday:
        s += std::string(t.n >= 4 ? "星期" : "") + kZhDays[dt->wd];
        break;
      case T::kHour: {
        int h = dt->h;
        if (ampm) h = h % 12 == 0 ? 12 : h % 12;
        s += word(h, t.n);
        break;
      }
      case T::kMinute:
        s += word(dt->mi, t.n);
        break;
      case T::kSecond:
        s += word(dt->s, t.n);
        break;
      case T::kSubsecond: {
        std::string sub = pad(dt->sub, sub_digits);
        s += "." + sub.substr(0, static_cast<std::size_t>(std::min(t.n, sub_digits))) +
             std::string(static_cast<std::size_t>(std::max(0, t.n - sub_digits)), '0');
        break;
      }
      case T::kElapsed: {
        const long long secs = dt->days * 86400 + dt->h * 3600 + dt->mi * 60 + dt->s;
        s += pad(t.text == "h" ? secs / 3600 : t.text == "m" ? secs / 60 : secs, t.n);
        break;
      }
      case T::kAmPm: {
        const bool pm = dt->h >= 12;
        if (t.n == 2 || sec.chinese)
          s += pm ? "下午" : "上午";
        else if (t.n == 1)
          s += t.text == "a" ? (pm ? "p" : "a") : (pm ? "P" : "A");
        else
          s += pm ? "PM" : "AM";
        break;
      }
      case T::kLiteral:
        s += t.text;
        break;
      case T::kAt:
        break;
      default:
        s += t.text;
        break;
    }
  }
  out.text = s;
  if (has_date) out.iso_date = pad(dt->y, 4) + "-" + pad(dt->m, 2) + "-" + pad(dt->d, 2);
  if (dt->d == 0 || (dt->m == 2 && dt->d == 29 && dt->y == 1900)) out.iso_date.clear();
  // A date-only format hides the time of day; a time-only format hides the day.
  Num whole = serial;
  whole.round_places(has_time ? 5 : 0);
  out.hidden =
      (!has_time && compare(whole, serial) != 0) || (!has_date && !elapsed && dt->days != 0);
  return out;
}

// ---------------------------------------------------------------------------------------
// Numbers under a section of digit placeholders.
// Long on purpose: the integer part, the thousands separator, the fraction, the exponent and
// the literal tokens are laid out in one pass over the placeholders, right to left, as Excel does;
// each step depends on where the previous one left the digits.
Shown render_number(const Section& sec, Num v, bool sign) {
  Shown out;
  const auto& toks = sec.toks;
  // Where the parts of the number are.
  int point = -1, exp = -1, last_digit = -1, first_digit = -1;
  for (int k = 0; k < static_cast<int>(toks.size()); ++k) {
    const T kind = toks[static_cast<std::size_t>(k)].kind;
    if (kind == T::kPoint && point < 0 && exp < 0) point = k;
    if (kind == T::kExp && exp < 0) exp = k;
    if ((kind == T::kDigit || kind == T::kGeneral) && exp < 0) {
      last_digit = k;
      if (first_digit < 0) first_digit = k;
    }
  }
  const int mantissa_end = exp >= 0 ? exp : static_cast<int>(toks.size());
  int percents = 0, scale = 0, int_places = 0, frac_places = 0, exp_min = 0;
  bool grouping = false, literal_inside = false;
  for (int k = 0; k < static_cast<int>(toks.size()); ++k) {
    const Tok& t = toks[static_cast<std::size_t>(k)];
    if (t.kind == T::kPercent) ++percents;
    if (t.kind == T::kDigit && k < mantissa_end)
      (point >= 0 && k > point ? frac_places : int_places)++;
    if (t.kind == T::kDigit && k > exp && exp >= 0 && t.text == "0") ++exp_min;
    if (t.kind == T::kComma && first_digit >= 0 && k > first_digit && k < mantissa_end) {
      // Between digit placeholders of the integer part: thousands; after the last: ÷1000.
      bool digit_after = false;
      for (int j = k + 1; j < mantissa_end && (point < 0 || j < point); ++j)
        if (toks[static_cast<std::size_t>(j)].kind == T::kDigit) digit_after = true;
      if (digit_after)
        grouping = true;
      else if (k > last_digit || (point >= 0 && k < point))
        ++scale;
    }
    if (t.kind == T::kLiteral && first_digit >= 0 && k > first_digit &&
        k < (point >= 0 ? point : mantissa_end)) {
      for (int j = k + 1; j < (point >= 0 ? point : mantissa_end); ++j)
        if (toks[static_cast<std::size_t>(j)].kind == T::kDigit) literal_inside = true;
    }
  }
  Num scaled = v;
  if (!scaled.zero()) scaled.e += 2 * percents - 3 * scale;
  bool has_general = false;
  for (const Tok& t : toks)
    if (t.kind == T::kGeneral) has_general = true;
  // Scientific: choose the exponent so the mantissa fills the integer placeholders.
  int exponent = 0;
  if (exp >= 0 && !scaled.zero()) {
    const int e10 = scaled.top() - 1;
    const int ni = std::max(int_places, 1);
    const bool engineering =
        ni > 1 && first_digit >= 0 && toks[static_cast<std::size_t>(first_digit)].text == "#";
    if (engineering)
      exponent = e10 >= 0 ? e10 / ni * ni : -((-e10 + ni - 1) / ni) * ni;
    else
      exponent = e10 - (ni - 1);
    scaled.e -= exponent;
    Num r = scaled;
    r.round_places(frac_places);
    if (r.top() > ni) {  // 9.996 → 10.00: the next exponent
      const int step = engineering ? ni : 1;
      scaled.e -= step;
      exponent += step;
    }
  }
  Num rounded = scaled;
  if (!has_general) rounded.round_places(frac_places);
  out.hidden = !has_general && compare(rounded, scaled) != 0;
  const std::string int_digits = rounded.int_digits();
  const std::string frac = rounded.frac_digits(frac_places);
  // Integer placeholders, filled from the right; extra digits go to the leftmost one.
  std::vector<int> places;
  for (int k = 0; k < (point >= 0 ? point : mantissa_end); ++k)
    if (toks[static_cast<std::size_t>(k)].kind == T::kDigit) places.push_back(k);
  std::vector<std::string> at(toks.size());
  if (grouping && !literal_inside && !places.empty()) {
    int min_digits = 0;
    bool seen_zero = false;
    for (int k : places) {
      if (toks[static_cast<std::size_t>(k)].text != "#") seen_zero = true;
      if (seen_zero) ++min_digits;
    }
    std::string digits = int_digits;
    while (static_cast<int>(digits.size()) < min_digits) {
      // '?' pads with a space, '0' with a zero.
      const std::size_t idx = places.size() - digits.size() - 1;
      digits.insert(digits.begin(),
                    toks[static_cast<std::size_t>(places[idx])].text == "?" ? ' ' : '0');
    }
    std::string grouped;
    for (std::size_t k = 0; k < digits.size(); ++k) {
      const std::size_t from_right = digits.size() - k;
      grouped.push_back(digits[k]);
      if (from_right > 1 && from_right % 3 == 1 && digits[k] != ' ') grouped.push_back(',');
    }
    at[static_cast<std::size_t>(places.front())] = grouped;
    for (std::size_t k = 1; k < places.size(); ++k)
      at[static_cast<std::size_t>(places[k])] = "\x01";  // consumed
  } else if (!places.empty()) {
    int j = static_cast<int>(int_digits.size());
    for (std::size_t k = places.size(); k-- > 0;) {
      const std::string& ph = toks[static_cast<std::size_t>(places[k])].text;
      if (j > 0)
        at[static_cast<std::size_t>(places[k])] =
            std::string(1, int_digits[static_cast<std::size_t>(--j)]);
      else
        at[static_cast<std::size_t>(places[k])] = ph == "0" ? "0" : ph == "?" ? " " : "";
    }
    if (j > 0)
      at[static_cast<std::size_t>(places.front())] =
          int_digits.substr(0, static_cast<std::size_t>(j)) +
          at[static_cast<std::size_t>(places.front())];
  }
  // Fraction placeholders, from the left; trailing zeros under '#' vanish, under '?' are spaces.
  std::vector<int> fplaces;
  for (int k = point + 1; point >= 0 && k < mantissa_end; ++k)
    if (toks[static_cast<std::size_t>(k)].kind == T::kDigit) fplaces.push_back(k);
  int last_nonzero = -1;
  for (int k = 0; k < static_cast<int>(frac.size()); ++k)
    if (frac[static_cast<std::size_t>(k)] != '0') last_nonzero = k;
  for (std::size_t k = 0; k < fplaces.size(); ++k) {
    const std::string& ph = toks[static_cast<std::size_t>(fplaces[k])].text;
    const char dg = frac[k];
    if (static_cast<int>(k) > last_nonzero && ph != "0")
      at[static_cast<std::size_t>(fplaces[k])] = ph == "?" ? " " : "";
    else
      at[static_cast<std::size_t>(fplaces[k])] = std::string(1, dg);
  }
  // Exponent digits.
  std::vector<int> eplaces;
  for (int k = exp + 1; exp >= 0 && k < static_cast<int>(toks.size()); ++k)
    if (toks[static_cast<std::size_t>(k)].kind == T::kDigit) eplaces.push_back(k);
  if (exp >= 0) {
    std::string ed = pad(exponent < 0 ? -exponent : exponent, std::max(exp_min, 1));
    if (!eplaces.empty()) {
      int j = static_cast<int>(ed.size());
      for (std::size_t k = eplaces.size(); k-- > 0;) {
        const std::string& ph = toks[static_cast<std::size_t>(eplaces[k])].text;
        if (j > 0)
          at[static_cast<std::size_t>(eplaces[k])] =
              std::string(1, ed[static_cast<std::size_t>(--j)]);
        else
          at[static_cast<std::size_t>(eplaces[k])] = ph == "0" ? "0" : "";
      }
      if (j > 0)
        at[static_cast<std::size_t>(eplaces.front())] =
            ed.substr(0, static_cast<std::size_t>(j)) +
            at[static_cast<std::size_t>(eplaces.front())];
    }
  }
  std::string s;
  for (std::size_t k = 0; k < toks.size(); ++k) {
    const Tok& t = toks[k];
    switch (t.kind) {
      case T::kDigit:
        if (at[k] != "\x01") s += at[k];
        break;
      case T::kGeneral: {
        Num g = scaled;
        g.neg = false;
        s += general(g);
        break;
      }
      case T::kPoint:
        s += ".";
        break;
      case T::kComma:
        if (first_digit < 0 || static_cast<int>(k) < first_digit) s += ",";
        break;
      case T::kPercent:
        s += "%";
        break;
      case T::kExp:
        s += std::string("E") + (exponent < 0 ? "-" : t.text == "+" ? "+" : "");
        break;
      case T::kAt:
        break;
      default:
        s += t.text;
        break;
    }
  }
  if (sec.dbnum) {
    // Digits before a point in words, after it one by one.
    std::string conv;
    std::size_t i = 0;
    bool after_point = false;
    while (i < s.size()) {
      if (s[i] >= '0' && s[i] <= '9') {
        std::size_t k = i;
        while (k < s.size() && s[k] >= '0' && s[k] <= '9') ++k;
        const std::string run = s.substr(i, k - i);
        conv +=
            after_point || exp >= 0 ? digit_wise(run, sec.dbnum) : chinese_words(run, sec.dbnum);
        i = k;
        continue;
      }
      after_point = s[i] == '.';
      if (s[i] == '.' && sec.dbnum != 3)
        conv += "点";
      else
        conv.push_back(s[i]);
      ++i;
    }
    s = conv;
  }
  const bool negative = sign && v.neg && !(rounded.zero() && !has_general);
  out.text = negative ? "-" + s : s;
  return out;
}

std::string trim_spaces(std::string s) {
  const auto b = s.find_first_not_of(' ');
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(' ') - b + 1);
}

bool holds(const Section& s, const Num& v) {
  if (s.cond_op.empty()) return true;
  const int c = compare(v, s.cond_value);
  if (s.cond_op == "<") return c < 0;
  if (s.cond_op == "<=") return c <= 0;
  if (s.cond_op == ">") return c > 0;
  if (s.cond_op == ">=") return c >= 0;
  if (s.cond_op == "=") return c == 0;
  return c != 0;  // <>
}

}  // namespace

std::string normal_number(std::string_view value) {
  auto n = parse_num(value);
  return n ? general(*n) : std::string();
}

// Excel's built-in formats by id (ECMA-376 Part 1, 18.8.30): a table, not logic.
std::string_view builtin_number_format(int id) {
  switch (id) {
    case 0:
      return "General";
    case 1:
      return "0";
    case 2:
      return "0.00";
    case 3:
      return "#,##0";
    case 4:
      return "#,##0.00";
    case 5:
      return "\"¥\"#,##0;\"¥\"\\-#,##0";
    case 6:
      return "\"¥\"#,##0;[Red]\"¥\"\\-#,##0";
    case 7:
      return "\"¥\"#,##0.00;\"¥\"\\-#,##0.00";
    case 8:
      return "\"¥\"#,##0.00;[Red]\"¥\"\\-#,##0.00";
    case 9:
      return "0%";
    case 10:
      return "0.00%";
    case 11:
      return "0.00E+00";
    case 12:
      return "# ?/?";
    case 13:
      return "# ?\?/??";
    case 14:
      return "yyyy/m/d";
    case 15:
      return "d-mmm-yy";
    case 16:
      return "d-mmm";
    case 17:
      return "mmm-yy";
    case 18:
      return "h:mm AM/PM";
    case 19:
      return "h:mm:ss AM/PM";
    case 20:
      return "h:mm";
    case 21:
      return "h:mm:ss";
    case 22:
      return "yyyy/m/d h:mm";
    case 27:
    case 36:
    case 50:
    case 52:
    case 57:
      return "yyyy\"年\"m\"月\"";
    case 28:
    case 29:
    case 51:
    case 53:
    case 54:
    case 58:
      return "m\"月\"d\"日\"";
    case 30:
      return "m-d-yy";
    case 31:
      return "yyyy\"年\"m\"月\"d\"日\"";
    case 32:
      return "h\"时\"mm\"分\"";
    case 33:
      return "h\"时\"mm\"分\"ss\"秒\"";
    case 34:
    case 55:
      return "上午/下午h\"时\"mm\"分\"";
    case 35:
    case 56:
      return "上午/下午h\"时\"mm\"分\"ss\"秒\"";
    case 37:
      return "#,##0 ;(#,##0)";
    case 38:
      return "#,##0 ;[Red](#,##0)";
    case 39:
      return "#,##0.00;(#,##0.00)";
    case 40:
      return "#,##0.00;[Red](#,##0.00)";
    case 41:
      return "_(* #,##0_);_(* \\(#,##0\\);_(* \"-\"_);_(@_)";
    case 42:
      return "_ \"¥\"* #,##0_ ;_ \"¥\"* \\-#,##0_ ;_ \"¥\"* \"-\"_ ;_ @_ ";
    case 43:
      return "_(* #,##0.00_);_(* \\(#,##0.00\\);_(* \"-\"??_);_(@_)";
    case 44:
      return "_ \"¥\"* #,##0.00_ ;_ \"¥\"* \\-#,##0.00_ ;_ \"¥\"* \"-\"??_ ;_ @_ ";
    case 45:
      return "mm:ss";
    case 46:
      return "[h]:mm:ss";
    case 47:
      return "mm:ss.0";
    case 48:
      return "##0.0E+0";
    case 49:
      return "@";
    default:
      return "";
  }
}

Shown format_number(std::string_view value, std::string_view code, bool date1904) {
  Shown out;
  auto parsed = parse_num(value);
  if (!parsed) {
    out.text = std::string(value);
    out.ok = false;
    out.problem = "the stored value is not a number";
    return out;
  }
  Num v = *parsed;
  v.round_significant(15);
  if (v.zero()) v.neg = false;
  std::vector<Section> secs = parse_code(code);
  // Sections: positive;negative;zero;text — or chosen by their conditions.
  std::vector<const Section*> numeric;
  for (const auto& s : secs)
    if (!(s.text && !s.digits && !s.date) || numeric.size() < 1) numeric.push_back(&s);
  if (secs.size() == 4) numeric.resize(std::min<std::size_t>(numeric.size(), 3));
  const Section* sec = nullptr;
  bool sign = true;
  bool conditional = false;
  for (const auto* s : numeric) conditional = conditional || !s->cond_op.empty();
  if (conditional) {
    for (std::size_t k = 0; k < numeric.size() && !sec; ++k)
      if (!numeric[k]->cond_op.empty() && holds(*numeric[k], v)) sec = numeric[k];
    if (!sec)
      for (const auto* s : numeric)
        if (s->cond_op.empty()) {
          sec = s;
          break;
        }
    if (!sec) sec = numeric.back();
    // A section after the first shows no minus of its own (as with "pos;neg"); the first
    // shows it unless its condition is one for negatives.
    sign =
        sec == numeric.front() && !(sec->cond_op[0] == '<' && compare(sec->cond_value, Num{}) <= 0);
  } else if (numeric.size() >= 2 && v.neg) {
    sec = numeric[1];
    sign = false;
  } else if (numeric.size() >= 3 && v.zero()) {
    sec = numeric[2];
  } else {
    sec = numeric.empty() ? nullptr : numeric[0];
  }
  // No format, or a text-only one ("@"): numbers show as General.
  if (!sec ||
      (secs.size() == 1 && (sec->toks.empty() || (sec->text && !sec->digits && !sec->date)))) {
    out.text = general(v);
    return out;
  }
  if (sec->fraction) {
    out.text = general(v);
    out.ok = false;
    out.problem = "fraction formats are not supported";
    return out;
  }
  if (sec->date) {
    out = render_date(*sec, v, date1904);
    if (!out.ok) out.text = general(v);
    out.text = trim_spaces(out.text);
    return out;
  }
  if (!sec->digits) {
    // Only literals (or text): Excel shows them, the number itself not at all.
    std::string s;
    for (const Tok& t : sec->toks)
      if (t.kind != T::kAt) s += t.text;
    out.text = trim_spaces((sign && v.neg ? "-" : "") + s);
    out.hidden = !v.zero();
    return out;
  }
  Num shown = v;
  if (!sign) shown.neg = false;
  out = render_number(*sec, shown, sign);
  out.text = trim_spaces(out.text);
  return out;
}

std::string format_text(std::string_view text, std::string_view code) {
  std::vector<Section> secs = parse_code(code);
  const Section* sec = nullptr;
  if (secs.size() == 4)
    sec = &secs[3];
  else
    for (const auto& s : secs)
      if (s.text) sec = &s;
  if (!sec) return std::string(text);
  std::string s;
  for (const Tok& t : sec->toks)
    s += t.kind == T::kAt ? std::string(text) : t.kind == T::kLiteral ? t.text : std::string();
  return trim_spaces(s);
}

}  // namespace selfeval::spreadsheet
