# Production shares. Each entry: shares (explicit), optional rest ("gdp" or "gdp_pop": the remainder
# 1 - sum(explicit) is spread over every state NOT named, in proportion to GDP or to sqrt(GDP x population)),
# source ids, and a one-line comment for the YAML.
A = "assumption"
P = {}
def prod(item, shares, source, comment, rest=None, tonnes=False):
    P[item] = dict(shares=shares, source=source, comment=comment, rest=rest, tonnes=tonnes)

# ---- formula-based civilian items ----
prod("services", {}, [A, "wb_wdi"], "proportional to GDP (all states)", rest="gdp")
prod("processed_food", {}, [A, "wb_wdi"], "proportional to sqrt(GDP x population) (all states)", rest="gdp_pop")
# ---- hand-entered civilian items; remainder spread over the other states ----
prod("agriculture", {"CHN": .28, "IND": .14, "USA": .06, "IDN": .04, "BRA": .03, "NGA": .025, "XLD": .06, "XAF": .035, "PAK": .018, "RUS": .018,
     "TUR": .012, "ETH": .012, "BGD": .011, "EGY": .01, "VNM": .01, "MEX": .009, "JPN": .009, "FRA": .009, "THA": .009, "PHL": .009, "IRN": .008,
     "AUS": .008, "ESP": .008, "ITA": .008, "ARG": .007, "CAN": .007, "MYS": .007, "DEU": .006, "KOR": .006},
     [A, "wb_wdi"], "approx. shares of world agricultural value added, rounded; remainder by sqrt(GDP x population)", rest="gdp_pop")
prod("crude_oil_gas", {"USA": .20, "RUS": .11, "SAU": .085, "XME": .10, "CAN": .05, "IRN": .05, "CHN": .05, "XAF": .04, "ARE": .035, "NOR": .035,
     "BRA": .03, "XAS": .03, "AUS": .025, "KAZ": .02, "MEX": .02, "XLA": .02, "NGA": .015, "IDN": .015, "MYS": .015, "EGY": .012, "COL": .01,
     "GBR": .01, "IND": .01, "ARG": .008}, ["ei_2024", A], "approx. value shares of oil and gas output 2023, rounded; remainder by GDP", rest="gdp")
prod("metal_ores", {"AUS": .22, "CHN": .14, "BRA": .10, "CHL": .07, "XLA": .05, "RUS": .05, "IND": .05, "ZAF": .05, "CAN": .04, "USA": .04,
     "IDN": .04, "XLD": .04, "KAZ": .02, "MEX": .02, "XAF": .01, "UKR": .01, "SWE": .01, "IRN": .01}, [A],
     "rough value shares of iron, bauxite, copper, nickel and lithium mining; remainder by GDP", rest="gdp")
prod("energy", {"CHN": .27, "USA": .155, "IND": .063, "RUS": .05, "JPN": .028, "CAN": .023, "BRA": .021, "IRN": .02, "KOR": .02, "SAU": .019,
     "DEU": .018, "IDN": .016, "FRA": .014, "MEX": .013, "TUR": .012, "GBR": .011, "ITA": .01, "AUS": .009, "THA": .008, "ESP": .008},
     ["ei_2024", A], "approx. shares of world primary energy consumption 2023, rounded; remainder by GDP", rest="gdp")
prod("steel", {"CHN": .54, "IND": .074, "JPN": .046, "USA": .043, "RUS": .04, "KOR": .035, "DEU": .019, "TUR": .018, "BRA": .017, "IRN": .016,
     "ITA": .011, "TWN": .011, "VNM": .01, "IDN": .009, "MEX": .009, "ESP": .006, "CAN": .006, "FRA": .005, "SAU": .005, "EGY": .005, "MYS": .004,
     "POL": .004, "AUT": .004, "BEL": .003, "NLD": .003, "GBR": .003, "UKR": .003}, ["worldsteel_2024", A],
     "approx. crude steel output shares 2023, rounded; remainder by GDP", rest="gdp")
