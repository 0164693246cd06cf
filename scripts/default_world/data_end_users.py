# WMD-risk end users: a few listed firms (end_use wmd_risk) that stand for programmes of proliferation
# concern. Each makes its own abstract item, bought only by its own state's final demand, so that
# catch-all and non-proliferation scenarios have a buyer to deny and wmd_leakage has something to count.
# Sizes and recipes are assumptions (orders of magnitude only); the states follow public reporting.
A = "assumption"
END_USERS = [
  dict(firm="irn_nuclear_programme", state="IRN", item="nuclear_programme_irn",
       name="Nuclear programme of proliferation concern in Iran (abstract WMD-risk end user)",
       demand=0.1, tier=5,
       recipe={"uranium_ore_concentrate": 0.10, "frequency_changers": 0.08, "maraging_steel_alloys": 0.06, "nuclear_reactor_components": 0.05,
               "cnc_machine_tools": 0.05, "high_end_fpgas_adcs": 0.02, "analog_discrete_chips": 0.02, "basic_chemicals": 0.03, "services": 0.15},
       source=["iaea_gov_2024", A]),
  dict(firm="prk_missile_programme", state="PRK", item="missile_programme_prk",
       name="Ballistic-missile programme in the DPRK (abstract WMD-risk end user)",
       demand=0.05, tier=5,
       recipe={"rocket_propulsion_subsystems": 0.10, "solid_propellant_chemicals": 0.08, "inertial_navigation_systems": 0.05, "flow_forming_machines": 0.04,
               "carbon_fibre_composites": 0.04, "maraging_steel_alloys": 0.04, "high_end_fpgas_adcs": 0.03, "analog_discrete_chips": 0.02, "services": 0.15},
       source=["unsc_1718_poe_2024", A]),
  dict(firm="xme_chemical_programme", state="XME", item="chemical_programme_xme",
       name="Chemical-weapons programme in the Middle East aggregate, standing for Syria (abstract WMD-risk end user)",
       demand=0.005, tier=3,
       recipe={"cw_precursor_chemicals": 0.25, "chemical_process_equipment": 0.10, "basic_chemicals": 0.05, "services": 0.10},
       source=["opcw_iit_2023", A]),
]
