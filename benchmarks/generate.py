"""A deterministic synthetic dataset in the bundled schema, for the benchmarks.

    python benchmarks/generate.py --meetings 100000 [--skewed] [--seed 2021] --out FILE

The same arguments give the same bytes on every run and machine (one seeded
``random.Random``, no clock, no hash order). The output is canonical: keys in
the order ``sr.dumps`` writes them and defaults left out, so
``sr.dumps(sr.loads(text)) == text``.

The mix:

* one Document of 20 paragraphs that every stated or inferred citation cites;
* 30 countries (China and Russia first) and 4 organisations;
* a tree of places: country > 2 regions > 3 cities > 2 sites (squares,
  buildings, airports, institutions), 600 places;
* 300 leaders, each with one or two offices (an office makes a leader), and 40 other
  people, all in the people section; Chinese leaders have a Han-character alias,
  Russian ones a Cyrillic one;
* N meetings of every kind, with 2 to 6 participants (people, now and then a
  country or an organisation) in host, guest or participant roles, a place (or
  a country, or none), and dates of every precision: day, month, year,
  intervals of days, months and years, open (``2015-03/..``) and unknown
  (``/2016``) ends, ``?``, ``~`` and ``%`` qualifiers, a second, sharper
  external claim on some, and a few undated meetings;
* a few happenings, treaties and statements, so every section is exercised.

``--skewed``: a handful of people take part in most meetings, as the two
presidents do in real data (Xi Jinping in about 80 %, Vladimir Putin in about
75 %, three more in about 15 to 30 %); without it participants are drawn
uniformly from everyone.
"""

from __future__ import annotations

import argparse
import calendar
import hashlib
import json
import random
import sys
from pathlib import Path
from typing import Any

FORMAT = 2
DOCUMENT = "corpus"
PARAGRAPHS = 20
FIRST_YEAR, LAST_YEAR = 1992, 2024

# The frequent people of the skewed variant, with the share of meetings each
# takes part in.
FREQUENT: tuple[tuple[str, float], ...] = (
    ("xi-jinping", 0.80),
    ("vladimir-putin", 0.75),
    ("wang-yi", 0.30),
    ("sergei-lavrov", 0.25),
    ("li-qiang", 0.15),
)
_FAMOUS: dict[str, tuple[str, str, str, tuple[str, ...]]] = {
    # id: (name, nationality, description, aliases)
    "xi-jinping": ("Xi Jinping", "china", "President of China", ("习近平", "Си Цзиньпин")),
    "vladimir-putin": (
        "Vladimir Putin",
        "russia",
        "President of Russia",
        ("Vladimir Vladimirovich Putin", "Владимир Путин", "普京"),
    ),
    "wang-yi": ("Wang Yi", "china", "Foreign Minister of China", ("王毅", "Ван И")),
    "sergei-lavrov": (
        "Sergei Lavrov",
        "russia",
        "Foreign Minister of Russia",
        ("Sergey Lavrov", "Сергей Лавров", "拉夫罗夫"),
    ),
    "li-qiang": ("Li Qiang", "china", "Premier of China", ("李强",)),
}