prod("basic_chemicals", {"CHN": .44, "USA": .105, "DEU": .04, "FRA": .017, "NLD": .017, "BEL": .013, "ITA": .013, "ESP": .01, "POL": .005,
     "AUT": .003, "SWE": .003, "CZE": .003, "IRL": .003, "FIN": .003, "JPN": .04, "KOR": .035, "IND": .035, "SAU": .02, "TWN": .015, "RUS": .015,
     "BRA": .015, "GBR": .01, "CHE": .01}, ["cefic_2024", A],
     "CHN, EU (13%, split by assumption) and USA approx. world chemical sales shares; others assumption; remainder by GDP", rest="gdp")
prod("machinery", {"CHN": .30, "USA": .13, "DEU": .11, "JPN": .09, "ITA": .05, "KOR": .04, "FRA": .02, "CHE": .02, "GBR": .02, "TWN": .02,
     "IND": .02, "NLD": .01, "AUT": .01, "SWE": .01, "ESP": .01, "CZE": .01, "POL": .01, "MEX": .01, "TUR": .01, "CAN": .01, "BRA": .01},
     [A], "rough shares of world machinery output; remainder by GDP", rest="gdp")
prod("motor_vehicles", {"CHN": .323, "USA": .113, "JPN": .096, "IND": .063, "KOR": .045, "DEU": .044, "MEX": .043, "ESP": .026, "BRA": .025,
     "THA": .02, "CAN": .017, "FRA": .016, "TUR": .016, "CZE": .015, "IDN": .015, "IRN": .013, "SVK": .012, "GBR": .011, "ITA": .009, "MYS": .008,
     "RUS": .008, "ZAF": .006, "ARG": .004, "POL": .004, "HUN": .005, "ROU": .005, "PRT": .003, "BEL": .003, "SWE": .003},
     ["oica_2023", A], "approx. shares of world motor-vehicle production (units) 2023, rounded; remainder by GDP", rest="gdp")
prod("lithium_ion_batteries", {"CHN": .75, "USA": .06, "KOR": .04, "POL": .04, "HUN": .03, "JPN": .03, "DEU": .02, "SWE": .01, "IND": .01, "TWN": .01},
     [A], "approx.: China about three quarters of cell output; others assumption")
prod("consumer_electronics", {"CHN": .50, "VNM": .08, "KOR": .05, "IND": .05, "MEX": .05, "JPN": .04, "USA": .04, "TWN": .03, "MYS": .03,
     "THA": .02, "DEU": .02, "HUN": .01, "CZE": .01, "POL": .01, "IDN": .01, "BRA": .01, "PHL": .01, "SGP": .01, "TUR": .01, "ARG": .005, "RUS": .005},
     [A], "assembly location, rough shares")
prod("telecom_network_equipment", {"CHN": .40, "USA": .18, "FIN": .14, "SWE": .13, "KOR": .04, "JPN": .04, "IND": .02, "TWN": .02, "DEU": .02, "FRA": .01},
     [A], "approx. vendor market shares by home state (Huawei+ZTE, Nokia, Ericsson, US vendors), rounded")
prod("civil_aircraft", {"USA": .42, "FRA": .22, "DEU": .10, "CAN": .05, "BRA": .05, "GBR": .05, "ESP": .04, "CHN": .03, "ITA": .02, "JPN": .01, "RUS": .01},
     [A], "rough shares of civil airframe output (Airbus split FRA/DEU/ESP/GBR)")
prod("pharmaceuticals", {"USA": .28, "CHN": .11, "CHE": .07, "DEU": .07, "IRL": .06, "JPN": .06, "FRA": .04, "GBR": .04, "ITA": .04, "IND": .03,
     "BEL": .03, "DNK": .025, "ESP": .02, "KOR": .015, "NLD": .015, "SWE": .01, "CAN": .01, "BRA": .01, "RUS": .01, "ISR": .01, "SGP": .01,
     "AUS": .005, "MEX": .005, "TUR": .005, "EGY": .005}, [A], "rough shares of pharmaceutical output; remainder by GDP", rest="gdp")
prod("textiles_apparel", {"CHN": .35, "IND": .06, "BGD": .05, "VNM": .05, "TUR": .04, "ITA": .03, "PAK": .03, "USA": .03, "XLD": .03, "IDN": .02,
     "DEU": .015, "BRA": .015, "KOR": .01, "TWN": .01, "JPN": .01, "ESP": .01, "PRT": .01, "FRA": .01, "MEX": .01, "THA": .01, "EGY": .01, "ETH": .003},
     ["wto_wtsr_2023", A], "rough output shares informed by textile and clothing export shares; remainder by sqrt(GDP x population)", rest="gdp_pop")

