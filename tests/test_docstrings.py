"""One docstring style: Google sections with Markdown, never reST roles.

The API reference renders docstrings as Markdown, where a reST role such as
``:class:`~sinorussia.DataError``` shows as raw text; cross-references are
written ``[`DataError`][sinorussia.DataError]`` instead.
"""

from __future__ import annotations

import ast
import inspect
import re
from pathlib import Path

import pytest

import sinorussia as sr

SOURCE = Path(__file__).parent.parent / "src" / "sinorussia"
ROLE = re.compile(r":(?:class|meth|func|attr|mod|exc|data|obj|ref|py:\w+):`")
CROSS_REFERENCE = re.compile(r"\[`?([\w.]+)`?\]\[(sinorussia(?:\.\w+)+)\]")


def docstrings(path: Path) -> list[tuple[int, str]]:
    """Every docstring of a module (its own, its classes' and functions'), with its line."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            text = ast.get_docstring(node, clean=False)
            if text:
                found.append((getattr(node, "lineno", 1), text))
    return found


MODULES = sorted(SOURCE.glob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_no_rest_roles(path: Path) -> None:
    """No docstring of the package uses a reST role."""
    raw = [(line, ROLE.search(text)) for line, text in docstrings(path)]
    assert [(line, m.group(0)) for line, m in raw if m] == []


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_cross_references_point_at_public_objects(path: Path) -> None:
    """Every ``[name][sinorussia.X.y]`` names an object importable from sinorussia."""
    for line, text in docstrings(path):
        for _, target in CROSS_REFERENCE.findall(text):
            obj: object = sr
            for part in target.split(".")[1:]:
                assert not part.startswith("_"), (path.name, line, target)
                assert hasattr(obj, part), (path.name, line, target)
                obj = getattr(obj, part)


def test_the_public_api_is_documented_in_google_style() -> None:
    """Public functions that raise say so in a Raises section, not in reST fields."""
    for name in sr.__all__:
        obj = getattr(sr, name)
        doc = inspect.getdoc(obj) or ""
        assert ":param " not in doc, name
        assert ":raises " not in doc, name
        assert ":returns:" not in doc, name
