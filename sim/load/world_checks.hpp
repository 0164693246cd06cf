// Checks that a world can start at all: every input has a supplier, every final
// demand has a maker, and the recipes together can be produced.
#pragma once

#include "load/world_generator.hpp"
#include "model/world.hpp"

namespace regimesim::load {

void check_generation_against_listed_firms(const World& w, const GenerationSpec& spec);
void check_every_input_supplied(const World& w);
void check_final_demand_has_makers(const World& w);
// Spectral radius of the item-level input-coefficient matrix must be below 1.
void check_recipes_productive(const World& w, const Origin& items_origin);

}  // namespace regimesim::load
