"""The examples in the README and docs run, and print what the pages say."""

from __future__ import annotations

import doctest
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
PAGES = [ROOT / "README.md", ROOT / "docs" / "queries.md", ROOT / "docs" / "cookbook.md"]


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_examples(page: Path) -> None:
    """Every >>> example on the page gives the output shown."""
    result = doctest.testfile(
        str(page),
        module_relative=False,
        optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE,
        raise_on_error=False,
        verbose=False,
    )
    assert result.attempted > 0
    assert result.failed == 0, f"{result.failed} example(s) failed in {page.name}"


def test_reliability_page_names_real_tests() -> None:
    """Every test the reliability page cites exists, so the page cannot point at nothing."""
    import re

    page = (ROOT / "docs" / "reliability.md").read_text(encoding="utf-8")
    references = re.findall(r"`(tests/[\w/]+\.py)(?:::(\w+))?(?:::(\w+))?", page)
    assert len(references) > 15
    for path, first, second in references:
        source = (ROOT / path).read_text(encoding="utf-8")
        for name in (first, second):
            if name:
                assert re.search(rf"(class|def) {name}\b", source), f"{path}::{name}"
    for name in re.findall(r", `(test_\w+)`", page):
        assert any(
            re.search(rf"def {name}\b", p.read_text(encoding="utf-8"))
            for p in (ROOT / "tests").glob("test_*.py")
        ), name
