# code, name, status, gdp_usd_bn (2023, approx.), population_m (2023, approx.), sources
# status: UN DESA WESP 2024 (developed/developing; economies in transition -> developing) and UN LDC list.
DEV, DVG, LDC = "developed", "developing", "least_developed"
WB = ["wb_wdi", "un_wesp_2024"]
STATES = [
  # --- regime members (Wassenaar / NSG / MTCR / Australia Group) ---
  ("ARG", "Argentina", DVG, 641, 46.7, WB),
  ("AUS", "Australia", DEV, 1724, 26.6, WB),
  ("AUT", "Austria", DEV, 516, 9.1, WB),
  ("BEL", "Belgium", DEV, 632, 11.8, WB),
  ("BGR", "Bulgaria", DEV, 102, 6.4, WB),
  ("BLR", "Belarus", DVG, 72, 9.2, WB),
  ("BRA", "Brazil", DVG, 2174, 216.4, WB),
  ("CAN", "Canada", DEV, 2140, 40.1, WB),
  ("CHE", "Switzerland", DEV, 885, 8.8, WB),
  ("CHN", "China", DVG, 17795, 1410.7, WB),
  ("CYP", "Cyprus", DEV, 32, 1.3, WB),
  ("CZE", "Czechia", DEV, 330, 10.9, WB),
  ("DEU", "Germany", DEV, 4456, 84.5, WB),
  ("DNK", "Denmark", DEV, 404, 5.9, WB),
  ("ESP", "Spain", DEV, 1581, 48.4, WB),
  ("EST", "Estonia", DEV, 41, 1.4, WB),
  ("FIN", "Finland", DEV, 300, 5.6, WB),
  ("FRA", "France", DEV, 3031, 68.2, WB),
  ("GBR", "United Kingdom", DEV, 3340, 68.4, WB),
  ("GRC", "Greece", DEV, 243, 10.4, WB),
  ("HRV", "Croatia", DEV, 82, 3.9, WB),
  ("HUN", "Hungary", DEV, 212, 9.6, WB),
  ("IND", "India", DVG, 3550, 1428.6, WB),
  ("IRL", "Ireland", DEV, 545, 5.3, WB),
  ("ISL", "Iceland", DEV, 31, 0.39, WB),
  ("ITA", "Italy", DEV, 2255, 58.8, WB),
  ("JPN", "Japan", DEV, 4213, 124.5, WB),
  ("KAZ", "Kazakhstan", DVG, 262, 20.0, WB),
  ("KOR", "Republic of Korea", DVG, 1713, 51.7, WB),
  ("LTU", "Lithuania", DEV, 79, 2.9, WB),
  ("LUX", "Luxembourg", DEV, 86, 0.67, WB),
  ("LVA", "Latvia", DEV, 43, 1.9, WB),
  ("MEX", "Mexico", DVG, 1789, 128.5, WB),
  ("MLT", "Malta", DEV, 22, 0.54, WB),
  ("NLD", "Netherlands", DEV, 1118, 17.9, WB),
  ("NOR", "Norway", DEV, 486, 5.5, WB),
  ("NZL", "New Zealand", DEV, 253, 5.2, WB),
  ("POL", "Poland", DEV, 811, 36.7, WB),
  ("PRT", "Portugal", DEV, 287, 10.5, WB),
  ("ROU", "Romania", DEV, 351, 19.1, WB),
  ("RUS", "Russian Federation", DVG, 2021, 143.8, WB),
  ("SRB", "Serbia", DVG, 75, 6.6, WB),
  ("SVK", "Slovakia", DEV, 133, 5.4, WB),
  ("SVN", "Slovenia", DEV, 69, 2.1, WB),
  ("SWE", "Sweden", DEV, 584, 10.5, WB),
  ("TUR", "Türkiye", DVG, 1108, 85.3, WB),
  ("UKR", "Ukraine", DVG, 179, 37.0, WB),
  ("USA", "United States", DEV, 27361, 334.9, WB),
  ("ZAF", "South Africa", DVG, 377, 63.2, WB),
  # --- other G20 economies ---
  ("IDN", "Indonesia", DVG, 1371, 277.5, WB),
  ("SAU", "Saudi Arabia", DVG, 1068, 33.3, WB),
  # --- other states named for supply chains, proliferation concern or development status ---
  ("ARE", "United Arab Emirates", DVG, 504, 10.2, WB),
  ("ARM", "Armenia", DVG, 24, 2.8, WB),
  ("BGD", "Bangladesh", LDC, 437, 172.9, ["wb_wdi", "un_wesp_2024", "un_ldc_list"]),
  ("CHL", "Chile", DVG, 336, 19.6, WB),
  ("COL", "Colombia", DVG, 364, 52.1, WB),
  ("EGY", "Egypt", DVG, 396, 112.7, WB),
  ("ETH", "Ethiopia", LDC, 160, 126.5, ["wb_wdi", "un_wesp_2024", "un_ldc_list"]),
  ("GEO", "Georgia", DVG, 30, 3.8, WB),
  ("HKG", "Hong Kong SAR, China", DVG, 382, 7.5, WB),
  ("IRN", "Iran (Islamic Republic of)", DVG, 404, 89.2, WB),
  ("ISR", "Israel", DVG, 510, 9.8, WB),
  ("KGZ", "Kyrgyzstan", DVG, 14, 7.1, WB),
  ("MYS", "Malaysia", DVG, 400, 34.3, WB),
  ("NGA", "Nigeria", DVG, 363, 223.8, WB),
  ("PAK", "Pakistan", DVG, 338, 240.5, WB),
  ("PHL", "Philippines", DVG, 437, 117.3, WB),
  ("PRK", "Democratic People's Republic of Korea", DVG, 30, 26.2, ["bok_prk_2024", "un_wpp_2024", "un_wesp_2024"]),
  ("SGP", "Singapore", DVG, 501, 5.9, WB),
  ("THA", "Thailand", DVG, 515, 71.8, WB),
  ("TWN", "Taiwan Province of China", DVG, 756, 23.4, ["imf_weo_2024", "un_wesp_2024"]),
  ("VNM", "Viet Nam", DVG, 430, 98.9, WB),
  # --- rest-of-world aggregates (user-assigned X codes); residual estimates ---
  ("XEU", "Rest of Europe (non-EU Western Balkans, Moldova, European micro-states)", DVG, 120, 13.0, ["wb_wdi", "un_wesp_2024", "assumption"]),
  ("XME", "Rest of Middle East (Iraq, Gulf states not listed, Jordan, Lebanon, Syria, Palestine)", DVG, 880, 104.0, ["wb_wdi", "un_wesp_2024", "assumption"]),
  ("XAF", "Rest of Africa, not least developed (Algeria, Morocco, Kenya, Angola, Ghana, ...)", DVG, 1010, 321.0, ["wb_wdi", "un_wesp_2024", "assumption"]),
  ("XLA", "Rest of Latin America and the Caribbean (Peru, Puerto Rico, Venezuela, Ecuador, ...)", DVG, 1420, 190.0, ["wb_wdi", "un_wesp_2024", "assumption"]),
  ("XAS", "Rest of Asia, not least developed (Central Asia, Azerbaijan, Sri Lanka, Mongolia, ...)", DVG, 410, 92.0, ["wb_wdi", "un_wesp_2024", "assumption"]),
  ("XOC", "Rest of Oceania, not least developed (Papua New Guinea, Fiji, ...)", DVG, 42, 13.0, ["wb_wdi", "un_wesp_2024", "assumption"]),
  ("XLD", "Least developed countries not listed elsewhere (42 of the 44 on the UN list)", LDC, 750, 814.0, ["wb_wdi", "un_ldc_list", "assumption"]),
]
WORLD_GDP_BN = 105400   # World Bank WDI, world GDP 2023, approx.
WORLD_POP_M = 8062      # World Bank WDI, world population 2023, approx.

