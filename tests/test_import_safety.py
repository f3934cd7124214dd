"""Writing records safely: a failure at any step, or a kill at any moment, leaves the
records all old, all new, or reported as half written and recoverable; ``chibo new`` refuses
what the records refuse; hostile workbooks are refused fast; no command ends in a traceback.
"""

from __future__ import annotations

import errno
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import ClassVar

import pytest
from chibo.commands import cli, writer
from chibo.records import load_records
from chibo.records.load import INTERRUPTED
from conftest import ROOT
from sheets import zip_bomb

CORPUS = Path(__file__).parent / "import-corpus"
CELLS = ("khoa-duoc", "khoa-noi", "khoa-dieu-duong")
SHEET = "Mã chi bộ,Xếp loại,Ghi chú\nkhoa-duoc,tot,Đã họp xét\nkhoa-noi,tot,\nkhoa-dieu-duong,xuat-sac,\n"
JOURNAL = "records/.chibo-dang-ghi.json"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(CORPUS / "records", tmp_path / "p" / "records")
    return tmp_path / "p"


def texts(project: Path) -> dict[str, bytes]:
    """Every file under records/, hidden ones included."""
    return {
        p.relative_to(project).as_posix(): p.read_bytes()
        for p in sorted((project / "records").rglob("*"))
        if p.is_file()
    }


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "chibo", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        env=dict(os.environ, PYTHONUTF8="1", PYTHONPATH=str(ROOT / "hooks")),
    )


class FailingOS:
    """``os`` for writer.py: the n-th call of a file system function raises, as a full or broken disk would."""

    ERRORS: ClassVar[dict[str, int]] = {
        "open": errno.EROFS,
        "write": errno.ENOSPC,
        "fsync": errno.EIO,
        "replace": errno.EACCES,
        "unlink": errno.EBUSY,
    }

    def __init__(self, fail_at: int) -> None:
        self.fail_at, self.calls, self.failed = fail_at, 0, None

    def __getattr__(self, name: str):
        real = getattr(os, name)
        if name not in self.ERRORS:
            return real

        def call(*args, **kwargs):
            self.calls += 1
            if self.calls == self.fail_at:
                self.failed = name
                raise OSError(self.ERRORS[name], os.strerror(self.ERRORS[name]))
            return real(*args, **kwargs)

        return call


def listed(lines: list[str], title: str) -> set[str]:
    """The indented file names under ``title`` in the partial-write report."""
    start = lines.index(title) + 1
    names = []
    for line in lines[start:]:
        if not line.startswith("  "):
            break
        names.append(line.strip())
    return set(names)


