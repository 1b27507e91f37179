"""Actor coding: names, titles and context -> PLOVER country + sector (wirewatch.kb.actors, wirewatch.resolve.actors)."""

from __future__ import annotations

import datetime
import gzip
import json
import subprocess
import sys
import time
from importlib import resources
from pathlib import Path

import pytest

from wirewatch.kb.actors import ActorCoder, normalize
from wirewatch.kb.demonyms import load_demonyms

ROOT = Path(__file__).resolve().parent.parent
SOURCES = Path("/work/shared/sources")
SEED_DAY = datetime.date(2014, 6, 13)


@pytest.fixture(scope="module")
def coder() -> ActorCoder:
    return ActorCoder.load()


def code(coder: ActorCoder, name: str, label: str | None = None, context: str = "",
         when: datetime.date | None = SEED_DAY) -> tuple[str | None, str | None, list[str]] | None:
    actor = coder.code(name, label=label, context=context, when=when)
    return None if actor is None else (actor.country, actor.sector, actor.other_sectors)


# ---- the seed article ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "label", "context", "country", "sectors"), [
    ("CNN", "ORG", "", "USA", {"JRN"}),
    ("AFP", "ORG", "", "FRA", {"JRN"}),
    ("Associated Press", "ORG", "", "USA", {"JRN"}),
    ("the Pentagon", "ORG", "", "USA", {"MIL", "GOV"}),
    ("Rear Admiral John Kirby", "PERSON", "", "USA", {"MIL", "GOV"}),
    ("John Kirby", "PERSON", "spokesman Rear Admiral", "USA", {"MIL", "GOV"}),
    ("Kirby", "PERSON", "", "USA", {"MIL", "GOV"}),
    ("Barack Obama", "PERSON", "", "USA", {"GOV"}),
    ("Obama", "PERSON", "U.S. President", "USA", {"GOV"}),
    ("U.S. President Barack Obama", "PERSON", "", "USA", {"GOV"}),
    ("Nouri al-Maliki", "PERSON", "", "IRQ", {"GOV"}),
    ("Iraqi Prime Minister Nouri al-Maliki", "PERSON", "", "IRQ", {"GOV"}),
    ("Maan", "PERSON", "Iraqi Interior Ministry Spokesman Brigadier General", "IRQ", {"COP", "GOV", "MIL"}),
    ("Revolutionary Guard", "ORG", "", "IRN", {"MIL"}),
    ("Iranian special forces", None, "", "IRN", {"MIL"}),
    ("a senior security official in Baghdad", None, "", "IRQ", {"COP", "GOV"}),
])
def test_seed_actors(coder: ActorCoder, name: str, label: str | None, context: str, country: str,
                     sectors: set[str]) -> None:
    got = code(coder, name, label, context)
    assert got is not None, name
    assert got[0] == country, (name, got)
    assert got[1] in sectors, (name, got)


def test_seed_isis(coder: ActorCoder) -> None:
    for name in ("ISIS", "Islamic State of Iraq and Syria", "Islamic State", "ISIS militants"):
        got = code(coder, name, "ORG")
        assert got is not None and got[0] in ("IMG", "IRQ", "SYR") and got[1] == "REB", (name, got)


def test_seed_countries_have_no_sector(coder: ActorCoder) -> None:
    assert code(coder, "China", "GPE") == ("CHN", None, [])
    assert code(coder, "Iran", "GPE") == ("IRN", None, [])
    assert code(coder, "Iranian", "NORP") == ("IRN", None, [])
    assert code(coder, "Baghdad", "GPE") == ("IRQ", None, [])


def test_government_security_forces_head_noun(coder: ActorCoder) -> None:
    got = code(coder, "Iraqi government security forces")
    assert got is not None
    assert got[0] == "IRQ" and got[1] == "MIL" and "GOV" in got[2]


def test_title_stack_affiliation_first(coder: ActorCoder) -> None:
    # the organisation a spokesman speaks for comes before his rank
    got = code(coder, "Saad Maan", "PERSON", "Interior Ministry Spokesman Brigadier General")
    assert got is not None and got[1] == "GOV" and "MIL" in got[2]
    assert got[0] is None  # nothing says which country: left to the caller


# ---- generic phrases, IGOs, outlets, armed groups -----------------------------------------------------------

