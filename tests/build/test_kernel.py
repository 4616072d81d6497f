"""Kernels of parallel jobs talk over sockets that cannot collide (CI once lost a build to
a TCP port taken between being picked and being bound)."""
import os

import pytest

from lkjip.build.kernel import IpcKernelManager


def test_each_kernel_gets_its_own_unix_socket_path():
    a, b = IpcKernelManager(kernel_name="python3"), IpcKernelManager(kernel_name="python3")
    assert a.transport == b.transport == "ipc"
    assert os.path.isabs(a.ip) and a.ip != b.ip
    assert len(a.ip) + len("-65535") < 100  # AF_UNIX path limit


@pytest.mark.lambat
def test_a_notebook_runs_under_it(tmp_path):
    import nbformat
    import papermill as pm

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(
        "import json, ipykernel.connect as c\n"
        "print(json.load(open(c.get_connection_file()))['transport'])")]
    nbformat.write(nb, tmp_path / "in.ipynb")
    pm.execute_notebook(str(tmp_path / "in.ipynb"), str(tmp_path / "out.ipynb"), kernel_name="python3",
                        progress_bar=False, kernel_manager_class=IpcKernelManager)
    out = nbformat.read(tmp_path / "out.ipynb", as_version=4)
    assert out.cells[0].outputs[0]["text"].strip() == "ipc"
