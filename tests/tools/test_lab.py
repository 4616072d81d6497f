"""JupyterLab for the analysts: `make lab` starts it at the project root (as root here), data/
is listed through the server's contents API, .md/.csv/.yaml open in the editor, a chapter
notebook opens with its headings' year filled, and saved through the server with outputs and a
changed parameter it is written as git holds it."""
from __future__ import annotations

import copy
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import nbformat
import pytest

from conftest import ROOT, copy_project

from lkjip.tools.lab import CONFIG, lab_command, pre_save, reset_parameters

NOTEBOOK = "notebooks/bab3_sasaran.ipynb"


def dirty(nb: dict) -> dict:
    """The chapter notebook as JupyterLab's autosave would send it after a run for SK-3 of 2023:
    outputs (a real figure of the 2023 report), counts, run-time metadata, a changed parameter."""
    nb = copy.deepcopy(nb)
    nb["metadata"]["language_info"] = {"name": "python", "version": "3.11.7", "mimetype": "text/x-python",
                                       "file_extension": ".py", "codemirror_mode": {"name": "ipython"}}
    nb["metadata"]["widgets"] = {"application/vnd.jupyter.widget-state+json": {}}
    n = 0
    for cell in nb["cells"]:
        if cell["cell_type"] != "code":
            continue
        n += 1
        cell["execution_count"] = n
        cell["metadata"]["scrolled"] = True
        cell["metadata"]["execution"] = {"iopub.execute_input": "2026-12-03T10:00:00Z"}
        cell["outputs"] = [{"output_type": "execute_result", "execution_count": n, "metadata": {},
                            "data": {"text/plain": "Capaian IKSS-1.1: 123,04%"}}]
        if "parameters" in cell["metadata"].get("tags", []):
            cell["source"] = "".join(cell["source"]).replace("tahun = None", "tahun = 2023").replace(
                "sasaran_id = None", 'sasaran_id = "SK-3"')
    return nb


def test_reset_parameters():
    src = "# Fiscal year\ntahun = 2024\nsasaran_id = 'SK-3'\nbatas: int = (\n    3)\n"
    assert reset_parameters(src) == "# Fiscal year\ntahun = None\nsasaran_id = None\nbatas = None\n"
    assert reset_parameters("tahun = (") == "tahun = ("  # not Python: left alone


def test_pre_save_gives_back_the_notebook_in_git():
    clean = json.loads((ROOT / NOTEBOOK).read_text(encoding="utf-8"))
    model = {"type": "notebook", "format": "json", "content": dirty(clean)}
    assert model["content"] != clean
    pre_save(model=model, path=NOTEBOOK)
    assert json.loads(nbformat.writes(model["content"])) == clean
    # a notebook outside notebooks/ (an analyst's own) keeps what it shows
    own = {"type": "notebook", "format": "json", "content": dirty(clean)}
    pre_save(model=own, path="coba/analisis.ipynb")
    assert own["content"]["cells"][1]["outputs"]


def test_allow_root_only_as_root(tmp_path):
    cmd = lab_command(tmp_path, 8888, "t", browser=False)
    assert ("--allow-root" in cmd) == (os.geteuid() == 0)
    assert f"--ServerApp.root_dir={tmp_path}" in cmd and f"--config={tmp_path / CONFIG}" in cmd


def api(url: str, method: str = "GET", body: dict | None = None):
    data = None if body is None else json.dumps(body).encode("utf-8")
    req = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=30) as r:
        return r.status, json.loads(r.read().decode("utf-8"))


@pytest.fixture()
def lab_project(tmp_path: Path) -> Path:
    project = copy_project(tmp_path / "project")
    shutil.copy2(ROOT / CONFIG, project / CONFIG)
    shutil.copytree(ROOT / "lab-settings", project / "lab-settings")
    return project


