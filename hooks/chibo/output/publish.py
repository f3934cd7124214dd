"""Atomic publication: the published folder (``site/``) is always one complete build.

MkDocs empties ``site_dir`` and writes into it page by page, so a build that dies half
way leaves half a site. Instead, the build writes into a hidden sibling on the same file
system (``.site.new-…``) and, once complete, takes the place of ``site/`` in one step:

* on Linux, ``renameat2(RENAME_EXCHANGE)`` swaps the two folders atomically: at every
  instant ``site/`` is the old build or the new one; the old one is deleted afterwards;
* where that call does not exist (Windows, macOS, a file system without it), two renames:
  ``site/`` → ``.site.old-…``, then the new build → ``site/``. Between them ``site/`` is
  missing for a moment; a build killed exactly there leaves ``.site.old-…`` complete, and
  the next build puts it back before anything else.

Each build holds a lock on ``.site.new-….lock`` while it runs; the next build removes the
folders of builds that were killed or failed (their lock is free), never one still
running. A short lock on ``.site.lock`` keeps the clean-up and the swap of two builds
from crossing. ``mkdocs serve`` builds into a temporary folder of its own: the hooks do not
call ``begin`` for it (``on_startup`` tells them the command).

Whatever the umask of the person building, the published files are 0644 and the folders
0755 (the web server reads them as another user). A build that fails deletes its folder as
it ends (or as soon as its configuration is let go); when the disk is full, the build ends
with one line in Vietnamese saying so (``failure``), and the published site is untouched.
"""

from __future__ import annotations

import ctypes
import errno
import logging
import os
import secrets
import shutil
import stat
import sys
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import IO, TYPE_CHECKING, Literal, overload

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

__all__ = ["Publication", "PublishError", "abandon", "begin", "failure", "finish", "recover", "replace"]

_ATTRIBUTE = "chibo_publication"
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
_UNSUPPORTED = {errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP}
_FULL = {errno.ENOSPC, errno.EDQUOT}
FILE_MODE, FOLDER_MODE = 0o644, 0o755


class PublishError(Exception):
    """The published folder cannot be replaced safely; the message is for the reader."""


@dataclass(frozen=True)
class Publication:
    """One build being published: where it goes, where it is written, its claim on that folder,
    and what deletes that folder if the build never gets to ``finish``."""

    target: Path
    staging: Path
    claim: IO[bytes]
    cleanup: Callable[[], object]


def begin(config: MkDocsConfig) -> None:
    """Point the build at a fresh hidden sibling of ``site_dir``; clean up killed builds first."""
    target = Path(config.site_dir).absolute()
    staging = target.with_name(f".{target.name}.new-{secrets.token_hex(6)}")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with _locked(target.with_name(f".{target.name}.lock")):
            recover(target)
            claim = _lock(_claim_path(staging), wait=True)  # a new, random name: never waits
            staging.mkdir()
            os.chmod(staging, stat.S_IMODE(target.stat().st_mode) if target.is_dir() else FOLDER_MODE)
    except OSError as error:
        raise PublishError(
            _disk_full(target) if error.errno in _FULL else f"Không tạo được thư mục tạm {staging}: {error}"
        ) from error
    # A build that fails (the disk full, a plugin's error) never reaches ``finish``: its folder
    # goes when MkDocs lets the configuration go, at the latest when the process ends.
    try:
        cleanup: Callable[[], object] = weakref.finalize(config, _drop, staging, claim)
    except TypeError:  # a configuration that takes no weak reference: ``finish`` or the next build
        cleanup = partial(_drop, staging, claim)
    setattr(config, _ATTRIBUTE, Publication(target, staging, claim, cleanup))
    config.site_dir = str(staging)


def finish(config: MkDocsConfig) -> None:
    """Put the complete build in place of ``site_dir``; in strict mode, not after a warning."""
    publication: Publication | None = getattr(config, _ATTRIBUTE, None)
    if publication is None:
        return
    target, staging = publication.target, publication.staging
    try:
        if config.strict and _warnings_logged():
            return  # MkDocs aborts right after this event: keep the old site
        set_modes(staging)
        with _locked(target.with_name(f".{target.name}.lock")):
            _carry_hidden(target, staging)
            replace(staging, target)
    except _Full as full:
        raise PublishError(_disk_full(target)) from full.error
    except OSError as error:
        if error.errno in _FULL:
            raise PublishError(_disk_full(target)) from error
        raise PublishError(f"Không thay được thư mục {target}: {error}") from error
    finally:
        config.site_dir = str(target)
        delattr(config, _ATTRIBUTE)
        publication.cleanup()  # the folder (now the old site, or the unfinished new one) goes


def abandon(config: MkDocsConfig) -> None:
    """The build failed: point it back at ``site_dir`` and delete its folder now (``site/``
    stays as it was)."""
    publication: Publication | None = getattr(config, _ATTRIBUTE, None)
    if publication is None:
        return
    config.site_dir = str(publication.target)
    delattr(config, _ATTRIBUTE)
    publication.cleanup()


