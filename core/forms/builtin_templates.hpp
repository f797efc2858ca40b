// The templates compiled into the core (schemas/templates/*.json): the page offers them
// without a request, the verifier knows them by id, version and hash.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace selfeval {

/// The built-in templates: [{"id", "name", "name_en", "kind", "description"}].
nlohmann::json builtin_template_list();
/// A built-in template's JSON text, or "" when there is none with that id.
std::string builtin_template(std::string_view id);

}  // namespace selfeval
