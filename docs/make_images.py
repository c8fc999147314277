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
    ds.plot_timeline(IMAGES / "timeline.png", start=2013)
    ds.plot_timeline(IMAGES / "timeline-all.png")
    ds.plot_network(IMAGES / "network.png")
    for path in sorted(IMAGES.iterdir()):
        print(path)


if __name__ == "__main__":
    main()
