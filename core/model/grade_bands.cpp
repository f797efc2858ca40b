#include "model/grade_bands.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace selfeval {

namespace {
std::string bracket(const GradeBand& b) {
  return fmt::format("{}{}, {}{}", b.min_inclusive ? "[" : "(", b.min.to_string(),
                     b.max.to_string(), b.max_inclusive ? "]" : ")");
}
}  // namespace

Findings check_grade_bands(const GradeBands& bands, Decimal total, const std::string& path) {
  Findings out;
  auto add = [&](const char* code, std::string p, std::string zh, std::string en) {
    out.push_back(Finding{code, Severity::kError, std::move(p), std::move(zh), std::move(en)});
  };
  std::vector<std::size_t> order(bands.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  for (std::size_t i = 0; i < bands.size(); ++i) {
    const auto& b = bands[i];
    if (b.max < b.min || (b.max == b.min && !(b.min_inclusive && b.max_inclusive))) {
      add("grade_bands.empty_band", json_pointer_append(path, i),
          fmt::format("等级“{}”的区间 {} 为空", b.grade, bracket(b)),
          fmt::format("grade \"{}\" has an empty interval {}", b.grade, bracket(b)));
    }
  }
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return bands[a].min < bands[b].min ||
           (bands[a].min == bands[b].min && bands[a].min_inclusive && !bands[b].min_inclusive);
  });
  if (order.empty()) return out;
  const auto& first = bands[order.front()];
  if (first.min > Decimal() || (first.min == Decimal() && !first.min_inclusive)) {
    add("grade_bands.gap", json_pointer_append(path, order.front()),
        fmt::format("等级区间未覆盖 0 分：最低的等级“{}”从 {} 开始", first.grade, bracket(first)),
        fmt::format("grade bands do not cover 0: the lowest band \"{}\" is {}", first.grade,
                    bracket(first)));
  }
  if (first.min < Decimal()) {
    add("grade_bands.out_of_range", json_pointer_append(path, order.front()),
        fmt::format("等级“{}”的下限 {} 小于 0", first.grade, first.min.to_string()),
        fmt::format("grade \"{}\" starts below 0 at {}", first.grade, first.min.to_string()));
  }
  for (std::size_t k = 0; k + 1 < order.size(); ++k) {
    const auto& a = bands[order[k]];
    const auto& b = bands[order[k + 1]];
    const std::string p = json_pointer_append(path, order[k + 1]);
    if (b.min < a.max || (b.min == a.max && a.max_inclusive && b.min_inclusive)) {
      add("grade_bands.overlap", p,
          fmt::format("等级“{}”{} 与“{}”{} 重叠", a.grade, bracket(a), b.grade, bracket(b)),
          fmt::format("grade \"{}\" {} overlaps \"{}\" {}", a.grade, bracket(a), b.grade,
                      bracket(b)));
    } else if (b.min > a.max || (!a.max_inclusive && !b.min_inclusive)) {
      add("grade_bands.gap", p,
          fmt::format("等级“{}”{} 与“{}”{} 之间有空档", a.grade, bracket(a), b.grade, bracket(b)),
          fmt::format("there is a gap between grade \"{}\" {} and \"{}\" {}", a.grade, bracket(a),
                      b.grade, bracket(b)));
    }
  }
  const auto& last = bands[order.back()];
  if (last.max < total || (last.max == total && !last.max_inclusive)) {
    add("grade_bands.gap", json_pointer_append(path, order.back()),
        fmt::format("等级区间未覆盖满分 {}：最高的等级“{}”为 {}", total.to_string(), last.grade,
                    bracket(last)),
        fmt::format("grade bands do not reach the total {}: the highest band \"{}\" is {}",
                    total.to_string(), last.grade, bracket(last)));
  } else if (last.max > total) {
    add("grade_bands.out_of_range", json_pointer_append(path, order.back()),
        fmt::format("等级“{}”的上限 {} 超过满分 {}", last.grade, last.max.to_string(),
                    total.to_string()),
        fmt::format("grade \"{}\" ends at {}, above the total {}", last.grade, last.max.to_string(),
                    total.to_string()));
  }
  return out;
}

const GradeBand* grade_for(const GradeBands& bands, Decimal score) {
  for (const auto& b : bands)
    if (b.contains(score)) return &b;
  return nullptr;
}

}  // namespace selfeval
