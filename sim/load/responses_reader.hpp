// The `responses:` section of a scenario: the parameters of the agents' answers
// (model/responses.hpp).
#pragma once

#include <string>

#include "load/document.hpp"
#include "model/responses.hpp"

namespace regimesim::load {

Responses read_responses(const Node& n, const std::string& path, const World& w);

}  // namespace regimesim::load
