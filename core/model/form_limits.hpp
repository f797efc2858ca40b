// How large a form may be: one limit for what the engine loads and the page renders, so
// a template that passes check-template is one the page can open (README: Limits).
#pragma once

#include <cstddef>

namespace selfeval {

/// Indicators of one form, every level counted (一级/二级 categories and rows), the
/// template's and the project's own together. The page opens a form of this size in a few
/// seconds (tests/e2e/large_forms.test.mjs opens half of it in under 3 s); beyond it the
/// engine's memory and the time to open grow past what an office laptop should be asked for.
inline constexpr std::size_t kMaxFormIndicators = 20000;

}  // namespace selfeval
