"""The example notebook runs from top to bottom without errors."""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbclient import NotebookClient

NOTEBOOK = Path(__file__).parent.parent / "examples" / "analysis.ipynb"


class TestNotebook:
    def test_runs(self, tmp_path: Path) -> None:
        """Every cell executes; the analysis prints its finding."""
        notebook = nbformat.read(NOTEBOOK, as_version=4)  # type: ignore[no-untyped-call]
        NotebookClient(
            notebook,
            timeout=120,
            kernel_name="python3",
            resources={"metadata": {"path": str(tmp_path)}},
        ).execute()
        outputs = [
            output
            for cell in notebook.cells
            if cell.cell_type == "code"
            for output in cell.get("outputs", [])
        ]
        assert not [o for o in outputs if o.get("output_type") == "error"]
        printed = "".join(o.get("text", "") for o in outputs if o.get("output_type") == "stream")
        assert "are only possible, not certain" in printed
