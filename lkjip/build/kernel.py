"""The kernel manager the build's notebooks run under.

Jupyter's default transport is TCP on ports picked at random and bound later by the
kernel; with several kernels starting at once (one per worker) another process can take
a picked port in between, and the kernel dies with "Address already in use" (seen in CI).
Unix domain sockets at a path unique to each kernel cannot collide; jupyter_client
removes them when the kernel stops.
"""
from __future__ import annotations

import os
import tempfile
import uuid

from jupyter_client.manager import AsyncKernelManager
from traitlets import CaselessStrEnum, default


class IpcKernelManager(AsyncKernelManager):
    transport = CaselessStrEnum(["tcp", "ipc"], default_value="ipc", config=True)

    @default("ip")
    def _ip_default(self) -> str:
        # short and absolute: socket paths are limited to ~100 bytes, and papermill
        # changes the working directory while the notebook runs
        return os.path.join(tempfile.gettempdir(), f"lkjip-kernel-{uuid.uuid4().hex[:16]}")
