SOURCES = [
  dict(id="assumption", title="regimesim modelling assumption: see docs/DEFAULT_WORLD.md", publisher="regimesim", year=2026),
  # states
  dict(id="wb_wdi", title="World Development Indicators: GDP (current US$) NY.GDP.MKTP.CD and Population, total SP.POP.TOTL, values for 2023", publisher="World Bank", year=2024, url="https://databank.worldbank.org/source/world-development-indicators"),
  dict(id="imf_weo_2024", title="World Economic Outlook Database, October 2024 (GDP and population of Taiwan Province of China)", publisher="International Monetary Fund", year=2024, url="https://www.imf.org/en/Publications/WEO"),
  dict(id="bok_prk_2024", title="Gross Domestic Product Estimates for North Korea in 2023", publisher="Bank of Korea", year=2024, url="https://www.bok.or.kr/eng/"),
  dict(id="un_wpp_2024", title="World Population Prospects 2024", publisher="United Nations, Department of Economic and Social Affairs, Population Division", year=2024, url="https://population.un.org/wpp/"),
  dict(id="un_wesp_2024", title="World Economic Situation and Prospects 2024, statistical annex: country classification (developed, in transition, developing)", publisher="United Nations, Department of Economic and Social Affairs", year=2024, url="https://www.un.org/development/desa/dpad/"),
  dict(id="un_ldc_list", title="List of Least Developed Countries (44 countries, as of December 2024)", publisher="United Nations Committee for Development Policy / UN DESA", year=2024, url="https://www.un.org/development/desa/dpad/least-developed-country-category.html"),
  dict(id="wb_income_fy2025", title="World Bank Country and Lending Groups: classification by income level for FY2025 (1 July 2024, from 2023 GNI per capita, Atlas method)", publisher="World Bank", year=2024, url="https://datahelpdesk.worldbank.org/knowledgebase/articles/906519-world-bank-country-and-lending-groups"),
  # regimes
  dict(id="wassenaar_participants", title="Wassenaar Arrangement: Participating States", publisher="Wassenaar Arrangement Secretariat", year=2024, url="https://www.wassenaar.org/participating-states/"),
  dict(id="nsg_participants", title="Nuclear Suppliers Group: Participants", publisher="Nuclear Suppliers Group", year=2024, url="https://www.nuclearsuppliersgroup.org/"),
  dict(id="mtcr_partners", title="Missile Technology Control Regime: Partners", publisher="Missile Technology Control Regime", year=2024, url="https://www.mtcr.info/"),
  dict(id="ag_participants", title="The Australia Group: Participants", publisher="The Australia Group", year=2024, url="https://www.dfat.gov.au/publications/minisite/theaustraliagroupnet/"),
  dict(id="eu_members", title="EU countries", publisher="European Union", year=2024, url="https://european-union.europa.eu/principles-countries-history/eu-countries_en"),
  # control lists
  dict(id="wassenaar_lists", title="List of Dual-Use Goods and Technologies and Munitions List (December 2023 version)", publisher="Wassenaar Arrangement Secretariat", year=2023, url="https://www.wassenaar.org/control-lists/"),
  dict(id="nsg_guidelines", title="NSG Guidelines Part 1 (INFCIRC/254/Part 1, trigger list) and Part 2 (INFCIRC/254/Part 2, nuclear-related dual-use items), current revisions", publisher="Nuclear Suppliers Group / IAEA", year=2023, url="https://www.nuclearsuppliersgroup.org/"),
  dict(id="mtcr_annex", title="MTCR Equipment, Software and Technology Annex", publisher="Missile Technology Control Regime", year=2023, url="https://www.mtcr.info/"),
  dict(id="ag_lists", title="Australia Group Common Control Lists (chemical weapons precursors; dual-use chemical manufacturing facilities and equipment; biological agents; dual-use biological equipment)", publisher="The Australia Group", year=2023, url="https://www.dfat.gov.au/publications/minisite/theaustraliagroupnet/"),
  dict(id="bis_2022_advanced_computing", title="Implementation of Additional Export Controls: Certain Advanced Computing and Semiconductor Manufacturing Items; Supercomputer and Semiconductor End Use; Entity List Modification (87 FR 62186, 13 October 2022)", publisher="U.S. Department of Commerce, Bureau of Industry and Security", year=2022, url="https://www.federalregister.gov/"),
  dict(id="bis_2023_sme", title="Export Controls on Semiconductor Manufacturing Items, interim final rule (October 2023)", publisher="U.S. Department of Commerce, Bureau of Industry and Security", year=2023, url="https://www.federalregister.gov/"),
  dict(id="bis_2024_hbm", title="Foreign-Produced Direct Product Rule Additions, and Refinements to Controls for Advanced Computing and Semiconductor Manufacturing Items (December 2024; adds high-bandwidth memory)", publisher="U.S. Department of Commerce, Bureau of Industry and Security", year=2024, url="https://www.federalregister.gov/"),
  dict(id="nl_2023_sme", title="Regeling geavanceerde productieapparatuur voor halfgeleiders (ministerial order on advanced semiconductor manufacturing equipment, in force 1 September 2023)", publisher="Government of the Netherlands", year=2023, url="https://www.government.nl/"),
  dict(id="meti_2023_sme", title="Amendment to the Export Trade Control Order adding 23 items of semiconductor manufacturing equipment (in force 23 July 2023)", publisher="Ministry of Economy, Trade and Industry, Japan", year=2023, url="https://www.meti.go.jp/english/"),
  dict(id="eu_dual_use_2021", title="Regulation (EU) 2021/821 setting up a Union regime for the control of exports, brokering, technical assistance, transit and transfer of dual-use items (recast)", publisher="European Parliament and Council of the European Union", year=2021, url="https://eur-lex.europa.eu/eli/reg/2021/821/oj"),
  dict(id="us_eo_13936_2020", title="Executive Order 13936, The President's Executive Order on Hong Kong Normalization (14 July 2020), and BIS final rule Removal of Special Status of Hong Kong (December 2020): Hong Kong is treated as China under the Export Administration Regulations", publisher="The White House; U.S. Department of Commerce, Bureau of Industry and Security", year=2020, url="https://www.federalregister.gov/"),
  # production figures
  dict(id="cset_2021", title="The Semiconductor Supply Chain: Assessing National Competitiveness (Saif M. Khan, Alexander Mann, Dahlia Peterson; issue brief, January 2021; market shares by firm home state, 2019)", publisher="Center for Security and Emerging Technology, Georgetown University", year=2021, url="https://cset.georgetown.edu/wp-content/uploads/The-Semiconductor-Supply-Chain-Issue-Brief.pdf"),
  dict(id="reuters_2020_asml_euv", title="Exclusive: U.S. pressured Netherlands to block chipmaking equipment sale to China (Toby Sterling, Alexandra Alper, Karen Freifeld; 6 January 2020: the Dutch export licence for an EUV scanner to a Chinese customer lapsed in 2019 and the machine was not shipped)", publisher="Reuters", year=2020, url="https://www.reuters.com/"),
  dict(id="sia_bcg_2021", title="Strengthening the Global Semiconductor Supply Chain in an Uncertain Era", publisher="Boston Consulting Group and Semiconductor Industry Association", year=2021, url="https://www.semiconductors.org/strengthening-the-global-semiconductor-supply-chain-in-an-uncertain-era/"),
  dict(id="usgs_mcs_2024", title="Mineral Commodity Summaries 2024 (gallium, germanium, rare earths, graphite (natural))", publisher="U.S. Geological Survey", year=2024, url="https://pubs.usgs.gov/publication/mcs2024"),
  dict(id="usgs_mcs_2025", title="Mineral Commodity Summaries 2025 (rare earths: U.S. import sources of rare-earth compounds and metals, 2020-23)", publisher="U.S. Geological Survey", year=2025, url="https://pubs.usgs.gov/publication/mcs2025"),
  dict(id="wna_uranium", title="World Uranium Mining Production (2022 figures)", publisher="World Nuclear Association", year=2023, url="https://world-nuclear.org/"),
  dict(id="wna_enrichment", title="Uranium Enrichment (world enrichment capacity by operator)", publisher="World Nuclear Association", year=2023, url="https://world-nuclear.org/"),
  dict(id="sipri_at_2024", title="Trends in International Arms Transfers, 2023 (SIPRI Fact Sheet, March 2024)", publisher="Stockholm International Peace Research Institute", year=2024, url="https://www.sipri.org/"),
  dict(id="worldsteel_2024", title="World Steel in Figures 2024", publisher="World Steel Association", year=2024, url="https://worldsteel.org/"),
  dict(id="oica_2023", title="2023 Production Statistics (motor vehicles by country)", publisher="OICA (International Organization of Motor Vehicle Manufacturers)", year=2024, url="https://www.oica.net/category/production-statistics/"),
  dict(id="ei_2024", title="Statistical Review of World Energy 2024", publisher="Energy Institute", year=2024, url="https://www.energyinst.org/statistical-review"),
  dict(id="cefic_2024", title="Facts and Figures of the European Chemical Industry 2024 (world chemical sales by region)", publisher="Cefic", year=2024, url="https://cefic.org/"),
  # WMD-risk end users (which states; sizes are assumptions)
  dict(id="iaea_gov_2024", title="Verification and monitoring in the Islamic Republic of Iran in light of UNSC resolution 2231 (2015), quarterly reports to the Board of Governors, 2024", publisher="International Atomic Energy Agency, Board of Governors", year=2024, url="https://www.iaea.org/newscenter/focus/iran"),
  dict(id="unsc_1718_poe_2024", title="Final report of the Panel of Experts established pursuant to resolution 1874 (2009) (S/2024/215)", publisher="United Nations Security Council", year=2024, url="https://www.un.org/securitycouncil/sanctions/1718/panel_experts/reports"),
  dict(id="opcw_iit_2023", title="Third report of the OPCW Investigation and Identification Team (S/2125/2023)", publisher="Organisation for the Prohibition of Chemical Weapons", year=2023, url="https://www.opcw.org/"),
  dict(id="wto_wtsr_2023", title="World Trade Statistical Review 2023 (textiles and clothing exporters)", publisher="World Trade Organization", year=2023, url="https://www.wto.org/"),
]

