"""Make the pictures in the docs from the bundled data.

Run: python docs/make_images.py
"""

from __future__ import annotations

from pathlib import Path

import sinorussia as sr

IMAGES = Path(__file__).parent / "images"


def main() -> None:
    """Draw every picture the docs show."""
    IMAGES.mkdir(exist_ok=True)
    ds = sr.load()
    sr.plot_timeline(ds, IMAGES / "timeline.png", start=2013)
    sr.plot_timeline(ds, IMAGES / "timeline-all.png")
    sr.plot_network(ds, IMAGES / "network.png")
    for path in sorted(IMAGES.iterdir()):
        print(path)


if __name__ == "__main__":
    main()
