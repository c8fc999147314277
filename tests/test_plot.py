"""Pictures: the timeline and who met whom, drawn from the real data."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from matplotlib.figure import Figure

import sinorussia as sr


class TestTimelinePlot:
    def test_one_row_per_entry(self, ds: sr.Dataset) -> None:
        """Each dated entry in the window is drawn and labelled with its date."""
        figure = sr.plot_timeline(ds, start=2020, end=2020)
        assert isinstance(figure, Figure)
        labels = [t.get_text() for t in figure.axes[0].texts]
        entries = ds.timeline(start=2020, end=2020)
        assert len(labels) == len(entries)
        assert any(label.startswith("2020-02-09  A huge Il-76") for label in labels)

    def test_kinds_filter(self, ds: sr.Dataset) -> None:
        """kinds= keeps only those kinds of entry."""
        figure = sr.plot_timeline(ds, kinds=["ceremony"])
        labels = [t.get_text() for t in figure.axes[0].texts]
        assert len(labels) == 1
        assert labels[0].startswith("2015-05-09")

    @pytest.mark.parametrize("suffix", ["png", "svg", "pdf"])
    def test_saves(self, ds: sr.Dataset, tmp_path: Path, suffix: str) -> None:
        """With a path, the picture is written in the format of its suffix."""
        path = tmp_path / f"timeline.{suffix}"
        sr.plot_timeline(ds, path)
        assert path.stat().st_size > 1000
        assert not list(tmp_path.glob("*.tmp"))

    def test_svg_is_reproducible(self, ds: sr.Dataset, tmp_path: Path) -> None:
        """The same data gives the same SVG bytes."""
        first, second = tmp_path / "a.svg", tmp_path / "b.svg"
        sr.plot_timeline(ds, first)
        sr.plot_timeline(ds, second)
        assert first.read_bytes() == second.read_bytes()

    def test_bad_suffix(self, ds: sr.Dataset, tmp_path: Path) -> None:
        """An unsupported file type is refused before anything is written."""
        with pytest.raises(ValueError, match=r"\.png, \.svg or \.pdf"):
            sr.plot_timeline(ds, tmp_path / "timeline.gif")
        assert not list(tmp_path.iterdir())


class TestNetworkPlot:
    def test_who_met_whom(self, ds: sr.Dataset) -> None:
        """People who met are drawn, with the number of encounters on each line."""
        figure = sr.plot_network(ds)
        texts = {t.get_text() for t in figure.axes[0].texts}
        assert {"Xi Jinping", "Vladimir Putin", "Wang Yi", "Sergei Lavrov"} <= texts
        assert "1" in texts  # Wang Yi and Lavrov: the Guilin talks
        assert any(t.endswith("+") for t in texts)  # Xi and Putin include aggregates

    def test_saves_png(self, ds: sr.Dataset, tmp_path: Path) -> None:
        """The network picture saves as PNG."""
        path = tmp_path / "network.png"
        sr.plot_network(ds, path)
        assert path.read_bytes().startswith(b"\x89PNG")


class TestNoGlobalState:
    def test_pyplot_is_never_imported(self) -> None:
        """Plotting uses matplotlib's object API and leaves pyplot unloaded."""
        code = (
            "import sys, sinorussia as sr; sr.plot_timeline(sr.load()); sr.plot_network(sr.load());"
            "assert 'matplotlib.pyplot' not in sys.modules"
        )
        subprocess.run([sys.executable, "-c", code], check=True)
