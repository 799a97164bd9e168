"""The one place the toolkit writes a file: atomically, so that no reader ever sees part of one.

Certificates, Markdown reports and the results JSON all go through :func:`write_atomic`: the text is
written to a temporary file in the destination's folder and renamed onto the destination with
:func:`os.replace`, which is atomic within a file system. A concurrent reader (another run re-checking a
certificate, a user opening a report) sees the previous file or the whole new one.

>>> import tempfile
>>> path = write_atomic(Path(tempfile.mkdtemp()) / "sub" / "a.txt", "text\\n")
>>> path.read_text(), sorted(p.name for p in path.parent.iterdir())
('text\\n', ['a.txt'])
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

__all__ = ["write_atomic"]


def write_atomic(path: Path, text: str) -> Path:
    """Write ``text`` (UTF-8) to ``path`` atomically, creating its folder; returns ``path``.

    The temporary name is short and random (not derived from ``path``), so it fits wherever ``path``
    fits and two writers never share it; it is removed if anything fails. The file gets the usual
    permissions (0666 less the umask), as with ``open(path, "w")``.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.parent / f".{secrets.token_hex(8)}.tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path
