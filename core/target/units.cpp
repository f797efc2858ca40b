#include "target/units.hpp"

#include <array>

namespace selfeval {
namespace {

// Longer entries first where one is a prefix of another is not needed: matching
// always tries every entry and keeps the longest.
constexpr std::u32string_view kUnits[] = {
    U"%",
    U"‰",
    U"个百分点",
    U"百分点",
    // people and organisations
    U"个",
    U"名",
    U"人",
    U"人次",
    U"户",
    U"户次",
    U"家",
    U"家次",
    U"位",
    // events and documents
    U"次",
    U"场",
    U"场次",
    U"期",
    U"期次",
    U"宗",
    U"件",
    U"件次",
    U"份",
    U"篇",
    U"篇次",
    U"项",
    U"项次",
    U"条",
    U"本",
    U"册",
    U"部",
    U"批",
    U"批次",
    U"课时",
    U"学时",
    U"节",
    U"门",
    U"轮",
    U"类",
    U"种",
    U"回",
    // things
    U"台",
    U"套",
    U"台套",
    U"辆",
    U"所",
    U"座",
    U"栋",
    U"间",
    U"张",
    U"处",
    U"株",
    U"棵",
    U"盏",
    U"块",
    U"个点",
    // length, area, volume, mass, energy
    U"米",
    U"公里",
    U"千米",
    U"平方米",
    U"㎡",
    U"平方公里",
    U"亩",
    U"公顷",
    U"立方米",
    U"吨",
    U"万吨",
    U"千瓦",
    U"千瓦时",
    // money
    U"元",
    U"万元",
    U"亿元",
    U"千元",
    // points
    U"分",
    // time
    U"天",
    U"日",
    U"个工作日",
    U"工作日",
    U"小时",
    U"分钟",
    U"周",
    U"个月",
    U"月",
    U"年",
};

constexpr std::u32string_view kPeriods[] = {U"年", U"月", U"季度", U"季", U"周",
                                            U"日", U"天", U"人",   U"户"};

constexpr std::u32string_view kCountUnits[] = {
    U"个", U"名",   U"人", U"人次", U"户", U"户次", U"家",   U"家次", U"位",  U"次",
    U"场", U"场次", U"期", U"期次", U"宗", U"件",   U"件次", U"份",   U"篇",  U"篇次",
    U"项", U"项次", U"条", U"本",   U"册", U"部",   U"批",   U"台",   U"套",  U"辆",
    U"所", U"座",   U"栋", U"间",   U"张", U"处",   U"株",   U"棵",   U"批次"};

std::size_t longest_prefix(std::u32string_view text, const auto& list) {
  std::size_t best = 0;
  for (auto u : list)
    if (u.size() > best && text.substr(0, u.size()) == u) best = u.size();
  return best;
}

}  // namespace

std::size_t match_unit(std::u32string_view text) { return longest_prefix(text, kUnits); }

bool is_known_unit(std::u32string_view unit) {
  for (auto u : kUnits)
    if (u == unit) return true;
  return false;
}

std::size_t match_period(std::u32string_view text) { return longest_prefix(text, kPeriods); }

bool is_count_unit(std::u32string_view unit) {
  for (auto u : kCountUnits)
    if (u == unit) return true;
  return false;
}

}  // namespace selfeval
