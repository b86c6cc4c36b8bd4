"""What a cable's TAGS mean: subject tags from the State Department TAGS/Terms manual,
and the two-letter country tags (FIPS 10-4 codes, not ISO: IC is Iceland, TI Tajikistan).

Only well-established meanings are listed; an unknown tag simply has no meaning shown.
"""

from __future__ import annotations

from enum import StrEnum

SUBJECT_TAGS: dict[str, str] = {
    # Administration
    "ABUD": "Budget and financial management",
    "AEMR": "Emergency planning and evacuation",
    "AMGT": "Management operations",
    "AORC": "International organizations and conferences",
    "APER": "Personnel",
    "ASEC": "Security",
    # Consular and social
    "CASC": "Consular affairs: assistance to US citizens",
    "CMGT": "Consular management",
    "CVIS": "Visas",
    "SCUL": "Cultural affairs",
    "SENV": "Environmental affairs",
    "SMIG": "Migration",
    "SNAR": "Narcotics",
    "SOCI": "Social conditions",
    # Economic
    "BEXP": "Trade expansion and promotion",
    "EAGR": "Agriculture and forestry",
    "EAID": "Foreign economic assistance",
    "EAIR": "Civil aviation",
    "ECON": "Economic conditions",
    "ECPS": "Communications and postal systems",
    "EFIN": "Financial and monetary affairs",
    "EFIS": "Fisheries",
    "EIND": "Industry and manufacturing",
    "EINV": "Foreign investment",
    "ELAB": "Labor affairs",
    "ELTN": "Land transportation",
    "EMIN": "Minerals and metals",
    "ENRG": "Energy and power",
    "EPET": "Petroleum and natural gas",
    "ETRD": "Foreign trade",
    "ETTC": "Trade and technology controls",
    "EWWT": "Waterborne transportation",
    # Subject programs
    "KAWC": "Atrocities and war crimes",
    "KCFE": "Conventional Forces in Europe treaty",
    "KCOR": "Corruption",
    "KCRM": "Criminal activity",
    "KDEM": "Democratization",
    "KFLU": "Influenza (avian and pandemic)",
    "KFRD": "Fraud prevention",
    "KGHG": "Greenhouse gases",
    "KHIV": "HIV/AIDS",
    "KHLS": "Homeland security",
    "KIPR": "Intellectual property rights",
    "KIRF": "International religious freedom",
    "KISL": "Islamic affairs",
    "KJUS": "Administration of justice",
    "KMCA": "Millennium Challenge Account",
    "KMDR": "Media reaction reporting",
    "KMPI": "Middle East Partnership Initiative",
    "KNNP": "Nuclear non-proliferation",
    "KOLY": "Olympic Games",
    "KPAL": "Palestinian affairs",
    "KPAO": "Public affairs office",
    "KPKO": "Peacekeeping operations",
    "KSCA": "Science and technology",
    "KTFN": "Terrorist financing",
    "KTIP": "Trafficking in persons",
    "KVPR": "Visas Viper (terrorist watch-listing)",
    "KWBG": "West Bank and Gaza",
    "KWMN": "Women's issues",
    # Military
    "MARR": "Military and defense arrangements",
    "MASS": "Military assistance and sales",
    "MCAP": "Military capabilities",
    "MNUC": "Military nuclear applications",
    "MOPS": "Military operations",
    # Operations
    "OEXC": "Educational and cultural exchanges",
    "OIIP": "International information programs",
    "OREP": "US congressional travel",
    "OTRA": "Travel",
    "OVIP": "Visits of very important persons",
    # Political
    "PARM": "Arms control and disarmament",
    "PBTS": "National boundaries, territories and sovereignty",
    "PGOV": "Internal governmental affairs",
    "PHUM": "Human rights",
    "PINR": "Intelligence",
    "PINS": "National security",
    "PINT": "Internal political affairs",
    "PREF": "Refugees",
    "PREL": "External political relations",
    "PROP": "Propaganda and psychological operations",
    "PTER": "Terrorists and terrorism",
    # Technology
    "TSPA": "Space activities",
    "TSPL": "Science and technology policy",
    # Organizations
    "IAEA": "International Atomic Energy Agency",
    "NATO": "North Atlantic Treaty Organization",
    "OSCE": "Organization for Security and Co-operation in Europe",
    "UNGA": "UN General Assembly",
    "UNSC": "UN Security Council",
}

