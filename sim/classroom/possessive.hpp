// A name's possessive as the class reads it: "Japan's", "Netherlands'", "United States'".
#pragma once

#include <string>
#include <string_view>

namespace regimesim::classroom {

inline std::string possessive(std::string_view name) {
  std::string out(name);
  out += !name.empty() && name.back() == 's' ? "'" : "'s";
  return out;
}

}  // namespace regimesim::classroom
