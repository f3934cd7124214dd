"""Set up and run the project with nothing but Python 3.11+ (Windows, macOS, Linux).

    python hooks/dev.py serve    # xem trang tại http://127.0.0.1:8000
    python hooks/dev.py test     # chạy toàn bộ kiểm thử
    python hooks/dev.py build    # tạo thư mục site/ để xuất bản
    python hooks/dev.py offline  # bản mở từ đĩa (file://), đóng gói thành một tệp zip
    python hooks/dev.py chibo validate
    python hooks/dev.py lock     # làm mới requirements.lock (phiên bản mới nhất trong giới hạn)

Creates ``.venv`` beside ``mkdocs.yml`` on first use and installs into it the exact
versions of ``requirements.lock`` (every file checked against its hash), then the
project itself; again only when ``pyproject.toml`` or the lock changes. Then it runs the
command inside it. Standard library only: it runs before anything is installed. Not a
MkDocs hook.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import venv
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
VENV = PROJECT / ".venv"
LOCK = PROJECT / "requirements.lock"
# `uv pip compile` makes the lock: every platform and Python >= 3.11 in one file, hashes
# of every wheel and sdist of each pinned version, from PyPI only.
LOCK_COMMAND = [
    "-m",
    "uv",
    "pip",
    "compile",
    "requirements.in",
    "--universal",
    "--python-version",
    "3.11",
    "--generate-hashes",
    "--no-emit-package",
    "chibo-kieu-mau",
    "--default-index",
    "https://pypi.org/simple",
    "--custom-compile-command",
    "python hooks/dev.py lock",
    "--output-file",
    "requirements.lock",
]
PIP = ["-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
COMMANDS = {
    "serve": ["-m", "mkdocs", "serve", "--dirty", "--dev-addr", "127.0.0.1:8000"],
    "build": ["-m", "mkdocs", "build", "--strict"],
    "test": ["-m", "pytest"],
    "chibo": ["-m", "chibo"],
}


def venv_python() -> Path:
    scripts = "Scripts" if os.name == "nt" else "bin"
    return VENV / scripts / ("python.exe" if os.name == "nt" else "python")


def ensure_venv() -> Path:
    python = venv_python()
    if not python.exists():
        print("Tạo môi trường ảo .venv …", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    return python


def ensure_installed() -> Path:
    python = ensure_venv()
    stamp = VENV / ".chibo-installed"
    wanted = hashlib.sha256((PROJECT / "pyproject.toml").read_bytes() + LOCK.read_bytes()).hexdigest()
    if not stamp.exists() or stamp.read_text() != wanted:
        print("Cài đặt các gói cần thiết theo requirements.lock (lần đầu mất vài phút) …", flush=True)
        subprocess.run([python, *PIP, "--require-hashes", "-r", LOCK.name], cwd=PROJECT, check=True)
        # The project itself, with the setuptools of the lock: nothing unlocked is fetched.
        subprocess.run([python, *PIP, "--no-deps", "--no-build-isolation", "-e", "."], cwd=PROJECT, check=True)
        stamp.write_text(wanted)
    return python


def lock(python: Path, args: list[str]) -> int:
    """Refresh requirements.lock: the newest versions within pyproject.toml's bounds."""
    subprocess.run([python, *PIP, "uv"], cwd=PROJECT, check=True)
    return subprocess.run([python, *LOCK_COMMAND, *(args or ["--upgrade"])], cwd=PROJECT).returncode


OFFLINE_DIR = PROJECT / "site-offline"
OFFLINE_ZIP = PROJECT / "chibo-kieu-mau-offline"


def offline(python: Path, env: dict[str, str]) -> int:
    """Build a copy that works from disk, search included, and zip it."""
    env = dict(env, CHIBO_OFFLINE="true", CHIBO_DIRECTORY_URLS="false")
    done = subprocess.run(
        [str(python), "-m", "mkdocs", "build", "--strict", "--site-dir", str(OFFLINE_DIR)], cwd=PROJECT, env=env
    )
    if done.returncode:
        return done.returncode
    archive = shutil.make_archive(str(OFFLINE_ZIP), "zip", OFFLINE_DIR)
    print(f"Bản ngoại tuyến: {OFFLINE_DIR / 'index.html'}\nTệp zip để gửi: {archive}")
    return 0


def browser_tools() -> None:
    """axe-core and the Nu Html Checker for the browser tests, when npm is available."""
    folder = PROJECT / "tests" / "browser"
    npm = shutil.which("npm")
    if npm and not (folder / "node_modules").is_dir():
        print("Cài axe-core và vnu-jar cho kiểm thử trên trình duyệt …", flush=True)
        subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=folder, check=False)


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in (*COMMANDS, "offline", "lock"):
        print(__doc__)
        return 2
    if argv[0] == "lock":
        return lock(ensure_venv(), argv[1:])
    python = ensure_installed()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONUTF8="1")
    if argv[0] == "offline":
        return offline(python, env)
    if argv[0] == "test":
        browser_tools()
    command = [str(python), *COMMANDS[argv[0]], *argv[1:]]
    try:
        if argv[0] == "build":
            return build(command, env)
        return subprocess.run(command, cwd=PROJECT, env=env).returncode
    except KeyboardInterrupt:
        return 130


# MkDocs ends a failed build with an English line ("Aborted with a BuildError!", "Aborted with
# 2 warnings in strict mode!"); ours says the same in Vietnamese, with what to do.
MKDOCS_ABORTED = re.compile(r"Aborted with .*!")


def build(command: list[str], env: dict[str, str]) -> int:
    """``mkdocs build --strict``, its output passed through as it comes; a failed build ends
    with one Vietnamese line saying why and that ``site/`` is as it was."""
    errors = warnings = 0
    with subprocess.Popen(
        command, cwd=PROJECT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, encoding="utf-8"
    ) as process:
        assert process.stdout is not None
        for line in process.stdout:
            if MKDOCS_ABORTED.fullmatch(line.strip()):
                continue
            errors += ": lỗi: " in line
            warnings += line.startswith("WARNING")
            sys.stdout.write(line)
            sys.stdout.flush()
    code = process.returncode
    if code:
        print(failure(code, errors, warnings), flush=True)
    return code


def failure(code: int, errors: int, warnings: int) -> str:
    """The last line of a failed build."""
    kept = "thư mục site/ không bị thay đổi"
    if errors:
        return f"Không tạo trang: hồ sơ có {errors} lỗi (các dòng 'lỗi:' ở trên); {kept}. Sửa hồ sơ rồi chạy lại lệnh."
    if warnings:
        return (
            f"Không xuất bản: có {warnings} cảnh báo (các dòng WARNING ở trên), bản xuất bản không được có cảnh báo; "
            f"{kept}. Xem lại hồ sơ rồi chạy lại lệnh."
        )
    return f"Không tạo được trang (mã lỗi {code}): xem thông báo ở trên; {kept}."


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
