"""Small shared helpers for the benchmark scripts: timing medians and writing results into docs/benchmarks.md.

Each script measures its candidates and the baselines in the same run, and replaces its own section of
docs/benchmarks.md (between `<!-- bench:NAME -->` and `<!-- /bench:NAME -->`), so the file always shows the
latest run of every benchmark with the command that reproduces it.
"""
from __future__ import annotations

import os
import platform
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "benchmarks.md"
SAMPLE = ROOT / "src" / "rbtool" / "data" / "analyse-rijksbegroting-2020.pdf"
RBTOOL = [sys.executable, "-m", "rbtool"]


def precompile() -> None:
    """Byte-compile the package first, as `pip install` does: an editable checkout with
    PYTHONDONTWRITEBYTECODE set would otherwise re-compile every module on every timed run."""
    import compileall

    compileall.compile_dir(str(ROOT / "src"), quiet=1)


def timed(fn, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


def run_command(argv: list[str], env: dict | None = None, ok=(0,)) -> None:
    proc = subprocess.run(argv, env={**os.environ, **(env or {})}, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True)
    if proc.returncode not in ok:
        raise SystemExit(f"benchmark command failed ({proc.returncode}): {' '.join(argv)}\n{proc.stderr[-2000:]}")


def time_command(argv: list[str], runs: int, env: dict | None = None, ok=(0,)) -> list[float]:
    return timed(lambda: run_command(argv, env, ok), runs)


def median_ms(times: list[float]) -> float:
    return statistics.median(times) * 1000


def machine() -> str:
    return f"{platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} cores, {platform.machine()}"


def write_section(name: str, markdown: str) -> None:
    """Replace this benchmark's section in docs/benchmarks.md (appending it the first time)."""
    text = DOC.read_text(encoding="utf-8") if DOC.exists() else "# Benchmarks\n"
    stamp = time.strftime("%Y-%m-%d")
    block = f"<!-- bench:{name} -->\n{markdown.strip()}\n\n_Measured {stamp} on {machine()}._\n<!-- /bench:{name} -->"
    pattern = re.compile(rf"<!-- bench:{name} -->.*?<!-- /bench:{name} -->", re.S)
    text = pattern.sub(lambda _: block, text) if pattern.search(text) else text.rstrip() + "\n\n" + block + "\n"
    DOC.write_text(text, encoding="utf-8")
    print(markdown)
