// A declaration (绩效目标申报表): the targets approved with the budget, against which a
// self-assessment's reported targets are checked.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/finding.hpp"

namespace selfeval {

struct DeclaredTarget {
  std::string id, name, target, target_period, path;
  std::string parent, parent_name;  ///< the category it was declared under
  std::string direction, unit;      ///< as declared (正向 / 反向 …), "" when not stated
};

struct Declaration {
  std::vector<DeclaredTarget> targets;
  /// The declared target for an indicator: by id, else by name; nullptr when none.
  const DeclaredTarget* find(const std::string& id, const std::string& name) const;
};

struct DeclarationLoad {
  std::optional<Declaration> declaration;
  Findings findings;
};

/// Reads a declaration: a template (kind "declaration", or any template whose
/// indicators carry targets) or an answers file's indicator list.
DeclarationLoad load_declaration(std::string_view json_text);

}  // namespace selfeval
