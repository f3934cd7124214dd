"""The ``chibo`` command: ``validate``, ``new`` (a cell; ``new programme``: a programme),
``import``, ``recover``, ``schema``, ``generate``, ``init``, ``demo``.

Exit codes: 0 done (the records are valid), 1 a problem with the records, the input or the
disk (one line per problem, in Vietnamese), 2 a usage error (unknown command or option,
missing folder or file). No input ends in a Python traceback: a file system error becomes
a line naming the file and the reason.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ..records import RecordsError, load_records
from ..records.fields import MAX_YEAR, MIN_YEAR
from ..records.problems import problems_json

if TYPE_CHECKING:
    from .skeleton import ProgrammeSpec


# ``chibo new programme …`` (or ``chibo new chuong-trinh …``): the programme's own sub-command.
NEW_PROGRAMME = ("programme", "chuong-trinh")


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["new"] and argv[1:2] and argv[1] in NEW_PROGRAMME:
        argv = ["new-programme", *argv[2:]]
    parser = argparse.ArgumentParser(prog="chibo", description="Công cụ hồ sơ xây dựng chi bộ.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="LỆNH")
    _record_commands(commands)
    _other_commands(commands)
    args = parser.parse_args(argv)
    _utf8_output()
    try:
        return _run(parser, args)
    except OSError as error:  # a disk, a permission, a folder gone: the person can act on it
        from .writer import reason

        shown = f"{error.filename}: " if error.filename else ""
        print(f"lỗi: {shown}{reason(error)}", file=sys.stderr)
        return 1


def _record_commands(commands: argparse._SubParsersAction) -> None:
    """``validate``, ``new``, ``import``: the commands that read or change records."""
    check = commands.add_parser("validate", help="kiểm tra toàn bộ hồ sơ trong records/")
    check.add_argument(
        "project", nargs="?", default=".", type=Path, help="thư mục dự án (chứa records/), mặc định là thư mục hiện tại"
    )
    check.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="định dạng danh sách lỗi (json cho trình soạn thảo, CI)",
    )
    new = commands.add_parser(
        "new", help="tạo hồ sơ một chi bộ mới (chibo new programme …: tạo khung một chương trình mới)"
    )
    new.add_argument("id", help="mã chi bộ: chữ thường không dấu, chữ số, dấu gạch nối (ví dụ khoa-duoc)")
    new.add_argument("--name", required=True, help='tên chi bộ, ví dụ "Chi bộ Khoa Dược"')
    new.add_argument(
        "--type", help="mã loại hình (types trong records/dang-bo.yml); không cần khi Đảng bộ chỉ có một loại hình"
    )
    new.add_argument("--secretary", help="bí thư chi bộ")
    new.add_argument("--members", type=int, help="số đảng viên")
    new.add_argument("--project", type=Path, default=Path("."), help="thư mục dự án")
    programme = commands.add_parser("new-programme", help="tạo khung một chương trình mới (như chibo new programme)")
    _programme_arguments(programme)
    programme.add_argument("--project", type=Path, default=Path("."), help="thư mục dự án")
    sheet = commands.add_parser(
        "import", help="nhập kết quả một năm, hay phiếu tự đánh giá hằng tháng (cột Tháng), từ bảng tính (.xlsx, .csv)"
    )
    sheet.add_argument("file", type=Path, help="tệp bảng tính")
    sheet.add_argument("--year", type=int, required=True, help="năm của kết quả")
    sheet.add_argument(
        "--programme",
        help="mã chương trình mà bảng tính ghi tiêu chí, công nhận (chỉ cần khi năm đó có hai chương trình)",
    )
    sheet.add_argument("--write", action="store_true", help="ghi vào hồ sơ (mặc định chỉ xem trước)")
    sheet.add_argument(
        "--confirm-year",
        action="store_true",
        help="xác nhận --year khi tên tệp, tiêu đề hay ngày quyết định ghi năm khác",
    )
    sheet.add_argument("--project", type=Path, default=Path("."), help="thư mục dự án")


def _programme_arguments(parser: argparse.ArgumentParser, required: bool = True) -> None:
    """What a new programme is: ``chibo new programme`` and ``chibo init`` ask the same."""
    if required:
        parser.add_argument("id", help="mã chương trình, là tên thư mục (ví dụ bon-tot-2026-2030)")
    else:
        parser.add_argument(
            "--programme", dest="id", help="mã chương trình (mặc định: chuong-trinh-<năm đầu>-<năm cuối>)"
        )
    parser.add_argument(
        "--kind", required=required, help="loại chương trình (ví dụ bon-tot); cùng loại không trùng thời gian"
    )
    parser.add_argument("--start", type=int, required=required, help="năm đầu của giai đoạn")
    parser.add_argument("--end", type=int, required=required, help="năm cuối của giai đoạn")
    parser.add_argument("--name", dest="programme_name", required=required, help="tên chương trình")
    parser.add_argument("--short-name", help="tên ngắn (mặc định: tên chương trình)")
    parser.add_argument(
        "--monthly",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="chi bộ tự đánh giá hằng tháng (mặc định có; --no-monthly: chỉ tự đánh giá cuối năm)",
    )


def _other_commands(commands: argparse._SubParsersAction) -> None:
    """``recover``, ``schema``, ``generate``, ``init``, ``demo``."""
    recover = commands.add_parser("recover", help="ghi nốt (hoặc hoàn tác) một lần ghi hồ sơ bị dừng giữa chừng")
    recover.add_argument("project", nargs="?", default=".", type=Path, help="thư mục dự án")
    recover.add_argument("--undo", action="store_true", help="trả hồ sơ lại như trước lần ghi đó")
    schema = commands.add_parser("schema", help="viết lại lược đồ JSON của hồ sơ (records/schema/)")
    schema.add_argument("project", nargs="?", default=".", type=Path, help="thư mục dự án")
    out = commands.add_parser("generate", help="tạo một dự án đầy đủ, không cần hook, cho MkDocs, ProperDocs, Zensical")
    out.add_argument("out", type=Path, help="thư mục đích (được thay toàn bộ)")
    out.add_argument("--project", type=Path, default=Path("."), help="thư mục dự án")
    template = commands.add_parser(
        "template", help="viết mẫu bảng tính nhập kết quả (và tự đánh giá hằng tháng) theo tiêu chí của chương trình"
    )
    template.add_argument("--programme", help="mã chương trình (mặc định: các chương trình của năm)")
    template.add_argument("--year", type=int, help="năm (mặc định: năm của ngày số liệu as_of)")
    template.add_argument("--out", type=Path, required=True, help="thư mục ghi các tệp mẫu (ngoài docs/)")
    template.add_argument("--project", type=Path, default=Path("."), help="thư mục dự án")
    init = commands.add_parser("init", help="tạo dự án cho một Đảng bộ khác: mã nguồn, cấu hình, hồ sơ khung")
    init.add_argument("out", type=Path, help="thư mục dự án mới (chưa có hoặc trống)")
    init.add_argument("--committee", required=True, help='tên Đảng bộ, ví dụ "Đảng bộ Bệnh viện Đa khoa tỉnh"')
    init.add_argument("--as-of", type=_day, help="ngày số liệu, dạng NĂM-THÁNG-NGÀY (mặc định: hôm nay)")
    _programme_arguments(init, required=False)
    demo = commands.add_parser("demo", help="tạo một dự án mẫu tổng hợp N chi bộ (đo hiệu năng)")
    demo.add_argument("--cells", type=int, required=True, help="số chi bộ")
    demo.add_argument("--seed", type=int, default=1, help="hạt giống ngẫu nhiên (cùng hạt giống, cùng dữ liệu)")
    demo.add_argument("--out", type=Path, required=True, help="thư mục đích")


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' không phải ngày dạng NĂM-THÁNG-NGÀY") from None


def _run(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    if args.command == "demo":
        return _demo(parser, args)
    if args.command == "init":
        return _init(args)
    project = args.project
    if not (project / "records").is_dir():
        parser.error(f"không thấy thư mục records/ trong {project}")
    if args.command == "new":
        return _new(args)
    if args.command == "new-programme":
        return _new_programme(args, _spec(args, args.start))
    if args.command == "import":
        if not args.file.is_file():
            parser.error(f"không thấy tệp {args.file}")
        if not MIN_YEAR <= args.year <= MAX_YEAR:
            parser.error(f"--year phải từ {MIN_YEAR} đến {MAX_YEAR}")
        return _import(args)
    if args.command == "recover":
        return _recover(project, args.undo)
    if args.command == "template":
        return _template(args)
    if args.command == "generate":
        return _generate(args)
    if args.command == "schema":
        from ..records import schema as schemas

        for path in schemas.write(project):
            print(f"Đã viết {path}")
        return 0
    return validate(project, args.format)


def _demo(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    if not 1 <= args.cells <= 100_000:
        parser.error("--cells phải từ 1 đến 100000")
    from .demo import write_demo

    out = write_demo(args.out, args.cells, args.seed)
    print(f"Đã tạo dự án {args.cells} chi bộ tại {out}")
    return 0


def _spec(args: argparse.Namespace, as_of_year: int, as_of: dt.date | None = None) -> ProgrammeSpec:
    from .skeleton import ProgrammeSpec

    start = args.start if args.start is not None else as_of_year
    end = args.end if args.end is not None else start + 4
    name = args.programme_name or f"Xây dựng chi bộ giai đoạn {start}-{end}"
    return ProgrammeSpec(
        id=args.id or f"chuong-trinh-{start}-{end}",
        kind=args.kind or "xay-dung-chi-bo",
        start=start,
        end=end,
        name=name,
        short_name=args.short_name or name,
        monthly=args.monthly,
        plan_date=as_of or dt.date(start, 1, 1),
    )


def today() -> dt.date:
    """The day ``chibo init`` writes as the data date when none is given (the only clock read)."""
    return dt.date.today()


def _init(args: argparse.Namespace) -> int:
    from .init import init_project
    from .new import ScaffoldError

    as_of = args.as_of or today()  # a default for a person at the keyboard, written into the records
    spec = _spec(args, as_of.year, as_of)
    try:
        files = init_project(args.out, args.committee, as_of, spec)
    except ScaffoldError as error:
        print(f"lỗi: {error}", file=sys.stderr)
        return 1
    except RecordsError as error:
        print(f"Hồ sơ khung có lỗi (hãy báo lỗi này):\n{error.text()}", file=sys.stderr)
        return 1
    print(f"Đã tạo dự án tại {args.out}: mã nguồn (hooks/) và {len(files)} tệp:")
    for rel in files:
        print(f"  {rel}")
    print(
        f"Việc tiếp theo (README.md của dự án): điền các chỗ [ĐIỀN: …] trong records/dang-bo.yml và "
        f"records/chuong-trinh/{spec.id}/, tạo chi bộ bằng 'chibo new', rồi: cd {args.out} && "
        "python hooks/dev.py serve"
    )
    return 0


def _new_programme(args: argparse.Namespace, spec: ProgrammeSpec) -> int:
    from .new import NewRecordError, ScaffoldError, new_programme

    try:
        folder = new_programme(args.project, spec)
    except ScaffoldError as error:
        print(f"lỗi: {error}", file=sys.stderr)
        return 1
    except NewRecordError as error:
        print(f"Chưa tạo chương trình mới vì nó có lỗi:\n{error.text()}", file=sys.stderr)
        return 1
    except RecordsError as error:
        return _records_broken(error)
    print(
        f"Đã tạo {folder}: chuong-trinh.yml, tieu-chi.yml, ke-hoach.md. Điền các chỗ [ĐIỀN: …], "
        "rồi chạy: chibo validate"
    )
    return 0


def _template(args: argparse.Namespace) -> int:
    from ..output.blanks import templates

    try:
        records = load_records(args.project)
    except RecordsError as error:
        return _records_broken(error)
    year = args.year or records.committee.as_of.year
    chosen = [
        p
        for p in records.programmes
        if (p.id == args.programme if args.programme else p.programme.period.start <= year <= p.programme.period.end)
    ]
    if not chosen:
        known = ", ".join(f"{p.id} ({p.programme.period.start}–{p.programme.period.end})" for p in records.programmes)
        wanted = f"chương trình '{args.programme}'" if args.programme else f"chương trình nào của năm {year}"
        print(f"lỗi: không có {wanted}; các chương trình: {known or 'chưa có'}", file=sys.stderr)
        return 1
    for programme in chosen:
        folder = args.out / programme.id if len(chosen) > 1 else args.out
        folder.mkdir(parents=True, exist_ok=True)
        for template in templates(programme, year, records.committee.as_of):
            (folder / template.name).write_bytes(template.data)
            print(f"Đã viết {folder / template.name}: {template.title}")
    return 0


def _records_broken(error: RecordsError) -> int:
    """The project's records must be valid before a command changes them."""
    print(f"Hồ sơ hiện có lỗi, hãy sửa trước:\n{error.text()}", file=sys.stderr)
    return 1


