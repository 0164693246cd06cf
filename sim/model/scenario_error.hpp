// The one error a user sees for a bad description: where, at which key path, what
// is wrong and what would be valid. The command line turns it into exit code 2.
#pragma once

#include <stdexcept>
#include <string>

#include "model/origin.hpp"

namespace regimesim {

class ScenarioError : public std::runtime_error {
 public:
  ScenarioError(Origin where, const std::string& message);
  const Origin& where() const { return where_; }
  const std::string& message() const { return message_; }

 private:
  Origin where_;
  std::string message_;
};

}  // namespace regimesim
