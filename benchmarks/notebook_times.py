"""Execute each notebook of the book and print the seconds it took.

Usage::

    .venv/bin/python benchmarks/notebook_times.py [NOTEBOOK ...]

With no arguments it runs every notebook listed in ``_toc.yml``, in book order, and
prints one row per notebook and the total. Targets for the finished book on a 2-core
machine: every chapter under 90 s, the whole book under 8 minutes.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import nbformat
import yaml
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
CHAPTER_TARGET_S = 90
BOOK_TARGET_S = 8 * 60


def toc_notebooks(toc_path: Path = ROOT / "_toc.yml") -> list[Path]:
    """Notebooks named in the table of contents, in book order."""
    toc = yaml.safe_load(toc_path.read_text())
    files: list[str] = []

    def walk(node):
        if isinstance(node, dict):
            for key in ("root", "file"):
                if key in node:
                    files.append(node[key])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(toc)
    paths = [ROOT / f"{name}.ipynb" for name in dict.fromkeys(files)]
    return [p for p in paths if p.exists()]


def execute(path: Path) -> tuple[float, int]:
    """Execute one notebook in its own kernel.

    Returns the wall-clock seconds and the number of cells that wrote to stderr
    (the book build fails on those).
    """
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=600,
        kernel_name="python3",
        resources={"metadata": {"path": path.parent}},
    )
    start = time.perf_counter()
    client.execute()
    seconds = time.perf_counter() - start
    noisy = 0
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if out.get("output_type") == "stream" and out.get("name") == "stderr":
                noisy += 1
                print(f"  stderr in {path.name}: {out.get('text', '')[:300]!r}")
    return seconds, noisy


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path)
    args = parser.parse_args(argv)
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
    notebooks = args.notebooks or toc_notebooks()

    total = 0.0
    slow = []
    print(f"{'notebook':<40} {'seconds':>8}")
    print("-" * 49)
    for path in notebooks:
        seconds, noisy = execute(path)
        total += seconds
        flag = "  over target" if seconds > CHAPTER_TARGET_S else ""
        flag += f"  {noisy} stderr outputs" if noisy else ""
        print(f"{path.name:<40} {seconds:>8.1f}{flag}", flush=True)
        if seconds > CHAPTER_TARGET_S:
            slow.append(path.name)
    print("-" * 49)
    print(f"{'total':<40} {total:>8.1f}")
    print(
        f"targets: each chapter < {CHAPTER_TARGET_S} s "
        f"({'met' if not slow else 'missed by ' + ', '.join(slow)}); "
        f"book < {BOOK_TARGET_S} s ({'met' if total < BOOK_TARGET_S else 'missed'})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
