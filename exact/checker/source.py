"""Reading an input file safely (standard library only): the one reader of certificates and case files.

A path is opened without blocking and checked on the open descriptor, so that a FIFO (whose ``open``
would wait for a writer) or a device (``/dev/zero`` never ends) is refused, not read, and cannot be
swapped in between a check and the open; at most ``limit`` bytes are read.

>>> import tempfile
>>> with tempfile.NamedTemporaryFile() as fh:
...     _ = fh.write(b"abc"); fh.flush()
...     read_regular(fh.name, 3)
b'abc'
>>> try:
...     read_regular("/dev/zero", 10)
... except Refused as err:
...     print(err.what)
a character device
"""
from __future__ import annotations

import gc
import os
import stat
from contextlib import contextmanager
from typing import Iterator

__all__ = ["Refused", "paused_gc", "read_regular"]


class Refused(ValueError):
    """The path is no regular file of at most the limit; ``what`` says what it is instead."""

    def __init__(self, what: str):
        super().__init__(what)
        self.what = what


def _file_type(mode: int) -> str:
    kinds = ((stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a FIFO (named pipe)"),
             (stat.S_ISCHR, "a character device"))
    return next((what for test, what in kinds if test(mode)), "a special file")


def read_regular(path: str, limit: int) -> bytes:
    """The bytes of the regular file ``path`` if it has at most ``limit`` of them; else :class:`Refused`
    (``what`` is "a directory", "a FIFO (named pipe)", ..., or "larger than LIMIT bytes"). OSError (not
    found, no permission) and ValueError (a NUL byte in the path) pass through."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise Refused(_file_type(mode))
        with os.fdopen(fd, "rb", closefd=False) as fh:
            raw = fh.read(limit + 1)
    finally:
        os.close(fd)
    if len(raw) > limit:
        raise Refused(f"larger than {limit} bytes")
    return raw


@contextmanager
def paused_gc() -> Iterator[None]:
    """No cyclic garbage collection inside: reading and checking a long certificate builds millions of acyclic
    objects (a parsed JSON tree, integer vectors), and every collection would scan all of them again (a third
    of the check's time at 10^5 points). Reference counting still frees them."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
