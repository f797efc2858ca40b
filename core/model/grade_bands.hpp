// Grade bands (评价等级): 优 90 ≤ s ≤ 100, 良 80 ≤ s < 90, … configurable per template.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/decimal.hpp"
#include "base/finding.hpp"

namespace selfeval {

struct GradeBand {
  std::string grade, grade_en;
  Decimal min, max;
  bool min_inclusive = true;
  bool max_inclusive = false;

  bool contains(Decimal s) const {
    return (min_inclusive ? s >= min : s > min) && (max_inclusive ? s <= max : s < max);
  }
};

using GradeBands = std::vector<GradeBand>;

/// Checks that the bands cover [0, total] with no gap and no overlap; `path` is the
/// JSON Pointer of the bands array.
Findings check_grade_bands(const GradeBands& bands, Decimal total, const std::string& path);

/// The band containing `score` (the unrounded total), or nullptr.
const GradeBand* grade_for(const GradeBands& bands, Decimal score);

}  // namespace selfeval
