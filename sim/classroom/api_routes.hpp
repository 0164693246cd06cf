// The JSON API under /api/ (docs/SERVE.md): everything the teacher's and the teams'
// pages do, so a session can be scripted with curl as well. Every handler answers a
// bad request with a 4xx and {"error": "..."}; nothing a client sends stops the server.
#pragma once

#include <httplib.h>

#include "classroom/scenario_library.hpp"
#include "classroom/session_table.hpp"

namespace regimesim::classroom {

inline constexpr std::size_t kMaxBody = 64 * 1024;  // the largest request a page sends is well under 1 kB

void add_api_routes(httplib::Server& server, ScenarioLibrary& library, SessionTable& sessions);
// The pages and their assets (page_assets.hpp) and the chart library (the report's).
void add_page_routes(httplib::Server& server);

}  // namespace regimesim::classroom
