"""Every ```python example of the docs runs, in page order, without an error.

The blocks of one page share one namespace, as a reader runs them one after
another. They run in an empty folder holding the ``my_additions.json`` the
pages name: a small self-contained dataset that also merges with the bundled data.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

DOCS = Path(__file__).parent.parent / "docs"
BLOCK = re.compile(r"```python\n(.*?)```", re.DOTALL)
PAGES = sorted(page for page in DOCS.glob("*.md") if BLOCK.search(page.read_text("utf-8")))

_CITE = {"basis": "stated", "document": "my-notes", "paragraphs": [1]}
MY_ADDITIONS = {
    "format": 2,
    "version": "mine",
    "documents": [
        {
            "id": "my-notes",
            "title": "My notes",
            "language": "en",
            "paragraphs": 1,
            "sha256": "0" * 64,
        }
    ],
    "countries": [{"id": "mongolia", "citations": [_CITE], "name": "Mongolia"}],
    "places": [
        {
            "id": "ulaanbaatar",
            "citations": [_CITE],
            "name": "Ulaanbaatar",
            "kind": "city",
            "within": "mongolia",
        }
    ],
}


def test_pages_have_python() -> None:
    """The pages with Python examples are found (the test cannot pass on nothing)."""
    assert {page.name for page in PAGES} >= {"exports.md", "getting-started.md", "provenance.md"}


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_python_examples_run(page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each Python block of the page runs after the ones before it."""
    (tmp_path / "my_additions.json").write_text(json.dumps(MY_ADDITIONS), "utf-8")
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {}
    for number, block in enumerate(BLOCK.findall(page.read_text("utf-8")), start=1):
        exec(compile(block, f"{page.name} block {number}", "exec"), namespace)
