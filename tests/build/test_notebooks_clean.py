"""Notebooks in git are the same for every year: no outputs, a `parameters` cell, no
function definitions and no figures typed by hand."""
import json
import re

import pytest

from conftest import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_clean_and_parameterised(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert all(not c.get("outputs") and c.get("execution_count") is None for c in code), "strip outputs"
    params = [c for c in code if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(params) == 1 and "tahun" in "".join(params[0]["source"])
    for c in code:
        src = "".join(c["source"])
        assert not re.search(r"^\s*(def|class) ", src, re.M), "no function definitions in notebooks"
        assert not re.search(r"\b20\d\d\b", src), "no year typed in a notebook"
    for c in nb["cells"]:
        if c["cell_type"] == "markdown":
            assert not re.search(r"\d+[.,]\d+\s*%|\bRp\b", "".join(c["source"])), "no figure typed in prose"