# World Bank income group, FY2025 classification (1 July 2024, from 2023 GNI per capita; source wb_income_fy2025).
# FY2025 moved BGR and RUS up to high income and IRN and UKR up to upper-middle. TWN is listed by the World Bank as
# "Taiwan, China" (high income). PRK is low income. The aggregates take the group of most of their population
# (assumption; their members are mixed): XEU, XME, XLA upper-middle (Western Balkans; Iraq; Peru, Ecuador,
# Dominican Republic, Guatemala), XAF, XAS, XOC lower-middle (Morocco, Kenya, Ghana, ...; Uzbekistan, Sri Lanka,
# Tajikistan; Papua New Guinea), XLD low (most least developed countries).
H, UM, LM, L = "high", "upper_middle", "lower_middle", "low"
INCOME = {
  "ARG": UM, "AUS": H, "AUT": H, "BEL": H, "BGR": H, "BLR": UM, "BRA": UM, "CAN": H, "CHE": H, "CHN": UM, "CYP": H, "CZE": H,
  "DEU": H, "DNK": H, "ESP": H, "EST": H, "FIN": H, "FRA": H, "GBR": H, "GRC": H, "HRV": H, "HUN": H, "IND": LM, "IRL": H,
  "ISL": H, "ITA": H, "JPN": H, "KAZ": UM, "KOR": H, "LTU": H, "LUX": H, "LVA": H, "MEX": UM, "MLT": H, "NLD": H, "NOR": H,
  "NZL": H, "POL": H, "PRT": H, "ROU": H, "RUS": H, "SRB": UM, "SVK": H, "SVN": H, "SWE": H, "TUR": UM, "UKR": UM, "USA": H,
  "ZAF": UM, "IDN": UM, "SAU": H, "ARE": H, "ARM": UM, "BGD": LM, "CHL": H, "COL": UM, "EGY": LM, "ETH": L, "GEO": UM,
  "HKG": H, "IRN": UM, "ISR": H, "KGZ": LM, "MYS": UM, "NGA": LM, "PAK": LM, "PHL": LM, "PRK": L, "SGP": H, "THA": UM,
  "TWN": H, "VNM": LM,
  "XEU": UM, "XME": UM, "XAF": LM, "XLA": UM, "XAS": LM, "XOC": LM, "XLD": L,
}

