// Writes JSON text straight into a string: for the documents of thousands of rows the page
// asks for on every open (FormSession::describe_text, overview_text), where building an
// nlohmann value first and dumping it cost most of the time. Strings are escaped as JSON
// requires; one that is not valid UTF-8 is written as nlohmann writes it with the
// replacement character (json_text's rule).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace selfeval {

/// JSON text of a value; invalid UTF-8 inside strings is replaced, never thrown on.
std::string json_text(const nlohmann::json& value, int indent = -1);

class JsonTextWriter {
 public:
  explicit JsonTextWriter(std::string& out) : out_(out) {}

  JsonTextWriter& begin_object() {
    comma();
    out_ += '{';
    first_ = true;
    return *this;
  }
  JsonTextWriter& end_object() {
    out_ += '}';
    first_ = false;
    return *this;
  }
  JsonTextWriter& begin_array() {
    comma();
    out_ += '[';
    first_ = true;
    return *this;
  }
  JsonTextWriter& end_array() {
    out_ += ']';
    first_ = false;
    return *this;
  }
  /// The key of the next member (the value follows with one of the calls below).
  JsonTextWriter& key(std::string_view k) {
    comma();
    quoted(k);
    out_ += ':';
    first_ = true;
    return *this;
  }
  JsonTextWriter& string(std::string_view v) {
    comma();
    quoted(v);
    return *this;
  }
  JsonTextWriter& number(long long v) {
    comma();
    out_ += std::to_string(v);
    return *this;
  }
  JsonTextWriter& boolean(bool v) {
    comma();
    out_ += v ? "true" : "false";
    return *this;
  }
  JsonTextWriter& null() {
    comma();
    out_ += "null";
    return *this;
  }
  /// An nlohmann value, dumped as json_text does.
  JsonTextWriter& value(const nlohmann::json& v);

 private:
  void comma() {
    if (!first_) out_ += ',';
    first_ = false;
  }
  void quoted(std::string_view s);

  std::string& out_;
  bool first_ = true;
};

}  // namespace selfeval
