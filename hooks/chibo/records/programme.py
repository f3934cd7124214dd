"""Typed, frozen records of a programme: ``records/chuong-trinh/<id>/chuong-trinh.yml`` and
its criteria set ``tieu-chi.yml`` (DESIGN.md §1 "Programmes"). Same conventions as ``models.py``.

A programme (chương trình) is one plan a committee runs to build model cells over a period:
its plan document, its words (what a recognised cell is called, the criteria framework's
title, the steering body), the plan's section numbers that pages and documents cite, which
workflow steps it uses, its selection and recognition conditions (over the condition kinds
the code knows, each with its wording), the monthly self-assessment roll-up, targets,
milestones, responsibilities and the documents it requires. Several programmes may run at
once (of different kinds) or follow each other. Nothing of one programme is in the code.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from ..vocab import (
    DOCUMENT_KINDS,
    GROUPS,
    MEASURES,
    RECOGNITION_CONDITIONS,
    SELECTION_CONDITIONS,
)
from .fields import MONTH_PATTERN, Day, Record, Slug, Text, Year, described, vi

# --- tieu-chi.yml --------------------------------------------------------------------


class TypeVariant(Record):
    """Nội dung riêng của tiêu chí theo loại hình chi bộ."""

    model_config = described("Nội dung theo loại hình", "Tiêu chí riêng của một loại hình chi bộ.")

    title: Text = vi("Tên tiêu chí")
    indicators: tuple[Text, ...] = vi("Các chỉ báo", min_length=1)


class Criterion(Record):
    """Tiêu chí: common (``indicators``) or type-specific (``by_type``)."""

    model_config = described("Tiêu chí", "Tiêu chí chung (indicators) hoặc riêng theo loại hình (by_type).")

    id: Slug = vi("Mã tiêu chí", "Ví dụ tc1; dùng làm khóa trong results[].criteria.")
    group: Literal[GROUPS] = vi("Nhóm", "chi-bo: tiêu chí đối với chi bộ; dang-vien: đối với đảng viên.")  # type: ignore[valid-type]
    title: Text = vi("Tên tiêu chí")
    description: Text | None = vi("Mô tả", default=None)
    indicators: tuple[Text, ...] = vi("Các chỉ báo", "Với tiêu chí chung.", default=())
    by_type: dict[Slug, TypeVariant] | None = vi(
        "Theo loại hình", "Với tiêu chí riêng: mã loại hình (trong dang-bo.yml) → nội dung.", default=None
    )


class CriteriaBook(Record):
    """Khung tiêu chí của một chương trình: ``chuong-trinh/<id>/tieu-chi.yml``."""

    model_config = described(
        "Khung tiêu chí", "records/chuong-trinh/<mã>/tieu-chi.yml: khung tiêu chí của một chương trình."
    )

    draft: bool = vi(
        "Bản dự thảo",
        'true: trang Tiêu chí ghi "Bản dự thảo" (khung chưa phải văn bản chính thức).',
        default=False,
    )
    draft_note: Text | None = vi(
        "Ghi chú bản dự thảo",
        "Câu trang Tiêu chí in dưới chữ Bản dự thảo: khung được soạn theo đâu, văn bản chính thức ở đâu.",
        default=None,
    )
    criteria: tuple[Criterion, ...] = vi("Tiêu chí", min_length=1)


# --- chuong-trinh.yml ----------------------------------------------------------------


class Plan(Record):
    """Kế hoạch: the programme's plan document, as signed."""

    model_config = described("Kế hoạch", "Văn bản kế hoạch của chương trình.")

    number: Text = vi("Số, ký hiệu", "Ví dụ: 12-KH/ĐU.")
    date: Day = vi("Ngày ban hành")
    title: Text = vi("Trích yếu", "Dòng in đậm dưới chữ KẾ HOẠCH, viết như trên văn bản.")
    implements: tuple[Slug, ...] = vi(
        "Căn cứ", "Mã các văn bản (trong documents của dang-bo.yml) mà kế hoạch triển khai.", default=()
    )
    signing: Text = vi("Thay mặt", 'Dòng ký, ví dụ: "T/M BAN THƯỜNG VỤ".', default="T/M BAN THƯỜNG VỤ")
    signer: Text | None = vi("Người ký", "Bỏ trống khi chưa ký.", default=None)
    signer_title: Text = vi("Chức vụ người ký", default="Bí thư")
    recipients: tuple[Text, ...] = vi("Nơi nhận", "Mỗi dòng một nơi, như trên văn bản.", default=())
    signed: bool = vi(
        "Đã ký", 'true: ke-hoach.md là toàn văn bản đã ký (trang ghi "Văn bản gốc"); false: dự thảo.', default=True
    )


