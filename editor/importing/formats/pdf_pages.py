"""Every page's lines of a PDF, read on two processors where the system lends a second one.

Reading the pages is most of a PDF's import, and pdfium does not run in two threads at once, so on a
long file a forked copy of the process reads the second part of the pages from the same bytes while
this one reads the first part (and the bookmarks after it). The lines are the same either way: each
page is read by the same code, and the parts are put back in page order.

Only fork is used: it starts in milliseconds and needs no entry point, so it works as well in the
frozen build, under pytest and from the window's import thread (the copy runs pdfium and numpy only,
never Qt, and leaves with os._exit). Where there is no fork (Windows, macOS's default), one
processor, a short file, or the copy fails or hangs, this process reads every page itself.
"""

from __future__ import annotations

import os
import pickle
import sys
from collections.abc import Callable

from editor.importing.formats.pdf_lines import Line, page_lines

_MIN_PAGES = 40  # below this, starting a copy costs more than it saves
# This process's share of the pages: it reads the bookmarks too (a tenth of a long report's reading),
# so with an even split the copy would be done first and sit idle.
_SHARE = 0.45
_TIMEOUT = 120.0  # seconds a copy may take before its part is read here instead
_Pages = list[tuple[list[Line], float]]


def _processors() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _can_fork() -> bool:
    return sys.platform.startswith("linux") and hasattr(os, "fork")


def _pack(pages: _Pages) -> bytes:
    # Plain tuples pickle several times faster than dataclasses.
    return pickle.dumps([(height, [(line.top, line.bottom, line.left, line.right, line.size, line.bold, line.text,
                                    line.color, line.cells)
                                   for line in lines]) for lines, height in pages], pickle.HIGHEST_PROTOCOL)


def _unpack(payload: bytes, first: int) -> _Pages:
    return [([Line(first + offset, *values) for values in lines], height)
            for offset, (height, lines) in enumerate(pickle.loads(payload))]


def read_pages(data: bytes, pdf, count: int) -> Callable[[], _Pages]:
    """Starts reading the pages of ``pdf`` (opened from ``data``); the function returned gives them in order.

    Between the two, this process is free for other work on ``pdf`` (the bookmarks) while a copy reads.
    """
    split = max(1, int(count * _SHARE)) if count >= _MIN_PAGES and _processors() >= 2 and _can_fork() else count
    child = _start(data, split, count) if split < count else None

    def finish() -> _Pages:
        try:
            pages = [page_lines(pdf, index) for index in range(split if child else count)]
        except BaseException:
            if child is not None:
                _collect(child, split, wait=0)
            raise
        if child is not None:
            pages += _collect(child, split) or [page_lines(pdf, index) for index in range(split, count)]
        return pages

    return finish


def _start(data: bytes, first: int, stop: int):
    """A forked copy reading pages ``first`` to ``stop`` into a pipe, or None if it cannot be started."""
    import multiprocessing

    try:
        context = multiprocessing.get_context("fork")
        receiver, sender = context.Pipe(duplex=False)
        process = context.Process(target=_child, args=(sender, data, first, stop), daemon=True)
        process.start()
    except (OSError, ValueError):
        return None
    sender.close()
    return process, receiver


def _child(sender, data: bytes, first: int, stop: int) -> None:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)  # its own: the parent's document goes on being used in the parent
        payload = _pack([page_lines(pdf, index) for index in range(first, stop)])
    except BaseException:  # any failure: the parent reads these pages itself
        payload = b""
    try:
        sender.send_bytes(payload)
    finally:
        sender.close()
        os._exit(0)


def _collect(child, first: int, wait: float | None = None) -> _Pages | None:
    """The copy's pages, or None if it failed or took longer than ``wait`` seconds; the copy is gone after."""
    process, receiver = child
    payload = b""
    try:
        if receiver.poll(_TIMEOUT if wait is None else wait):
            payload = receiver.recv_bytes()
    except (EOFError, OSError):
        payload = b""
    finally:
        receiver.close()
        if process.is_alive():
            process.kill()
        process.join()
    return _unpack(payload, first) if payload else None
