"""Report files (text, PDF, Word, Markdown, HTML) to ParsedReport. No database, no Qt."""

from __future__ import annotations

import os
from pathlib import Path

from editor.core.errors import ReportError
from editor.core.files import NotRegularFile, TooLarge, read_regular
from editor.core.report import ParsedReport
from editor.importing.dispatch import detect_format, parse_report

__all__ = ["MAX_REPORT_BYTES", "detect_format", "parse_report", "read_report"]

# Far above any real report (the 500-chapter benchmark is about 1.3 MB); a file larger
# than this is refused before it is read into memory.
MAX_REPORT_BYTES = 256 * 1024 * 1024


def read_report(path: str | os.PathLike[str]) -> ParsedReport:
    """Read and parse the report file at ``path``; every failure is a one-line ReportError."""
    file = Path(path)
    try:
        data = read_regular(file, MAX_REPORT_BYTES)
    except NotRegularFile as error:
        if error.kind == "a folder":
            raise ReportError(f"{file}: this is a folder, not a report file") from None
        raise ReportError(f"{file}: this is {error.kind}, not a report file; "
                          f"only regular files are imported") from None
    except TooLarge:
        raise ReportError(f"{file}: the file is larger than {MAX_REPORT_BYTES // 1024 // 1024} MB; "
                          f"reports that large are not read") from None
    except FileNotFoundError:
        raise ReportError(f"{file}: no such file") from None
    except IsADirectoryError:
        raise ReportError(f"{file}: this is a folder, not a report file") from None
    except PermissionError:
        raise ReportError(f"{file}: permission denied; the file cannot be read") from None
    except OSError as error:
        raise ReportError(f"{file}: cannot be read ({error.strerror or error})") from None
    return parse_report(data, source=file.name)