class Period(Record):
    """Giai đoạn."""

    model_config = described("Giai đoạn", "Năm đầu và năm cuối của chương trình.")

    start: Year = vi("Từ năm")
    end: Year = vi("Đến năm")


class Terms(Record):
    """Cách gọi: the words of this programme that pages and documents use."""

    model_config = described("Cách gọi", "Những từ của chương trình mà các trang và văn bản dùng.")

    model: Text = vi(
        "Chi bộ được công nhận gọi là",
        'Viết thường, như trong câu "được công nhận … năm 2023", ví dụ: "chi bộ bốn tốt".',
    )
    building: Text = vi(
        "Việc xây dựng gọi là",
        'Viết thường, như trong câu "kết quả … năm 2023", ví dụ: xây dựng “chi bộ bốn tốt”.',
    )
    framework: Text = vi("Tên khung tiêu chí", 'Ví dụ: Khung tiêu chí "Chi bộ bốn tốt".')
    steering: Text | None = vi(
        "Tên Ban Chỉ đạo", "Bỏ trống khi chương trình không lập Ban Chỉ đạo riêng.", default=None
    )


class Section(Record):
    """Một mục của kế hoạch mà trang và văn bản dẫn chiếu: its number, and its anchor on the plan page."""

    model_config = described("Mục của kế hoạch", "Số mục (ví dụ II.2) và neo của mục trên trang kế hoạch.")

    number: Text = vi("Số mục", "Ví dụ: II.2.")
    anchor: Slug | None = vi(
        "Neo",
        "Mã của đề mục trong ke-hoach.md, viết sau đề mục: ## Lộ trình { #lo-trinh }. Bỏ trống: liên kết "
        "tới đầu trang kế hoạch.",
        default=None,
    )


class Sections(Record):
    """Các mục của kế hoạch được dẫn chiếu."""

    model_config = described("Các mục được dẫn chiếu", "Mục nào của kế hoạch nói về việc gì; mục nào không có thì bỏ.")

    criteria: Section | None = vi("Khung tiêu chí", default=None)
    steering: Section | None = vi("Ban Chỉ đạo", default=None)
    registration: Section | None = vi("Khảo sát, đăng ký", default=None)
    selection: Section | None = vi("Điều kiện lựa chọn", default=None)
    selection_count: Section | None = vi("Số lượng chi bộ được lựa chọn", default=None)
    recognition: Section | None = vi("Xem xét, công nhận", default=None)
    self_check: Section | None = vi("Tự đánh giá hằng tháng", default=None)
    roadmap: Section | None = vi("Lộ trình", default=None)
    targets: Section | None = vi("Chỉ tiêu", default=None)
    organisation: Section | None = vi("Tổ chức thực hiện", default=None)

    @property
    def anchors(self) -> tuple[str, ...]:
        """The anchors the plan text must carry, each once, in this order."""
        found = (getattr(self, name) for name in type(self).model_fields)
        return tuple(dict.fromkeys(s.anchor for s in found if s is not None and s.anchor))


Month = Annotated[int, Field(ge=1, le=12)]


class Workflow(Record):
    """Quy trình: which steps the programme uses (khảo sát → đăng ký → lựa chọn → công nhận → khen thưởng)."""

    model_config = described("Quy trình", "Các bước của chương trình; bước không dùng ghi false.")

    survey: bool = vi("Khảo sát", "Chi bộ khảo sát trước khi đăng ký.", default=True)
    registration: bool = vi("Đăng ký", "Chi bộ đăng ký thực hiện theo năm.", default=True)
    selection: bool = vi(
        "Lựa chọn",
        "true: Ban Thường vụ lựa chọn trong các chi bộ đăng ký (cần mục selection); false: không lựa chọn, "
        "xét công nhận từ kết quả.",
        default=True,
    )
    commendation: bool = vi("Khen thưởng", "Chi bộ được công nhận được khen thưởng.", default=True)
    cycle_month: Month = vi(
        "Tháng xét công nhận",
        "Tháng tự đánh giá, xem xét công nhận và khen thưởng hằng năm (12: tháng 12).",
        default=12,
    )