def failure(error: BaseException) -> str | None:
    """What to tell the person building when ``error`` ended the build, if we know better than
    a traceback: the disk (or the quota) is full. The build's folder is deleted as it ends."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, OSError) and current.errno in _FULL:
            return _disk_full(None)
        if isinstance(current, PublishError) and str(current).startswith(_FULL_MESSAGE):
            return str(current)
        current = current.__cause__ or current.__context__
    return None


_FULL_MESSAGE = "Hết chỗ trống trên đĩa"


def _disk_full(target: Path | None) -> str:
    where = f"thư mục {target}" if target is not None else "thư mục trang đã xuất bản (site/)"
    return (
        f"{_FULL_MESSAGE}: chưa tạo xong trang, không xuất bản gì. {where.capitalize()} giữ nguyên bản cũ; "
        "thư mục tạm của lần tạo trang này đã được xóa. Giải phóng chỗ trống trên đĩa (cần ít nhất bằng "
        "dung lượng của trang hiện có) rồi chạy lại."
    )


def set_modes(folder: Path) -> None:
    """Files 0644, folders 0755 under ``folder``, whatever the umask was: nginx reads them as
    another user. The folder itself keeps its mode (the published one's, see ``begin``)."""
    for parent, folders, files in os.walk(folder):
        for name in folders:
            path = os.path.join(parent, name)
            if not os.path.islink(path):
                os.chmod(path, FOLDER_MODE)
        for name in files:
            path = os.path.join(parent, name)
            if not os.path.islink(path):
                os.chmod(path, FILE_MODE)


def replace(staging: Path, target: Path) -> None:
    """Make the complete folder ``staging`` the published ``target``; the old one ends in ``staging``.

    Afterwards ``staging`` holds the previous site (or nothing) and is the caller's to delete.
    """
    if not target.exists():
        os.rename(staging, target)
    elif not _exchange(staging, target):
        old = target.with_name(f".{target.name}.old-{secrets.token_hex(6)}")
        os.rename(target, old)
        try:
            os.rename(staging, target)
        except OSError:
            os.rename(old, target)
            raise
        os.rename(old, staging)


def recover(target: Path) -> None:
    """Undo what killed builds left (call under the ``.site.lock`` lock).

    A missing ``target`` with a ``.site.old-…`` beside it is a two-rename swap cut in the
    middle: that folder is the complete old site and goes back. Folders of builds whose
    claim is free (killed, or failed and gone) are deleted; running builds keep theirs.
    """
    olds = sorted(
        (p for p in target.parent.glob(f".{target.name}.old-*") if p.is_dir()), key=lambda p: p.stat().st_mtime
    )
    if olds and not target.exists():
        os.rename(olds.pop(), target)
    for old in olds:
        shutil.rmtree(old, ignore_errors=True)
    for staging in target.parent.glob(f".{target.name}.new-*"):
        if staging.suffix == ".lock" or staging.is_symlink():
            continue
        claim = _lock(_claim_path(staging), wait=False)
        if claim is not None:
            _drop(staging, claim)
    for orphan in target.parent.glob(f".{target.name}.new-*.lock"):
        if not orphan.with_suffix("").exists() and (claim := _lock(orphan, wait=False)) is not None:
            _drop(orphan.with_suffix(""), claim)


def _claim_path(staging: Path) -> Path:
    return staging.with_name(staging.name + ".lock")


def _drop(staging: Path, claim: IO[bytes]) -> None:
    """Delete a build folder, then its claim (in that order: a folder never lacks its claim)."""
    shutil.rmtree(staging, ignore_errors=True)
    claim.close()
    Path(claim.name).unlink(missing_ok=True)


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths atomically (Linux ``renameat2``); False where that is not available."""
    if not sys.platform.startswith("linux"):
        return False
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if renameat2 is None:  # C library older than glibc 2.28
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in _UNSUPPORTED:
        return False
    raise OSError(code, os.strerror(code), str(second))


def _carry_hidden(target: Path, staging: Path) -> None:
    """Keep hidden entries of the old site (``.htaccess``, ``.well-known``): MkDocs never deletes them."""
    if not target.is_dir():
        return
    for entry in target.iterdir():
        if not entry.name.startswith(".") or (staging / entry.name).exists():
            continue
        if entry.is_dir() and not entry.is_symlink():
            # file by file: a full disk raises its own error (copytree gathers them in one)
            shutil.copytree(entry, staging / entry.name, symlinks=True, copy_function=_copy)
        else:
            _copy(entry, staging / entry.name)


def _copy(source: Path | str, target: Path | str) -> None:
    try:
        shutil.copy2(source, target, follow_symlinks=False)
    except OSError as error:
        if error.errno in _FULL:
            raise _Full(error) from error
        raise


class _Full(Exception):
    """A full disk while copying a tree: out of ``shutil.copytree`` as itself, not in a list."""

    def __init__(self, error: OSError) -> None:
        super().__init__(str(error))
        self.error = error


def _warnings_logged() -> bool:
    """Whether MkDocs' strict-mode counter has seen a warning: then the build will abort."""
    from mkdocs.utils import CountHandler

    return any(
        handler.get_counts() for handler in logging.getLogger("mkdocs").handlers if isinstance(handler, CountHandler)
    )


@overload
def _lock(path: Path, *, wait: Literal[True]) -> IO[bytes]: ...
@overload
def _lock(path: Path, *, wait: bool) -> IO[bytes] | None: ...


def _lock(path: Path, *, wait: bool) -> IO[bytes] | None:
    """An exclusive lock on ``path`` (released when closed or when the process ends), or None if taken."""
    handle = open(path, "a+b")
    try:
        if sys.platform == "win32":
            import msvcrt

            msvcrt.locking(handle.fileno(), msvcrt.LK_LOCK if wait else msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
    except OSError:
        handle.close()
        if wait:
            raise
        return None
    return handle


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    handle = _lock(path, wait=True)
    try:
        yield
    finally:
        handle.close()
