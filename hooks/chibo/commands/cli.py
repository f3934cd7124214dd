"""The ``chibo`` command: ``chibo validate [PROJECT_DIR]``, ``chibo generate DIR``, ``chibo demo --cells N``…

Exit codes: 0 the records are valid, 1 they are not (one line per problem), 2 a usage
error (unknown command or option, missing folder).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..records import RecordsError, load_records


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="chibo", description="Công cụ hồ sơ chi bộ kiểu mẫu.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="LỆNH")
    check = commands.add_parser("validate", help="kiểm tra toàn bộ hồ sơ trong records/")
    check.add_argument("project", nargs="?", default=".", type=Path,
                       help="thư mục dự án (chứa records/), mặc định là thư mục hiện tại")
    check.add_argument("--format", choices=("text", "json"), default="text",
                       help="định dạng danh sách lỗi (json cho trình soạn thảo, CI)")
    new = commands.add_parser("new", help="tạo hồ sơ một chi bộ mới")
    new.add_argument("id", help="mã chi bộ: chữ thường không dấu, chữ số, dấu gạch nối (ví dụ khoa-duoc)")
    new.add_argument("--name", required=True, help="tên chi bộ, ví dụ \"Chi bộ Khoa Dược\"")
    new.add_argument("--type", required=True, help="mã loại hình trong records/tieu-chi.yml")
    new.add_argument("--secretary", help="bí thư chi bộ")
    new.add_argument("--members", type=int, help="số đảng viên")
    new.add_argument("--project", type=Path, default=Path("."), help="thư mục dự án")
    sheet = commands.add_parser("import", help="nhập kết quả một năm từ bảng tính (.xlsx, .csv)")
    sheet.add_argument("file", type=Path, help="tệp bảng tính")
    sheet.add_argument("--year", type=int, required=True, help="năm của kết quả")
    sheet.add_argument("--write", action="store_true", help="ghi vào hồ sơ (mặc định chỉ xem trước)")
    sheet.add_argument("--project", type=Path, default=Path("."), help="thư mục dự án")
    schema = commands.add_parser("schema", help="viết lại lược đồ JSON của hồ sơ (records/schema/)")
    schema.add_argument("project", nargs="?", default=".", type=Path, help="thư mục dự án")
    out = commands.add_parser("generate", help="tạo một dự án đầy đủ, không cần hook, cho MkDocs, ProperDocs, Zensical")
    out.add_argument("out", type=Path, help="thư mục đích (được thay toàn bộ)")
    out.add_argument("--project", type=Path, default=Path("."), help="thư mục dự án")
    demo = commands.add_parser("demo", help="tạo một dự án mẫu tổng hợp N chi bộ (đo hiệu năng)")
    demo.add_argument("--cells", type=int, required=True, help="số chi bộ")
    demo.add_argument("--seed", type=int, default=1, help="hạt giống ngẫu nhiên (cùng hạt giống, cùng dữ liệu)")
    demo.add_argument("--out", type=Path, required=True, help="thư mục đích")
    args = parser.parse_args(argv)
    _utf8_output()
    if args.command == "demo":
        return _demo(parser, args)
    project = args.project
    if not (project / "records").is_dir():
        parser.error(f"không thấy thư mục records/ trong {project}")
    if args.command == "new":
        return _new(args)
    if args.command == "import":
        if not args.file.is_file():
            parser.error(f"không thấy tệp {args.file}")
        return _import(args)
    if args.command == "generate":
        return _generate(args)
    if args.command == "schema":
        from ..records import schema as schemas

        for path in schemas.write(project):
            print(f"Đã viết {path}")
        return 0
    return validate(project, args.format)


def _demo(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    if args.cells < 1:
        parser.error("--cells phải lớn hơn 0")
    from .demo import write_demo

    out = write_demo(args.out, args.cells, args.seed)
    print(f"Đã tạo dự án {args.cells} chi bộ tại {out}")
    return 0


def _records_broken(error: RecordsError) -> int:
    """The project's records must be valid before a command changes them."""
    print(f"Hồ sơ hiện có lỗi, hãy sửa trước:\n{error.text()}", file=sys.stderr)
    return 1


def _new(args: argparse.Namespace) -> int:
    from .new import ScaffoldError, new_cell

    try:
        path = new_cell(args.project, args.id, args.name, args.type, args.secretary, args.members)
    except ScaffoldError as error:
        print(f"lỗi: {error}", file=sys.stderr)
        return 1
    except RecordsError as error:
        return _records_broken(error)
    print(f"Đã tạo {path}. Mở tệp để điền thêm, rồi chạy: chibo validate")
    return 0


def _import(args: argparse.Namespace) -> int:
    from .importer import SheetError, apply, plan_import

    try:
        changes = plan_import(args.project, args.file, args.year)
    except SheetError as error:
        print("\n".join(error.lines))
        print(f"{len(error.lines)} lỗi; không ghi gì vào hồ sơ.", file=sys.stderr)
        return 1
    except RecordsError as error:
        return _records_broken(error)
    for change in changes:
        print(change.diff())
    if not changes:
        print("Không có thay đổi nào.")
    elif args.write:
        apply(changes)
        print(f"Đã ghi {len(changes)} tệp hồ sơ, kết quả năm {args.year}.")
    else:
        print(f"Xem trước: {len(changes)} tệp sẽ thay đổi. Chạy lại với --write để ghi.")
    return 0


def _generate(args: argparse.Namespace) -> int:
    from ..output.standalone import GenerateError, generate

    try:
        built = generate(args.project, args.out)
    except GenerateError as error:
        print(f"lỗi: {error}", file=sys.stderr)
        return 1
    except RecordsError as error:
        print(f"Hồ sơ có lỗi, không tạo dự án:\n{error.text()}", file=sys.stderr)
        return 1
    for warning in built.records.warnings:
        print(f"cảnh báo: {warning}", file=sys.stderr)
    pages = sum(p.src_uri.endswith(".md") for p in built.pages)
    print(f"Đã tạo dự án tại {args.out}: {pages} trang, {len(built.pages) - pages} tệp tải về.\n"
          f"Tạo trang: cd {args.out} && mkdocs build (hoặc properdocs build -f mkdocs.yml, zensical build)")
    return 0


def validate(project: Path, fmt: str = "text") -> int:
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
        print(f"Hồ sơ hợp lệ: {records.file_count} tệp, {len(records.cells)} chi bộ, kết quả {span}.")
    return 0


def _utf8_output() -> None:
    """Vietnamese text must print on a Windows console too."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")


if __name__ == "__main__":
    sys.exit(main())