class Condition(Record):
    """Một điều kiện lựa chọn hoặc công nhận: a kind the code knows how to check, and its wording."""

    model_config = described(
        "Điều kiện",
        "Một điều kiện, theo một loại mà chương trình biết cách xét; text là cách viết của kế hoạch.",
    )

    kind: Slug = vi("Loại điều kiện")
    text: Text | None = vi(
        "Cách viết",
        "Bỏ trống: dùng cách viết mặc định. Có thể dùng {so_nam}, {tu_nam}, {den_nam}, {nam} (năm được xét) "
        "và {nam_truoc}.",
        default=None,
    )
    years: Annotated[int, Field(ge=1, le=10)] | None = vi(
        "Số năm", 'Với "nhieu-nam-tot": số năm liền xếp loại hoàn thành tốt nhiệm vụ trở lên.', default=None
    )


class FirstYear(Record):
    """Số chi bộ được lựa chọn năm đầu."""

    model_config = described("Năm đầu", "Số chi bộ Ban Thường vụ lựa chọn trong năm đầu của chương trình.")

    min: Annotated[int, Field(ge=0, le=1000)] = vi("Tối thiểu")
    max: Annotated[int, Field(ge=0, le=1000)] = vi("Tối đa")


class Selection(Record):
    """Lựa chọn: the conditions a cell must meet to be selected for a year, and the first year's count."""

    model_config = described("Lựa chọn", "Điều kiện để chi bộ được lựa chọn cho một năm, xét trước khi đăng ký.")

    conditions: tuple[Condition, ...] = vi(
        "Điều kiện", f"Theo thứ tự của kế hoạch; loại: {', '.join(SELECTION_CONDITIONS)}.", min_length=1
    )
    first_year: FirstYear | None = vi("Năm đầu", default=None)


class Recognition(Record):
    """Công nhận: the conditions a cell must meet to be recognised for a year."""

    model_config = described("Công nhận", "Điều kiện để chi bộ được công nhận trong một năm.")

    conditions: tuple[Condition, ...] = vi("Điều kiện", f"Loại: {', '.join(RECOGNITION_CONDITIONS)}.", min_length=1)


class MonthlyRule(Record):
    """Tổng hợp tự đánh giá hằng tháng: how months roll up into the year's mark of a criterion."""

    model_config = described(
        "Tổng hợp hằng tháng",
        "Tiêu chí đạt trong năm khi đạt ít nhất months tháng (tính trên 12 tháng, hoặc trên số tháng từ "
        "tháng bắt đầu); các tiêu chí trong every_month phải đạt mọi tháng. Tháng không có phiếu là chưa đạt.",
    )

    months: Annotated[int, Field(ge=1, le=12)] = vi("Số tháng đạt tối thiểu", "Trên 12 tháng, ví dụ 10.")
    every_month: tuple[Slug, ...] = vi("Tiêu chí phải đạt mọi tháng", default=())
    first_month: Annotated[str, Field(pattern=MONTH_PATTERN)] | None = vi(
        "Tháng bắt đầu",
        'Dạng "NĂM-THÁNG", ví dụ "2026-02": năm đầu tính từ tháng này; số tháng cần đạt giảm theo tỷ lệ.',
        default=None,
    )


class Target(Record):
    """Chỉ tiêu: a share of cells to reach by a year."""

    model_config = described("Chỉ tiêu", "Tỷ lệ chi bộ cần đạt vào một năm.")

    id: Slug = vi("Mã chỉ tiêu")
    label: Text = vi("Tên chỉ tiêu")
    measure: Literal[MEASURES] = vi(  # type: ignore[valid-type]
        "Đo bằng", "tot-tro-len: hoàn thành tốt nhiệm vụ trở lên; cong-nhan: được công nhận theo chương trình."
    )
    comparison: Literal[">=", ">"] = vi("So sánh", '">=": từ … trở lên; ">": trên ….')
    percent: Annotated[float, Field(ge=0, le=100)] = vi("Tỷ lệ (%)")
    year: Year = vi("Năm")