# ---- critical minerals ----
prod("gallium", {"CHN": .98, "RUS": .008, "KOR": .006, "JPN": .006}, ["usgs_mcs_2024", A], "China about 98% of primary gallium 2023 (USGS MCS 2024, approx.); rest assumption")
prod("germanium", {"CHN": .60, "BEL": .10, "CAN": .08, "RUS": .08, "USA": .07, "JPN": .04, "DEU": .03}, ["usgs_mcs_2024", A],
     "China about 60% of refined germanium 2023 (USGS MCS 2024, approx.); split of the rest is an assumption")
prod("rare_earth_concentrate", {"CHN": 240000, "USA": 43000, "XLD": 38960, "AUS": 18000, "THA": 7100, "IND": 2900, "RUS": 2600, "VNM": 600, "BRA": 80},
     ["usgs_mcs_2024"], "mine production 2023, t REO (USGS MCS 2024, approx.; XLD = Myanmar 38,000 + Madagascar 960)", tonnes=True)
prod("rare_earth_oxides", {"CHN": .90, "MYS": .05, "EST": .01, "USA": .01, "JPN": .01, "IND": .01, "VNM": .005, "RUS": .005},
     [A], "assumption: China about 90% of rare-earth separation (a rounded industry figure whose primary source was not checked); rest assumption (Lynas in MYS, NPM Silmet in EST, ...)")
prod("rare_earth_magnets", {"CHN": .90, "JPN": .07, "DEU": .01, "VNM": .01, "USA": .005, "KOR": .005}, [A],
     "approx.: China about 90% of sintered NdFeB magnets; rest assumption")
prod("natural_graphite", {"CHN": .77, "XLD": .125, "BRA": .045, "RUS": .01, "KOR": .01, "IND": .008, "PRK": .005, "NOR": .005, "CAN": .005,
     "TUR": .005, "XAS": .004, "UKR": .003, "AUT": .002, "MEX": .002, "DEU": .001},
     ["usgs_mcs_2024", A], "CHN, XLD (Madagascar, Mozambique) and BRA approx. USGS 2023 shares; smaller producers assumption")

# ---- semiconductors (SIA/BCG 2021 rows: USA, EU, JPN, KOR, TWN, CHN, other; EU and other split by assumption) ----
prod("eda_software", {"USA": .74, "GBR": .12, "DEU": .04, "FRA": .02, "NLD": .02, "JPN": .03, "CHN": .02, "ISR": .01},
     ["sia_bcg_2021", A], "SIA/BCG design software and core IP row (2019): USA 74, Europe 20 (split GBR 12 [Arm], DEU 4, FRA 2, NLD 2), JPN 3, CHN 2, other 1 (ISR)")
prod("logic_chips_advanced", {"USA": .67, "DEU": .03, "NLD": .03, "FRA": .01, "ITA": .01, "JPN": .04, "KOR": .04, "TWN": .09, "CHN": .06, "ISR": .01, "IND": .01},
     ["sia_bcg_2021", A], "SIA/BCG logic design row (2019): USA 67, EU 8 (DEU 3, NLD 3, FRA 1, ITA 1), JPN 4, KOR 4, TWN 9, CHN 6, other 2 (ISR 1, IND 1)")
prod("logic_chips_mature", "logic_chips_advanced", ["sia_bcg_2021", A], "proxy: the same SIA/BCG logic design row (the report does not split design by node; assumption)")
prod("analog_discrete_chips", {"USA": .37, "DEU": .08, "NLD": .05, "FRA": .03, "ITA": .03, "JPN": .22, "KOR": .03, "TWN": .06, "CHN": .09,
     "GBR": .01, "CHE": .01, "SGP": .01, "ISR": .01}, ["sia_bcg_2021", A],
     "SIA/BCG DAO design row (2019): USA 37, EU 19 (DEU 8, NLD 5, FRA 3, ITA 3), JPN 22, KOR 3, TWN 6, CHN 9, other 4 (GBR, CHE, SGP, ISR 1 each)")
prod("memory_chips", {"USA": .29, "JPN": .10, "KOR": .58, "TWN": .02, "CHN": .01}, ["sia_bcg_2021"],
     "SIA/BCG memory row (2019): USA 29, EU 0, JPN 10, KOR 58, TWN 2, CHN 1, other 0")
