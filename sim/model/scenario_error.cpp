#include "model/scenario_error.hpp"

namespace regimesim {
namespace {

std::string format(const Origin& o, const std::string& message) {
  std::string s = o.file.empty() ? std::string("<input>") : o.file;
  if (o.line > 0) s += ":" + std::to_string(o.line) + ":" + std::to_string(o.column);
  s += ": error: ";
  if (!o.key_path.empty()) s += o.key_path + ": ";
  return s + message;
}

}  // namespace

ScenarioError::ScenarioError(Origin where, const std::string& message)
    : std::runtime_error(format(where, message)), where_(std::move(where)), message_(message) {}

}  // namespace regimesim
