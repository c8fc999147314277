"""The layers contract of pyproject.toml and the map of docs/architecture.md agree."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import sinorussia

ROOT = Path(__file__).parent.parent
PACKAGE = Path(sinorussia.__file__).parent


def _contract_layers() -> list[list[str]]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    (contract,) = config["tool"]["importlinter"]["contracts"]
    return [[name.strip() for name in layer.split("|")] for layer in contract["layers"]]


def _map_layers() -> list[list[str]]:
    page = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    block = page.split("```text\n", 1)[1].split("```", 1)[0]
    layers = []
    for line in block.splitlines():
        names = re.match(r"^([\w ]+(?:\|[\w ]+)*?)\s{2,}", line)
        assert names, line
        layers.append([name.strip() for name in names.group(1).split("|")])
    return layers


class TestLayers:
    def test_map_draws_the_contract(self) -> None:
        """docs/architecture.md shows the layers of the contract, in the same order."""
        assert _map_layers() == _contract_layers()

    def test_every_module_has_a_layer(self) -> None:
        """Every module of the package is in exactly one layer."""
        modules = sorted(p.stem for p in PACKAGE.glob("*.py") if p.stem != "__init__")
        layered = sorted(name for layer in _contract_layers() for name in layer)
        assert layered == modules

    def test_every_module_is_described(self) -> None:
        """The table of docs/architecture.md says what each module owns."""
        page = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
        described = set(re.findall(r"^\| `(\w+)` \|", page, flags=re.MULTILINE))
        modules = {p.stem for p in PACKAGE.glob("*.py")} - {"__init__", "__main__"}
        assert described == modules