@pytest.mark.parametrize(("name", "expected"), [
    ("militants", (None, "REB")),
    ("Iraqi militants", ("IRQ", "REB")),
    ("Syrian rebels", ("SYR", "REB")),
    ("local armed men", (None, "UAF")),
    ("the channel", (None, "JRN")),
    ("a police officer", (None, "COP")),
    ("Russian Defense Ministry", ("RUS", "GOV")),
    ("the Iraqi army", ("IRQ", "MIL")),
    ("Pentagon officials", ("USA", "GOV")),
    ("Taliban commander", ("AFG", "REB")),
    ("Interior Ministry", (None, "GOV")),
])
def test_generic_phrases(coder: ActorCoder, name: str, expected: tuple[str | None, str]) -> None:
    got = code(coder, name)
    assert got is not None and (got[0], got[1]) == expected, (name, got)


@pytest.mark.parametrize(("name", "country", "sector"), [
    ("the United Nations", "UNO", None),
    ("U.N.", "UNO", None),
    ("UN Security Council", "UNO", "GOV"),
    ("European Union", "EUR", "GOV"),
    ("EU", "EUR", "GOV"),
    ("NATO", "IGO", "MIL"),
    ("African Union", "IGO", None),
    ("Human Rights Watch", "NGO", "SOC"),
    ("Reuters", "GBR", "JRN"),
    ("BBC", "GBR", "JRN"),
    ("Al Jazeera", "QAT", "JRN"),
    ("Xinhua", "CHN", "JRN"),
    ("TASS", "RUS", "JRN"),
    ("Hamas", "PSE", "REB"),
    ("Hezbollah", "LBN", "REB"),
    ("Boko Haram", "NGA", "REB"),
    ("al-Shabaab", "SOM", "REB"),
    ("the Kremlin", "RUS", "GOV"),
    ("the Treasury Department", "USA", "GOV"),
    ("OFAC", "USA", "GOV"),
])
def test_named_organisations(coder: ActorCoder, name: str, country: str, sector: str | None) -> None:
    got = code(coder, name, "ORG")
    assert got is not None and (got[0], got[1]) == (country, sector), (name, got)


def test_partially_recognised_entity(coder: ActorCoder) -> None:
    assert code(coder, "Abkhazia", "GPE") == ("GEO", "PRE", [])


# ---- dates -----------------------------------------------------------------------------------------------

def test_role_valid_at_date(coder: ActorCoder) -> None:
    assert code(coder, "Taliban", "ORG", when=datetime.date(2015, 1, 1))[:2] == ("AFG", "REB")
    assert code(coder, "Taliban", "ORG", when=datetime.date(2022, 1, 1))[:2] == ("AFG", "GOV")
    # Ban Ki-moon: South Korean minister, then UN Secretary-General
    assert code(coder, "Ban Ki-moon", "PERSON", when=datetime.date(2005, 6, 1))[:2] == ("KOR", "GOV")
    assert code(coder, "Ban Ki-moon", "PERSON", when=datetime.date(2012, 6, 1))[0] == "UNO"
    # after every dated office: a former official
    assert code(coder, "Nouri al-Maliki", "PERSON", when=datetime.date(2016, 1, 1))[:2] == ("IRQ", "ELI")
    # no date: the latest role
    assert code(coder, "Obama", "PERSON", when=None)[:2] == ("USA", "GOV")


def test_ambiguous_surname_resolved_by_date(coder: ActorCoder) -> None:
    assert code(coder, "Assad", "PERSON", when=datetime.date(2016, 1, 1))[:2] == ("SYR", "GOV")
    assert code(coder, "Mr Assad", "PERSON", when=datetime.date(2016, 1, 1))[:2] == ("SYR", "GOV")


# ---- false positives -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "label"), [
    ("Michelle Obama", "PERSON"),   # same surname, different given name
    ("Jordan Peterson", "PERSON"),  # a country word inside a person's name
    ("John Smith", "PERSON"),
    ("Xyzzy Corp", "ORG"),
    ("Sunni", "NORP"),
    ("us", None),                   # a pronoun, not the U.S.
    ("is", None),                   # a verb, not Islamic State
    ("wagner", None),               # a lower-case word is no proper name
])
def test_unknown_or_ambiguous_names(coder: ActorCoder, name: str, label: str | None) -> None:
    assert code(coder, name, label) is None


