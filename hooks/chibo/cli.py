"""The ``chibo`` command: ``chibo validate [PROJECT_DIR]``, ``chibo demo --cells N``.

Exit codes: 0 the records are valid, 1 they are not (one line per problem), 2 a usage
error (unknown command or option, missing folder).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .problems import RecordsError
from .records import load_records


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="chibo", description="Công cụ hồ sơ chi bộ kiểu mẫu.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="LỆNH")
    check = commands.add_parser("validate", help="kiểm tra toàn bộ hồ sơ trong records/")
    check.add_argument("project", nargs="?", default=".", type=Path,
                       help="thư mục dự án (chứa records/), mặc định là thư mục hiện tại")
    check.add_argument("--format", choices=("text", "json"), default="text",
                       help="định dạng danh sách lỗi (json cho trình soạn thảo, CI)")
    demo = commands.add_parser("demo", help="tạo một dự án mẫu tổng hợp N chi bộ (đo hiệu năng)")
    demo.add_argument("--cells", type=int, required=True, help="số chi bộ")
    demo.add_argument("--seed", type=int, default=1, help="hạt giống ngẫu nhiên (cùng hạt giống, cùng dữ liệu)")
    demo.add_argument("--out", type=Path, required=True, help="thư mục đích")
    args = parser.parse_args(argv)
    if args.command == "demo":
        if args.cells < 1:
            parser.error("--cells phải lớn hơn 0")
        from .demo import write_demo

        out = write_demo(args.out, args.cells, args.seed)
        print(f"Đã tạo dự án {args.cells} chi bộ tại {out}")
        return 0
    if not (args.project / "records").is_dir():
        parser.error(f"không thấy thư mục records/ trong {args.project}")
    return validate(args.project, args.format)


def validate(project: Path, fmt: str = "text") -> int:
    _utf8_output()
    try:
        records = load_records(project)
    except RecordsError as error:
        print(error.json() if fmt == "json" else error.text())
        if fmt == "text":
            print(f"{len(error.problems)} lỗi.", file=sys.stderr)
        return 1
    for warning in records.warnings:
        print(f"cảnh báo: {warning}", file=sys.stderr)
    years = sorted({r.year for c in records.cells for r in c.results})
    span = "chưa có" if not years else f"năm {years[0]}" if len(years) == 1 else f"các năm {years[0]}–{years[-1]}"
    if fmt == "json":
        print("[]")
    else:
        print(f"Hồ sơ hợp lệ: {records.files} tệp, {len(records.cells)} chi bộ, kết quả {span}.")
    return 0


def _utf8_output() -> None:
    """Vietnamese text must print on a Windows console too."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")


if __name__ == "__main__":
    sys.exit(main())