COUNTRY_TAGS: dict[str, str] = {
    "AE": "United Arab Emirates",
    "AF": "Afghanistan",
    "AG": "Algeria",
    "AJ": "Azerbaijan",
    "AL": "Albania",
    "AM": "Armenia",
    "AO": "Angola",
    "AR": "Argentina",
    "AS": "Australia",
    "AU": "Austria",
    "BA": "Bahrain",
    "BE": "Belgium",
    "BG": "Bangladesh",
    "BK": "Bosnia and Herzegovina",
    "BL": "Bolivia",
    "BM": "Burma",
    "BO": "Belarus",
    "BR": "Brazil",
    "BU": "Bulgaria",
    "CA": "Canada",
    "CB": "Cambodia",
    "CD": "Chad",
    "CE": "Sri Lanka",
    "CF": "Congo (Brazzaville)",
    "CG": "Congo (Kinshasa)",
    "CH": "China",
    "CI": "Chile",
    "CM": "Cameroon",
    "CO": "Colombia",
    "CS": "Costa Rica",
    "CU": "Cuba",
    "CY": "Cyprus",
    "DA": "Denmark",
    "DR": "Dominican Republic",
    "EC": "Ecuador",
    "EG": "Egypt",
    "EI": "Ireland",
    "EN": "Estonia",
    "ES": "El Salvador",
    "ET": "Ethiopia",
    "EZ": "Czech Republic",
    "FI": "Finland",
    "FR": "France",
    "GB": "Gabon",
    "GG": "Georgia",
    "GH": "Ghana",
    "GM": "Germany",
    "GR": "Greece",
    "GT": "Guatemala",
    "HA": "Haiti",
    "HO": "Honduras",
    "HR": "Croatia",
    "HU": "Hungary",
    "IC": "Iceland",
    "ID": "Indonesia",
    "IN": "India",
    "IR": "Iran",
    "IS": "Israel",
    "IT": "Italy",
    "IZ": "Iraq",
    "JA": "Japan",
    "JO": "Jordan",
    "KE": "Kenya",
    "KG": "Kyrgyzstan",
    "KN": "North Korea",
    "KS": "South Korea",
    "KU": "Kuwait",
    "KV": "Kosovo",
    "KZ": "Kazakhstan",
    "LA": "Laos",
    "LE": "Lebanon",
    "LG": "Latvia",
    "LH": "Lithuania",
    "LO": "Slovakia",
    "LU": "Luxembourg",
    "LY": "Libya",
    "MD": "Moldova",
    "MG": "Mongolia",
    "MJ": "Montenegro",
    "MK": "Macedonia",
    "ML": "Mali",
    "MO": "Morocco",
    "MT": "Malta",
    "MU": "Oman",
    "MX": "Mexico",
    "MY": "Malaysia",
    "MZ": "Mozambique",
    "NG": "Niger",
    "NI": "Nigeria",
    "NL": "Netherlands",
    "NO": "Norway",
    "NP": "Nepal",
    "NU": "Nicaragua",
    "NZ": "New Zealand",
    "PA": "Paraguay",
    "PE": "Peru",
    "PK": "Pakistan",
    "PL": "Poland",
    "PM": "Panama",
    "PO": "Portugal",
    "QA": "Qatar",
    "RI": "Serbia",
    "RO": "Romania",
    "RP": "Philippines",
    "RS": "Russia",
    "RW": "Rwanda",
    "SA": "Saudi Arabia",
    "SF": "South Africa",
    "SG": "Senegal",
    "SI": "Slovenia",
    "SN": "Singapore",
    "SO": "Somalia",
    "SP": "Spain",
    "SU": "Sudan",
    "SW": "Sweden",
    "SY": "Syria",
    "SZ": "Switzerland",
    "TH": "Thailand",
    "TI": "Tajikistan",
    "TS": "Tunisia",
    "TU": "Turkey",
    "TW": "Taiwan",
    "TX": "Turkmenistan",
    "TZ": "Tanzania",
    "UG": "Uganda",
    "UK": "United Kingdom",
    "UP": "Ukraine",
    "UY": "Uruguay",
    "UZ": "Uzbekistan",
    "VE": "Venezuela",
    "VM": "Vietnam",
    "VT": "Holy See (Vatican)",
    "YM": "Yemen",
    "ZA": "Zambia",
    "ZI": "Zimbabwe",
}


class TagKind(StrEnum):
    """What a TAG is about (the TAGS/Terms manual's groups)."""

    SUBJECT = "subject"
    PROGRAM = "program"
    GEOGRAPHIC = "geographic"
    ORGANISATION = "organisation"
    # A longer word among the TAGS is nearly always a name: the manual tags people
    # by surname (`OVIP (CLINTON, HILLARY)` is read as OVIP, CLINTON, HILLARY).
    PERSON = "person"


# Organisations tagged by their acronym (those listed above, and the usual others).
_ORGANISATIONS = frozenset(
    {"IAEA", "NATO", "OSCE", "UNGA", "UNSC", "EUN", "UN", "UNO", "ICTY", "OAS", "UNEP"}
    | {"INTERPOL", "UNMIK", "WTO", "OPEC", "ASEAN", "OECD", "UNHCR", "IMF", "IBRD", "ICRC"}
)
# The manual's subject codes have four letters; K... are the subject programs.
_CODE_LENGTH = 4


def tag_kind(tag: str) -> TagKind:
    key = tag.strip().upper()
    if key in _ORGANISATIONS:
        return TagKind.ORGANISATION
    if key in COUNTRY_TAGS or len(key) == 2:
        return TagKind.GEOGRAPHIC  # FIPS 10-4 codes (and region codes such as XA)
    if key in SUBJECT_TAGS or len(key) <= _CODE_LENGTH:
        return TagKind.PROGRAM if key.startswith("K") else TagKind.SUBJECT
    return TagKind.PERSON


def known_tags() -> list[str]:
    """Every tag the glossary explains."""
    return sorted({*SUBJECT_TAGS, *COUNTRY_TAGS})


def tag_meaning(tag: str) -> str | None:
    key = tag.strip().upper()
    return SUBJECT_TAGS.get(key) or COUNTRY_TAGS.get(key)
