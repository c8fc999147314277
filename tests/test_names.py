"""Names (``_names``): the comparison key of a name, and the fuzzy search score."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sinorussia._names import key, score


class TestKey:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("  Sergéy LAVROV ", "sergey lavrov"),
            ("Сергей Лавров", "sergei lavrov"),
            ("Ёлкин Йошкар", "elkin ioshkar"),
            ("Xi-Jinping", "xi jinping"),
            ("wang_yi!!", "wang yi"),
            ("\uff2c\uff21\uff36\uff32\uff2f\uff36", "lavrov"),  # fullwidth LAVROV
            ("Straße", "strasse"),
            ("习近平", "习近平"),
            (" - ", ""),
            ("", ""),
        ],
        ids=[
            "accents-case-space",
            "cyrillic",
            "cyrillic-yo-and-short-i",
            "hyphen",
            "underscore-punctuation",
            "fullwidth",
            "sharp-s",
            "chinese-kept",
            "only-punctuation",
            "empty",
        ],
    )
    def test_normalises(self, text: str, expected: str) -> None:
        """Accents, case, punctuation and width go; Cyrillic is transliterated; Chinese stays."""
        assert key(text) == expected

    def test_spellings_meet(self) -> None:
        """Lavrov in Latin, capitals, Cyrillic and with stray spaces has one key."""
        assert {key(text) for text in ("Lavrov", "LAVROV ", " lavrov", "Лавров")} == {"lavrov"}

    @given(st.text())
    def test_tidy(self, text: str) -> None:
        """A key has no outer or doubled spaces, and no punctuation."""
        found = key(text)
        assert found == found.strip()
        assert "  " not in found
        assert "-" not in found
        assert "_" not in found

    @given(st.text(alphabet="AaÉéßЛлЙйЁё习近平 -_.,'\uff2c\uff21"))
    def test_idempotent(self, text: str) -> None:
        """The key of a key is itself, for names in Latin, Cyrillic and Chinese."""
        found = key(text)
        assert key(found) == found

    def test_compatibility_capitals_are_folded(self) -> None:
        """Styled letters fold like plain ones: bold Lavrov is lavrov."""
        assert key("\U0001d40b\U0001d41a\U0001d42f\U0001d42b\U0001d428\U0001d42f") == "lavrov"


class TestScore:
    @pytest.mark.parametrize(
        ("query", "names", "expected"),
        [
            ("Sergei Lavrov", ["Sergei Lavrov"], 1.0),
            ("СЕРГЕЙ ЛАВРОВ", ["Sergei Lavrov"], 1.0),
            ("Lavrov", ["Sergei Lavrov"], 0.9),
            ("lavrov sergei", ["Sergei Lavrov"], 0.9),
            ("lav", ["Sergei Lavrov"], 0.8),
        ],
        ids=["exact", "exact-key", "a-word", "all-words", "a-prefix"],
    )
    def test_tiers(self, query: str, names: list[str], expected: float) -> None:
        """An exact key is 1, a whole word (or every word) 0.9, the start of a word 0.8."""
        assert score(query, names) == expected

    def test_fuzzy_is_below_the_tiers(self) -> None:
        """A misspelling scores by similarity, below any prefix match; nonsense scores 0."""
        near = score("lavrof", ["Sergei Lavrov"])
        assert 0.5 < near < 0.8
        assert score("lavrof", ["Лавров"]) > near
        assert score("qqqq", ["Sergei Lavrov"]) == 0.0

    def test_best_of_the_names(self) -> None:
        """The score is that of the best-matching name, in any order."""
        assert score("Lavrov", ["nothing like it", "LAVROV"]) == 1.0
        assert score("Lavrov", ["LAVROV", "nothing like it"]) == 1.0
        assert score("lav", ["Lavrov", "Sergei Lavrov"]) == 0.8

    def test_empty(self) -> None:
        """An empty query, or no names, matches nothing."""
        assert score("", ["Lavrov"]) == 0.0
        assert score(" - ", ["Lavrov"]) == 0.0
        assert score("Lavrov", []) == 0.0

    @given(st.text(), st.lists(st.text(), max_size=3))
    def test_between_0_and_1(self, query: str, names: list[str]) -> None:
        """Every score lies between 0 and 1, and is 1 for a name with the query's key."""
        assert 0.0 <= score(query, names) <= 1.0
        if key(query):
            assert score(query, [*names, query]) == 1.0
