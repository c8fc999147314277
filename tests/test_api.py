"""The public API: what `import sinorussia` exposes."""

from __future__ import annotations

import subprocess
import sys
import types

import sinorussia as sr


class TestPublicNames:
    def test_all_is_sorted(self) -> None:
        """__all__ is sorted (constants first, as ruff sorts them)."""
        names = [n for n in sr.__all__ if not n.startswith("__")]
        assert names == sorted(names, key=lambda n: (not n.isupper(), n[0].islower(), n))

    def test_all_matches_public_names(self) -> None:
        """__all__ lists exactly the public names of the package namespace.

        The names imported when first used (the exports, plots, schema and
        verification) are public too, and so is what ``dir()`` shows.
        """
        public = {
            name
            for name, value in vars(sr).items()
            if not name.startswith("_") and not isinstance(value, types.ModuleType)
        }
        lazy = set(sr._LAZY)
        assert set(sr.__all__) - {"__version__"} == public | lazy
        assert set(sr.__all__) <= set(dir(sr))

    def test_lazy_names_load_their_module_on_first_use(self) -> None:
        """The start (import, load, timeline) imports only what a valid load needs.

        Not the exports, plots, schema or verification; not pendulum; not the
        converter or cattrs, which only the detailed path of loading and
        ``dumps`` use; nor what only notebooks' views, suggestions and writes
        need.
        """
        code = (
            "import sys, sinorussia as sr; sr.load().timeline();"
            " print(sorted(m for m in ('sinorussia._export', 'sinorussia._plot',"
            " 'sinorussia._schema', 'sinorussia._verify', 'sinorussia._codec', 'pendulum',"
            " 'cattrs', 'html', 'difflib', 'secrets', 'hashlib') if m in sys.modules));"
            " sr.export; print('sinorussia._export' in sys.modules)"
        )
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        assert done.stdout.splitlines() == ["[]", "True"]

    def test_every_name_resolves(self) -> None:
        """Every name in __all__ is importable."""
        for name in sr.__all__:
            assert getattr(sr, name) is not None

    def test_exception_tree(self) -> None:
        """DataError is a ValueError and NotFound a LookupError, both sr.Error."""
        assert issubclass(sr.DataError, sr.Error)
        assert issubclass(sr.DataError, ValueError)
        assert issubclass(sr.NotFound, sr.Error)
        assert issubclass(sr.NotFound, LookupError)


class TestImport:
    def test_import_reads_no_data(self) -> None:
        """Importing the package does not load the dataset or pandas."""
        code = (
            "import sys, sinorussia, sinorussia._load as L;"
            "assert L._cache is None;"
            "assert 'pandas' not in sys.modules and 'matplotlib' not in sys.modules"
        )
        subprocess.run([sys.executable, "-c", code], check=True)