def test_a_failure_at_every_write_rename_or_removal(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = tmp_path / "ket-qua.csv"
    sheet.write_text(SHEET, encoding="utf-8")
    old = texts(project)
    pristine = tmp_path / "pristine"
    shutil.copytree(project, pristine)
    assert cli.main(["import", str(sheet), "--year", "2026", "--project", str(project), "--write"]) == 0
    new = texts(project)
    changed = {f"records/chi-bo/{c}.yml" for c in CELLS}
    assert {k for k in new if old.get(k) != new[k]} == changed and JOURNAL not in new
    capsys.readouterr()
    outcomes: dict[str, int] = {}
    for n in range(1, 200):
        shutil.rmtree(project)
        shutil.copytree(pristine, project)
        failing = FailingOS(n)
        monkeypatch.setattr(writer, "os", failing)
        code = cli.main(["import", str(sheet), "--year", "2026", "--project", str(project), "--write"])
        monkeypatch.setattr(writer, "os", os)
        err = capsys.readouterr().err
        assert "Traceback" not in err
        state = texts(project)
        if failing.failed is None:  # fewer than n calls: every step has failed once
            assert (code, state) == (0, new)
            break
        kind = _check_state(project, state, old, new, code, err, changed, capsys)
        outcomes[kind] = outcomes.get(kind, 0) + 1
    assert n > 20, "the write went through fewer steps than expected"
    assert set(outcomes) >= {"nothing written", "half written"}, outcomes


def _check_state(
    project: Path,
    state: dict[str, bytes],
    old: dict[str, bytes],
    new: dict[str, bytes],
    code: int,
    err: str,
    changed: set[str],
    capsys: pytest.CaptureFixture[str],
) -> str:
    """After one injected failure: all old, all new, or half written with a report and a way back."""
    records = {k: v for k, v in state.items() if not k.endswith(".chibo-tam") and k != JOURNAL}
    if records == old:
        assert code == 1 and err.rstrip().endswith("Không tệp hồ sơ nào bị thay đổi."), err
        assert state == old, "no temporary file or journal is left behind"
        return "nothing written"
    if records == new and JOURNAL not in state:  # only a last fsync of the folder may have failed
        assert code == 0 and state == new, err
        return "all written"
    if records == new:  # all written, but the journal could not be removed
        assert code == 1 and err == (
            f"lỗi: đã ghi đủ 3 tệp hồ sơ nhưng không xóa được {JOURNAL} (tệp đang được "
            "chương trình khác dùng); chạy 'chibo recover' để dọn.\n"
        )
        assert cli.main(["recover", str(project)]) == 0 and texts(project) == new
        capsys.readouterr()
        return "all written, journal left"
    assert code == 1 and JOURNAL in state
    lines = err.splitlines()
    assert lines[0].startswith("lỗi: ghi dở: đã thay ")
    done = {k for k in changed if state[k] == new[k]}
    assert listed(lines, "Đã ghi nội dung mới:") == done
    assert listed(lines, "Còn nội dung cũ:") == changed - done
    assert all(state[k] == old[k] for k in changed - done)
    assert cli.main(["validate", str(project)]) == 1
    assert f"{JOURNAL}:1:1: lỗi: {INTERRUPTED}" in capsys.readouterr().out
    backup = project.with_name("half")
    shutil.rmtree(backup, ignore_errors=True)
    shutil.copytree(project, backup)
    assert cli.main(["recover", str(project)]) == 0
    assert texts(project) == new
    assert cli.main(["recover", str(backup), "--undo"]) == 0
    assert texts(backup) == old
    capsys.readouterr()
    return "half written"


def test_a_second_import_finishes_a_half_written_one(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = tmp_path / "ket-qua.csv"
    sheet.write_text(SHEET, encoding="utf-8")
    failing = FailingOS(0)
    monkeypatch.setattr(writer, "os", failing)
    real_replace = os.replace
    calls = []

    def replace_twice(source, target):  # the second rename fails: one file new, two old
        calls.append(target)
        if len(calls) == 3:
            raise OSError(errno.EACCES, "Permission denied")
        real_replace(source, target)

    monkeypatch.setattr(failing, "replace", replace_twice, raising=False)
    args = ["import", str(sheet), "--year", "2026", "--project", str(project), "--write"]
    assert cli.main(args) == 1
    assert capsys.readouterr().err.splitlines() == [
        "lỗi: ghi dở: đã thay 1/3 tệp hồ sơ thì gặp lỗi ở records/chi-bo/khoa-noi.yml (không có quyền truy cập).",
        "Đã ghi nội dung mới:",
        "  records/chi-bo/khoa-duoc.yml",
        "Còn nội dung cũ:",
        "  records/chi-bo/khoa-noi.yml",
        "  records/chi-bo/khoa-dieu-duong.yml",
        "Hồ sơ đang lẫn cũ và mới. Sửa nguyên nhân rồi chạy 'chibo recover' để ghi nốt (hoặc chạy lại lệnh vừa "
        "rồi), hoặc 'chibo recover --undo' để trả lại như trước.",
    ]
    monkeypatch.setattr(writer, "os", os)
    assert cli.main(args) == 0
    out = capsys.readouterr().out
    assert out.startswith("Đã ghi nốt lần ghi bị dừng: 2 tệp hồ sơ được thay đổi lúc này.\nKhông có thay đổi nào.")
    assert JOURNAL not in texts(project) and cli.main(["validate", str(project)]) == 0


def test_recover_refuses_a_file_edited_since(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cell = project / "records/chi-bo/khoa-noi.yml"
    (project / JOURNAL).write_text(
        '{"format": 1, "files": [{"path": "records/chi-bo/khoa-noi.yml", "before": "a", "after": "b"}]}',
        encoding="utf-8",
    )
    before = cell.read_bytes()
    assert cli.main(["recover", str(project)]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "lỗi: records/chi-bo/khoa-noi.yml đã bị sửa sau lần ghi dở; hãy so với records/.chibo-dang-ghi.json rồi "
        "sửa tay, sau đó xóa tệp đó",
        "Chưa thay đổi tệp nào.",
    ]
    assert cell.read_bytes() == before
    (project / JOURNAL).write_text('{"files": [{"path": "../../etc/passwd"}]}', encoding="utf-8")
    assert cli.main(["recover", str(project)]) == 1
    assert capsys.readouterr().err.startswith("lỗi: records/.chibo-dang-ghi.json bị hỏng, không dùng được")


def test_new_at_every_failing_step(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    before = texts(project)
    target = "records/chi-bo/khoa-moi.yml"
    for n in range(1, 50):
        failing = FailingOS(n)
        monkeypatch.setattr(writer, "os", failing)
        code = cli.main(
            ["new", "khoa-moi", "--name", "Chi bộ Khoa Mới", "--type", "giang-day", "--project", str(project)]
        )
        monkeypatch.setattr(writer, "os", os)
        err = capsys.readouterr().err
        state = texts(project)
        if failing.failed is None:
            assert code == 0 and set(state) == set(before) | {target}
            break
        assert "Traceback" not in err
        if target in state:  # the file is in place; only a last fsync of the folder failed
            assert code == 0 and set(state) == set(before) | {target}
            (project / target).unlink()
        else:
            assert code == 1 and state == before and err.startswith("lỗi: không ghi được records/chi-bo/khoa-moi.yml")
    assert n > 4


def test_killed_at_random_moments(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """SIGKILL during ``--write``: the records are all old, all new, or reported and recoverable."""
    if os.name == "nt":
        pytest.skip("SIGKILL is POSIX")
    base = tmp_path / "base"
    assert run("demo", "--cells", "30", "--seed", "3", "--out", str(base)).returncode == 0
    names = sorted(p.stem for p in (base / "records/chi-bo").glob("*.yml"))
    sheet = tmp_path / "ket-qua.csv"
    # a note every record lacks: all 30 files change (a rating alone leaves those already rated so)
    sheet.write_text("Mã chi bộ,Xếp loại,Ghi chú\n" + "".join(f"{n},tot,Nhập lại\n" for n in names), encoding="utf-8")
    old = texts(base)
    done = tmp_path / "done"
    shutil.copytree(base, done)
    start = time.monotonic()
    assert run("import", str(sheet), "--year", "2026", "--project", str(done), "--write").returncode == 0
    duration = time.monotonic() - start
    new = texts(done)
    slow = tmp_path / "slow"  # each rename takes 5 ms, so the moments between renames can be hit
    slow.mkdir()
    (slow / "sitecustomize.py").write_text(SLOW_RENAMES, encoding="utf-8")
    rng = random.Random(16)
    seen = []
    for attempt in range(8):
        project = tmp_path / f"kill-{attempt}"
        shutil.copytree(base, project)
        moment = None if attempt % 3 else rng.uniform(0, duration)  # else: soon after the renames begin
        _kill_during_write(project, sheet, rng, slow, moment)
        seen.append(_recovered_state(project, old, new, capsys))
    assert "half written" in seen, seen


SLOW_RENAMES = """\
import os, time

_replace = os.replace


def replace(*args, **kwargs):
    time.sleep(0.005)
    return _replace(*args, **kwargs)


os.replace = replace
"""


def _kill_during_write(project: Path, sheet: Path, rng: random.Random, slow: Path, moment: float | None) -> None:
    """Start an import --write; kill it ``moment`` seconds later, or (``None``) at most 0.1 s after its
    journal appears, while it replaces files (5 ms a rename here)."""
    process = subprocess.Popen(
        [sys.executable, "-m", "chibo", "import", str(sheet), "--year", "2026", "--project", str(project), "--write"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=dict(os.environ, PYTHONPATH=os.pathsep.join([str(slow), str(ROOT / "hooks")])),
    )
    deadline = time.monotonic() + 60
    if moment is None:
        while process.poll() is None and time.monotonic() < deadline:
            if (project / JOURNAL).exists():
                break
            time.sleep(0.001)
        time.sleep(rng.uniform(0, 0.1))
    else:
        time.sleep(moment)
    process.send_signal(signal.SIGKILL)
    process.wait()


def _recovered_state(
    project: Path, old: dict[str, bytes], new: dict[str, bytes], capsys: pytest.CaptureFixture[str]
) -> str:
    state = {k: v for k, v in texts(project).items() if not k.endswith(".chibo-tam")}
    if state == old:
        assert cli.main(["validate", str(project)]) == 0
        return "all old"
    if state == new:
        assert cli.main(["validate", str(project)]) == 0
        return "all new"
    assert JOURNAL in state, "a mix of old and new records without a journal"
    capsys.readouterr()
    assert cli.main(["validate", str(project)]) == 1
    assert f"{JOURNAL}:1:1: lỗi: {INTERRUPTED}" in capsys.readouterr().out
    assert cli.main(["recover", str(project)]) == 0
    assert texts(project) == new
    return "all new after recover" if state == {**new, JOURNAL: state[JOURNAL]} else "half written"


# --- chibo new ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args, message",
    [
        (
            ["con"],
            "lỗi: mã 'con' là tên thiết bị dành riêng của Windows, không dùng làm tên tệp được; hãy chọn mã khác",
        ),
        (
            ["lpt9"],
            "lỗi: mã 'lpt9' là tên thiết bị dành riêng của Windows, không dùng làm tên tệp được; hãy chọn mã khác",
        ),
        (["a" * 300], f"lỗi: mã '{'a' * 40}…' quá dài (300 ký tự; tối đa 80), vì mã là tên tệp"),
        (
            ["khoa\u200b-moi"],
            "lỗi: mã chi bộ: có ký tự ẩn U+200B không được phép (thường do chép từ Word, Excel); hãy xóa ký tự này",
        ),
        (
            ["khoa-moi", "--name", "Chi bộ \u202eKhoa"],
            "lỗi: tên chi bộ: có ký tự ẩn U+202E không được phép (thường do chép từ Word, Excel); hãy xóa ký tự này",
        ),
        (
            ["khoa-moi", "--secretary", "Lê\ufeffThị"],
            "lỗi: bí thư: có ký tự ẩn U+FEFF không được phép (thường do chép từ Word, Excel); hãy xóa ký tự này",
        ),
    ],
)
def test_new_refuses_what_the_records_refuse(
    project: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    before = texts(project)
    full = [*args[:1], "--name", "Chi bộ Mới", "--type", "giang-day", *args[1:], "--project", str(project)]
    assert cli.main(["new", *full]) == 1
    assert capsys.readouterr().err == message + "\n"
    assert texts(project) == before


@pytest.mark.parametrize(
    "extra, line",
    [
        (
            ["--members", "200000"],
            "records/chi-bo/khoa-moi.yml:9:10: lỗi: members: '200000' phải nhỏ hơn hoặc bằng 100.000",
        ),
        (["--name", "x" * 2500], "records/chi-bo/khoa-moi.yml:6:7: lỗi: name: quá dài (tối đa 2000 ký tự)"),
        (["--secretary", " "], "records/chi-bo/khoa-moi.yml:8:12: lỗi: secretary: không được để trống"),
    ],
)
def test_new_blames_the_new_record(
    project: Path, capsys: pytest.CaptureFixture[str], extra: list[str], line: str
) -> None:
    before = texts(project)
    assert (
        cli.main(["new", "khoa-moi", "--name", "Chi bộ Mới", "--type", "giang-day", *extra, "--project", str(project)])
        == 1
    )
    assert capsys.readouterr().err == f"Chưa tạo hồ sơ mới vì nó có lỗi:\n{line}\n"
    assert texts(project) == before


def test_records_with_a_device_name_are_refused_too(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "records/chi-bo/aux.yml").write_text("id: aux\nname: Chi bộ Aux\ntype: giang-day\n", encoding="utf-8")
    assert cli.main(["validate", str(project)]) == 1
    assert capsys.readouterr().out == (
        "records/chi-bo/aux.yml:1:5: lỗi: id: 'aux' là tên thiết bị dành riêng của "
        "Windows, không dùng làm tên tệp được; hãy chọn mã khác\n"
    )


# --- bounds and exit codes -------------------------------------------------------------------


def test_a_zip_bomb_is_refused_in_well_under_a_second(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bomb = tmp_path / "ket-qua-2026.xlsx"
    bomb.write_bytes(zip_bomb())
    assert 2_500_000 < bomb.stat().st_size < 4_000_000
    start = time.perf_counter()
    assert cli.main(["import", str(bomb), "--year", "2026", "--project", str(project)]) == 1
    elapsed = time.perf_counter() - start
    assert capsys.readouterr().out == (
        "ket-qua-2026.xlsx: tệp .xlsx giải nén ra 1.100 MiB (tối đa 32 MiB); không đọc (có thể là tệp độc hại, "
        "hoặc bảng tính quá lớn: hãy tách thành nhiều tệp)\n"
    )
    assert elapsed < 1.0


@pytest.mark.parametrize(
    "args, code",
    [
        (["import", "khong-co.csv", "--year", "2026"], 2),
        (["import", ".", "--year", "2026"], 2),
        (["import", "ket-qua.csv", "--year", "hai-nghin"], 2),
        (["new", "khoa-moi", "--name", "X", "--type", "giang-day", "--members", "ba"], 2),
        (["recover", "/khong/co"], 2),
        (["recover"], 0),
        (["demo", "--cells", "0", "--out", "x"], 2),
    ],
)
def test_exit_codes_without_traceback(project: Path, args: list[str], code: int) -> None:
    (project / "ket-qua.csv").write_text(SHEET, encoding="utf-8")
    done = run(*args, cwd=project)
    assert done.returncode == code, done.stderr
    assert "Traceback" not in done.stderr + done.stdout


def test_a_record_folder_that_cannot_be_written(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if os.name == "nt" or os.geteuid() == 0:
        pytest.skip("needs a POSIX user without the power to ignore permissions")
    sheet = tmp_path / "ket-qua.csv"
    sheet.write_text(SHEET, encoding="utf-8")
    folder = project / "records/chi-bo"
    folder.chmod(0o555)
    try:
        assert cli.main(["import", str(sheet), "--year", "2026", "--project", str(project), "--write"]) == 1
    finally:
        folder.chmod(0o755)
    assert "không có quyền ghi vào thư mục chi-bo/" in capsys.readouterr().err
    assert load_records(project)