prod("other_semiconductor_equipment", {"USA": .41, "NLD": .14, "DEU": .03, "AUT": .01, "JPN": .31, "KOR": .03, "TWN": .01, "CHN": .02,
     "SGP": .01, "ISR": .01, "CHE": .01, "GBR": .01}, ["sia_bcg_2021", A],
     "SIA/BCG manufacturing equipment row (2019): USA 41, EU 18 (NLD 14, DEU 3, AUT 1), JPN 31, KOR 3, TWN 1, CHN 2, other 4 (SGP, ISR, CHE, GBR 1 each)")
prod("semiconductor_process_technology", {"USA": .41, "NLD": .14, "DEU": .03, "AUT": .01, "JPN": .31, "KOR": .03, "TWN": .01, "CHN": .02,
     "SGP": .01, "ISR": .01, "CHE": .01, "GBR": .01}, ["sia_bcg_2021", A],
     "proxy: same split as the SIA/BCG manufacturing equipment row (assumption)")
prod("semiconductor_materials", {"USA": .11, "DEU": .04, "FRA": .01, "BEL": .01, "JPN": .14, "KOR": .16, "TWN": .22, "CHN": .13,
     "SGP": .04, "MYS": .03, "IND": .02, "GBR": .02, "THA": .02, "ISR": .01, "VNM": .01, "PHL": .01, "RUS": .01, "XAS": .01}, ["sia_bcg_2021", A],
     "SIA/BCG materials row (2019): USA 11, EU 6 (DEU 4, FRA 1, BEL 1), JPN 14, KOR 16, TWN 22, CHN 13, other 18 (split by assumption)")
prod("wafer_fabrication_mature", {"USA": .12, "DEU": .04, "FRA": .015, "ITA": .015, "IRL": .01, "JPN": .17, "KOR": .19, "TWN": .20, "CHN": .16,
     "SGP": .03, "ISR": .02, "MYS": .01, "GBR": .01, "IND": .005, "RUS": .005}, ["sia_bcg_2021", A],
     "SIA/BCG wafer fabrication row (2019): USA 12, EU 8 (DEU 4, FRA 1.5, ITA 1.5, IRL 1), JPN 17, KOR 19, TWN 20, CHN 16, other 8 (split by assumption)")
prod("assembly_test_packaging", {"USA": .02, "DEU": .01, "ITA": .01, "FRA": .005, "MLT": .005, "JPN": .06, "KOR": .09, "TWN": .19, "CHN": .38,
     "MYS": .09, "VNM": .04, "PHL": .04, "SGP": .03, "THA": .03}, ["sia_bcg_2021", A],
     "SIA/BCG assembly, packaging and test row (2019): USA 2, EU 3 (DEU 1, ITA 1, FRA 0.5, MLT 0.5), JPN 6, KOR 9, TWN 19, CHN 38, other 23 (MYS 9, VNM 4, PHL 4, SGP 3, THA 3)")
# Advanced-node fabs: SIA/BCG 2021 logic capacity by node, 2019: below 10 nm TWN 92, other 8 (KOR); 10-22 nm
# USA 43, TWN 28, CHN 3, other 26. The two classes are averaged with equal weight (assumption) to stand for the
# rules' line at 16/14 nm; the 'other' columns are split by assumption (KOR: Samsung; IRL, ISR: Intel; DEU: GlobalFoundries).
prod("wafer_fabrication_advanced", {"TWN": .60, "USA": .215, "KOR": .09, "IRL": .025, "ISR": .02, "DEU": .02, "CHN": .015, "SGP": .01, "JPN": .005},
     ["sia_bcg_2021", A], "SIA/BCG 2021 logic capacity 2019, mean of the <10 nm (TWN 92, KOR 8) and 10-22 nm (USA 43, TWN 28, CHN 3, other 26) classes; other split by assumption")
prod("silicon_wafers", {"JPN": .56, "TWN": .16, "DEU": .14, "KOR": .10, "CHN": .04}, ["cset_2021"],
     "silicon wafers by firm home state, 2019 (CSET 2021): JPN 56, TWN 16, DEU 14, KOR 10, CHN 4")