EU27 = "AUT BEL BGR HRV CYP CZE DNK EST FIN FRA DEU GRC HUN IRL ITA LVA LTU LUX MLT NLD POL PRT ROU SVK SVN ESP SWE".split()
REGIMES = [
  dict(id="wassenaar", name="Wassenaar Arrangement", as_of="2024-12", source="wassenaar_participants",
       members="ARG AUS AUT BEL BGR CAN HRV CZE DNK EST FIN FRA DEU GRC HUN IND IRL ITA JPN LVA LTU LUX MLT MEX NLD NZL NOR POL PRT KOR ROU RUS SVK SVN ZAF ESP SWE CHE TUR UKR GBR USA".split(), count=42),
  dict(id="nsg", name="Nuclear Suppliers Group", as_of="2024-12", source="nsg_participants",
       members="ARG AUS AUT BLR BEL BRA BGR CAN CHN HRV CYP CZE DNK EST FIN FRA DEU GRC HUN ISL IRL ITA JPN KAZ KOR LVA LTU LUX MLT MEX NLD NZL NOR POL PRT ROU RUS SRB SVK SVN ZAF ESP SWE CHE TUR UKR GBR USA".split(), count=48),
  dict(id="mtcr", name="Missile Technology Control Regime", as_of="2024-12", source="mtcr_partners",
       members="ARG AUS AUT BEL BRA BGR CAN CZE DNK FIN FRA DEU GRC HUN ISL IND IRL ITA JPN LUX NLD NZL NOR POL PRT KOR RUS ZAF ESP SWE CHE TUR UKR GBR USA".split(), count=35),
  dict(id="australia_group", name="Australia Group (42 states; the European Union also participates)", as_of="2024-12", source="ag_participants",
       members=EU27 + "ARG AUS CAN ISL IND JPN KOR MEX NZL NOR CHE TUR UKR GBR USA".split(), count=42),
  dict(id="eu", name="European Union (27 member states, as a bloc)", as_of="2024-12", source="eu_members", members=EU27, count=27),
]

