"""The package's face: few top-level modules, every other module in a layer's subpackage, and
`import lkjip` without side effects (the build's file-read recorder is installed by the
kernels the build starts, not by importing the package)."""
from __future__ import annotations

import os
import subprocess
import sys


LAYERS = {"core", "data", "laporan", "check", "build", "tools"}


def test_top_level_holds_at_most_five_modules_and_the_layers(root):
    pkg = root / "lkjip"
    modules = sorted(p.name for p in pkg.glob("*.py"))
    assert len(modules) <= 5, modules
    packages = {p.name for p in pkg.iterdir() if (p / "__init__.py").is_file()}
    assert packages == LAYERS


def test_import_lkjip_has_no_side_effect(root, tmp_path):
    log = tmp_path / "deps.log"
    env = dict(os.environ, LKJIP_DEPS_LOG=str(log), LKJIP_ROOT=str(root))
    code = ("import sys, lkjip\n"
            "open('data/2023/sasaran.csv', encoding='utf-8').read()\n"
            "print(sorted(m for m in sys.modules if m.startswith('lkjip')))\n")
    out = subprocess.run([sys.executable, "-c", code], cwd=root, env=env, capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "['lkjip', 'lkjip.errors']"
    assert not log.exists()  # nothing recorded: no hook was installed


def test_environment_variables_are_read_in_one_module(root):
    import re

    reads = re.compile(r"os\.environ\.get|os\.getenv|os\.environ\[")
    found = [f"{p.relative_to(root)}:{n}" for p in sorted((root / "lkjip").rglob("*.py"))
             if p.name != "lingkungan.py"
             for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
             if reads.search(line.split("#")[0]) and 'os.environ["MPLBACKEND"] = ' not in line]
    assert found == [], found  # (grafik.py sets matplotlib's MPLBACKEND: it reads nothing)


def test_every_problem_code_written_in_lkjip_is_a_kode_masalah(root):
    """Problem codes are an enum (lkjip.errors.KodeMasalah): a code typed anywhere in lkjip that
    the enum does not know fails here (at run time it would become 'invalid')."""
    import re

    from lkjip.errors import KodeMasalah, Problem

    written = set()
    for p in (root / "lkjip").rglob("*.py"):
        text = p.read_text(encoding="utf-8")
        written |= set(re.findall(r"\bcode=\"([a-z_]+)\"", text))
        written |= set(re.findall(r"Problem\([^()]*(?:\([^()]*\)[^()]*)*,\s*\"([a-z_]+)\"\)", text))
    assert written and written <= {k.value for k in KodeMasalah}, written - {k.value for k in KodeMasalah}
    assert Problem("data/x.csv", code="duplicate").code is KodeMasalah.DUPLICATE
    assert Problem("data/x.csv", code="string_type").code is KodeMasalah.INVALID  # pydantic's own type
