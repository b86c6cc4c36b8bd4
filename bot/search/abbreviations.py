"""Cable abbreviations and their spelled-out forms, used in both directions.

A question saying "IOM" should find "International Organization for Migration" and
the other way round. Abbreviations that are also ordinary English words ("got",
"tip", "mod") are only expanded when the question writes them in capitals.
"""

from __future__ import annotations

from dataclasses import dataclass

_GOVERNMENTS = {
    "GOA": ["afghanistan", "armenia", "albania", "algeria", "angola"],
    "GOAJ": ["azerbaijan"],
    "GOB": ["bangladesh", "bolivia", "brazil", "belgium", "burma"],
    "GOC": ["colombia", "china", "cyprus", "cameroon"],
    "GOE": ["egypt", "ethiopia", "ecuador", "estonia"],
    "GOG": ["georgia", "ghana", "guatemala", "germany", "greece"],
    "GOI": ["india", "iran", "iraq", "israel", "indonesia", "italy", "iceland"],
    "GOJ": ["japan", "jordan", "jamaica"],
    "GOK": ["kenya", "kuwait", "kazakhstan", "kosovo", "korea"],
    "GOL": ["lebanon", "latvia", "lithuania", "libya", "liberia"],
    "GOM": ["mexico", "malaysia", "morocco", "moldova", "mongolia"],
    "GON": ["nigeria", "nepal", "nicaragua", "netherlands", "norway"],
    "GOP": ["pakistan", "peru", "poland", "panama", "paraguay"],
    "GOR": ["russia", "romania", "rwanda"],
    "GOS": ["sudan", "syria", "spain", "senegal", "serbia"],
    "GOT": ["tajikistan", "turkey", "thailand", "tunisia", "taiwan"],
    "GOU": ["uganda", "ukraine", "uzbekistan", "uruguay"],
    "GOV": ["venezuela", "vietnam"],
    "GOY": ["yemen"],
}

_PLAIN: dict[str, list[str]] = {
    "TIP": ["trafficking in persons"],
    "IOM": ["international organization for migration"],
    "UAE": ["united arab emirates"],
    "US": ["united states"],
    "USG": ["us government", "united states government"],
    "MFA": ["ministry of foreign affairs", "foreign ministry"],
    "MOFA": ["ministry of foreign affairs", "foreign ministry"],
    "FM": ["foreign minister"],
    "PM": ["prime minister"],
    "NGO": ["non governmental organization", "nongovernmental organization"],
    "NGOS": ["non governmental organizations", "nongovernmental organizations"],
    "DCM": ["deputy chief of mission"],
    "POL": ["political"],
    "ECON": ["economic"],
    "POLOFF": ["political officer"],
    "ECONOFF": ["economic officer"],
    "EMBOFF": ["embassy officer"],
    "AMB": ["ambassador"],
    "MOI": ["ministry of interior", "interior ministry"],
    "MOD": ["ministry of defense", "defense ministry"],
    "MOJ": ["ministry of justice", "justice ministry"],
    "MOH": ["ministry of health", "health ministry"],
    "DOD": ["department of defense"],
    "DHS": ["department of homeland security"],
    "USAID": ["agency for international development"],
    "NSC": ["national security council"],
    "NSA": ["national security advisor", "national security adviser"],
    "UN": ["united nations"],
    "EU": ["european union"],
    "NATO": ["north atlantic treaty organization"],
    "ISAF": ["international security assistance force"],
    "SACEUR": ["supreme allied commander europe"],
    "OSCE": ["organization for security and cooperation in europe"],
    "CIS": ["commonwealth of independent states"],
    "FSB": ["federal security service"],
    "WMD": ["weapons of mass destruction"],
    "MRBM": ["medium range ballistic missile"],
    "IRBM": ["intermediate range ballistic missile"],
    "ICBM": ["intercontinental ballistic missile"],
    "SLV": ["space launch vehicle"],
    "DPRK": ["north korea"],
    "ROK": ["south korea"],
    "PRC": ["china"],
    "INL": ["international narcotics and law enforcement"],
    "EXBS": ["export control and related border security"],
    "ODC": ["office of defense cooperation"],
    "DAO": ["defense attache office"],
    "MOU": ["memorandum of understanding"],
    "IDP": ["internally displaced persons"],
    "IDPS": ["internally displaced persons"],
    "CT": ["counterterrorism", "counter terrorism"],
    "CN": ["counternarcotics", "counter narcotics"],
    "HR": ["human rights"],
    "FARC": ["revolutionary armed forces of colombia"],
    "COLMIL": ["colombian military"],
    "COLAR": ["colombian army"],
    "TGS": ["turkish general staff"],
    "IIAF": ["imperial iranian air force"],
    "GWOT": ["global war on terror"],
    "SBU": ["sensitive but unclassified"],
    "NOFORN": ["no foreign nationals"],
    "DEA": ["drug enforcement administration"],
    "FBI": ["federal bureau of investigation"],
}

ABBREVIATIONS: dict[str, list[str]] = {
    **_PLAIN,
    **{abbr: [f"government of {c}" for c in names] for abbr, names in _GOVERNMENTS.items()},
}

# Ordinary words too: expanded only when the question writes them in capitals.
CAPITALS_ONLY = frozenset(
    {
        "GOT",
        "GOA",
        "GOB",
        "GOS",
        "TIP",
        "MOD",
        "POL",
        "PM",
        "CT",
        "CN",
        "HR",
        "US",
        "UN",
        "AMB",
        "DAO",
        "GOV",
        "GON",
        "GOL",
        "GOM",
        "GOG",
    }
)


@dataclass(frozen=True, slots=True)
class Expansion:
    """Alternative spellings of one word or phrase of the question, as lower-case word lists."""

    start: int
    end: int
    alternatives: tuple[tuple[str, ...], ...]


def _long_forms() -> dict[tuple[str, ...], str]:
    forms: dict[tuple[str, ...], str] = {}
    for abbr, expansions in ABBREVIATIONS.items():
        for expansion in expansions:
            words = tuple(expansion.split())
            if len(words) > 1:
                forms.setdefault(words, abbr)
    return forms


_LONG_FORMS = _long_forms()
_MAX_LONG = max(len(k) for k in _LONG_FORMS)


def expansions(tokens: list[str], lowered: list[str]) -> list[Expansion]:
    """Expansions for `tokens` (as written) and `lowered` (same words, lower-case)."""
    found: list[Expansion] = []
    for i, token in enumerate(tokens):
        key = token.upper()
        if key in ABBREVIATIONS and (key not in CAPITALS_ONLY or token.isupper()):
            alts = tuple(tuple(e.split()) for e in ABBREVIATIONS[key])
            found.append(Expansion(i, i + 1, alts))
    for size in range(_MAX_LONG, 1, -1):
        for i in range(len(lowered) - size + 1):
            abbr = _LONG_FORMS.get(tuple(lowered[i : i + size]))
            if abbr is not None:
                found.append(Expansion(i, i + size, ((abbr.lower(),),)))
    return found
