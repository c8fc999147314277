"""The exceptions (``_errors``): the tree, what their messages say, and pickling."""

from __future__ import annotations

import json
import pickle
from typing import Any

import pytest

import sinorussia as sr
from sinorussia._errors import Problem


def problems(count: int) -> list[Problem]:
    """``count`` problems at $.meetings[i]."""
    return [Problem(f"$.meetings[{i}]", "bad", f"m{i}") for i in range(count)]


class TestTree:
    @pytest.mark.parametrize(
        ("error", "bases"),
        [
            (sr.DataError, (sr.Error, ValueError)),
            (sr.NotFound, (sr.Error, LookupError)),
            (sr.Ambiguous, (sr.NotFound, sr.Error, LookupError)),
        ],
        ids=["DataError", "NotFound", "Ambiguous"],
    )
    def test_bases(self, error: type[Exception], bases: tuple[type[Exception], ...]) -> None:
        """Each exception is an sr.Error and the builtin its callers already catch."""
        assert all(issubclass(error, base) for base in bases)

    def test_branches_are_apart(self) -> None:
        """Bad data is no LookupError, and a missing record no ValueError."""
        assert not issubclass(sr.DataError, LookupError)
        assert not issubclass(sr.NotFound, ValueError)

    def test_public_module(self) -> None:
        """Tracebacks name the public path, sinorussia.DataError, not the private module."""
        for error in (sr.Error, sr.DataError, sr.NotFound, sr.Ambiguous):
            assert error.__module__ == "sinorussia"


class TestProblem:
    def test_str(self) -> None:
        """A problem reads "[source: ]path[ (id ...)]: message"."""
        assert (
            str(Problem("$.places[0].within", "refers to 'x'"))
            == "$.places[0].within: refers to 'x'"
        )
        assert str(Problem("$.places[0]", "bad", "moscow")) == "$.places[0] (id 'moscow'): bad"
        assert str(Problem("$", "bad", "m", "mine.json")) == "mine.json: $ (id 'm'): bad"

    def test_is_a_frozen_value(self) -> None:
        """Problems compare by value and cannot be changed."""
        assert Problem("$", "bad") == Problem("$", "bad", None, None)
        with pytest.raises(AttributeError):
            Problem("$", "bad").path = "$.x"  # type: ignore[misc]


class TestDataError:
    def test_one_problem_on_one_line(self) -> None:
        """One problem: the source, then the problem."""
        error = sr.DataError("mine.json", problems(1))
        assert str(error) == "mine.json: $.meetings[0] (id 'm0'): bad"
        assert (error.source, error.problems) == ("mine.json", tuple(problems(1)))

    def test_several_problems_counted_and_listed(self) -> None:
        """Several problems: a count, then one indented line each."""
        assert str(sr.DataError("mine.json", problems(2))).splitlines() == [
            "mine.json: 2 problems",
            "  $.meetings[0] (id 'm0'): bad",
            "  $.meetings[1] (id 'm1'): bad",
        ]

    def test_no_problems(self) -> None:
        """An error without problems still names its source."""
        assert str(sr.DataError("<string>", [])) == "<string>: invalid data"

    def test_error_limits_message_but_keeps_problems(self, raw: dict[str, Any]) -> None:
        """A long list is cut short in the message but kept whole in .problems."""
        raw["meetings"] = [dict(raw["meetings"][0], id=f"m{i}", kind="nope") for i in range(30)]
        with pytest.raises(sr.DataError) as info:
            sr.loads(json.dumps(raw))
        error = info.value
        assert len(error.problems) == 30
        assert "and 10 more" in str(error)
        assert len(str(error).splitlines()) == 1 + 20 + 1

    def test_pickles(self) -> None:
        """A DataError pickles with its source, problems and message."""
        error = sr.DataError("mine.json", problems(3))
        copy = pickle.loads(pickle.dumps(error))
        assert isinstance(copy, sr.DataError)
        assert (copy.source, copy.problems, str(copy)) == (
            error.source,
            error.problems,
            str(error),
        )


class TestNotFound:
    def test_message_and_suggestions(self) -> None:
        """The message names the kind and key, and the suggestions when there are some."""
        error = sr.NotFound("wang-yl", kind="leader", suggestions=["wang-yi", "wang-yu"])
        assert str(error) == "no leader 'wang-yl'; did you mean 'wang-yi', 'wang-yu'?"
        assert error.suggestions == ("wang-yi", "wang-yu")
        assert (error.key, error.kind) == ("wang-yl", "leader")
        assert str(sr.NotFound("x")) == "no record 'x'"

    def test_pickles(self) -> None:
        """A NotFound pickles with its key, kind and suggestions."""
        error = sr.NotFound("wang-yl", kind="leader", suggestions=["wang-yi"])
        copy = pickle.loads(pickle.dumps(error))
        assert type(copy) is sr.NotFound
        assert (copy.key, copy.kind, copy.suggestions) == ("wang-yl", "leader", ("wang-yi",))
        assert str(copy) == str(error)


class TestAmbiguous:
    def test_message_lists_the_candidates(self) -> None:
        """The message lists the candidates and says to use an id; they are the suggestions."""
        error = sr.Ambiguous("Wang", kind="office", candidates=["a", "b"])
        assert str(error) == "'Wang' matches several records (office): 'a', 'b'; use an id"
        assert error.candidates == error.suggestions == ("a", "b")

    def test_ambiguity_survives_pickling(self, ds: sr.Dataset) -> None:
        """An Ambiguous error pickles with its candidates."""
        with pytest.raises(sr.Ambiguous) as info:
            ds.offices.lookup("Minister of Foreign Affairs")
        copy = pickle.loads(pickle.dumps(info.value))
        assert isinstance(copy, sr.Ambiguous)
        assert copy.candidates == info.value.candidates
        assert str(copy) == str(info.value)