# Final demand: share of monthly GDP spent on each final item, by status (assumption). services takes the rest.
FD_WEIGHTS = {
  "developed":       dict(basic_chemicals=.015, processed_food=.07, energy=.05, machinery=.05, motor_vehicles=.03, consumer_electronics=.012, pharmaceuticals=.017,
                          textiles_apparel=.02, telecom_network_equipment=.002, high_performance_computers=.002, civil_aircraft=.003,
                          conventional_arms=.005, space_launch_vehicles=.0001, large_uav_systems=.0001),
  "developing":      dict(basic_chemicals=.015, processed_food=.13, energy=.07, machinery=.06, motor_vehicles=.025, consumer_electronics=.01, pharmaceuticals=.01,
                          textiles_apparel=.025, telecom_network_equipment=.002, high_performance_computers=.001, civil_aircraft=.0015,
                          conventional_arms=.005, space_launch_vehicles=.00005, large_uav_systems=.00005),
  "least_developed": dict(basic_chemicals=.01, processed_food=.22, energy=.07, machinery=.04, motor_vehicles=.015, consumer_electronics=.008, pharmaceuticals=.008,
                          textiles_apparel=.04, telecom_network_equipment=.002, high_performance_computers=.0003, civil_aircraft=.0005,
                          conventional_arms=.005),
}
FD_ORDER = ["services", "processed_food", "basic_chemicals", "energy", "machinery", "motor_vehicles", "consumer_electronics", "pharmaceuticals", "textiles_apparel",
            "telecom_network_equipment", "high_performance_computers", "civil_aircraft", "conventional_arms", "space_launch_vehicles", "large_uav_systems"]
