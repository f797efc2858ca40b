#include "base/json_schema.hpp"

#include <doctest/doctest.h>

#include "base/embedded_files.hpp"

using nlohmann::json;
using selfeval::JsonSchema;

TEST_CASE("the embedded template schema compiles") {
  bool found = false;
  for (const auto& f : selfeval::detail::embedded_files()) {
    if (f.name != "schemas/template.v1.schema.json") continue;
    found = true;
    std::string err;
    CHECK(JsonSchema::compile(json::parse(f.text), &err));
    CHECK(err.empty());
  }
  CHECK(found);
}

TEST_CASE("a schema with an unsupported keyword is refused, not half-applied") {
  std::string err;
  CHECK_FALSE(JsonSchema::compile(json::parse(R"({"type":"string","pattern":"^a"})"), &err));
  CHECK(err.find("pattern") != std::string::npos);
  CHECK_FALSE(JsonSchema::compile(json::parse(R"({"$ref":"#/$defs/none"})"), &err));
}

TEST_CASE("schema keywords report at the right path") {
  std::string err;
  auto s = JsonSchema::compile(json::parse(R"({
    "type":"object","required":["a"],"additionalProperties":false,
    "properties":{"a":{"type":"array","minItems":2,"items":{"type":"integer","minimum":0}},
                  "b":{"type":"string","maxLength":2}}})"),
                               &err);
  REQUIRE(s);
  auto f = s->validate(json::parse(R"({"a":[1,-1,2.5],"b":"三个字","c":1})"));
  REQUIRE(f.size() == 4);
  CHECK(f[0].path == "/a/1");
  CHECK(f[0].code == "schema.minimum");
  CHECK(f[1].path == "/a/2");
  CHECK(f[1].code == "schema.type");
  CHECK(f[2].code == "schema.maxLength");
  CHECK(f[3].code == "schema.additionalProperties");
  CHECK(s->validate(json::parse(R"({"a":[1]})"))[0].code == "schema.minItems");
  CHECK(s->validate(json::parse(R"({})"))[0].path == "/a");
}
