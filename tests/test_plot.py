"""Pictures: the timeline and who met whom, drawn from the real data."""

from __future__ import annotations

import pickle
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from IPython.core.formatters import DisplayFormatter
from matplotlib.figure import Figure

import sinorussia as sr
import sinorussia._plot

PLOTS: list[Callable[[sr.Dataset], Figure]] = [
    lambda ds: sr.plot_timeline(ds, start=2020, end=2020),
    sr.plot_network,
]


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


class TestNotebookDisplay:
    """A figure shows itself in IPython, with no %matplotlib line and no pyplot."""

    @pytest.mark.parametrize("plot", PLOTS, ids=["timeline", "network"])
    def test_ipython_formats_it_as_png(self, ds: sr.Dataset, plot: Callable[..., Figure]) -> None:
        """IPython's own formatter, with no backend set up, gives the figure as a PNG."""
        figure = plot(ds)
        assert isinstance(figure, Figure)
        data, _ = DisplayFormatter().format(figure)  # type: ignore[no-untyped-call]
        assert data["image/png"].startswith(b"\x89PNG\r\n\x1a\n")
        assert len(data["image/png"]) > 5000
        assert "with 1 Axes" in data["text/plain"]

    def test_the_png_is_the_picture(self, ds: sr.Dataset, tmp_path: Path) -> None:
        """The notebook PNG has the figure's aspect: the network is square."""
        import io

        from matplotlib.image import imread

        image = imread(io.BytesIO(sr.plot_network(ds)._repr_png_()))  # type: ignore[attr-defined]
        height, width = image.shape[:2]
        assert 0.8 < width / height < 1.25

    def test_an_active_inline_backend_is_not_doubled(self, ds: sr.Dataset) -> None:
        """When a formatter for figures is registered (the inline backend), it alone is used."""
        formatter = DisplayFormatter()
        formatter.formatters["image/png"].for_type(Figure, lambda figure: b"from the backend")
        data, _ = formatter.format(sr.plot_network(ds))  # type: ignore[no-untyped-call]
        assert data["image/png"] == b"from the backend"

    def test_a_figure_pickles(self, ds: sr.Dataset) -> None:
        """A figure pickles and unpickles, still a Figure that draws itself."""
        again = pickle.loads(pickle.dumps(sr.plot_network(ds)))
        assert isinstance(again, Figure)
        assert again._repr_png_().startswith(b"\x89PNG")  # type: ignore[attr-defined]

    def test_a_figure_unpickles_in_a_fresh_process(self, ds: sr.Dataset, tmp_path: Path) -> None:
        """The figure's class is found by name where nothing has been drawn yet."""
        path = tmp_path / "figure.pickle"
        path.write_bytes(pickle.dumps(sr.plot_network(ds)))
        code = (
            "import pickle, sys; from matplotlib.figure import Figure;"
            f"figure = pickle.loads(open({str(path)!r}, 'rb').read());"
            "assert isinstance(figure, Figure); assert figure._repr_png_()[:4] == b'\\x89PNG';"
            "assert 'matplotlib.pyplot' not in sys.modules"
        )
        subprocess.run([sys.executable, "-c", code], check=True)


class TestWithoutMatplotlib:
    """Without the plot extra, the error says how to install it."""

    @pytest.mark.parametrize(
        ("function", "name"),
        [(sr.plot_timeline, "plot_timeline"), (sr.plot_network, "plot_network")],
    )
    def test_the_message_names_the_install_command(
        self,
        ds: sr.Dataset,
        monkeypatch: pytest.MonkeyPatch,
        function: Callable[[sr.Dataset], Figure],
        name: str,
    ) -> None:
        """An ImportError naming ``pip install 'sinorussia[plot]'``, not ModuleNotFoundError."""
        for module in [m for m in sys.modules if m == "matplotlib" or m.startswith("matplotlib.")]:
            monkeypatch.setitem(sys.modules, module, None)
        monkeypatch.setitem(sys.modules, "matplotlib", None)
        monkeypatch.setattr(sinorussia._plot, "_class", None)
        with pytest.raises(ImportError) as info:
            function(ds)
        assert not isinstance(info.value, ModuleNotFoundError)
        assert str(info.value) == (
            f"{name}() needs matplotlib, which is not installed: pip install 'sinorussia[plot]'"
        )
        assert info.value.name == "matplotlib"
        assert isinstance(info.value.__cause__, ImportError)

    def test_import_sinorussia_needs_no_matplotlib(self) -> None:
        """The library imports, and says how to install the extra, where matplotlib is absent."""
        code = (
            "import sys; sys.modules['matplotlib'] = None\n"
            "import sinorussia as sr\n"
            "try:\n    sr.plot_network(sr.load())\n"
            "except ImportError as error:\n    print(type(error).__name__, error)\n"
        )
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        assert done.stdout == (
            "ImportError plot_network() needs matplotlib, which is not installed:"
            " pip install 'sinorussia[plot]'\n"
        )
