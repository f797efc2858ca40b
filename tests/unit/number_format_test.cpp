// Excel number formats: the text a cell shows for its stored value, exact to the digit.
#include "spreadsheet/number_format.hpp"

#include "test_support.hpp"

using namespace selfeval::spreadsheet;

namespace {
struct Case {
  const char* value;
  const char* code;
  const char* shown;
};
}  // namespace

TEST_CASE("numbers show as Excel shows them: percent, decimals, thousands, currency, 万元, text") {
  const Case cases[] = {
      {"0.95", "0%", "95%"},
      {"1", "0%", "100%"},
      {"0.1234", "0.00%", "12.34%"},  // 0.1234 × 100 in binary floating point is 12.340000000000002
      {"0.955", "0%", "96%"},
      {"0.125", "0.00", "0.13"},
      {"2.675", "0.00", "2.68"},  // half away from zero on the decimal text
      {"-2.675", "0.00", "-2.68"},
      {"14.530000000000001", "General", "14.53"},
      {"14.530000000000001", "0.00", "14.53"},
      {"1234567.891", "#,##0.00", "1,234,567.89"},
      {"-1234.5", "#,##0.00", "-1,234.50"},
      {"0", "#,##0", "0"},
      {"12", "000", "012"},
      {"1234", "#,##0,", "1"},
      {"1", "0.#", "1."},
      {"1234.5", "\"¥\"#,##0.00;\"¥\"\\-#,##0.00", "¥1,234.50"},
      {"-5", "\"¥\"#,##0.00;\"¥\"\\-#,##0.00", "¥-5.00"},
      {"-5", "0.00;(0.00)", "(5.00)"},
      {"0", "0.00;-0.00;\"零\"", "零"},
      {"1234.5", "[$¥-804]#,##0.00", "¥1,234.50"},
      {"1234.5", "_ \"¥\"* #,##0.00_ ;_ \"¥\"* \\-#,##0.00_ ;_ \"¥\"* \"-\"??_ ;_ @_ ",
       "¥1,234.50"},
      {"12.5", "#,##0.0 \"万元\"", "12.5 万元"},
      {"12.5", "0.00\"万元\"", "12.50万元"},
      {"123456", "0!.0000\"万元\"", "12.3456万元"},  // the 万元 trick: a literal point
      {"123456", "0!.0,\"万\"", "12.3万"},
      {"12345.678", "0.00E+00", "1.23E+04"},
      {"12345.678", "##0.0E+0", "12.3E+3"},
      {"0.000123", "General", "0.000123"},
      {"1E+25", "General", "1E+25"},
      {"42", "@", "42"},
      {"5", "[>=10]\"big\";[<0]\"neg\";0", "5"},
      {"-5", "[>=10]\"big\";[<0]\"neg\";0", "neg"},
      {"100", "[Red][>=10]\"big\" 0;[<0]\"neg\";0", "big 100"},
      {"-0.001", "0.00", "0.00"},
      {"123", "[DBNum1]G/通用格式", "一百二十三"},
      {"10", "[DBNum1]G/通用格式", "十"},
      {"1001", "[DBNum1]G/通用格式", "一千〇一"},
      {"1001", "[DBNum2]G/通用格式", "壹仟零壹"},
      {"120000", "[DBNum2]G/通用格式", "壹拾贰万"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.value);
    CAPTURE(c.code);
    const Shown s = format_number(c.value, c.code);
    CHECK(s.ok);
    CHECK(s.text == c.shown);
  }
  CHECK(format_number("0.955", "0%").hidden);
  CHECK_FALSE(format_number("0.95", "0%").hidden);
  CHECK(format_number("7.5", "0").hidden);
}

TEST_CASE(
    "dates and times from Excel's serial numbers, Chinese forms included, 1900 and 1904 systems") {
  const Case cases[] = {
      {"44926", "yyyy/m/d", "2022/12/31"},
      {"44926", "yyyy\"年\"m\"月\"d\"日\"", "2022年12月31日"},
      {"44926", "[DBNum1][$-804]yyyy\"年\"m\"月\"d\"日\"", "二〇二二年十二月三十一日"},
      {"44926", "[$-804]mmm mmmm", "12月 十二月"},
      {"44926", "aaaa", "星期六"},
      {"44926", "dddd, mmmm d", "Saturday, December 31"},
      {"44926.5", "yyyy/m/d h:mm", "2022/12/31 12:00"},
      {"44926.75", "上午/下午h\"时\"mm\"分\"", "下午6时00分"},
      {"0.5", "h:mm:ss AM/PM", "12:00:00 PM"},
      {"1.5", "[h]:mm:ss", "36:00:00"},
      {"0.99999999", "h:mm:ss", "0:00:00"},  // rounds to the next second, as Excel shows it
      {"0.5", "mm:ss.0", "00:00.0"},
      {"60", "yyyy-mm-dd", "1900-02-29"},  // the day Excel keeps from Lotus 1-2-3
      {"61", "yyyy-mm-dd", "1900-03-01"},
      {"1", "yyyy-mm-dd dddd", "1900-01-01 Sunday"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.value);
    CAPTURE(c.code);
    const Shown s = format_number(c.value, c.code);
    CHECK(s.ok);
    CHECK(s.text == c.shown);
  }
  CHECK(format_number("44926", "yyyy/m/d").iso_date == "2022-12-31");
  CHECK(format_number("44926.5", "yyyy/m/d").hidden);  // the time of day is not shown
  // The 1904 system counts from 1904-01-01: the same day is 1,462 less.
  CHECK(format_number("43464", "yyyy-mm-dd", true).text == "2022-12-31");
  CHECK(format_number("43464", "yyyy-mm-dd", true).iso_date == "2022-12-31");
  // Out of range: not a date Excel can show.
  CHECK_FALSE(format_number("-1", "yyyy-mm-dd").ok);
  CHECK_FALSE(format_number("3000000", "yyyy-mm-dd").ok);
  CHECK(format_number("2958465", "yyyy-mm-dd").text == "9999-12-31");
  CHECK_FALSE(
      format_number("2958465", "yyyy-mm-dd", true).ok);  // found by the fuzzer: year 10003 in 1904
}

TEST_CASE("built-in format ids as Chinese Excel shows them; what cannot be shown is said") {
  CHECK(builtin_number_format(9) == "0%");
  CHECK(builtin_number_format(10) == "0.00%");
  CHECK(format_number("44926", builtin_number_format(14)).text == "2022/12/31");
  CHECK(format_number("44926", builtin_number_format(31)).text == "2022年12月31日");
  CHECK(format_number("44926", builtin_number_format(57)).text == "2022年12月");
  CHECK(format_number("1234.5", builtin_number_format(4)).text == "1,234.50");
  CHECK(builtin_number_format(200).empty());
  const Shown fraction = format_number("0.5", "# ?/?");
  CHECK_FALSE(fraction.ok);
  CHECK(fraction.text == "0.5");
  CHECK_FALSE(format_number("abc", "0").ok);
  CHECK(format_text("北京", "@") == "北京");
  CHECK(format_text("北京", "0;0;0;\"单位：\"@") == "单位：北京");
  CHECK(normal_number("0.30000000000000004") == "0.3");
  CHECK(normal_number("1.0000000000000001E-5") == "0.00001");
  CHECK(normal_number("x").empty());
}