@pytest.mark.lambat  # starts JupyterLab
def test_make_lab_lists_data_and_saves_notebooks_clean(lab_project: Path, tmp_path: Path):
    project = lab_project
    make = shutil.which("make")
    assert make, "make is part of the set-up"
    # `make lab` as the README says, with this environment's bin (the .venv of a real checkout)
    env = dict(os.environ, LKJIP_ROOT=str(project), JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"))
    log = open(tmp_path / "lab.log", "w+", encoding="utf-8")
    proc = subprocess.Popen([make, "-C", str(ROOT), "lab", f"BIN={Path(sys.executable).parent}", "STAMP="],
                            env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        url = None
        end = time.monotonic() + 300
        while time.monotonic() < end and proc.poll() is None:
            log.seek(0)
            text = log.read()
            m = re.search(r"^JupyterLab: (http://127\.0\.0\.1:(\d+)/lab\?token=(\w+))$", text, re.M)
            if m:
                url = m
                try:
                    status, listing = api(f"http://127.0.0.1:{m[2]}/api/contents/data?token={m[3]}")
                    break
                except (urllib.error.URLError, ConnectionError):
                    pass
            time.sleep(0.3)
        else:
            log.seek(0)
            raise AssertionError(f"JupyterLab did not answer:\n{log.read()}")
        base, token = f"http://127.0.0.1:{url[2]}", url[3]
        assert status == 200 and listing["type"] == "directory"
        names = {c["name"] for c in listing["content"]}
        assert {"2023", "2024", "renstra", "README.md"} <= names
        _, y2023 = api(f"{base}/api/contents/data/2023?token={token}")
        assert {"indikator.csv", "organisasi.yaml", "narasi"} <= {c["name"] for c in y2023["content"]}
        _, csv = api(f"{base}/api/contents/data/2023/indikator.csv?token={token}")
        assert "IKSS-1.1,SS-1,1,aksi-ham-pusat" in csv["content"]

        # the project's JupyterLab defaults: prose, tables and YAML open in the text editor
        _, plugin = api(f"{base}/lab/api/settings/@jupyterlab/docmanager-extension:plugin?token={token}")
        viewers = plugin["schema"]["properties"]["defaultViewers"]["default"]
        assert {viewers[k] for k in ("markdown", "csv", "yaml")} == {"Editor"}

        # the notebook as JupyterLab opens it: Bab III headings with their year, not "{{ tahun }}"
        clean_text = (project / NOTEBOOK).read_text(encoding="utf-8")
        clean = json.loads(clean_text)
        _, opened = api(f"{base}/api/contents/{NOTEBOOK}?token={token}")
        headings = ["".join(c["source"]) for c in opened["content"]["cells"] if c["cell_type"] == "markdown"]
        assert "## 1. Perbandingan Target dan Realisasi Kinerja Tahun 2023" in headings
        assert not any("{{" in h for h in headings)

        # autosave of a run notebook: the file on disk is the one in git
        status, saved = api(f"{base}/api/contents/{NOTEBOOK}?token={token}", "PUT",
                            {"type": "notebook", "format": "json", "content": dirty(opened["content"])})
        assert status == 200
        on_disk = json.loads((project / NOTEBOOK).read_text(encoding="utf-8"))
        assert on_disk == clean
        assert all(not c.get("outputs") for c in on_disk["cells"] if c["cell_type"] == "code")

        # opening a file makes a checkpoint (as JupyterLab does): under build/, not inside data/
        status, _ = api(f"{base}/api/contents/data/2023/indikator.csv/checkpoints?token={token}", "POST", {})
        assert status == 201
        kept = project / "build" / ".lab-checkpoints"
        assert (kept / "data" / "2023" / "indikator-checkpoint.csv").read_text(encoding="utf-8") == (
            project / "data" / "2023" / "indikator.csv").read_text(encoding="utf-8")
        assert (kept / "notebooks" / "bab3_sasaran-checkpoint.ipynb").is_file()
        assert not [p for p in project.rglob(".ipynb_checkpoints")]
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        log.close()
