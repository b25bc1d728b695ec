"""Read a plan document into canonical text lines: the lines that `source.line` and `quote` cite.

Plain text is taken as it is (PDF extraction leftovers and all), so that line numbers match the file a
drafter opens. A .pdf (pdfplumber), .docx (python-docx) or .html (html.parser) is turned into lines the
same way every time: one line per text line or paragraph, one line per table row with its cells joined
by " | ". Those lines are written beside the draft as `<name>.txt`, and the draft cites that file.
"""

from __future__ import annotations

import html.parser
from dataclasses import dataclass
from pathlib import Path

from ..problems import InputError, Problem

MAX_TEXT_BYTES = 16 * 1024 * 1024  # a plan outline is a few hundred kB; 16 MB is a hundred such plans
MAX_BINARY_BYTES = 64 * 1024 * 1024
MAX_PDF_PAGES = 2000
CELL_SEPARATOR = " | "
TEXT_SUFFIXES = (".txt", ".text", ".md")


@dataclass(frozen=True)
class Document:
    path: Path
    name: str  # the file name a plan cites (the .txt beside a converted document)
    lines: list[str]
    converted: bool  # the lines were made from a .pdf/.docx/.html, not read from a text file


def _fail(path: Path, message: str) -> InputError:
    return InputError([Problem(str(path), 0, 0, message)])


def read_document(path: Path) -> Document:
    """The canonical lines of a document; InputError (never a traceback) for anything unreadable."""
    if not path.is_file():
        raise _fail(path, "no such file")
    suffix = path.suffix.lower()
    size = path.stat().st_size
    limit = MAX_TEXT_BYTES if suffix not in (".pdf", ".docx") else MAX_BINARY_BYTES
    if size > limit:
        raise _fail(path, f"file is {size / 1048576:.0f} MB; plancheck reads plan documents of up to "
                          f"{limit // 1048576} MB (split the document or extract the part with the plan)")
    if size == 0:
        raise _fail(path, "file is empty")
    if suffix == ".pdf":
        lines = _pdf_lines(path)
    elif suffix == ".docx":
        lines = _docx_lines(path)
    elif suffix in (".html", ".htm"):
        lines = _html_lines(_decode(path))
    else:
        return Document(path, path.name, _decode(path).splitlines(), converted=False)
    if not any(line.strip() for line in lines):
        raise _fail(path, "no text found (a scanned document without a text layer? run OCR first)")
    return Document(path, path.stem + ".txt", lines, converted=True)


def canonical_text(lines: list[str]) -> str:
    return "".join(line + "\n" for line in lines)


def _decode(path: Path) -> str:
    data = path.read_bytes()
    if b"\x00" in data[:65536]:
        raise _fail(path, "binary file, not text (convert it to .txt, or give the .pdf/.docx itself)")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise _fail(path, "text is neither UTF-8 nor GB18030")


def _pdf_lines(path: Path) -> list[str]:
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    try:
        with pdfplumber.open(path) as pdf:
            if len(pdf.pages) > MAX_PDF_PAGES:
                raise _fail(path, f"{len(pdf.pages)} pages; plancheck reads up to {MAX_PDF_PAGES}")
            lines: list[str] = []
            for page in pdf.pages:
                lines += _pdf_page_lines(page)
            return lines
    except InputError:
        raise
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise _fail(path, "encrypted PDF: remove the password first") from None
    except Exception as exc:  # pdfminer raises many kinds for a damaged file; pdfplumber wraps them
        inner = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc
        if isinstance(inner, (PDFPasswordIncorrect, PDFEncryptionError)) or "password" in repr(inner).lower():
            raise _fail(path, "encrypted PDF: remove the password first") from None
        raise _fail(path, f"damaged or unreadable PDF ({type(exc).__name__})") from None


def _pdf_page_lines(page) -> list[str]:
    """A page's text lines and table rows, top to bottom; table cells are not repeated as text."""
    tables = page.find_tables()
    boxes = [t.bbox for t in tables]

    def outside(obj) -> bool:
        x = (obj["x0"] + obj["x1"]) / 2
        y = (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)

    items: list[tuple[float, str]] = []
    text_page = page.filter(outside) if boxes else page
    for line in text_page.extract_text_lines():
        items.append((line["top"], line["text"]))
    for table in tables:
        for index, row in enumerate(table.extract()):
            cells = [" ".join((cell or "").split()) for cell in row]
            items.append((table.bbox[1] + index * 1e-3, CELL_SEPARATOR.join(c for c in cells if c)))
    return [text for _, text in sorted(items, key=lambda item: item[0])]


def _docx_lines(path: Path) -> list[str]:
    import zipfile
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise _fail(path, f"damaged or unreadable .docx ({type(exc).__name__})") from None
    except Exception as exc:  # python-docx's PackageNotFoundError and friends
        raise _fail(path, f"damaged or unreadable .docx ({type(exc).__name__})") from None
    lines: list[str] = []
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(child, document).text)
        elif tag == "tbl":
            for row in Table(child, document).rows:
                cells: list[str] = []
                for cell in row.cells:  # a merged cell is returned once per grid column
                    text = " ".join(cell.text.split())
                    if text and (not cells or cells[-1] != text):
                        cells.append(text)
                lines.append(CELL_SEPARATOR.join(cells))
    return lines


BLOCK_TAGS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section", "article",
              "header", "footer", "ul", "ol", "title", "caption", "blockquote", "pre"}
CELL_TAGS = {"td", "th"}
SKIP_TAGS = {"script", "style", "noscript", "template", "head"}


class _TextCollector(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.current: list[str] = []
        self.skipping = 0
        self.cell_open = False

    def _flush(self) -> None:
        text = " ".join("".join(self.current).split())
        self.lines.append(text)
        self.current = []

    def handle_starttag(self, tag, attrs):
        if tag in SKIP_TAGS:
            self.skipping += 1
        elif tag in CELL_TAGS:
            if "".join(self.current).strip():
                self.current.append(CELL_SEPARATOR)
        elif tag in BLOCK_TAGS:
            self._flush()

    def handle_endtag(self, tag):
        if tag in SKIP_TAGS:
            self.skipping = max(0, self.skipping - 1)
        elif tag in BLOCK_TAGS:
            self._flush()

    def handle_data(self, data):
        if not self.skipping:
            self.current.append(data)


def _html_lines(text: str) -> list[str]:
    collector = _TextCollector()
    collector.feed(text)
    collector.close()
    collector._flush()
    lines: list[str] = []
    for line in collector.lines:  # runs of empty lines from nested blocks: keep one
        if line or (lines and lines[-1]):
            lines.append(line.strip(" |"))
    return lines