_COUNTRIES: tuple[tuple[str, str, str, str], ...] = (
    # id, name, alpha2, alpha3
    ("china", "China", "CN", "CHN"),
    ("russia", "Russia", "RU", "RUS"),
    ("kazakhstan", "Kazakhstan", "KZ", "KAZ"),
    ("mongolia", "Mongolia", "MN", "MNG"),
    ("india", "India", "IN", "IND"),
    ("brazil", "Brazil", "BR", "BRA"),
    ("south-africa", "South Africa", "ZA", "ZAF"),
    ("uzbekistan", "Uzbekistan", "UZ", "UZB"),
    ("kyrgyzstan", "Kyrgyzstan", "KG", "KGZ"),
    ("tajikistan", "Tajikistan", "TJ", "TJK"),
    ("pakistan", "Pakistan", "PK", "PAK"),
    ("iran", "Iran", "IR", "IRN"),
    ("belarus", "Belarus", "BY", "BLR"),
    ("vietnam", "Vietnam", "VN", "VNM"),
    ("laos", "Laos", "LA", "LAO"),
    ("cambodia", "Cambodia", "KH", "KHM"),
    ("indonesia", "Indonesia", "ID", "IDN"),
    ("turkey", "Turkey", "TR", "TUR"),
    ("egypt", "Egypt", "EG", "EGY"),
    ("ethiopia", "Ethiopia", "ET", "ETH"),
    ("argentina", "Argentina", "AR", "ARG"),
    ("cuba", "Cuba", "CU", "CUB"),
    ("serbia", "Serbia", "RS", "SRB"),
    ("hungary", "Hungary", "HU", "HUN"),
    ("germany", "Germany", "DE", "DEU"),
    ("france", "France", "FR", "FRA"),
    ("japan", "Japan", "JP", "JPN"),
    ("south-korea", "South Korea", "KR", "KOR"),
    ("turkmenistan", "Turkmenistan", "TM", "TKM"),
    ("azerbaijan", "Azerbaijan", "AZ", "AZE"),
)
_ORGANISATIONS: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    ("shanghai-cooperation-organisation", "Shanghai Cooperation Organisation", "SCO", ()),
    ("brics", "BRICS", "BRICS", ("brazil", "russia", "india", "china", "south-africa")),
    ("un-security-council", "United Nations Security Council", "UNSC", ("china", "russia")),
    ("eurasian-economic-union", "Eurasian Economic Union", "EAEU", ("russia", "kazakhstan")),
)

_CN_FAMILY = (
    "Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu", "Sun",
    "Ma", "Zhu", "Hu", "Guo", "He", "Gao", "Lin", "Luo",
)  # fmt: skip
_CN_GIVEN = (
    "Wei", "Fang", "Jun", "Min", "Jing", "Lei", "Qiang", "Yan", "Ping", "Gang", "Hua", "Ming",
    "Tao", "Bo", "Yong", "Hong", "Xin", "Kai", "Lan", "Hui", "Peng", "Rui", "Chao", "Ning",
)  # fmt: skip
_HAN = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗伟芳军敏静磊强燕平刚华明涛波勇红新凯兰慧鹏瑞超宁"
_RU_GIVEN = (
    "Alexander", "Sergei", "Dmitry", "Andrei", "Alexei", "Mikhail", "Nikolai", "Ivan", "Yuri",
    "Oleg", "Igor", "Pavel", "Viktor", "Boris", "Anatoly", "Vladimir", "Yevgeny", "Maxim",
    "Konstantin", "Denis",
)  # fmt: skip
_RU_FAMILY = (
    "Ivanov", "Petrov", "Smirnov", "Kuznetsov", "Popov", "Sokolov", "Lebedev", "Kozlov",
    "Novikov", "Morozov", "Volkov", "Solovyov", "Vasilyev", "Zaitsev", "Pavlov", "Semyonov",
    "Golubev", "Vinogradov", "Bogdanov", "Vorobyov",
)  # fmt: skip
_LATIN_TO_CYRILLIC = {
    "shch": "щ", "zh": "ж", "kh": "х", "ts": "ц", "ch": "ч", "sh": "ш", "yu": "ю",  # noqa: RUF001
    "ya": "я", "yo": "ё", "ye": "е", "a": "а", "b": "б", "v": "в", "g": "г",  # noqa: RUF001
    "d": "д", "e": "е", "z": "з", "i": "и", "y": "й", "k": "к", "l": "л", "m": "м",  # noqa: RUF001
    "n": "н", "o": "о", "p": "п", "r": "р", "s": "с", "t": "т", "u": "у", "f": "ф",  # noqa: RUF001
}  # fmt: skip
_OTHER_GIVEN = (
    "Amir", "Ana", "Carlos", "Elena", "Farid", "Hana", "Ivo", "Jana", "Kenji", "Lena", "Omar",
    "Priya", "Rafael",
)  # fmt: skip
_OTHER_FAMILY = (
    "Silva", "Costa", "Novak", "Horvat", "Tanaka", "Kim", "Singh", "Khan", "Ahmed", "Garcia",
    "Dubois",
)  # fmt: skip

_MEETING_KINDS = (
    "state_visit",
    "talks",
    "phone_call",
    "video_call",
    "ceremony",
    "summit",
    "joint_activity",
)
_KIND_WEIGHTS = (10, 30, 20, 8, 7, 15, 10)
_PLACE_KINDS = ("square", "building", "airport", "institution")
_TOPICS = ("energy", "trade", "security", "space", "health", "culture", "transport")


