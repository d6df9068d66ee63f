"""The layers stay visible: heavy or outer libraries are imported only where they belong."""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "rbtool"

# library -> the modules (paths relative to src/rbtool) allowed to import it
ALLOWED = {
    "pdfplumber": {"pdf.py"},
    "pdfminer": {"pdf.py"},
    "sqlite3": {"store/"},
    "typer": {"cli/"},
    "rich": {"terminal.py", "cli/"},
    "openpyxl": {"output.py"},
    "pygal": {"report.py"},
}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module.split(".")[0])
    return names


def test_libraries_are_imported_only_in_their_layer():
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        for library in imported_modules(path) & ALLOWED.keys():
            if not any(relative == allowed or relative.startswith(allowed) for allowed in ALLOWED[library]):
                offenders.append(f"{relative} imports {library}")
    assert offenders == []


def test_query_commands_do_not_load_pdfplumber():
    """Searching must not pay for the PDF stack: the query path stays light."""
    code = ("import sys, rbtool.cli, rbtool.queries.search, rbtool.queries.measures, rbtool.queries.footnotes, "
            "rbtool.queries.compare, rbtool.store.db; print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('pdfplumber', 'pdfminer', 'pypdfium2')))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "[]"
