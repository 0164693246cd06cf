// The files the served page is made of, compiled into the binary (embed_page_assets.cmake):
// the teacher's and the teams' pages, their script and style, and the world map.
#pragma once

#include <string_view>
#include <vector>

namespace regimesim::classroom {

struct PageAsset {
  std::string_view url;           // "/", "/team", "/assets/classroom.js", ...
  std::string_view content_type;  // "text/html; charset=utf-8", ...
  std::string_view body;
};

const std::vector<PageAsset>& page_assets();

}  // namespace regimesim::classroom
