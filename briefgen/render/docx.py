"""The plan as a Word document (python-docx), in the same order as the PDF.

Word-native throughout, so the file stays editable: built-in styles (Title, Heading 1–2,
List Bullet, Quote, Caption, a table style), the marking in header and footer, PAGE/NUMPAGES
fields, a TOC field whose result is already filled with the headings (readable before Word
updates fields), captions numbered with SEQ fields, citations as internal links to the quoted
evidence, clickable source URLs, and core properties. The zip is rewritten with fixed
timestamps so the same input gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import struct
import zipfile
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor
from docx.styles import BabelFish
from docx.styles.style import StyleFactory

from ..audience import Audience
from ..charts import Chart
from ..errors import InputError
from ..plan import FOOTER_TITLE_CHARS, Item, Plan, Section, Table, shorten

# Styles a reference.docx should define (missing ones are added with plain defaults).
PARAGRAPH_STYLES = ("Title", "Subtitle", "Heading 1", "Heading 2", "List Bullet", "List Bullet 2",
                    "Quote", "Caption", "TOC Heading", "TOC 1", "TOC 2", "Header", "Footer")
CHARACTER_STYLES = ("Hyperlink",)
PAGE_SIZES_CM = {"a4": (21.0, 29.7), "a5": (14.8, 21.0), "a3": (29.7, 42.0),
                 "letter": (21.59, 27.94), "legal": (21.59, 35.56)}
STANCE_RGB = {"condemn": "D55E00", "deny": "CC79A7", "concern": "E69F00", "support": "009E73",
              "call_for_action": "0072B2", "neutral": "7F7F7F", "other": "56B4E9"}


def render_docx(plan: Plan, audience: Audience, charts: dict[str, Chart], created: dt.datetime) -> bytes:
    reference = audience.find("reference.docx")
    doc = _open_reference(reference) if reference else Document()
    if reference:
        _clear_body(doc)
    writer = _Writer(doc, plan, audience, charts, styled=reference is None)
    writer.write()
    _core_properties(doc, plan, created)
    _drop_template_leftovers(doc)
    buf = io.BytesIO()
    doc.save(buf)
    return _normalise_zip(buf.getvalue(), created)


def _open_reference(path: Path):
    """An audience's reference.docx; one that is not a Word document is the audience's error."""
    from docx.opc.exceptions import PackageNotFoundError

    try:
        # ValueError: a zip, but no Word document inside (a .dotx template, an .xlsx, …).
        return Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise InputError(f"{path}: not a usable Word document ({exc.__class__.__name__}); "
                         "save a .docx from Word or LibreOffice as the reference") from None


class _Writer:
    def __init__(self, doc: Any, plan: Plan, audience: Audience, charts: dict[str, Chart], styled: bool):
        self.doc = doc
        self.plan = plan
        self.audience = audience
        self.charts = charts
        self.accent = RGBColor.from_string(str(audience.config.get("accent", "#1F4E79")).lstrip("#").upper()
                                           .ljust(6, "0")[:6])
        self.styled = styled
        self.bookmark_id = 0
        self.text_width = Cm(17.0)
        self.style_ids: dict[str, str] = {}

    def para(self, text: str | None = None, style: str | None = None) -> Any:
        """`doc.add_paragraph` with the style set by id: python-docx looks a style name up by
        scanning every style of the document (twice) on each call, which was half the time
        of the whole DOCX."""
        p = self.doc.add_paragraph(text)
        if style:
            p._p.style = self.style_id(style)
        return p

    def style_id(self, name: str) -> str:
        if name not in self.style_ids:
            self.style_ids[name] = self.doc.styles[name].style_id  # KeyError names the style
        return self.style_ids[name]

    # ----------------------------------------------------------------- document frame
    def write(self) -> None:
        self._setup_page()
        self._ensure_styles()
        self._header_footer()
        self._title_block()
        for section in self.plan.sections:
            getattr(self, f"_section_{section.id}")(section)

    def _setup_page(self) -> None:
        width, height = PAGE_SIZES_CM.get(str(self.audience.config.get("page_size", "A4")).split()[0].lower(),
                                          PAGE_SIZES_CM["a4"])
        sec = self.doc.sections[0]
        sec.page_width, sec.page_height = Cm(width), Cm(height)
        sec.left_margin = sec.right_margin = Cm(2.0)
        sec.top_margin, sec.bottom_margin = Cm(2.2), Cm(2.0)
        sec.header_distance = sec.footer_distance = Cm(1.0)
        self.text_width = sec.page_width - sec.left_margin - sec.right_margin

    def _ensure_styles(self) -> None:
        styles = self.doc.styles
        # Names, ids and elements read from the XML in one pass: python-docx's `styles[name]`
        # and `add_style` look a name up by scanning every style (~0.01 s per document for a
        # template's ~160 styles, most of `_ensure_styles`).
        found: dict[str, Any] = {}
        for element in styles.element.iterchildren(qn("w:style")):
            name = element.find(qn("w:name"))
            if name is not None and element.get(qn("w:styleId")):
                found.setdefault(BabelFish.internal2ui(name.get(qn("w:val"))), element)

        def style(name: str):
            return StyleFactory(found[name])

        for name in PARAGRAPH_STYLES:
            if name not in found:
                found[name] = styles.element.add_style_of_type(BabelFish.ui2internal(name),
                                                               WD_STYLE_TYPE.PARAGRAPH, False)
                added = style(name)
                added.base_style = style("Normal")
                if name.startswith("TOC "):
                    added.paragraph_format.left_indent = Cm(0.6 * (int(name[-1]) - 1))
                    added.paragraph_format.space_after = Pt(2)
        for name in CHARACTER_STYLES:
            if name not in found:
                found[name] = styles.element.add_style_of_type(BabelFish.ui2internal(name),
                                                               WD_STYLE_TYPE.CHARACTER, False)
                added = style(name)
                added.font.color.rgb = RGBColor(0x05, 0x63, 0xC1)
                added.font.underline = True
        self.style_ids = {name: element.get(qn("w:styleId")) for name, element in found.items()}
        if not self.styled:
            return  # a reference.docx decides the look
        normal = style("Normal")
        normal.font.name = "Calibri"
        normal.font.size = Pt(10.5)
        normal.paragraph_format.space_after = Pt(5)
        for name, size in (("Title", 22), ("Subtitle", 11), ("Heading 1", 14), ("Heading 2", 11.5),
                           ("TOC Heading", 11)):
            heading = style(name)
            heading.font.name = "Calibri"
            heading.font.size = Pt(size)
            heading.font.color.rgb = self.accent if name != "Subtitle" else RGBColor(0x44, 0x44, 0x44)
            heading.font.italic = False
        style("Heading 2").font.color.rgb = RGBColor(0x22, 0x22, 0x22)
        caption = style("Caption")
        caption.font.color.rgb = RGBColor(0x44, 0x44, 0x44)
        caption.font.size = Pt(8.5)
        caption.font.bold = True
        style("Quote").font.color.rgb = RGBColor(0x33, 0x33, 0x33)

    def _header_footer(self) -> None:
        sec = self.doc.sections[0]
        header = sec.header.paragraphs[0]
        header.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if self.plan.marking:
            run = header.add_run(self.plan.marking)
            run.bold = True
            run.font.size = Pt(8.5)
        elif self.plan.organisation:
            header.add_run(self.plan.organisation).font.size = Pt(8)
        footer = sec.footer.paragraphs[0]
        tabs = footer.paragraph_format.tab_stops
        tabs.add_tab_stop(int(self.text_width / 2), WD_TAB_ALIGNMENT.CENTER)
        tabs.add_tab_stop(int(self.text_width), WD_TAB_ALIGNMENT.RIGHT)
        footer.add_run(shorten(self.plan.title, FOOTER_TITLE_CHARS)).font.size = Pt(7.5)
        footer.add_run("\t")
        if self.plan.marking:
            run = footer.add_run(self.plan.marking)
            run.bold = True
            run.font.size = Pt(8.5)
        footer.add_run("\tPage ").font.size = Pt(7.5)
        _field(footer, "PAGE", "1", size=7.5)
        footer.add_run(" of ").font.size = Pt(7.5)
        _field(footer, "NUMPAGES", "1", size=7.5)

    def _title_block(self) -> None:
        logo = _raster_logo(self.audience)
        if logo is not None:
            p = self.doc.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            p.paragraph_format.space_after = Pt(0)
            try:
                p.add_run().add_picture(str(logo), height=Mm(14))
            except Exception as exc:  # python-docx raises its own types for unreadable images
                raise InputError(f"{logo}: cannot use as a logo in Word ({exc.__class__.__name__})") from None
        if self.plan.organisation:
            p = self.doc.add_paragraph()
            run = p.add_run(self.plan.organisation.upper())
            run.font.size = Pt(8)
            run.font.color.rgb = RGBColor(0x55, 0x55, 0x55)
        self.para(self.plan.title, "Title")
        if self.plan.subtitle:
            self.para(self.plan.subtitle, "Subtitle")
        if self.plan.author:
            p = self.doc.add_paragraph(f"Prepared by {self.plan.author}")
            p.runs[0].font.size = Pt(8.5)

    # ----------------------------------------------------------------- building blocks
    def heading(self, text: str, anchor: str, level: int = 1) -> None:
        if not text:
            return
        p = self.para(text, f"Heading {level}")
        self._bookmark(p, _bookmark_name(anchor))

    def _bookmark(self, paragraph: Any, name: str) -> None:
        self.bookmark_id += 1
        start = OxmlElement("w:bookmarkStart")
        start.set(qn("w:id"), str(self.bookmark_id))
        start.set(qn("w:name"), name)
        end = OxmlElement("w:bookmarkEnd")
        end.set(qn("w:id"), str(self.bookmark_id))
        paragraph._p.insert(1 if paragraph._p.pPr is not None else 0, start)
        paragraph._p.append(end)

    def cites(self, paragraph: Any, item: Item) -> None:
        for c in item.citations:
            run = _internal_link(paragraph, f"[{c.label}]", _bookmark_name(c.anchor),
                                 self.style_id("Hyperlink"))
            run.font.size = Pt(7)
            run.font.superscript = True

    def table(self, t: Table) -> None:
        caption = self.para(style="Caption")
        caption.paragraph_format.keep_with_next = True
        caption.add_run("Table ")
        _field(caption, r"SEQ Table \* ARABIC", str(t.number))
        caption.add_run(f": {t.caption}")
        table = self.doc.add_table(rows=1, cols=len(t.headers))
        style = str(self.audience.config.get("docx_table_style") or "Table Grid")
        table.style = style if style in self.style_ids else "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        for cell, text, numeric in zip(table.rows[0].cells, t.headers, t.numeric, strict=True):
            cell.text = text
            cell.paragraphs[0].runs[0].bold = True
            if numeric:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _repeat_header(table.rows[0])
        for row in t.rows:
            cells = table.add_row().cells
            for cell, text, numeric in zip(cells, row, t.numeric, strict=True):
                cell.text = text
                if numeric:
                    cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
        # Widths from the content (python-docx splits the page evenly: a "When" column as wide
        # as "What happened", the reporter's name wrapped over three lines beside short numbers).
        table.autofit = False
        widths = column_widths([t.headers, *t.rows], int(self.text_width))
        for column, width in zip(table.columns, widths, strict=True):
            column.width = width
            for cell in column.cells:
                cell.width = width
        self.doc.add_paragraph().paragraph_format.space_after = Pt(2)

    def figure(self, section: Section) -> None:
        fig = section.figure
        if fig is None or fig.chart not in self.charts:
            return
        chart = self.charts[fig.chart]
        p = self.doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.keep_with_next = True
        width = min(self.text_width, Cm(16.5))
        p.add_run().add_picture(io.BytesIO(chart.png), width=width)
        caption = self.para(style="Caption")
        caption.add_run("Figure ")
        _field(caption, r"SEQ Figure \* ARABIC", str(fig.number))
        caption.add_run(f": {fig.caption}")

    def bullet(self, item: Item, lead: str = "", style: str = "List Bullet") -> Any:
        p = self.para(style=style)
        if lead:
            p.add_run(lead).bold = True
        p.add_run(item.text)
        self.cites(p, item)
        return p

    # ----------------------------------------------------------------- sections
    def _section_toc(self, section: Section) -> None:
        self.para(section.label, "TOC Heading")
        entries = section.items or [Item("(no headings)", fields={"level": 1, "anchor": ""})]
        paragraphs = []
        for item in entries:
            p = self.para(style=f"TOC {item.fields['level']}")
            paragraphs.append((p, item))
        # One complex field spanning the entry paragraphs: begin + instruction in the first,
        # the pre-filled result (linked headings) in between, end in the last. Word shows the
        # entries as they are and replaces them (adding page numbers) on "Update field".
        first = paragraphs[0][0]
        _fld_char(first, "begin")
        _instr(first, r' TOC \o "1-2" \h \z \u ')
        _fld_char(first, "separate")
        for p, item in paragraphs:
            if item.fields.get("anchor"):
                _internal_link(p, item.text, _bookmark_name(item.fields["anchor"]), None)
            else:
                p.add_run(item.text)
        _fld_char(paragraphs[-1][0], "end")

    def _section_bluf(self, section: Section) -> None:
        self.heading(section.label, section.anchor)
        for item in section.items:
            p = self.doc.add_paragraph()
            _shade(p, _tint_hex(str(self.audience.config.get("accent", "#1F4E79"))), str(self.accent))
            run = p.add_run(item.text)
            run.font.size = Pt(11)
            self.cites(p, item)

    def _section_lead(self, section: Section) -> None:
        self.heading(section.label, section.anchor)
        for item in section.items:
            p = self.doc.add_paragraph()
            if item.fields.get("dateline"):
                p.add_run(f"{item.fields['dateline']} — ").bold = True
            run = p.add_run(item.text)
            run.font.size = Pt(12)
            self.cites(p, item)

    def _section_situation(self, section: Section) -> None:
        self.heading(section.label, section.anchor)
        for item in section.items:
            p = self.doc.add_paragraph()
            p.add_run(f"{item.fields['term']}: ").bold = True
            p.add_run(str(item.fields["value"]))
            self.cites(p, item)

    def _section_key_facts(self, section: Section) -> None:
        self.heading(section.label, section.anchor)
        for item in section.items:
            self.bullet(item)

    def _section_key_figures(self, section: Section) -> None:
        self.heading(section.label, section.anchor)
        if section.table:
            self.table(section.table)
            return
        for item in section.items:
            p = self.para(style="List Bullet")
            run = p.add_run(f"{item.fields['value']} ")
            run.bold = True
            run.font.color.rgb = self.accent
            p.add_run(str(item.fields["label"]))
            self.cites(p, item)

    def _section_timeline(self, section: Section) -> None:
        self.heading(section.label, section.anchor)
        if section.table:
            self.table(section.table)
        else:
            for item in section.items:
                self.bullet(item, lead=f"{item.fields['when']}: ")
        self.figure(section)

    def _section_strikes(self, section: Section) -> None:
        self.heading(section.label, section.anchor)
        if section.table:
            self.table(section.table)
        for item in section.items:
            if item.text or item.citations:
                p = self.doc.add_paragraph()
                p.add_run(item.text).font.size = Pt(8.5)
                self.cites(p, item)
        self.figure(section)

    def _section_reactions(self, section: Section) -> None:
        self.heading(section.label, section.anchor)
        if section.options.get("style") == "lines":
            for item in section.items:
                p = self.para(style="List Bullet")
                p.add_run(f"{item.fields['party']} ").bold = True
                self._stance(p, item)
                p.add_run(item.text)
                self.cites(p, item)
        else:
            for group in section.groups:
                self.heading(group.label, group.anchor, level=2)
                for item in group.items:
                    p = self.doc.add_paragraph()
                    p.paragraph_format.space_after = Pt(2)
                    self._stance(p, item)
                    if item.fields.get("who"):
                        p.add_run(str(item.fields["who"])).italic = True
                    cited = None
                    if item.fields.get("quote"):
                        cited = self.para(f"“{item.fields['quote']}”", "Quote")
                    if item.text or cited is None:
                        cited = self.doc.add_paragraph(item.text)
                    self.cites(cited, item)
        if section.note:
            self.doc.add_paragraph(section.note)
        self.figure(section)

    def _stance(self, p: Any, item: Item) -> None:
        run = p.add_run(f"{str(item.fields['stance']).upper()}  ")
        run.bold = True
        run.font.size = Pt(8)
        run.font.color.rgb = RGBColor.from_string(STANCE_RGB.get(str(item.fields.get("stance_id")), "7F7F7F"))

    def _section_quotes(self, section: Section) -> None:
        self.heading(section.label, section.anchor)
        for item in section.items:
            p = self.para(f"“{item.text}”", "Quote")
            self.cites(p, item)
            attribution = self.doc.add_paragraph(f"— {item.fields['who']}")
            attribution.paragraph_format.left_indent = Cm(1)
            attribution.runs[0].font.size = Pt(9)

    def _section_sources(self, section: Section) -> None:
        self.heading(section.label, section.anchor)
        compact = section.options.get("style") == "compact"
        para = self.doc.add_paragraph() if compact else None
        for n, source in enumerate(self.plan.sources):
            p = para if para is not None else self.doc.add_paragraph()
            if compact and n:
                p.add_run("; ")
            self._bookmark(p, _bookmark_name(f"src-{source.id}"))
            p.add_run(f"[{source.id}] ").bold = True
            if source.publisher:
                p.add_run(f"{source.publisher}, ")
            p.add_run(source.title).italic = True
            if source.date:
                p.add_run(f", {source.date}")
            if compact:
                for run in p.runs:
                    run.font.size = Pt(8)
                continue
            p.add_run(". ")
            if source.url:
                _external_link(p, source.url, source.url, self.style_id("Hyperlink"))
            for anchor, ev in source.evidence:
                q = self.para(style="List Bullet 2")
                self._bookmark(q, _bookmark_name(anchor))
                q.add_run(f"{ev.sentence} ")
                run = q.add_run(f"(characters {ev.start}–{ev.end})")
                run.font.size = Pt(7.5)
                run.font.color.rgb = RGBColor(0x77, 0x77, 0x77)


# --------------------------------------------------------------------- OOXML helpers

RASTER_LOGOS = (".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff")


def _raster_logo(audience: Audience) -> Path | None:
    """The audience's logo as a picture Word can place. Word takes no SVG from python-docx, so an
    SVG logo is paired with a raster file of the same name beside it (crest.svg → crest.png);
    without one the Word file has no logo (the PDF still has it)."""
    name = str(audience.config.get("logo") or "")
    if not name:
        return None
    path = audience.find(name)
    if path is None:
        raise InputError(f"{audience.folder / 'audience.toml'}: logo {name!r} not found in its folders")
    if path.suffix.lower() in RASTER_LOGOS:
        return path
    for suffix in RASTER_LOGOS[:3]:
        sibling = path.with_suffix(suffix)
        if sibling.is_file():
            return sibling
    return None


def _bookmark_name(anchor: str) -> str:
    # Word bookmark names: letters, digits, underscore; max 40; a leading "_" hides them.
    return ("_Ref_" + re.sub(r"[^A-Za-z0-9_]", "_", anchor))[:40]


def _fld_char(paragraph: Any, kind: str) -> None:
    run = paragraph.add_run()
    el = OxmlElement("w:fldChar")
    el.set(qn("w:fldCharType"), kind)
    run._r.append(el)


def _instr(paragraph: Any, text: str) -> None:
    run = paragraph.add_run()
    el = OxmlElement("w:instrText")
    el.set(qn("xml:space"), "preserve")
    el.text = text
    run._r.append(el)


def _field(paragraph: Any, instruction: str, cached: str, size: float | None = None) -> None:
    """A complex field with a cached result, so it reads right before Word updates it."""
    _fld_char(paragraph, "begin")
    _instr(paragraph, f" {instruction} ")
    _fld_char(paragraph, "separate")
    run = paragraph.add_run(cached)
    if size:
        run.font.size = Pt(size)
    _fld_char(paragraph, "end")


def _internal_link(paragraph: Any, text: str, bookmark: str, style_id: str | None) -> Any:
    link = OxmlElement("w:hyperlink")
    link.set(qn("w:anchor"), bookmark)
    link.set(qn("w:history"), "1")
    return _link_run(paragraph, link, text, style_id)


def _external_link(paragraph: Any, text: str, url: str, style_id: str | None) -> Any:
    r_id = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), r_id)
    link.set(qn("w:history"), "1")
    return _link_run(paragraph, link, text, style_id)


def _link_run(paragraph: Any, link: Any, text: str, style_id: str | None) -> Any:
    from docx.text.run import Run

    r = OxmlElement("w:r")
    link.append(r)
    paragraph._p.append(link)
    run = Run(r, paragraph)
    run.text = text
    if style_id:
        r.style = style_id
    return run


def column_widths(rows: list[list[str]], total: int, char_width: int = int(Pt(6.5))) -> list[int]:
    """Widths (EMU) summing to `total`, shared out as a browser's automatic table layout does:
    when every column's longest cell fits, in proportion to those; when not even the longest
    words fit, in proportion to them; otherwise each column gets its longest word and the rest
    of the line goes where more is needed. Lengths in characters of `char_width` (wide enough
    for 10.5 pt bold headers in the wider fonts that stand in for Calibri, e.g. LibreOffice's
    DejaVu Sans), plus three for the cell's margins."""
    columns = list(zip(*rows, strict=True))
    least = [max((len(word) for cell in col for word in cell.split()), default=1) + 3 for col in columns]
    most = [max(max(len(cell) for cell in col) + 3, low) for col, low in zip(columns, least, strict=True)]
    line = total / char_width
    if sum(most) <= line:
        shares = [float(m) for m in most]
    elif sum(least) >= line:
        shares = [float(low) for low in least]
    else:
        spare = (line - sum(least)) / (sum(most) - sum(least))
        shares = [low + spare * (m - low) for low, m in zip(least, most, strict=True)]
    widths = [int(total * share / sum(shares)) for share in shares]
    widths[-1] += total - sum(widths)
    return widths