# Chip-making tools, by firm home state. Advanced-node tools: CSET 2021 (2019 market shares) where it gives a
# tool class; deposition, etch and process control families are rounded aggregates over CSET's tool classes
# weighted by assumption, so they are marked assumption too. Mature-node tools: assumption (China's makers,
# e.g. NAURA, AMEC, Piotech, SMEE, sell mostly mature-node tools; CSET calls their advanced-node shares negligible).
prod("lithography_euv", {"NLD": 1.0}, ["cset_2021"], "EUV scanners: NLD 100% (ASML; CSET 2021)")
prod("lithography_duv_advanced", {"NLD": .91, "JPN": .09}, ["cset_2021"], "ArF immersion scanners: NLD 91, JPN 9 (CSET 2021, 2019)")
prod("lithography_duv_mature", {"NLD": .55, "JPN": .42, "CHN": .03}, ["cset_2021", A],
     "dry ArF scanners NLD 57, JPN 43 (CSET 2021, 2019), rescaled to leave CHN 3 (SMEE; assumption); KrF and i-line (mostly JPN) not separated")
prod("deposition_equipment_advanced", {"USA": .60, "JPN": .16, "NLD": .14, "KOR": .06, "GBR": .02, "CHN": .01, "CHE": .01}, ["cset_2021", A],
     "family share rounded from CSET 2021 classes by assumption (2019): plasma CVD USA 91; PVD USA 92; LPCVD USA 59, JPN 31; ALD JPN 38, NLD 36, USA 17, KOR 7")
prod("deposition_equipment_mature", {"USA": .52, "JPN": .20, "NLD": .08, "CHN": .10, "KOR": .07, "GBR": .02, "CHE": .01}, [A],
     "the advanced split with China's makers (NAURA, Piotech) at 10%")
prod("etch_clean_equipment_advanced", {"USA": .55, "JPN": .38, "KOR": .03, "CHN": .02, "GBR": .01, "DEU": .01}, ["cset_2021", A],
     "family share rounded from CSET 2021 classes by assumption (2019): conductor etch USA 84, JPN 16; dielectric etch JPN 60, USA 36, CHN 3; wet etch and clean JPN 72, USA 16, KOR 6, CHN 3")
prod("etch_clean_equipment_mature", {"USA": .45, "JPN": .32, "CHN": .14, "KOR": .06, "GBR": .01, "DEU": .01, "AUT": .01}, [A],
     "the advanced split with China's makers (AMEC, NAURA, ACM Research) at 14%")
prod("process_control_equipment_advanced", {"USA": .72, "JPN": .15, "DEU": .06, "NLD": .04, "ISR": .02, "KOR": .01}, ["cset_2021", A],
     "family share rounded from CSET 2021 classes by assumption (2019): photomask inspection USA 58, JPN 23, DEU 18; wafer inspection mostly USA (KLA)")
prod("process_control_equipment_mature", {"USA": .66, "JPN": .15, "CHN": .05, "ISR": .05, "DEU": .04, "NLD": .03, "KOR": .02}, [A],
     "the advanced split with China's and Israel's makers larger")
prod("compound_semiconductor_wafers", {"JPN": .35, "USA": .25, "CHN": .20, "DEU": .07, "TWN": .05, "KOR": .03, "FRA": .03, "GBR": .02}, [A], "assumption")
prod("high_end_fpgas_adcs", {"USA": .70, "CHN": .08, "JPN": .05, "FRA": .05, "GBR": .04, "DEU": .03, "TWN": .03, "ISR": .02}, [A], "assumption")
prod("ai_accelerators", {"USA": .85, "CHN": .06, "TWN": .03, "KOR": .02, "GBR": .02, "ISR": .02}, [A], "assumption (designer's home state)")
prod("high_bandwidth_memory", {"KOR": .90, "USA": .10}, [A], "approx.: two Korean makers about 90%, one US maker about 10% (industry estimates, rounded)")
prod("high_performance_computers", {"USA": .42, "CHN": .20, "TWN": .18, "MEX": .06, "JPN": .04, "FRA": .03, "DEU": .02, "KOR": .02, "MYS": .02, "IND": .01},
     [A], "assumption (brand owners and server assembly)")

