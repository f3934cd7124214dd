"""`mkdocs build --strict` on a disk with room for only BUDGET more bytes (argv[1]) in the build's
folder (tests/test_publish.py): every write to `.site.new-…` past the budget fails with ENOSPC,
as a full disk does. `open` and `os.sendfile` (shutil's copies) are wrapped; nothing else changes."""

import builtins
import errno
import io
import os
import sys

budget = [int(sys.argv[1])]
_open, _sendfile = builtins.open, os.sendfile


def spend(count):
    if count > budget[0]:
        budget[0] = 0
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    budget[0] -= count


class Counted:
    def __init__(self, handle):
        self._handle = handle

    def write(self, data):
        spend(len(data.encode("utf-8")) if isinstance(data, str) else len(data))
        return self._handle.write(data)

    def __getattr__(self, name):
        return getattr(self._handle, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return self._handle.__exit__(*exc)


def opener(file, mode="r", *args, **kwargs):
    handle = _open(file, mode, *args, **kwargs)
    writing = any(c in mode for c in "wax+")
    if writing and isinstance(file, (str, os.PathLike)) and ".site.new-" in os.fspath(file):
        return Counted(handle)
    return handle


def sendfile(out, source, offset, count):
    spend(min(count, os.fstat(source).st_size - (offset or 0)))
    return _sendfile(out, source, offset, count)


builtins.open = io.open = opener
os.sendfile = sendfile
sys.argv = ["mkdocs", "build", "--strict"]
from mkdocs.__main__ import cli  # noqa: E402  (after the wrapping above)

cli()