def _repeat_header(row: Any) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def _tint_hex(colour: str, amount: float = 0.9) -> str:
    value = colour.lstrip("#")
    if len(value) != 6:
        return "EEF2F7"
    rgb = [int(value[i:i + 2], 16) for i in (0, 2, 4)]
    return "".join(f"{round(c + (255 - c) * amount):02X}" for c in rgb)


def _shade(paragraph: Any, fill: str, border: str) -> None:
    p_pr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    left = OxmlElement("w:left")
    for key, value in (("w:val", "single"), ("w:sz", "24"), ("w:space", "6"), ("w:color", border)):
        left.set(qn(key), value)
    borders.append(left)
    p_pr.append(borders)
    shd = OxmlElement("w:shd")
    for key, value in (("w:val", "clear"), ("w:color", "auto"), ("w:fill", fill)):
        shd.set(qn(key), value)
    p_pr.append(shd)


def _clear_body(doc: Any) -> None:
    """A reference.docx gives styles, page setup, header art; its sample text is dropped."""
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


def _core_properties(doc: Any, plan: Plan, created: dt.datetime) -> None:
    # Word limits core property strings to 255 characters (python-docx enforces it).
    props = doc.core_properties
    props.title = shorten(plan.title, 255)
    props.subject = shorten(f"{plan.audience_label}: {plan.title}", 255)
    props.author = shorten(plan.author or plan.organisation or "briefgen", 255)
    props.last_modified_by = props.author
    props.keywords = shorten(", ".join(plan.keywords), 255)
    props.category = shorten(plan.marking, 255)
    props.comments = "Generated by briefgen; every fact cites the source sentence it came from."
    props.created = props.modified = props.last_printed = created.replace(tzinfo=None)
    props.revision = 1