# ---- Wassenaar dual-use and munitions ----
prod("carbon_fibre_composites", {"JPN": .40, "CHN": .20, "USA": .18, "DEU": .07, "KOR": .05, "TWN": .05, "TUR": .03, "HUN": .02}, [A], "assumption")
prod("cnc_machine_tools", {"CHN": .28, "DEU": .16, "JPN": .15, "ITA": .08, "USA": .07, "CHE": .05, "KOR": .05, "TWN": .05, "AUT": .02, "ESP": .02,
     "IND": .02, "FRA": .01, "GBR": .01, "CZE": .01, "TUR": .01, "CAN": .01}, [A], "rough shares of machine-tool output")
prod("information_security_products", {"USA": .55, "ISR": .12, "CHN": .12, "GBR": .04, "JPN": .03, "DEU": .03, "FRA": .03, "KOR": .02, "CAN": .02,
     "IND": .02, "CHE": .01, "FIN": .01}, [A], "assumption")
prod("infrared_imaging_sensors", {"USA": .30, "CHN": .28, "FRA": .14, "ISR": .05, "GBR": .05, "DEU": .04, "JPN": .04, "KOR": .03, "RUS": .03,
     "TUR": .02, "ITA": .01, "SWE": .01}, [A], "assumption")
prod("high_power_lasers", {"DEU": .28, "USA": .28, "CHN": .25, "JPN": .09, "GBR": .03, "KOR": .02, "FRA": .02, "ISR": .01, "CHE": .01, "LTU": .01}, [A], "assumption")
prod("inertial_navigation_systems", {"USA": .38, "FRA": .18, "CHN": .10, "GBR": .07, "RUS": .07, "DEU": .05, "ISR": .03, "JPN": .03, "ITA": .03,
     "NOR": .02, "IND": .02, "TUR": .01, "KOR": .01}, [A], "assumption")
prod("underwater_vehicles_sonar", {"USA": .30, "NOR": .20, "GBR": .10, "FRA": .10, "CHN": .10, "DEU": .05, "JPN": .04, "RUS": .03, "ITA": .02,
     "KOR": .02, "CAN": .02, "SWE": .02}, [A], "assumption")
prod("aero_gas_turbine_engines", {"USA": .48, "FRA": .18, "GBR": .18, "DEU": .04, "CAN": .04, "JPN": .02, "ITA": .02, "RUS": .02, "CHN": .02}, [A], "assumption")
prod("conventional_arms", {"USA": .42, "FRA": .11, "RUS": .11, "CHN": .058, "DEU": .056, "ITA": .043, "GBR": .037, "ESP": .027, "ISR": .024, "KOR": .02,
     "TUR": .017, "NLD": .012, "SWE": .01, "CHE": .008, "CAN": .007, "UKR": .006, "AUS": .006, "NOR": .006, "ARE": .005, "POL": .004, "CZE": .004,
     "ZAF": .003, "BLR": .003, "BRA": .003, "IND": .001}, ["sipri_at_2024", A],
     "top ten approx. SIPRI shares of major-arms exports 2019-23 (proxy for output); the other 9.5% split by assumption")

# ---- NSG ----
prod("uranium_ore_concentrate", {"KAZ": 21227, "CAN": 7351, "XAF": 5613, "AUS": 4553, "XAS": 3300, "RUS": 2508, "XLD": 2020, "CHN": 1700,
     "IND": 600, "ZAF": 200, "UKR": 100, "USA": 75, "PAK": 45, "IRN": 20}, ["wna_uranium"],
     "uranium mine production 2022, tU (WNA, approx.; XAF = Namibia, XAS = Uzbekistan, XLD = Niger)", tonnes=True)
prod("enriched_uranium", {"RUS": .44, "CHN": .14, "FRA": .12, "NLD": .09, "GBR": .07, "USA": .07, "DEU": .06, "IND": .004, "PAK": .004, "IRN": .002},
     ["wna_enrichment", A], "approx. shares of world enrichment capacity (Rosatom, CNNC, Orano, Urenco plants by location); IND, PAK, IRN assumption")
prod("nuclear_fuel_assemblies", {"USA": .23, "RUS": .17, "FRA": .12, "CHN": .12, "KOR": .06, "JPN": .05, "CAN": .04, "IND": .04, "SWE": .03, "ESP": .03,
     "DEU": .03, "GBR": .02, "KAZ": .02, "ARG": .01, "BRA": .01, "ROU": .01, "PAK": .005, "IRN": .005}, [A], "assumption")
