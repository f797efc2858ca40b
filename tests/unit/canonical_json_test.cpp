// RFC 8785 (JCS): the Appendix B number vectors, the §3.2 examples, and edge cases.
#include "base/canonical_json.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <cstring>

namespace {

double bits(std::uint64_t b) {
  double d;
  std::memcpy(&d, &b, sizeof d);
  return d;
}

std::string canon(const std::string& text) {
  auto c = selfeval::canonicalize(text);
  REQUIRE(c.text);
  return *c.text;
}

}  // namespace

TEST_CASE("RFC 8785 Appendix B: numbers serialise as ECMAScript does") {
  const struct {
    std::uint64_t b;
    const char* s;
  } v[] = {
      {0x0000000000000000, "0"},
      {0x8000000000000000, "0"},
      {0x0000000000000001, "5e-324"},
      {0x8000000000000001, "-5e-324"},
      {0x7fefffffffffffff, "1.7976931348623157e+308"},
      {0xffefffffffffffff, "-1.7976931348623157e+308"},
      {0x4340000000000000, "9007199254740992"},
      {0xc340000000000000, "-9007199254740992"},
      {0x4430000000000000, "295147905179352830000"},
      {0x44b52d02c7e14af5, "9.999999999999997e+22"},
      {0x44b52d02c7e14af6, "1e+23"},
      {0x44b52d02c7e14af7, "1.0000000000000001e+23"},
      {0x444b1ae4d6e2ef4e, "999999999999999700000"},
      {0x444b1ae4d6e2ef4f, "999999999999999900000"},
      {0x444b1ae4d6e2ef50, "1e+21"},
      {0x3eb0c6f7a0b5ed8c, "9.999999999999997e-7"},
      {0x3eb0c6f7a0b5ed8d, "0.000001"},
      {0x41b3de4355555553, "333333333.3333332"},
      {0x41b3de4355555554, "333333333.33333325"},
      {0x41b3de4355555555, "333333333.3333333"},
      {0x41b3de4355555556, "333333333.3333334"},
      {0x41b3de4355555557, "333333333.33333343"},
      {0xbecbf647612f3696, "-0.0000033333333333333333"},
      {0x43143ff3c1cb0959, "1424953923781206.2"},
  };
  for (const auto& x : v) {
    CAPTURE(x.s);
    CHECK(selfeval::ecmascript_number(bits(x.b)) == std::string(x.s));
  }
  CHECK_FALSE(selfeval::ecmascript_number(bits(0x7fffffffffffffff)));  // NaN
  CHECK_FALSE(selfeval::ecmascript_number(bits(0x7ff0000000000000)));  // Infinity
}

TEST_CASE("RFC 8785 §3.2: the sample input canonicalises to the published bytes") {
  const std::string in = R"({
    "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
    "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
    "literals": [null, true, false]
  })";
  CHECK(canon(in) ==
        "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
        "\"string\":\"\xE2\x82\xAC$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
}

TEST_CASE("RFC 8785 §3.2.3: members sort by UTF-16 code units, so 😀 comes before דּ") {
  const std::string in =
      R"({"\u20ac":"Euro Sign","\r":"Carriage Return","\ufb33":"Hebrew Letter Dalet With Dagesh",
    "1":"One","\ud83d\ude00":"Emoji: Grinning Face","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis"})";
  const std::string out = canon(in);
  const auto pos = [&](const char* key) { return out.find(key); };
  CHECK(pos("\\r") < pos("\"1\""));
  CHECK(pos("\"1\"") < pos("\xC2\x80"));
  CHECK(pos("\xC2\x80") < pos("\xC3\xB6"));
  CHECK(pos("\xC3\xB6") < pos("\xE2\x82\xAC"));
  CHECK(pos("\xE2\x82\xAC") < pos("\xF0\x9F\x98\x80"));  // U+20AC < U+D83D (UTF-16)
  CHECK(pos("\xF0\x9F\x98\x80") < pos("\xEF\xAC\xB3"));  // U+D83D < U+FB33, though U+1F600 > U+FB33
}

TEST_CASE(
    "JCS: names without a character beyond U+FFFF keep code point order; an astral name anywhere "
    "in an object sorts that object by UTF-16") {
  // No astral name: the order is the code point order (the names as stored).
  CHECK(canon(R"({"\ufb33":1,"\uffff":2,"\ue000":3,"\u20ac":4,"z":5,"A":6,"\r":7})") ==
        "{\"\\r\":7,\"A\":6,\"z\":5,\"\xE2\x82\xAC\":4,\"\xEE\x80\x80\":3,\"\xEF\xAC\xB3\":1,"
        "\"\xEF\xBF\xBF\":2}");
  // One astral name (a surrogate pair, D800..DBFF) goes before U+E000..U+FFFF, after U+20AC.
  CHECK(canon(R"({"\uffff":1,"\ue000":2,"x\ud83d\ude00":3,"\u20ac":4,"\ud83d\ude00":5})") ==
        "{\"x\xF0\x9F\x98\x80\":3,\"\xE2\x82\xAC\":4,\"\xF0\x9F\x98\x80\":5,\"\xEE\x80\x80\":2,"
        "\"\xEF\xBF\xBF\":1}");
  // Nested: each object decides for itself.
  CHECK(canon(R"({"b":{"\uffff":1,"\ud83d\ude00":2},"a":{"\uffff":1,"\u4e2d":2}})") ==
        "{\"a\":{\"\xE4\xB8\xAD\":2,\"\xEF\xBF\xBF\":1},\"b\":{\"\xF0\x9F\x98\x80\":2,"
        "\"\xEF\xBF\xBF\":1}}");
}

TEST_CASE("JCS strings: escapes between runs of plain text, at both ends and back to back") {
  CHECK(canon(R"(["\"a\\b\n\u0001中文\t", "", "\"\"", "plain 文本 only", "\u001fend"])") ==
        "[\"\\\"a\\\\b\\n\\u0001\xE4\xB8\xAD\xE6\x96\x87\\t\",\"\",\"\\\"\\\"\",\"plain "
        "\xE6\x96\x87\xE6\x9C\xAC only\","
        "\"\\u001fend\"]");
}

TEST_CASE("JCS edge cases: Chinese text, control characters, -0, large integers, rejections") {
  CHECK(canon(R"({"项目名称":"产业人才发展专项资金","分值":10})") ==
        "{\"分值\":10,\"项目名称\":\"产业人才发展专项资金\"}");
  CHECK(canon(R"(["\u0000\u001f\u007f\t"])") == "[\"\\u0000\\u001f\x7f\\t\"]");
  CHECK(canon("[-0, -0.0, 1.0, 100, 1e2, 9007199254740993]") == "[0,0,1,100,100,9007199254740992]");
  CHECK(canon(R"({"b":{"d":[],"c":{}},"a":"\u2028"})") ==
        "{\"a\":\"\xE2\x80\xA8\",\"b\":{\"c\":{},\"d\":[]}}");
  CHECK(canon(R"({"\ud800\udc00":1,"\uffff":2})") == "{\"\xF0\x90\x80\x80\":1,\"\xEF\xBF\xBF\":2}");
  CHECK_FALSE(selfeval::canonicalize(R"({"a":1,"a":2})").text);  // duplicate keys
  CHECK_FALSE(selfeval::canonicalize("[1e400]").text);           // out of range
  CHECK_FALSE(selfeval::canonicalize("[\"\xff\"]").text);        // invalid UTF-8
  std::string err;
  CHECK_FALSE(selfeval::canonical_json(nlohmann::json(std::nan("")), &err));
}