def _cyrillic(latin: str) -> str:
    """A rough Cyrillic spelling of a romanised Russian name (for aliases)."""
    text, out = latin.lower(), []
    i = 0
    while i < len(text):
        for size in (4, 2, 1):
            piece = text[i : i + size]
            if piece in _LATIN_TO_CYRILLIC:
                out.append(_LATIN_TO_CYRILLIC[piece])
                i += size
                break
        else:
            out.append(text[i])
            i += 1
    return " ".join(word.capitalize() for word in "".join(out).split(" "))


def _slug(text: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in text.lower()).split())


class _Generator:
    def __init__(self, meetings: int, *, skewed: bool, seed: int) -> None:
        self.n = meetings
        self.skewed = skewed
        self.rng = random.Random(f"{seed}:{meetings}:{int(skewed)}")

    # -- provenance -----------------------------------------------------------

    def paragraphs(self, most: int = 3) -> list[int]:
        return sorted(self.rng.sample(range(1, PARAGRAPHS + 1), self.rng.randint(1, most)))

    def stated(self) -> dict[str, Any]:
        return {"basis": "stated", "document": DOCUMENT, "paragraphs": self.paragraphs()}

    def inferred(self, note: str) -> dict[str, Any]:
        return {
            "basis": "inferred",
            "document": DOCUMENT,
            "paragraphs": self.paragraphs(),
            "note": note,
        }

    def external(self, what: str) -> dict[str, Any]:
        number = self.rng.randrange(10**6)
        return {
            "basis": "external",
            "source": f"https://example.org/{what}/{number}",
            "confidence": self.rng.choice(("high", "high", "medium", "low")),
        }

    def citations(self) -> list[dict[str, Any]]:
        found = [self.stated()]
        if self.rng.random() < 0.3:
            found.append(self.external("record"))
        return found

    # -- dates ----------------------------------------------------------------

    def day(self, year: int | None = None) -> tuple[int, int, int]:
        rng = self.rng
        year = year if year is not None else rng.randint(FIRST_YEAR, LAST_YEAR)
        month = rng.randint(1, 12)
        return year, month, rng.randint(1, calendar.monthrange(year, month)[1])

    def qualifier(self) -> str:
        roll = self.rng.random()
        return "?" if roll < 0.05 else "~" if roll < 0.09 else "%" if roll < 0.1 else ""

    def meeting_date(self) -> list[dict[str, Any]] | None:
        """The claims of one date: every precision and shape, some with a sharper claim."""
        rng = self.rng
        roll = rng.random()
        y, m, d = self.day()
        q = self.qualifier()
        if roll < 0.02:
            return None
        sharper: str | None = None
        if roll < 0.50:  # a day
            value = f"{y:04d}-{m:02d}-{d:02d}{q}"
        elif roll < 0.68:  # a month, sometimes with the day from elsewhere
            value = f"{y:04d}-{m:02d}{q}"
            if rng.random() < 0.3:
                sharper = f"{y:04d}-{m:02d}-{d:02d}"
        elif roll < 0.78:  # a year, sometimes with the day from elsewhere
            value = f"{y:04d}{q}"
            if rng.random() < 0.3:
                sharper = f"{y:04d}-{m:02d}-{d:02d}"
        elif roll < 0.88:  # a few days
            last = min(d + rng.randint(1, 4), calendar.monthrange(y, m)[1])
            value = f"{y:04d}-{m:02d}-{d:02d}/{y:04d}-{m:02d}-{last:02d}"
        elif roll < 0.93:  # months, within a year or two
            end = min(LAST_YEAR, y + rng.randint(0, 1))
            last = rng.randint(m, 12) if end == y else rng.randint(1, 12)
            value = f"{y:04d}-{m:02d}/{end:04d}-{last:02d}"
        elif roll < 0.97:  # years (an aggregate "between 2013 and 2021")
            value = f"{y:04d}/{min(LAST_YEAR, y + rng.randint(1, 8)):04d}"
        elif roll < 0.985:  # open: it goes on
            value = f"{y:04d}-{m:02d}/.."
        else:  # unknown start
            value = f"/{y:04d}"
        claims = [{"value": value, "citation": self.date_citation()}]
        if sharper is not None:
            claims.append({"value": sharper, "citation": self.external("date")})
        return claims

    def date_citation(self) -> dict[str, Any]:
        if self.rng.random() < 0.8:
            return self.stated()
        return self.inferred("the year is counted back from the document's own date")

    def single(self, value: str) -> list[dict[str, Any]]:
        return [{"value": value, "citation": self.stated()}]

    # -- records --------------------------------------------------------------

    def document(self) -> dict[str, Any]:
        return {
            "id": DOCUMENT,
            "title": "A synthetic corpus of reports on China-Russia relations",
            "language": "en",
            "paragraphs": PARAGRAPHS,
            "sha256": hashlib.sha256(b"sinorussia benchmark corpus").hexdigest(),
            "date": [
                {
                    "value": f"{LAST_YEAR}",
                    "citation": {
                        "basis": "stated",
                        "document": DOCUMENT,
                        "paragraphs": [1],
                    },
                }
            ],
        }

    def countries(self) -> list[dict[str, Any]]:
        return [
            {
                "id": cid,
                "citations": self.citations(),
                "name": name,
                "alpha2": a2,
                "alpha3": a3,
            }
            for cid, name, a2, a3 in _COUNTRIES
        ]

    def organisations(self) -> list[dict[str, Any]]:
        found = []
        for oid, name, abbreviation, members in _ORGANISATIONS:
            record: dict[str, Any] = {
                "id": oid,
                "citations": self.citations(),
                "name": name,
                "kind": "intergovernmental",
            }
            if members:
                record["members"] = list(members)
            if abbreviation != name:
                record["aliases"] = [abbreviation]
            found.append(record)
        return found

    def places(self) -> list[dict[str, Any]]:
        """Country > region > city > site: every place but the sites contains others."""
        found: list[dict[str, Any]] = []
        self.cities: list[str] = []
        self.sites: list[str] = []
        for cid, name, _, _ in _COUNTRIES:
            for r in range(1, 3):
                region = f"{cid}-region-{r}"
                found.append(self.place(region, f"{name} Region {r}", "region", cid))
                for c in range(1, 4):
                    city = f"{region}-city-{c}"
                    found.append(self.place(city, f"{name} City {r}.{c}", "city", region))
                    self.cities.append(city)
                    for s in range(1, 3):
                        kind = _PLACE_KINDS[(r + c + s) % len(_PLACE_KINDS)]
                        site = f"{city}-{kind}-{s}"
                        label = f"{name} {kind.title()} {r}.{c}.{s}"
                        found.append(self.place(site, label, kind, city))
                        self.sites.append(site)
        return found

    def place(self, pid: str, name: str, kind: str, within: str) -> dict[str, Any]:
        return {
            "id": pid,
            "citations": self.citations(),
            "name": name,
            "kind": kind,
            "within": within,
        }

    def people(self) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
        """Leaders (300, the famous five first), their offices, and 40 other people."""
        rng = self.rng
        leaders: list[dict[str, Any]] = []
        offices: list[dict[str, Any]] = []
        taken: set[str] = set()
        for lid, (name, nationality, description, aliases) in _FAMOUS.items():
            taken.add(name)
            leaders.append(
                {
                    "id": lid,
                    "citations": self.citations(),
                    "name": name,
                    "aliases": list(aliases),
                    "nationality": nationality,
                    "description": description,
                }
            )
        names: list[str]
        while len(leaders) < 300:
            side = rng.random()
            if side < 0.4:
                family, given = rng.choice(_CN_FAMILY), rng.choice(_CN_GIVEN)
                name = f"{family} {given}"
                han = "".join(rng.choice(_HAN) for _ in range(rng.randint(2, 3)))
                nationality, names = "china", [han]
            elif side < 0.8:
                given, family = rng.choice(_RU_GIVEN), rng.choice(_RU_FAMILY)
                name = f"{given} {family}"
                nationality, names = "russia", [_cyrillic(name)]
            else:
                given, family = rng.choice(_RU_GIVEN + _OTHER_GIVEN), rng.choice(_OTHER_FAMILY)
                name = f"{given} {family}"
                nationality, names = rng.choice(_COUNTRIES[2:])[0], []
            if name in taken:
                continue
            taken.add(name)
            record: dict[str, Any] = {"id": _slug(name), "citations": self.citations()}
            record["name"] = name
            if names and names[0] != name:
                record["aliases"] = names
            record["nationality"] = nationality
            leaders.append(record)
        for leader in leaders:
            avoid = None
            for number in range(1 if rng.random() < 0.7 else 2):
                office = self.office(leader, number, avoid=avoid)
                offices.append(office)
                avoid = office["role"]  # one person's two tenures of one post would overlap
        others: list[dict[str, Any]] = []
        while len(others) < 40:
            name = f"{rng.choice(_OTHER_GIVEN)} {rng.choice(_OTHER_FAMILY)} {len(others) + 1}"
            others.append(
                {
                    "id": _slug(name),
                    "citations": self.citations(),
                    "name": name,
                    "nationality": rng.choice(_COUNTRIES)[0],
                    "description": "an expert the sources quote",
                }
            )
        return leaders, offices, others

    def office(
        self, leader: dict[str, Any], number: int, *, avoid: str | None = None
    ) -> dict[str, Any]:
        rng = self.rng
        roles = ("head_of_state", "head_of_government", "minister", "ambassador")
        role = rng.choice(roles)
        if role == avoid:
            role = roles[(roles.index(role) + 1) % len(roles)]
        post = {
            "head_of_state": "President",
            "head_of_government": "Prime Minister",
            "minister": "Minister",
            "ambassador": "Ambassador",
        }[role]
        record: dict[str, Any] = {
            "id": f"{leader['id']}-office-{number + 1}",
            "citations": self.citations(),
            "person": leader["id"],
            "post": post,
            "role": role,
            "organisation": leader["nationality"],
            "status": rng.choice(("ongoing", "ended", "unknown")),
        }
        status = record["status"]
        if role == "ambassador":
            record["posted_to"] = "russia" if leader["nationality"] != "russia" else "china"
        start_year = rng.randint(FIRST_YEAR - 10, LAST_YEAR - 2)
        if rng.random() < 0.8:
            record["start"] = self.single(f"{start_year:04d}-{rng.randint(1, 12):02d}")
        end_year = LAST_YEAR
        if status == "ended":
            end_year = rng.randint(start_year + 1, LAST_YEAR)
            record["end"] = self.single(f"{end_year:04d}")
        if status == "unknown" or "start" not in record:
            # within the tenure: an office is never attested after it ended
            record["attested"] = self.single(f"{rng.randint(start_year + 1, end_year):04d}")
        return record

    def meetings(
        self, leaders: list[dict[str, Any]], others: list[dict[str, Any]]
    ) -> list[dict[str, Any]]:
        rng = self.rng
        people = [p["id"] for p in leaders] + [p["id"] for p in others]
        plain = [p for p in people if p not in _FAMOUS]
        countries = [c[0] for c in _COUNTRIES]
        organisations = [o[0] for o in _ORGANISATIONS]
        cities, sites = self.cities, self.sites
        found: list[dict[str, Any]] = []
        for i in range(self.n):
            size = rng.randint(2, 6)
            who: list[str] = []
            if self.skewed:
                for pid, share in FREQUENT:
                    if rng.random() < share and len(who) < size:
                        who.append(pid)
            while len(who) < size:
                roll = rng.random()
                if roll < 0.08:
                    candidate = rng.choice(countries)
                elif roll < 0.1:
                    candidate = rng.choice(organisations)
                else:
                    candidate = rng.choice(plain if self.skewed else people)
                if candidate not in who:
                    who.append(candidate)
            kind = rng.choices(_MEETING_KINDS, _KIND_WEIGHTS)[0]
            participants = []
            visit = kind in ("state_visit", "ceremony")
            for index, pid in enumerate(who):
                participant: dict[str, Any] = {"who": pid}
                if visit:
                    participant["role"] = "host" if index == 0 else "guest"
                elif rng.random() < 0.1:
                    participant["role"] = "host"
                if rng.random() < 0.03:
                    participant["citations"] = [self.external("participant")]
                participants.append(participant)
            record: dict[str, Any] = {
                "id": f"meeting-{i + 1:06d}",
                "citations": self.citations(),
                "title": f"{kind.replace('_', ' ').capitalize()} number {i + 1}"
                f" on {rng.choice(_TOPICS)}",
                "kind": kind,
                "participants": participants,
            }
            place_roll = rng.random()
            if kind not in ("phone_call", "video_call") and place_roll < 0.9:
                record["place"] = rng.choice(sites if place_roll < 0.6 else cities)
            elif place_roll < 0.95:
                record["place"] = rng.choice(countries)
            date = self.meeting_date()
            if date is not None:
                record["date"] = date
            count_roll = rng.random()
            if count_roll < 0.03:
                record["count"] = rng.randint(2, 6)
            elif count_roll < 0.04:
                record["count"] = None
            found.append(record)
        return found

    def happenings(self) -> list[dict[str, Any]]:
        return [
            {
                "id": f"aid-delivery-{i + 1}",
                "citations": self.citations(),
                "title": f"Aid delivery number {i + 1}",
                "kind": "aid_delivery",
                "participants": [
                    {"who": "china", "role": "actor"},
                    {"who": "russia", "role": "recipient"},
                ],
                "place": "russia-region-1-city-1",
                "origin": "china-region-1-city-1",
                "date": self.single(f"{2020 + i % 4:04d}-{1 + i % 12:02d}"),
                "figures": [{"measure": "aid delivered", "value": 10 + i, "unit": "tonnes"}],
            }
            for i in range(5)
        ]

    def treaties(self) -> list[dict[str, Any]]:
        return [
            {
                "id": f"joint-statement-{i + 1}",
                "citations": self.citations(),
                "name": f"Joint Statement number {i + 1}",
                "kind": "joint_statement",
                "parties": ["china", "russia"],
                "signed": self.single(f"{2000 + 3 * i:04d}"),
                "place": "russia-region-1-city-1" if i % 2 else "china-region-1-city-1",
                "signatories": [
                    {"who": "xi-jinping", "role": "signatory"},
                    {"who": "vladimir-putin", "role": "signatory"},
                ],
                "topics": ["bilateral relations"],
            }
            for i in range(5)
        ]

    def statements(self) -> list[dict[str, Any]]:
        found = []
        for i in range(10):
            speaker = ("xi-jinping", "vladimir-putin", "wang-yi", "sergei-lavrov")[i % 4]
            record: dict[str, Any] = {
                "id": f"statement-{i + 1}",
                "citations": self.citations(),
                "kind": "paraphrase",
                "text": f"Relations are at their best in history (remark {i + 1}).",
                "speaker": speaker,
                "topics": [_TOPICS[i % len(_TOPICS)]],
                "about": ["china", "russia"],
                "date": self.single(f"{2015 + i % 9:04d}-{1 + i % 12:02d}-{1 + i:02d}"),
            }
            found.append(record)
        return found

    def run(self) -> dict[str, Any]:
        places = self.places()
        leaders, offices, others = self.people()
        return {
            "format": FORMAT,
            "version": f"synthetic-{self.n}{'-skewed' if self.skewed else ''}",
            "documents": [self.document()],
            "countries": self.countries(),
            "organisations": self.organisations(),
            "places": places,
            "people": [*leaders, *others],
            "offices": offices,
            "meetings": self.meetings(leaders, others),
            "happenings": self.happenings(),
            "treaties": self.treaties(),
            "statements": self.statements(),
        }


def generate(meetings: int, *, skewed: bool = False, seed: int = 2021) -> dict[str, Any]:
    """The dataset as JSON-ready values (the same for the same arguments)."""
    if meetings < 0:
        raise ValueError("the number of meetings must be at least 0")
    return _Generator(meetings, skewed=skewed, seed=seed).run()


def dumps(data: dict[str, Any]) -> str:
    """JSON text as ``sr.dumps`` writes it (indent 2, UTF-8 kept, final newline)."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def generate_text(meetings: int, *, skewed: bool = False, seed: int = 2021) -> str:
    """The dataset as JSON text, byte for byte the same on every run."""
    return dumps(generate(meetings, skewed=skewed, seed=seed))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--meetings", type=int, default=1000, help="number of meetings")
    parser.add_argument("--skewed", action="store_true", help="a few people in most meetings")
    parser.add_argument("--seed", type=int, default=2021)
    parser.add_argument("--out", type=Path, help="the file to write (default: standard output)")
    args = parser.parse_args(argv)
    text = generate_text(args.meetings, skewed=args.skewed, seed=args.seed)
    if args.out is None:
        sys.stdout.write(text)
    else:
        args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