prod("nuclear_reactor_components", {"CHN": .30, "RUS": .18, "KOR": .12, "FRA": .12, "JPN": .10, "USA": .08, "IND": .04, "CAN": .02, "CZE": .02,
     "GBR": .01, "ARG": .01}, [A], "assumption")
prod("frequency_changers", {"CHN": .25, "JPN": .18, "DEU": .15, "USA": .10, "CHE": .08, "FIN": .06, "DNK": .05, "FRA": .05, "ITA": .03, "KOR": .03, "TWN": .02},
     [A], "assumption")
prod("maraging_steel_alloys", {"USA": .25, "CHN": .20, "JPN": .15, "DEU": .10, "FRA": .08, "RUS": .07, "SWE": .05, "IND": .04, "GBR": .03, "AUT": .03},
     [A], "assumption")
# ---- MTCR ----
prod("space_launch_vehicles", {"USA": .60, "CHN": .20, "RUS": .07, "FRA": .05, "JPN": .03, "IND": .03, "NZL": .01, "ITA": .01}, [A], "assumption")
prod("rocket_propulsion_subsystems", {"USA": .55, "CHN": .20, "RUS": .10, "FRA": .05, "JPN": .03, "IND": .03, "DEU": .02, "UKR": .01, "ITA": .01}, [A], "assumption")
prod("large_uav_systems", {"USA": .47, "CHN": .20, "ISR": .15, "TUR": .12, "RUS": .02, "FRA": .02, "GBR": .01, "ITA": .01}, [A], "assumption")
prod("solid_propellant_chemicals", {"USA": .30, "CHN": .25, "FRA": .08, "RUS": .08, "IND": .06, "JPN": .05, "DEU": .04, "GBR": .03, "KOR": .03,
     "ISR": .02, "TUR": .02, "ITA": .02, "PAK": .01, "IRN": .01}, [A], "assumption")
prod("flow_forming_machines", {"DEU": .35, "USA": .15, "CHN": .15, "JPN": .08, "ITA": .07, "GBR": .05, "CHE": .04, "KOR": .04, "IND": .04, "TWN": .03}, [A], "assumption")
# ---- Australia Group ----
prod("cw_precursor_chemicals", "basic_chemicals", [A], "proxy: same shares as basic_chemicals (assumption)")
prod("chemical_process_equipment", {"DEU": .20, "CHN": .20, "USA": .18, "JPN": .08, "ITA": .07, "FRA": .04, "CHE": .04, "KOR": .04, "IND": .04, "GBR": .03,
     "NLD": .02, "SWE": .02, "AUT": .02, "ESP": .02}, [A], "assumption")
prod("biological_process_equipment", {"USA": .30, "DEU": .18, "CHN": .15, "CHE": .07, "JPN": .07, "GBR": .05, "FRA": .04, "SWE": .04, "DNK": .02,
     "KOR": .02, "IND": .02, "ITA": .02, "NLD": .02}, [A], "assumption")
prod("pathogens_toxins", {"USA": .40, "CHN": .10, "GBR": .08, "KOR": .08, "DEU": .07, "FRA": .05, "IND": .04, "JPN": .04, "CHE": .03, "RUS": .03,
     "NLD": .02, "CAN": .02, "AUS": .02, "ITA": .02}, [A], "assumption")

# Public bilateral figures the generated links honour (world.generate.import_shares): of what the
# buying state's firms import of the item, these shares come from these states; the rest from the
# other makers, fitted to the production shares (docs/DEFAULT_WORLD.md, "Who buys from whom").
IMPORT_SHARES = [
  dict(buyer="USA", item="rare_earth_oxides", shares={"CHN": .70, "MYS": .13, "JPN": .06, "EST": .05}, source=["usgs_mcs_2025"],
       comment="US import sources of rare-earth compounds and metals, 2020-23: China 70, Malaysia 13, Japan 6, Estonia 5, other 6 (USGS MCS 2025, approx.)"),
  dict(buyer="CHN", item="lithography_euv", shares={"NLD": 0}, source=["reuters_2020_asml_euv"],
       comment="no EUV scanner has been shipped to China; the Dutch licence lapsed in 2019 (Reuters 2020)"),
]
