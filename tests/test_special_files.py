"""A FIFO, a device or a socket named for import or merge is refused at once, and no file is read past its limit.

Every command runs in a child process with a timeout: a FIFO that hangs or ``/dev/zero``
read to the end fails the test by ``TimeoutExpired``, not by a clock compared in the test.
In-process window tests open the FIFO for writing after a while, so a regression ends the
wait with a wrong result instead of hanging the suite.
"""

from __future__ import annotations

import os
import socket
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from editor.core.errors import StoreError
from editor.core.files import NotRegularFile, TooLarge, open_regular, read_limited
from editor.importing import MAX_REPORT_BYTES
from editor.store.merge.private_copy import private_copy
from editor.ui.merge_dialog import MergeDialog
from editor.ui.session import AnnotationSession
from tests.cli_process import assert_one_line_error, run_cli
from tests.test_merge_support import analyst_db, clock  # noqa: F401
from tests.ui_helpers import close_window, dialogs, open_window, sample_db  # noqa: F401

HANG = 10  # seconds: far above the half second these commands take, far below forever


@pytest.fixture
def fifo(tmp_path) -> Iterator[Path]:
    path = tmp_path / "report.fifo"
    os.mkfifo(path)
    yield path


@pytest.fixture
def unix_socket(tmp_path) -> Iterator[Path]:
    path = tmp_path / "s.sock"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    yield path
    server.close()


def release_after(path: Path, seconds: float) -> threading.Timer:
    """Open the FIFO for writing after ``seconds``: a reader stuck in open() then sees end of file."""
    def release() -> None:
        fd = os.open(path, os.O_WRONLY)
        os.close(fd)
    timer = threading.Timer(seconds, release)
    timer.daemon = True
    timer.start()
    return timer


@pytest.mark.parametrize("special, kind", [("fifo", "a FIFO"), ("/dev/zero", "a device"),
                                           ("unix_socket", "a socket")])
def test_import_of_a_special_file_is_refused_at_once(request, tmp_path, special, kind):
    path = Path(special) if special.startswith("/") else request.getfixturevalue(special)
    db = tmp_path / "db.sqlite"
    done = run_cli("--db", str(db), "import", str(path), cwd=tmp_path, timeout=HANG)
    assert_one_line_error(done, str(path), kind, "not a report file")


@pytest.mark.parametrize("special, kind", [("fifo", "a FIFO"), ("/dev/zero", "a device"),
                                           ("unix_socket", "a socket")])
def test_merge_of_a_special_file_is_refused_at_once(request, tmp_path, sample_path, special, kind):
    path = Path(special) if special.startswith("/") else request.getfixturevalue(special)
    db = tmp_path / "db.sqlite"
    assert run_cli("--db", str(db), "import", str(sample_path), cwd=tmp_path).returncode == 0
    before = db.read_bytes()
    done = run_cli("--db", str(db), "merge", str(path), cwd=tmp_path, timeout=HANG)
    assert_one_line_error(done, f"cannot merge {path}", kind, "not a database file")
    assert db.read_bytes() == before


def test_a_fifo_standing_as_their_write_ahead_log_is_refused(tmp_path, sample_path):
    theirs = tmp_path / "theirs.sqlite"
    assert run_cli("--db", str(theirs), "import", str(sample_path), cwd=tmp_path).returncode == 0
    os.mkfifo(tmp_path / "theirs.sqlite-wal")
    done = run_cli("--db", str(tmp_path / "ours.sqlite"), "merge", str(theirs), cwd=tmp_path, timeout=HANG)
    assert_one_line_error(done, "theirs.sqlite-wal beside it is a FIFO")


def test_a_report_larger_than_the_limit_is_refused_without_reading_it(tmp_path):
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:  # sparse: no disk space, and nothing to read in time if it were read
        handle.truncate(MAX_REPORT_BYTES + 1)
    done = run_cli("--db", str(tmp_path / "db.sqlite"), "import", str(huge), cwd=tmp_path, timeout=HANG)
    assert_one_line_error(done, "huge.txt", "larger than 256 MB")


def test_a_file_that_grows_is_read_only_one_byte_past_the_limit():
    # A pipe has no size to check up front, like a file still being written.
    read_end, write_end = os.pipe()
    try:
        os.write(write_end, b"x" * 5000)
        with pytest.raises(TooLarge):
            read_limited(read_end, 1000)
        os.close(write_end)
        write_end = -1
        assert len(os.read(read_end, 10_000)) == 5000 - 1001
    finally:
        os.close(read_end)
        if write_end >= 0:
            os.close(write_end)


def test_opening_a_fifo_never_waits_for_a_writer(fifo):
    with pytest.raises(NotRegularFile) as caught:
        open_regular(fifo)
    assert caught.value.kind == "a FIFO (named pipe)"


def test_a_colleagues_file_over_the_limit_is_refused_and_nothing_is_left_behind(tmp_path, clock):
    bob = analyst_db(tmp_path / "bob.sqlite", "Bob")
    bob.store.close()
    size = (tmp_path / "bob.sqlite").stat().st_size
    folders = set(Path(tempfile.gettempdir()).glob("trendmark-merge-*"))
    with (pytest.raises(StoreError, match=r"cannot merge .*bob.sqlite: it is larger than"),
          private_copy(tmp_path / "bob.sqlite", limit=size - 1)):
        pass
    with private_copy(tmp_path / "bob.sqlite", limit=size) as copy:
        assert copy.read_bytes() == (tmp_path / "bob.sqlite").read_bytes()
    assert set(Path(tempfile.gettempdir()).glob("trendmark-merge-*")) == folders


# -- the window ----------------------------------------------------------------------------------


def test_the_window_refuses_to_import_a_fifo(qtbot, sample_db, dialogs, fifo):
    window = open_window(qtbot, sample_db)
    valve = release_after(fifo, HANG)
    assert not window.import_report_file(fifo)
    assert dialogs.kinds() == ["warning"] and "is not a file" in dialogs.calls[0][2]
    # A path that became a FIFO after that check: the import's reader refuses it too.
    with qtbot.waitSignal(window.importer.failed, timeout=HANG * 1000) as failed:
        assert window.importer.start(fifo)
    assert "a FIFO (named pipe), not a report file" in failed.args[0]
    assert len(window.store.reports()) == 1
    valve.cancel()
    close_window(window)


def test_the_merge_dialog_refuses_a_fifo(qtbot, tmp_path, fifo, clock):
    alice = analyst_db(tmp_path / "alice.sqlite", "Alice")
    valve = release_after(fifo, HANG)
    dialog = MergeDialog(AnnotationSession(alice.store, alice.author), fifo)
    qtbot.addWidget(dialog)
    assert "it is a FIFO (named pipe), not a database file" in dialog.summary.toPlainText()
    assert not dialog.merge_button.isEnabled()
    valve.cancel()
    alice.store.close()