def test_unknown_person_gets_context(coder: ActorCoder) -> None:
    got = code(coder, "Hamid Zaidi", "PERSON", "Iraqi Prime Minister")
    assert got == ("IRQ", "GOV", [])
    assert code(coder, "Hamid Zaidi", "PERSON", "Iraqi") == ("IRQ", None, [])


# ---- country_of and demonyms -----------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "iso"), [
    ("Iraq", "IRQ"), ("Iraqi", "IRQ"), ("Iraqis", "IRQ"), ("Iranian", "IRN"), ("American", "USA"),
    ("Americans", "USA"), ("U.S.", "USA"), ("the United States", "USA"), ("US", "USA"), ("Chinese", "CHN"),
    ("Congolese", "COD"), ("Britain", "GBR"), ("British", "GBR"), ("Ivory Coast", "CIV"),
    ("Côte d'Ivoire", "CIV"), ("Kosovo", "KOS"), ("Hong Kong", "HKG"), ("Palestinian", "PSE"),
])
def test_country_of(coder: ActorCoder, text: str, iso: str) -> None:
    assert coder.country_of(text) == iso


def test_country_of_rejects_non_countries(coder: ActorCoder) -> None:
    for text in ("us", "Pentagon", "Obama", "militants", ""):
        assert coder.country_of(text) is None, text


def test_demonyms_file() -> None:
    table = load_demonyms()
    for k, v in {"Iraqi": "IRQ", "Iranian": "IRN", "American": "USA", "U.S.": "USA", "Chinese": "CHN",
                 "Congolese": "COD", "French": "FRA", "Filipino": "PHL"}.items():
        assert table[k] == v, k
    assert len(set(table.values())) >= 190  # all countries


def test_normalize() -> None:
    assert normalize("the U.S.") == "US"
    assert normalize("Iraq\u2019s") == "IRAQ"
    assert normalize("Nouri al-Maliki") == "NOURI AL MALIKI"
    assert normalize("Médecins Sans Frontières") == "MEDECINS SANS FRONTIERES"


def test_load_is_fast_and_cached() -> None:
    start = time.perf_counter()
    a = ActorCoder.load()
    assert ActorCoder.load() is a
    assert time.perf_counter() - start < 1.0


def test_data_files_are_compact() -> None:
    data_dir = resources.files("wirewatch.data")
    total = sum(data_dir.joinpath(n).read_bytes().__len__() for n in ("actors.json.gz", "demonyms.tsv"))
    assert total < 3_000_000


# ---- the build script ------------------------------------------------------------------------------------

@pytest.mark.skipif(not (SOURCES / "petrarch2" / "Phoenix.Countries.actors.txt").exists(),
                    reason="build sources (/work/shared/sources) not available")
def test_build_script_reproduces_shipped_data(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_actors.py"), "--sources", str(SOURCES), "--out", str(tmp_path)],
        capture_output=True, text=True, timeout=300, check=False)
    assert proc.returncode == 0, proc.stderr
    shipped = resources.files("wirewatch.data")
    built = json.loads(gzip.decompress((tmp_path / "actors.json.gz").read_bytes()))
    current = json.loads(gzip.decompress(shipped.joinpath("actors.json.gz").read_bytes()))
    assert built.keys() == current.keys()
    assert built == current
    assert (tmp_path / "demonyms.tsv").read_text(encoding="utf-8") == \
        shipped.joinpath("demonyms.tsv").read_text(encoding="utf-8")


def test_a_person_with_no_role_reads_as_a_private_person_and_family_nouns_are_civilians(analyse) -> None:
    a = analyse("Reza Gul ran to the outpost. Gul said her daughter Fatima had hidden the children.")
    gul = next(e for e in a.entities if e.name == "Reza Gul")
    assert gul.actor.sector is None and gul.actor.other_sectors == ["CVL"]  # a reading, not asserted
    b = analyse("A resident of Farah province said the outpost came under attack.")
    resident = next(e for e in b.entities if "resident" in e.name)
    assert resident.actor.sector == "CVL"
    c = analyse("Foreign Minister Sergei Lavrov said the talks would resume.")
    lavrov = next(e for e in c.entities if "Lavrov" in e.name)
    assert "CVL" not in lavrov.actor.other_sectors and lavrov.actor.sector == "GOV"
