"""The invoice copy drawn with ReportLab: A4, real text (searchable, readable by assistive
tools), Helvetica (its WinAnsi encoding covers French, German and Italian accents), document
title and language in the PDF's metadata, "Page n of m" on every page."""

from io import BytesIO
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from documents.domain.invoice_copies import CopyDocument, Section

MARGIN = 18 * mm
WIDTH = A4[0] - 2 * MARGIN
GREY = colors.HexColor("#5f6b76")
RULE = colors.HexColor("#c9d1d9")
SHADE = colors.HexColor("#eef2f5")

_base = getSampleStyleSheet()
BODY = ParagraphStyle("body", parent=_base["Normal"], fontName="Helvetica", fontSize=9, leading=12)
SMALL = ParagraphStyle("small", parent=BODY, fontSize=8, leading=10, textColor=GREY)
BOLD = ParagraphStyle("bold", parent=BODY, fontName="Helvetica-Bold")
RIGHT = ParagraphStyle("right", parent=BODY, alignment=TA_RIGHT)
RIGHT_BOLD = ParagraphStyle("right_bold", parent=BOLD, alignment=TA_RIGHT)
OFFICE = ParagraphStyle("office", parent=BODY, fontName="Helvetica-Bold", fontSize=11, leading=14)
TITLE = ParagraphStyle(
    "title", parent=BODY, fontName="Helvetica-Bold", fontSize=15, leading=19, spaceBefore=8
)
HEADING = ParagraphStyle(
    "heading", parent=BOLD, fontSize=10, leading=13, spaceBefore=8, spaceAfter=3
)


def _text(value: str, style: ParagraphStyle = BODY) -> Paragraph:
    """User text as a paragraph: markup characters escaped, line breaks kept."""
    return Paragraph(escape(value).replace("\n", "<br/>"), style)


def _pairs(rows: tuple[tuple[str, str], ...], label_width: float = 45 * mm) -> Table:
    table = Table(
        [[_text(label, SMALL), _text(value)] for label, value in rows],
        colWidths=[label_width, WIDTH - label_width],
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
            ]
        )
    )
    return table


def _section(section: Section) -> Flowable:
    heading = _text(section.heading, HEADING)
    if all(not label for label, _ in section.rows):
        body: list[Flowable] = [_text(value) for _, value in section.rows]
    else:
        body = [_pairs(section.rows)]
    return KeepTogether([heading, *body])


def _lines(document: CopyDocument) -> Table:
    widths = [52 * mm, WIDTH - 52 * mm - 20 * mm - 26 * mm - 26 * mm, 20 * mm, 26 * mm, 26 * mm]
    head = [
        _text(text, RIGHT_BOLD if index >= 2 else BOLD)
        for index, text in enumerate(document.line_headings)
    ]
    rows = [
        [_text(label), _text(details), _text(qty, RIGHT), _text(price, RIGHT), _text(amount, RIGHT)]
        for label, details, qty, price, amount in document.lines
    ]
    total = [_text(document.total_label, BOLD), "", "", "", _text(document.total, RIGHT_BOLD)]
    table = Table([head, *rows, total], colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                ("LINEBELOW", (0, 0), (-1, 0), 0.6, GREY),
                ("LINEBELOW", (0, 1), (-1, -2), 0.3, RULE),
                ("LINEABOVE", (0, -1), (-1, -1), 0.8, colors.black),
                ("SPAN", (0, -1), (3, -1)),
            ]
        )
    )
    return table


def _status(document: CopyDocument) -> list[Flowable]:
    if not document.message:
        return []
    box = Table(
        [[_text(document.message_label, BOLD)], [_text(document.message)]],
        colWidths=[WIDTH],
    )
    box.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 0.8, GREY),
                ("BACKGROUND", (0, 0), (-1, -1), SHADE),
                ("LEFTPADDING", (0, 0), (-1, -1), 6),
                ("RIGHTPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    return [Spacer(1, 4 * mm), box]


def _numbered_canvas(document: CopyDocument) -> type[Canvas]:
    """A canvas that writes "Page n of m" once the number of pages is known."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 - ReportLab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self.setFont("Helvetica", 8)
                self.setFillColor(GREY)
                self.drawString(MARGIN, 10 * mm, document.title)
                label = document.page_label.format(page=self._pageNumber, pages=total)
                self.drawRightString(A4[0] - MARGIN, 10 * mm, label)
                super().showPage()
            super().save()

    return NumberedCanvas


class ReportLabRenderer:
    def render(self, document: CopyDocument) -> bytes:
        buffer = BytesIO()
        template = SimpleDocTemplate(
            buffer,
            pagesize=A4,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN,
            bottomMargin=18 * mm,
            title=document.title,
            author=document.author,
            subject=document.title,
            creator="Guichet",
            lang=document.language,
        )
        story: list[Flowable] = [
            _text(document.office_name, OFFICE),
            *(_text(line, SMALL) for line in document.office_address),
            _text(document.title, TITLE),
            Spacer(1, 2 * mm),
            _pairs(document.summary),
            *_status(document),
            *(_section(section) for section in document.sections),
            Spacer(1, 4 * mm),
            _lines(document),
            *(_section(section) for section in document.closing),
        ]
        template.build(story, canvasmaker=_numbered_canvas(document))
        return buffer.getvalue()
