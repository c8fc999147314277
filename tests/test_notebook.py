"""The example notebook runs from top to bottom; pictures show with no %matplotlib line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import nbformat
from nbclient import NotebookClient

NOTEBOOK = Path(__file__).parent.parent / "examples" / "analysis.ipynb"


def execute(notebook: Any, folder: Path) -> Any:
    """Run every cell of ``notebook`` in a fresh kernel, in ``folder``; return it."""
    NotebookClient(
        notebook,
        timeout=120,
        kernel_name="python3",
        resources={"metadata": {"path": str(folder)}},
    ).execute()
    return notebook


def pictures(cell: Any) -> int:
    """How many PNG pictures the outputs of a cell show."""
    return sum(1 for output in cell.get("outputs", []) if "image/png" in output.get("data", {}))


def errors(notebook: Any) -> list[Any]:
    """The error outputs of every cell."""
    return [
        output
        for cell in notebook.cells
        for output in cell.get("outputs", [])
        if output.get("output_type") == "error"
    ]


class TestNotebook:
    def test_runs(self, tmp_path: Path) -> None:
        """Every cell executes; the analysis prints its finding and shows its picture."""
        notebook = execute(nbformat.read(NOTEBOOK, as_version=4), tmp_path)  # type: ignore[no-untyped-call]
        outputs = [
            output
            for cell in notebook.cells
            if cell.cell_type == "code"
            for output in cell.get("outputs", [])
        ]
        assert not errors(notebook)
        printed = "".join(o.get("text", "") for o in outputs if o.get("output_type") == "stream")
        assert "are only possible, not certain" in printed
        code = [cell for cell in notebook.cells if cell.cell_type == "code"]
        assert not [cell for cell in code if "%matplotlib" in cell.source]
        plots = [cell for cell in code if "sr.plot_" in cell.source]
        assert plots
        assert [pictures(cell) for cell in plots] == [1] * len(plots)


class TestPicturesWithoutMagic:
    """In a fresh kernel, with no %matplotlib line, each plot call shows one picture."""

    def test_each_plot_shows_once(self, tmp_path: Path) -> None:
        """A plot is shown as a PNG once per call, with or without pyplot's inline backend."""
        cells = [
            "import sinorussia as sr\nds = sr.load()",
            "sr.plot_timeline(ds, start=2020, end=2020)",
            "sr.plot_network(ds)",
            "figure = sr.plot_network(ds)",  # assigned, not shown
            "figure",
            "display(sr.plot_network(ds))",
            # A first pyplot figure under the kernel loads the inline backend and its formatter.
            "import matplotlib.pyplot as plt\nplt.close(plt.figure())\n"
            "print('backend:', plt.get_backend())",
            "from matplotlib.figure import Figure\n"
            "formatter = get_ipython().display_formatter.formatters['image/png']\n"
            "print('inline formatter:', Figure in formatter.type_printers)",
            "sr.plot_timeline(ds, start=2020, end=2020)",
            "sr.plot_network(ds)",
            "plt.figure(); plt.plot([1, 2])\nsr.plot_network(ds)",
        ]
        notebook = nbformat.v4.new_notebook()  # type: ignore[no-untyped-call]
        notebook.cells = [nbformat.v4.new_code_cell(c) for c in cells]  # type: ignore[no-untyped-call]
        notebook.metadata["kernelspec"] = {
            "name": "python3",
            "display_name": "Python 3",
            "language": "python",
        }
        execute(notebook, tmp_path)
        assert not errors(notebook)
        shown = [pictures(cell) for cell in notebook.cells]
        # The last cell: one pyplot figure shown by the backend, and ours once.
        assert shown == [0, 1, 1, 0, 1, 1, 0, 0, 1, 1, 2]
        printed = "".join(o.get("text", "") for c in notebook.cells[6:8] for o in c.outputs)
        assert printed == (
            "backend: module://matplotlib_inline.backend_inline\ninline formatter: True\n"
        )
        results = [
            output
            for cell in notebook.cells[1:3]
            for output in cell.outputs
            if output.get("output_type") == "execute_result"
        ]
        assert [r["data"]["text/plain"].endswith("with 1 Axes>") for r in results] == [True, True]