class Milestone(Record):
    """Mốc thời gian: a deadline of the plan; ``done`` is the date it was met."""

    model_config = described("Mốc thời gian", "Một hạn trong kế hoạch; done là ngày đã hoàn thành.")

    id: Slug = vi("Mã mốc")
    date: Day = vi("Hạn")
    title: Text = vi("Nội dung")
    owner: Text | None = vi("Chủ trì", default=None)
    done: Day | None = vi("Ngày hoàn thành", "Bỏ trống khi chưa hoàn thành.", default=None)
    note: Text | None = vi("Ghi chú", default=None)


class Responsibility(Record):
    """Phân công thực hiện: who does what."""

    model_config = described("Phân công", "Ai làm gì (mục tổ chức thực hiện của kế hoạch).")

    who: Text = vi("Đơn vị, cá nhân")
    tasks: tuple[Text, ...] = vi("Nhiệm vụ", min_length=1)


class Programme(Record):
    """Chương trình: ``records/chuong-trinh/<id>/chuong-trinh.yml``."""

    model_config = described(
        "Chương trình",
        "records/chuong-trinh/<mã>/chuong-trinh.yml: một chương trình (kế hoạch) xây dựng chi bộ của Đảng bộ; "
        "tên thư mục là mã chương trình. Toàn văn kế hoạch ở ke-hoach.md, khung tiêu chí ở tieu-chi.yml "
        "cùng thư mục.",
    )

    kind: Slug = vi(
        "Loại chương trình",
        "Ví dụ kieu-mau, bon-tot; hai chương trình cùng loại không được trùng thời gian.",
    )
    name: Text = vi("Tên chương trình", "Ví dụ: Xây dựng “chi bộ bốn tốt” giai đoạn 2026-2030.")
    short_name: Text = vi("Tên ngắn", "Dùng trong bảng, thẻ và tiêu đề, ví dụ: Chi bộ bốn tốt 2026–2030.")
    illustrative: bool = vi(
        "Minh họa", "true khi văn bản của chương trình là giả định, chưa đối chiếu được bản gốc.", default=False
    )
    placeholder: bool = vi(
        "Chương trình khung",
        "true: chương trình do lệnh chibo init hoặc chibo new programme tạo, chưa điền toàn văn kế hoạch "
        "(ke-hoach.md), số, ngày, khung tiêu chí; trang chủ nhắc việc cần điền trước. Điền xong thì xóa dòng này.",
        default=False,
    )
    note: Text | None = vi("Ghi chú", default=None)
    plan: Plan = vi("Kế hoạch")
    period: Period = vi("Giai đoạn")
    terms: Terms = vi("Cách gọi")
    sections: Sections = vi("Các mục được dẫn chiếu", default=Sections())
    workflow: Workflow = vi("Quy trình", default=Workflow())
    selection: Selection | None = vi("Lựa chọn", "Cần khi workflow.selection là true.", default=None)
    recognition: Recognition = vi("Công nhận")
    monthly: MonthlyRule | None = vi(
        "Tự đánh giá hằng tháng",
        "Có mục này: chi bộ ghi phiếu tự đánh giá hằng tháng (results[].monthly) và kết quả năm của mỗi tiêu "
        "chí được tổng hợp theo quy tắc này.",
        default=None,
    )
    targets: tuple[Target, ...] = vi("Chỉ tiêu", default=())
    milestones: tuple[Milestone, ...] = vi("Mốc thời gian", default=())
    responsibilities: tuple[Responsibility, ...] = vi("Phân công thực hiện", default=())
    documents: tuple[Literal[DOCUMENT_KINDS], ...] = vi(  # type: ignore[valid-type]
        "Văn bản của chương trình",
        f"Các loại văn bản chương trình yêu cầu, được soạn sẵn: {', '.join(DOCUMENT_KINDS)}.",
        default=DOCUMENT_KINDS,
    )