# Word 2010's copy of the styles with text effects: optional (Word rebuilds it), and at 430 KB
# the largest part of python-docx's template, compressed on every save for nothing.
_STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"


def _drop_template_leftovers(doc: Any) -> None:
    """python-docx's default template carries a preview picture of an unrelated document
    (Explorer and Outlook would show it as this brief's thumbnail), and a styles copy that
    only Word 2010 reads."""
    for rels, reltype in ((doc.part.package.rels, RT.THUMBNAIL),
                          (doc.part.rels, _STYLES_WITH_EFFECTS)):
        for key, rel in list(rels.items()):
            if rel.reltype == reltype:
                del rels[key]


def _normalise_zip(data: bytes, created: dt.datetime) -> bytes:
    """Fixed timestamps and permissions: python-docx stamps each entry with the time of saving
    (and owner-only permissions), and the same input must give the same bytes.

    Only those header fields are rewritten, in place: the entries, their order and their
    compressed data stay as python-docx wrote them (re-zipping the archive to change its
    dates inflated and deflated every part again: 15 % of the DOCX's time)."""
    stamp = max(created, dt.datetime(1980, 1, 1, tzinfo=created.tzinfo))
    dos_time = struct.pack("<HH", stamp.hour << 11 | stamp.minute << 5 | stamp.second // 2,
                           (stamp.year - 1980) << 9 | stamp.month << 5 | stamp.day)
    permissions = struct.pack("<I", 0o644 << 16)
    out = bytearray(data)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        entries = archive.infolist()
        directory = archive.start_dir
    for entry in entries:  # local file headers: signature, versions, flags, method, time, date
        at = entry.header_offset
        if out[at:at + 4] != b"PK\x03\x04":
            raise ValueError("unexpected zip layout from python-docx")
        out[at + 10:at + 14] = dos_time
    at = directory
    for _ in entries:  # central directory: the same two fields, and the external attributes
        if out[at:at + 4] != b"PK\x01\x02":
            raise ValueError("unexpected zip layout from python-docx")
        out[at + 12:at + 16] = dos_time
        out[at + 38:at + 42] = permissions
        name, extra, comment = struct.unpack("<HHH", out[at + 28:at + 34])
        at += 46 + name + extra + comment
    return bytes(out)


__all__ = ["render_docx", "PARAGRAPH_STYLES", "CHARACTER_STYLES"]
