"""Write record files all or nothing, and finish or undo a write that was stopped.

``write_all`` first checks every target (unchanged since it was read, writable), then
writes each new text to a hidden temporary sibling (``.<name>.chibo-tam``), flushed and
fsynced: a full disk or a read-only folder stops it here, and nothing has changed. Only
then does it replace the files, one ``os.replace`` each. When more than one file changes,
a journal (``records/.chibo-dang-ghi.json``, with every file's text before and after) is
written first and removed last: if the process dies or a replace fails in between, the
records loader reports the journal, and ``recover`` completes the write or undoes it.

All file system calls go through this module's ``os`` name, so a test can make the n-th
write, fsync, rename or removal fail.
"""

from __future__ import annotations

import errno
import json
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from ..records.paths import RECORDS, journal_path

TEMP_SUFFIX = ".chibo-tam"
JOURNAL_FORMAT = 1
_REASONS = {
    errno.ENOSPC: "ổ đĩa đã đầy",
    errno.EDQUOT: "đã hết dung lượng được cấp",
    errno.EACCES: "không có quyền truy cập",
    errno.EPERM: "không có quyền truy cập",
    errno.EROFS: "ổ đĩa chỉ cho phép đọc",
    errno.ENAMETOOLONG: "tên tệp quá dài",
    errno.EIO: "lỗi đọc ghi trên đĩa",
    errno.ENOENT: "tệp hoặc thư mục không còn",
    errno.EEXIST: "tệp đã có",
    errno.EBUSY: "tệp đang được chương trình khác dùng",
}


@dataclass(frozen=True)
class FileWrite:
    """One record file to write: its text before (``None`` for a new file) and after."""

    path: Path
    rel: str
    before: bytes | None
    after: bytes