def _new(args: argparse.Namespace) -> int:
    from .new import NewRecordError, ScaffoldError, new_cell
    from .writer import WriteError

    try:
        path = new_cell(args.project, args.id, args.name, args.type, args.secretary, args.members)
    except ScaffoldError as error:
        print(f"lỗi: {error}", file=sys.stderr)
        return 1
    except NewRecordError as error:
        print(f"Chưa tạo hồ sơ mới vì nó có lỗi:\n{error.text()}", file=sys.stderr)
        return 1
    except RecordsError as error:
        return _records_broken(error)
    except WriteError as error:
        print("\n".join(error.lines), file=sys.stderr)
        return 1
    print(f"Đã tạo {path}. Mở tệp để điền thêm, rồi chạy: chibo validate")
    return 0


def _import(args: argparse.Namespace) -> int:
    from .importer import SheetError, plan_import
    from .writer import WriteError, pending, write_all

    if args.write and pending(args.project):  # a second run finishes the write it interrupted
        code = _recover(args.project, False)
        if code:
            return code
    try:
        plan = plan_import(args.project, args.file, args.year, args.confirm_year, args.programme)
    except SheetError as error:
        print("\n".join(error.lines))
        print(f"{error.total} lỗi; không ghi gì vào hồ sơ.", file=sys.stderr)
        return 1
    except RecordsError as error:
        return _records_broken(error)
    except WriteError as error:
        print("\n".join(error.lines), file=sys.stderr)
        return 1
    for note in plan.notes:
        print(f"cảnh báo: {note}", file=sys.stderr)
    for change in plan.changes:
        print(change.diff())
    if not plan.changes:
        print("Không có thay đổi nào.")
        return 0
    if not args.write:
        print(f"Xem trước: {len(plan.changes)} tệp sẽ thay đổi. Chạy lại với --write để ghi.")
        return 0
    try:
        write_all(args.project, [change.write() for change in plan.changes])
    except WriteError as error:
        print("\n".join(error.lines), file=sys.stderr)
        return 1
    print(f"Đã ghi {len(plan.changes)} tệp hồ sơ, kết quả năm {args.year}.")
    return 0


