"""Every console example of docs/cli.md runs, and prints what the page shows.

A block is a ```console fence: each line starting with ``$ `` is a command, the
lines after it (up to the next command) its output, stdout and stderr together.
The commands run as ``python -m sinorussia`` in a folder holding the files the
page names, with ``COLUMNS=100`` (their output is not a terminal, so tables are
not wrapped; ``verify`` wraps its paragraphs to that width).

Regenerate the outputs after a change with ``python tests/test_docs_cli.py``.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

from test_verify import DATA, _raw  # noqa: E402  (the made-up report and its dataset)

PAGE = HERE.parent / "docs" / "cli.md"
PAGES = (PAGE, HERE.parent / "docs" / "cookbook.md")

_CITE = {"basis": "external", "source": "https://example.org/call", "confidence": "low"}
MINE = {
    "format": 2,
    "version": "mine",
    "meetings": [
        {
            "id": "my-call",
            "citations": [_CITE],
            "title": "Wang Yi and Sergei Lavrov speak by phone",
            "kind": "phone_call",
            "participants": [{"who": "wang-yi"}, {"who": "sergei-lavrov"}],
            "date": [{"value": "2022-01-05", "citation": _CITE}],
        }
    ],
}
"""``mine.json``: additions that refer to bundled records."""
BLOCK = re.compile(r"```console\n(.*?)```", re.DOTALL)


def examples(text: str) -> list[tuple[str, list[str]]]:
    """Every (command, expected output lines) of the page, in order."""
    found: list[tuple[str, list[str]]] = []
    for block in BLOCK.findall(text):
        for line in block.splitlines():
            if line.startswith("$ "):
                found.append((line[2:], []))
            elif found:
                found[-1][1].append(line)
    return [(command, _trimmed(output)) for command, output in found]


def _trimmed(lines: list[str]) -> list[str]:
    while lines and not lines[-1].strip():
        lines = lines[:-1]
    return lines


def prepare(folder: Path) -> None:
    """The files the page's commands name."""
    (folder / "bad.json").write_text('{"format": 2, "version": "x", "meetings": 3}', "utf-8")
    (folder / "report.txt").write_bytes(DATA)
    (folder / "fair.json").write_text(json.dumps(_raw()), "utf-8")
    altered = json.dumps(_raw(quote="The bridge is finished"))
    (folder / "altered.json").write_text(altered, "utf-8")
    (folder / "mine.json").write_text(json.dumps(MINE), "utf-8")


def run(command: str, folder: Path) -> list[str]:
    """The output of one ``sinorussia ...`` command line, as the page shows it."""
    argv = shlex.split(command)
    assert argv[0] == "sinorussia", command
    env = {**os.environ, "COLUMNS": "100", "PYTHONIOENCODING": "utf-8"}
    env["PYTHONPATH"] = os.pathsep.join([str(HERE.parent / "src"), env.get("PYTHONPATH", "")])
    done = subprocess.run(
        [sys.executable, "-m", "sinorussia", *argv[1:]],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    return _trimmed((done.stdout + done.stderr).splitlines())


EXAMPLES = examples(PAGE.read_text(encoding="utf-8"))
ALL_EXAMPLES = [
    (page.name, command, expected)
    for page in PAGES
    for command, expected in examples(page.read_text(encoding="utf-8"))
]


def test_the_page_has_examples() -> None:
    """The page shows at least one example of each main command."""
    commands = {shlex.split(command)[1] for command, _ in EXAMPLES}
    assert {
        "timeline",
        "list",
        "show",
        "search",
        "anniversaries",
        "export",
        "validate",
        "verify",
        "document",
    } <= commands


@pytest.mark.parametrize(
    ("page", "command", "expected"), ALL_EXAMPLES, ids=[f"{p}: {c}" for p, c, _ in ALL_EXAMPLES]
)
def test_example_prints_what_the_page_shows(
    page: str, command: str, expected: list[str], tmp_path: Path
) -> None:
    """Run as written, the command prints exactly the output shown under it."""
    prepare(tmp_path)
    assert run(command, tmp_path) == expected, page


def main() -> None:
    """Rewrite the outputs on the pages with what the commands print now."""
    for page in PAGES:
        _rewrite(page)


def _rewrite(page: Path) -> None:
    import tempfile

    text = page.read_text(encoding="utf-8")

    def redo(match: re.Match[str]) -> str:
        lines: list[str] = []
        with tempfile.TemporaryDirectory() as folder:
            prepare(Path(folder))
            for command, _ in examples(match.group(0)):
                lines += [f"$ {command}", *run(command, Path(folder))]
        return "```console\n" + "\n".join(lines) + "\n```"

    page.write_text(BLOCK.sub(redo, text), encoding="utf-8")


if __name__ == "__main__":
    main()