class WriteError(Exception):
    """Why the records were not written, or were written only in part (Vietnamese lines)."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        super().__init__("\n".join(lines))


def reason(error: OSError) -> str:
    """A file system error in words an office worker can act on."""
    if error.errno in _REASONS:
        return _REASONS[error.errno]
    name = errno.errorcode.get(error.errno or 0)
    return f"lỗi hệ thống {name}" if name else "lỗi hệ thống"


def write_all(project: Path, files: list[FileWrite]) -> None:
    """Write ``files`` all or nothing; raise ``WriteError`` saying what happened if not."""
    if pending(project):
        raise WriteError([f"lỗi: {journal_path()}: lần ghi trước chưa xong; chạy 'chibo recover' trước"])
    targets = [_target(item) for item in files]
    problems = [line for item, target in zip(files, targets) for line in _check(item, target)]
    if problems:
        raise WriteError(problems + ["Không tệp hồ sơ nào bị thay đổi."])
    _discard([p for folder in {t.parent for t in targets} for p in folder.glob(f".*{TEMP_SUFFIX}")])
    temps = _write_temps(files, targets)
    journal = project / journal_path()
    if len(files) > 1:
        try:
            _put(journal, _journal_text(files))
        except OSError as error:
            _discard(temps)
            raise WriteError(
                [f"lỗi: không ghi được {journal_path()}: {reason(error)}. Không tệp hồ sơ nào bị thay đổi."]
            ) from None
    done: list[str] = []
    for item, temp, target in zip(files, temps, targets):
        try:
            os.replace(temp, target)
        except OSError as error:
            if not done and _forget(journal, temps, len(files) > 1):
                raise WriteError(
                    [f"lỗi: không ghi được {item.rel}: {reason(error)}. Không tệp hồ sơ nào bị thay đổi."]
                ) from None
            raise WriteError(_partial(files, done, item, error)) from None
        done.append(item.rel)
    _sync_folders({target.parent for target in targets})
    if len(files) > 1:
        try:
            os.unlink(journal)
        except OSError as error:
            raise WriteError(
                [
                    f"lỗi: đã ghi đủ {len(files)} tệp hồ sơ nhưng không xóa được {journal_path()} "
                    f"({reason(error)}); chạy 'chibo recover' để dọn."
                ]
            ) from None


def _forget(journal: Path, temps: list[Path], journaled: bool) -> bool:
    """Undo a write that replaced nothing: remove its temporary files and journal; whether it could."""
    _discard(temps)
    if not journaled:
        return True
    try:
        os.unlink(journal)
    except OSError:
        return False
    return True


def _target(item: FileWrite) -> Path:
    """Where the bytes go: the file a link inside records/ points to, not the link."""
    return item.path.resolve() if item.path.is_symlink() else item.path


def _check(item: FileWrite, target: Path) -> list[str]:
    """Problems that would stop the write of ``item``, found before anything is written."""
    try:
        current = target.read_bytes() if item.before is not None else None
    except OSError as error:
        return [f"lỗi: không đọc được {item.rel}: {reason(error)}"]
    if item.before is None and (target.exists() or target.is_symlink()):
        return [f"lỗi: {item.rel} vừa được tạo bởi người khác; chạy lại lệnh"]
    if current is not None and current != item.before:
        return [f"lỗi: {item.rel} vừa bị sửa trong lúc nhập; chạy lại lệnh để xem thay đổi mới"]
    if current is not None and not os.access(target, os.W_OK):
        return [f"lỗi: không ghi được {item.rel}: không có quyền ghi vào tệp"]
    if not os.access(target.parent, os.W_OK):
        return [f"lỗi: không ghi được {item.rel}: không có quyền ghi vào thư mục {target.parent.name}/"]
    return []


def _write_temps(files: list[FileWrite], targets: list[Path]) -> list[Path]:
    """Every new text in its temporary sibling, on disk; on failure none is left."""
    temps: list[Path] = []
    for item, target in zip(files, targets):
        temp = target.with_name(f".{target.name}{TEMP_SUFFIX}")
        try:
            _write_new(temp, item.after, _mode(target))
        except OSError as error:
            _discard(temps + [temp])
            raise WriteError(
                [f"lỗi: không ghi được {item.rel}: {reason(error)}. Không tệp hồ sơ nào bị thay đổi."]
            ) from None
        temps.append(temp)
    return temps


def _mode(target: Path) -> int:
    """The permission bits the new file keeps: the old file's, or the usual ones."""
    try:
        return stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        return 0o666


def _write_new(path: Path, data: bytes, mode: int = 0o666) -> None:
    """Write ``data`` to ``path`` (replacing a leftover), flushed to the disk."""
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
    handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), mode)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(handle, view) :]
        os.fsync(handle)
    finally:
        os.close(handle)


