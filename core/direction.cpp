#include "direction.hpp"

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

}  // namespace selfeval
