"""What every export shares: the filter options, progress/cancel, and writing a file atomically.

An export never leaves a half-written file behind: it writes to a temporary file in
the destination folder and renames it into place only once everything succeeded.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from collections.abc import Callable, Iterator

from editor.core.errors import TrendmarkError

PAGE_SIZES = ("A4", "Letter")
SCRIPTS = ("original", "simplified", "traditional")  # editor.core.conversion.Script values

# progress(done, total) -> False asks the export to stop (the dialog's Cancel button).
ProgressFn = Callable[[int, int], bool]


class ExportError(TrendmarkError):
    """An export cannot be written (destination missing or unwritable, bad filter)."""


class ExportWarning(UserWarning):
    """Something an export could only approximate (a character no installed font can print as text)."""


class ExportCancelled(TrendmarkError):
    """The person cancelled the export; nothing was written."""

    def __init__(self, message: str = "export cancelled; nothing was written") -> None:
        super().__init__(message)


@dataclass(frozen=True)
class ExportOptions:
    """Which nodes and whose annotations an export includes, and the PDF page size.

    Filters combine with AND. ``tags`` keeps nodes carrying any of the tags (on the node
    or on one of its highlights); ``min_rating`` is compared with the first dimension's
    rating by any included author; ``only_author_id`` drops every other analyst's
    annotations before the other filters are applied.
    """

    annotated_only: bool = False
    tags: tuple[str, ...] = ()
    min_rating: int | None = None
    only_author_id: str | None = None
    page_size: str = "A4"
    include_matrix: bool = True  # PDF: the trend matrix and top-trends pages after the title page
    script: str = "original"  # the report's Chinese text as written, or in one script (see collect.py)

    def __post_init__(self) -> None:
        if self.page_size not in PAGE_SIZES:
            raise ValueError(f"page size '{self.page_size}' is not one of {', '.join(PAGE_SIZES)}")
        if self.script not in SCRIPTS:
            raise ValueError(f"script '{self.script}' is not one of {', '.join(SCRIPTS)}")
        # A list passed by a caller would make the options mutable and unhashable.
        object.__setattr__(self, "tags", tuple(t.strip() for t in self.tags if t.strip()))


def check_progress(progress: ProgressFn | None, done: int, total: int) -> None:
    """Tell the caller how far the export is; raise :class:`ExportCancelled` if it says stop."""
    if progress is not None and progress(done, total) is False:
        raise ExportCancelled()


def _check_destination(out_path: Path) -> Path:
    folder = out_path.parent if str(out_path.parent) else Path(".")
    if out_path.is_dir():
        raise ExportError(f"{out_path} is a directory; give a file name")
    if not folder.is_dir():
        raise ExportError(f"cannot write {out_path}: the folder {folder} does not exist")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ExportError(f"cannot write {out_path}: the folder {folder} is not writable")
    return folder


def _umask() -> int:
    """The process umask, read without changing it (os.umask would race with other threads)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    return 0o022  # the usual default where /proc is not available


@contextlib.contextmanager
def atomic_output(out_path: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``out_path``; rename it into place if the block succeeds.

    On any exception (including cancellation) the temporary file is removed and an
    existing file at ``out_path`` is left untouched.
    """
    out_path = Path(out_path)
    folder = _check_destination(out_path)
    try:
        # Same folder, so the final rename is atomic (no cross-device copy); the suffix is
        # kept so that writers which look at the extension see the real one.
        fd, tmp_name = tempfile.mkstemp(prefix=f".{out_path.stem}.", suffix=f".partial{out_path.suffix}",
                                        dir=folder)
    except OSError as exc:
        raise ExportError(f"cannot write {out_path}: {exc.strerror or exc}") from None
    os.close(fd)
    tmp = Path(tmp_name)
    # mkstemp makes the file private (0600); an export is an ordinary document.
    with contextlib.suppress(OSError):
        os.chmod(tmp, 0o666 & ~_umask())
    try:
        yield tmp
        if not tmp.exists():
            raise ExportError(f"the export wrote nothing to {out_path}")
        os.replace(tmp, out_path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