def _put(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` in one step, durably."""
    temp = path.with_name(f".{path.name}{TEMP_SUFFIX}")
    try:
        _write_new(temp, data, _mode(path))
        os.replace(temp, path)
    except OSError:
        _discard([temp])
        raise
    _sync_folders({path.parent})


def _discard(paths: list[Path]) -> None:
    for path in paths:
        try:
            os.unlink(path)
        except OSError:
            pass


def _sync_folders(folders: set[Path]) -> None:
    """Make the renames durable (POSIX); best effort: the files are already in place."""
    if os.name == "nt":
        return
    for folder in folders:
        try:
            handle = os.open(folder, os.O_RDONLY)
        except OSError:
            continue
        try:
            os.fsync(handle)
        except OSError:
            pass
        finally:
            os.close(handle)


def _journal_text(files: list[FileWrite]) -> bytes:
    entries = [
        {
            "path": item.rel,
            "before": None if item.before is None else item.before.decode("utf-8"),
            "after": item.after.decode("utf-8"),
        }
        for item in files
    ]
    return json.dumps({"format": JOURNAL_FORMAT, "files": entries}, ensure_ascii=False, indent=1).encode("utf-8")


def _partial(files: list[FileWrite], done: list[str], failed: FileWrite, error: OSError) -> list[str]:
    """The report of a write stopped during the replaces: what is new, what is still old."""
    left = [item.rel for item in files if item.rel not in done]
    return [
        f"lỗi: ghi dở: đã thay {len(done)}/{len(files)} tệp hồ sơ thì gặp lỗi ở {failed.rel} ({reason(error)}).",
        "Đã ghi nội dung mới:",
        *(f"  {rel}" for rel in done),
        "Còn nội dung cũ:",
        *(f"  {rel}" for rel in left),
        "Hồ sơ đang lẫn cũ và mới. Sửa nguyên nhân rồi chạy 'chibo recover' để ghi nốt (hoặc chạy lại "
        "lệnh vừa rồi), hoặc 'chibo recover --undo' để trả lại như trước.",
    ]


# --- recover ------------------------------------------------------------------------------


def pending(project: Path) -> bool:
    """Whether a write was stopped half way (its journal is still there)."""
    return (project / journal_path()).exists()


def recover(project: Path, *, undo: bool = False) -> int:
    """Finish (or with ``undo``, reverse) the stopped write; the number of files changed now."""
    entries = _read_journal(project)
    plan: list[tuple[str, bytes | None]] = []
    conflicts: list[str] = []
    for rel, before, after in entries:
        wanted, other = (before, after) if undo else (after, before)
        current = _current(project / rel, rel)
        if current == wanted:
            continue
        if current != other:
            conflicts.append(
                f"lỗi: {rel} đã bị sửa sau lần ghi dở; hãy so với {journal_path()} rồi sửa tay, sau đó xóa tệp đó"
            )
            continue
        plan.append((rel, wanted))
    if conflicts:
        raise WriteError(conflicts + ["Chưa thay đổi tệp nào."])
    for rel, data in plan:
        path = _target_path(project / rel)
        try:
            if data is None:
                os.unlink(path)
            else:
                _put(path, data)
        except OSError as error:
            raise WriteError([f"lỗi: không ghi được {rel}: {reason(error)}; sửa nguyên nhân rồi chạy lại"]) from None
    _clean_temps(project, entries)
    try:
        os.unlink(project / journal_path())
    except OSError as error:
        raise WriteError([f"lỗi: không xóa được {journal_path()}: {reason(error)}"]) from None
    return len(plan)


def _target_path(path: Path) -> Path:
    return path.resolve() if path.is_symlink() else path


def _current(path: Path, rel: str) -> bytes | None:
    try:
        return _target_path(path).read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise WriteError([f"lỗi: không đọc được {rel}: {reason(error)}"]) from None


def _read_journal(project: Path) -> list[tuple[str, bytes | None, bytes]]:
    """The journal's files as (path, before, after); a damaged journal is refused."""
    broken = WriteError(
        [
            f"lỗi: {journal_path()} bị hỏng, không dùng được để khôi phục; hãy xem lại hồ sơ "
            "(git diff records) rồi xóa tệp này"
        ]
    )
    try:
        data = json.loads((project / journal_path()).read_text(encoding="utf-8"))
        if data.get("format") != JOURNAL_FORMAT:
            raise broken
        result = []
        for entry in data["files"]:
            rel, before, after = entry["path"], entry["before"], entry["after"]
            parts = rel.split("/")
            if parts[0] != RECORDS or ".." in parts or not rel.endswith(".yml") or not isinstance(after, str):
                raise broken
            if before is not None and not isinstance(before, str):
                raise broken
            result.append((rel, None if before is None else before.encode("utf-8"), after.encode("utf-8")))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        raise broken from None
    return result


def _clean_temps(project: Path, entries: list[tuple[str, bytes | None, bytes]]) -> None:
    """Remove the temporary siblings a stopped write left."""
    folders = {_target_path(project / rel).parent for rel, _, _ in entries} | {project / RECORDS}
    _discard([path for folder in folders for path in folder.glob(f".*{TEMP_SUFFIX}")])
