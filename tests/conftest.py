"""Shared fixtures: the bundled dataset, a small valid dataset as JSON, one office."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

import sinorussia as sr

# Hypothesis profiles: "ci" (the default) keeps the suite fast; "thorough" runs
# the fuzz tests at 10,000 examples each:
#     python -m pytest tests/test_fuzz.py --hypothesis-profile=thorough
settings.register_profile("ci", max_examples=100, deadline=None)
settings.register_profile(
    "thorough",
    max_examples=10_000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("ci")


@pytest.fixture(scope="session")
def ds() -> sr.Dataset:
    """The bundled dataset."""
    return sr.load()


_MINIMAL: dict[str, Any] = {
    "format": 2,
    "version": "test",
    "documents": [
        {
            "id": "doc",
            "title": "A test document",
            "language": "en",
            "paragraphs": 3,
            "sha256": "0" * 64,
        }
    ],
    "countries": [
        {
            "id": "china",
            "citations": [{"basis": "stated", "document": "doc", "paragraphs": [1]}],
            "name": "China",
        },
        {
            "id": "russia",
            "citations": [{"basis": "stated", "document": "doc", "paragraphs": [1]}],
            "name": "Russia",
        },
    ],
    "places": [
        {
            "id": "moscow",
            "citations": [{"basis": "stated", "document": "doc", "paragraphs": [2]}],
            "name": "Moscow",
            "kind": "city",
            "within": "russia",
        }
    ],
    "people": [
        {
            "id": "xi-jinping",
            "citations": [{"basis": "stated", "document": "doc", "paragraphs": [1]}],
            "name": "Xi Jinping",
        }
    ],
    "offices": [
        {
            "id": "xi-president",
            "citations": [{"basis": "stated", "document": "doc", "paragraphs": [1]}],
            "person": "xi-jinping",
            "post": "President",
            "role": "head_of_state",
            "organisation": "china",
            "start": [
                {
                    "value": "2013-03",
                    "citation": {"basis": "stated", "document": "doc", "paragraphs": [1]},
                }
            ],
            "status": "ongoing",
        }
    ],
    "meetings": [
        {
            "id": "visit",
            "citations": [{"basis": "stated", "document": "doc", "paragraphs": [2]}],
            "title": "A visit",
            "kind": "state_visit",
            "participants": [{"who": "xi-jinping", "role": "guest"}],
            "place": "moscow",
            "date": [
                {
                    "value": "2013",
                    "citation": {"basis": "stated", "document": "doc", "paragraphs": [2]},
                },
                {
                    "value": "2013-03-22",
                    "citation": {
                        "basis": "external",
                        "source": "https://example.org/visit",
                        "confidence": "high",
                    },
                },
            ],
        }
    ],
}


@pytest.fixture
def raw() -> dict[str, Any]:
    """A small valid dataset as JSON values; each test gets its own copy."""
    return copy.deepcopy(_MINIMAL)


_STATED = sr.Citation(basis=sr.Basis.STATED, document="doc", paragraphs=(1,))


def _one_office(*, start: str | None, end: str | None) -> sr.Dataset:
    """One country, one leader and one office with the given tenure (EDTF)."""
    status = sr.OfficeStatus.ENDED if end is not None else sr.OfficeStatus.ONGOING
    return sr.Dataset(
        documents=(
            sr.Document(id="doc", title="Doc", language="en", paragraphs=3, sha256="0" * 64),
        ),
        countries=(sr.Country(id="land", citations=(_STATED,), name="Land"),),
        people=(sr.Person(id="boss", citations=(_STATED,), name="Big Boss", nationality="land"),),
        offices=(
            sr.Office(
                id="boss-office",
                citations=(_STATED,),
                person="boss",
                post="President",
                role=sr.OfficeRole.HEAD_OF_STATE,
                organisation="land",
                start=None if start is None else sr.Dating.of(start, _STATED),
                end=None if end is None else sr.Dating.of(end, _STATED),
                status=status,
            ),
        ),
    )


@pytest.fixture
def one_office() -> Callable[..., sr.Dataset]:
    """Build a dataset of one office ``boss-office``: ``one_office(start=..., end=...)``."""
    return _one_office
