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


def _run(tmp_path, name: str, code: str) -> str:
    import nbformat
    import papermill as pm

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(code)]
    nbformat.write(nb, tmp_path / f"{name}.ipynb")
    pm.execute_notebook(str(tmp_path / f"{name}.ipynb"), str(tmp_path / f"{name}-out.ipynb"),
                        kernel_name="python3", progress_bar=False, kernel_manager_class=IpcKernelManager)
    out = nbformat.read(tmp_path / f"{name}-out.ipynb", as_version=4)
    return "".join(o.get("text", "") for o in out.cells[0].outputs)


def _ready(z) -> None:
    import time

    deadline = time.monotonic() + 80
    while not os.path.exists(z.path):
        assert z.alive() and time.monotonic() < deadline, "the zygote did not become ready"
        time.sleep(0.1)


@pytest.mark.lambat
def test_two_pages_forked_from_the_warm_parent_share_no_state(tmp_path):
    from lkjip.build import kernel

    z = kernel.zygote_for("test-share", cwd=os.getcwd())
    try:
        _ready(z)
        a = _run(tmp_path, "a", "import os, sys, lkjip.laporan.konteks as k\n"
                                "rahasia = 41\nk._bocor = 'dari halaman a'\nsys.modules['builtins'].bocor = 1\n"
                                "print(os.getppid(), 'matplotlib' in sys.modules)")
        b = _run(tmp_path, "b", "import os, sys, builtins, lkjip.laporan.konteks as k\n"
                                "print(os.getppid(), 'rahasia' in globals(), hasattr(k, '_bocor'), "
                                "hasattr(builtins, 'bocor'))")
    finally:
        kernel.stop_zygote()
    # both kernels are children of the warm parent, which had imported matplotlib for them
    assert a.split() == [str(z.proc.pid), "True"]
    # the second page sees nothing the first one defined, in its namespace or in a module
    assert b.split() == [str(z.proc.pid), "False", "False", "False"]


def test_a_warm_parent_serves_only_the_lkjip_source_it_imported():
    from lkjip.build import kernel

    try:
        first = kernel.zygote_for("digest-1")
        assert kernel.zygote_for("digest-1") is first and kernel.warm("digest-1")
        second = kernel.zygote_for("digest-2")  # lkjip's source changed: a new parent
        assert second is not first and second.proc.pid != first.proc.pid
        assert first.proc.poll() is not None  # the old one is stopped
        assert not kernel.warm("digest-1") and kernel.warm("digest-2")
    finally:
        kernel.stop_zygote()
    assert not kernel.warm("digest-2")


@pytest.mark.lambat
def test_the_warm_parent_holds_no_thread_no_zmq_context_and_read_no_data(root):
    """A read made by the warm parent would be missing from every page's recorded reads."""
    import subprocess
    import sys

    code = ("import os, sys\n"
            "reads = []\n"
            "sys.addaudithook(lambda ev, a: reads.append(os.fsdecode(a[0])) if ev == 'open' and a "
            "and isinstance(a[0], (str, bytes)) else None)\n"
            "from lkjip.build import zygote\n"
            "assert zygote.preload() == []\n"
            "assert 'ipykernel.kernelapp' in sys.modules and 'matplotlib.pyplot' in sys.modules\n"
            "data = os.path.join(sys.argv[1], 'data')\n"
            "print(zygote.fork_safe(), [r for r in reads if os.path.abspath(r).startswith(data)])\n")
    out = subprocess.run([sys.executable, "-c", code, str(root)], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "True []"
