#include "target/direction.hpp"

namespace selfeval {

std::optional<Direction> parse_direction(std::string_view t) {
  if (t == "正向" || t == "positive") return Direction::kPositive;
  if (t == "反向" || t == "reverse") return Direction::kReverse;
  if (t == "等于" || t == "equal") return Direction::kEqual;
  if (t == "定性" || t == "qualitative") return Direction::kQualitative;
  return std::nullopt;
}

std::string direction_name(Direction d) {
  switch (d) {
    case Direction::kPositive:
      return "正向";
    case Direction::kReverse:
      return "反向";
    case Direction::kEqual:
      return "等于";
    case Direction::kQualitative:
      return "定性";
    case Direction::kUnspecified:
      break;
  }
  return "";
}

const DirectionChoice* direction_choices(std::size_t* count) {
  static constexpr DirectionChoice kChoices[] = {
      {"正向", "正向（≥，越大越好）", "Positive (≥, more is better)"},
      {"反向", "反向（≤，越小越好）", "Reverse (≤, less is better)"},
      {"等于", "等于（=）", "Equal (=)"},
      {"定性", "定性（按达成程度）", "Qualitative (by tier)"}};
  *count = sizeof kChoices / sizeof kChoices[0];
  return kChoices;
}

}  // namespace selfeval
