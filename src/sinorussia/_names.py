"""Names: normalisation for look-ups, and the fuzzy search score.

A name is compared by its *key*: decomposed (NFKD), stripped of accents,
case-folded, with punctuation turned into single spaces; Cyrillic is also
transliterated into Latin letters, so "Лавров", "LAVROV " and "Lavrov" meet.
Chinese characters are kept as they are: they match through the aliases the
data records (``习近平``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from typing import Final

__all__ = ["key", "score"]

_PUNCTUATION: Final = re.compile(r"[\W_]+")

# Russian scientific-ish transliteration, simplified: enough for keys to meet
# the usual English spellings of Russian names.
_CYRILLIC: Final = str.maketrans(
    {
        "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e",
        "ж": "zh", "з": "z", "и": "i", "й": "i", "к": "k", "л": "l", "м": "m",
        "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
        "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch",
        "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
    }
)  # fmt: skip


@lru_cache(maxsize=8192)
def key(text: str, *, transliterate: bool = True) -> str:
    """The comparison key of a name.

    With ``transliterate=False`` Cyrillic stays Cyrillic: the key then tells
    whether two names are written alike, not only whether they meet.

    Examples:
        >>> key("  Sergéy LAVROV ")
        'sergey lavrov'
        >>> key("Сергей Лавров")
        'sergei lavrov'

    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    # NFKD splits "й" into "и" plus a breve; recompose Cyrillic before
    # transliterating so "й" and "ё" map as letters, then drop other accents.
    # Compatibility forms (mathematical bold letters ...) decompose to capitals:
    # fold case again once they are plain letters.
    recomposed = unicodedata.normalize("NFKC", decomposed).casefold()
    if transliterate:
        recomposed = recomposed.translate(_CYRILLIC)
    plain = "".join(
        c for c in unicodedata.normalize("NFKD", recomposed) if not unicodedata.combining(c)
    )
    return _PUNCTUATION.sub(" ", plain).strip()


def _ratio(wanted: str, other: str, floor: float) -> float:
    """The similarity of two keys, or 0 when it certainly cannot exceed ``floor``."""
    # The bound of ``real_quick_ratio``, from the lengths alone: no matcher to build.
    total = len(wanted) + len(other)
    if (2 * min(len(wanted), len(other)) / total if total else 1.0) <= floor:
        return 0.0
    import difflib

    matcher = difflib.SequenceMatcher(None, wanted, other)
    if matcher.real_quick_ratio() <= floor or matcher.quick_ratio() <= floor:
        return 0.0
    return matcher.ratio()


def score(query: str, names: Iterable[str], *, floor: float = 0.0) -> float:
    """How well ``query`` matches the best of ``names``, from 0 to 1.

    An exact key match is 1; a query equal to one word of a name (a surname)
    scores 0.9; a word that starts with it 0.8; otherwise the similarity
    ratio of the keys (and of their closest words).

    Args:
        query: What is looked for.
        names: The names to compare it with.
        floor: Scores at or below this need not be exact: similarity ratios
            that cannot exceed it are not computed (their upper bounds, which
            are cheap, tell), so a search that keeps only scores above a floor
            does far less work. A score above ``floor`` is always exact.

    """
    wanted = key(query)
    if not wanted:
        return 0.0
    best = 0.0
    for name in names:
        name_key = key(name)
        if name_key == wanted:
            return 1.0
        words = name_key.split()
        if wanted in words or (len(wanted.split()) > 1 and set(wanted.split()) <= set(words)):
            best = max(best, 0.9)
            continue
        if any(word.startswith(wanted) for word in words):
            best = max(best, 0.8)
            continue
        # A ratio counts at 0.85 (of the whole key) or 0.85 * 0.95 (of a word).
        least = max(best, floor)
        ratio = _ratio(wanted, name_key, least / 0.85)
        for word in words:
            ratio = max(ratio, 0.95 * _ratio(wanted, word, least / (0.85 * 0.95)))
        best = max(best, ratio * 0.85)
    return best