# Security concern, enforcement effort and cooperation: a documented mapping (assumption) from sourced facts,
# n = how many of the four regimes (Wassenaar, NSG, MTCR, Australia Group) the state participates in
# (regimes.yaml and their sources), eu = EU member (one dual-use regime, Regulation (EU) 2021/821, with
# administrative cooperation between member states), hi = World Bank high income (administrative capacity):
#   security_concern   = 0.2 + 0.15 n                      (0.2 .. 0.8)
#   enforcement_effort = 0.2 + 0.1 n + 0.1 eu + 0.2 hi     (0.2 .. 0.9)
#   cooperation        = 0.2 + 0.1 n + 0.1 eu + 0.1 hi     (0.2 .. 0.8)
# The floor 0.2 stands for the controls UNSC resolution 1540 obliges every state to keep. UN General Assembly
# voting (alignment) and the Peddling Peril Index (enforcement capacity) would be better inputs; they are not
# used because their per-country figures were not available to check here (docs/DEFAULT_WORLD.md).
def state_figures(code, regimes):
    n = sum(1 for r in regimes if r["id"] != "eu" and code in r["members"])
    eu = 1 if any(r["id"] == "eu" and code in r["members"] for r in regimes) else 0
    hi = 1 if INCOME[code] == H else 0
    return dict(security_concern=round(0.2 + 0.15 * n, 4),
                enforcement_effort=round(0.2 + 0.1 * n + 0.1 * eu + 0.2 * hi, 4),
                cooperation=round(0.2 + 0.1 * n + 0.1 * eu + 0.1 * hi, 4),
                regimes=n, eu=eu, high_income=hi)

# Jurisdiction as other states' controls treat a state (world.states[].treated_as): since 2020 US export
# controls treat Hong Kong as China (Executive Order 13936 of 14 July 2020; BIS rule of December 2020).
TREATED_AS = {
    "HKG": [{"as": "CHN", "by": ["USA"], "source": "us_eo_13936_2020"}],
}
