"""A private X server (Xvfb) for the packaging check, to open the frozen app's window through xcb."""

from __future__ import annotations

import os
import select
import shutil
import subprocess
import time

from checks_common import CheckFailed

START_TIMEOUT = 20  # seconds


def xvfb_available() -> bool:
    """Whether Xvfb is installed (package xvfb on Debian/Ubuntu)."""
    return shutil.which("Xvfb") is not None


class XvfbDisplay:
    """Xvfb on the first free display number, for the duration of a ``with`` block; yields ``":N"``."""

    def __init__(self, screen: str = "1280x800x24") -> None:
        self.screen = screen
        self.process: subprocess.Popen | None = None
        self._read_end = -1

    def __enter__(self) -> str:
        # -displayfd: Xvfb picks a free display and writes its number to the pipe once it
        # accepts connections, so there is no guessing and no polling of sockets. The read
        # end stays open while Xvfb runs: it may write the number and the newline
        # separately, and a write into a closed pipe is fatal to it.
        self._read_end, write_end = os.pipe()
        try:
            self.process = subprocess.Popen(
                ["Xvfb", "-displayfd", str(write_end), "-screen", "0", self.screen, "-nolisten", "tcp"],
                pass_fds=(write_end,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        finally:
            os.close(write_end)  # only Xvfb writes to it now
        answer = b""
        deadline = time.monotonic() + START_TIMEOUT
        while not answer.endswith(b"\n") and time.monotonic() < deadline:
            ready, _, _ = select.select([self._read_end], [], [], max(0.0, deadline - time.monotonic()))
            chunk = os.read(self._read_end, 32) if ready else b""
            if not chunk:
                break
            answer += chunk
        number = answer.decode().strip()
        if not number.isdigit():
            self.__exit__()
            raise CheckFailed("Xvfb did not start")
        return f":{number}"

    def __exit__(self, *exc_info) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self._read_end >= 0:
            os.close(self._read_end)
            self._read_end = -1