def _recover(project: Path, undo: bool) -> int:
    """``chibo recover``: finish (or undo) a write that was stopped half way."""
    from .writer import WriteError, pending, recover

    if not pending(project):
        print("Không có lần ghi hồ sơ nào bị dừng giữa chừng.")
        return 0
    try:
        count = recover(project, undo=undo)
    except WriteError as error:
        print("\n".join(error.lines), file=sys.stderr)
        return 1
    done = "Đã trả lại như trước" if undo else "Đã ghi nốt"
    print(f"{done} lần ghi bị dừng: {count} tệp hồ sơ được thay đổi lúc này.")
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
    for warning in built.warnings:  # the same as a build's: files skipped, rules of the year broken
        print(warning, file=sys.stderr)
    pages = sum(p.src_uri.endswith(".md") for p in built.pages)
    print(
        f"Đã tạo dự án tại {args.out}: {pages} trang, {len(built.pages) - pages} tệp tải về.\n"
        f"Tạo trang: cd {args.out} && mkdocs build (hoặc properdocs build -f mkdocs.yml, zensical build)"
    )
    return 0


def validate(project: Path, fmt: str = "text") -> int:
    """Check every record and the rules of each year: 0 valid (warnings allowed), 1 not."""
    from ..records.load import no_cycle_collection
    from ..report import warnings
    from ..report.context import Context
    from ..report.monthly import disagreements, effective, rollups
    from ..report.rules import breaches

    with no_cycle_collection():
        try:
            records = load_records(project)
        except RecordsError as error:
            print(error.json() if fmt == "json" else error.text())
            if fmt == "text":
                print(error.summary(), file=sys.stderr)
            return 1
        context = Context.of(records)
        rolled = rollups(records, context.scope)
        cells = effective(records.cells, rolled)  # a year's criteria as everything reads them
        found = warnings(records, breaches(records.committee, cells, context, disagreements(records.cells, rolled)))
        gc.freeze()  # the records live until the process ends: no collection need scan them again
    if fmt == "json":
        print(problems_json(found))
        return 0
    for warning in found:
        print(warning)
    years = sorted({r.year for c in records.cells for r in c.results})
    span = "chưa có" if not years else f"năm {years[0]}" if len(years) == 1 else f"các năm {years[0]}–{years[-1]}"
    counted = f", {len(found)} cảnh báo" if found else ""
    print(f"Hồ sơ hợp lệ: {records.file_count} tệp, {len(records.cells)} chi bộ, kết quả {span}{counted}.")
    return 0


def _utf8_output() -> None:
    """Vietnamese text must print on a Windows console too."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")


if __name__ == "__main__":
    sys.exit(main())
