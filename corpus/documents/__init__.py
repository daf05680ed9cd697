"""Report files in any format read into one document model (see `model.py`); one reader per format."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from io import BytesIO
from pathlib import Path

from corpus.documents.furniture import mark_repeated_lines
from corpus.documents.model import HEADING, LIST_ITEM, PARAGRAPH, TABLE, Block, Document
from corpus.documents.strips import joined_strips
from corpus.model import ReportFormatError

__all__ = ["Block", "Document", "HEADING", "LIST_ITEM", "PARAGRAPH", "TABLE", "read_document", "read_bytes",
           "MAX_BYTES", "SUFFIXES"]

MAX_BYTES = 20 * 1024 * 1024
SUFFIXES = (".txt", ".csv", ".md", ".markdown", ".html", ".htm", ".pdf", ".docx", ".xlsx")
TEXT_FORMATS = ("text", "markdown", "html")


def sniff_format(data: bytes, name: str) -> str:
    """The format of a file from its bytes (the name's suffix only chooses among the text formats)."""
    if data.startswith(b"%PDF"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        try:
            names = set(zipfile.ZipFile(BytesIO(data)).namelist())
        except zipfile.BadZipFile as exc:
            raise ReportFormatError(f"Filen {name} är ett trasigt zip-arkiv (en avkortad Word- eller Excel-fil?).") from exc
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
        raise ReportFormatError(f"Filen {name} är ett zip-arkiv, men varken en Word- (.docx) eller Excel-fil (.xlsx).")
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ReportFormatError(f"Filen {name} är i det gamla Office-formatet (.doc/.xls); spara den som .docx eller "
                                ".xlsx och ladda upp igen.")
    return "text"


def _text_format(text: str, name: str) -> str:
    suffix = Path(name).suffix.lower()
    if suffix in {".html", ".htm"} or re.search(r"<!doctype html|<html[\s>]|<body[\s>]", text[:5000], re.I):
        return "html"
    if suffix in {".md", ".markdown"}:
        return "markdown"
    return "text"


def read_bytes(data: bytes, name: str) -> Document:
    """A report file's bytes as a document; one clear Swedish sentence (ReportFormatError) where it is none."""
    from corpus.documents import text as text_reader

    if len(data) > MAX_BYTES:
        raise ReportFormatError(f"Filen {name} är större än 20 MB och tas inte emot.")
    if not data.strip():
        raise ReportFormatError(f"Filen {name} är tom.")
    fmt = sniff_format(data, name)
    if fmt in BINARY_READERS:
        blocks = joined_strips(BINARY_READERS[fmt](data, name))
        document = Document(name, fmt, blocks, "")
        document.text = "\n".join(document.line_map()[0])
        if not document.text.strip():
            raise ReportFormatError(f"Filen {name} innehåller ingen text.")
        return mark_repeated_lines(document)
    if text_reader.looks_binary(data):
        raise ReportFormatError(f"Filen {name} är en binärfil, inte en textrapport.")
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")):
        data = text_reader.decode_utf16_without_bom(data)
    text, encoding = text_reader.decode(data, name)
    if not text.strip():
        raise ReportFormatError(f"Filen {name} är tom.")
    fmt = _text_format(text, name)
    return mark_repeated_lines(Document(name, fmt, TEXT_READERS[fmt](text), text, encoding=encoding))


def read_document(path: Path) -> Document:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReportFormatError(f"Filen {path.name} kunde inte läsas ({exc.strerror}).") from exc
    return read_bytes(data, path.name)


def _binary_readers() -> dict[str, Callable[[bytes, str], list[Block]]]:
    from corpus.documents.office import docx_blocks, xlsx_blocks
    from corpus.documents.pdf import pdf_blocks

    return {"pdf": pdf_blocks, "docx": docx_blocks, "xlsx": xlsx_blocks}


def _text_readers() -> dict[str, Callable[[str], list[Block]]]:
    from corpus.documents.html import html_blocks, markdown_blocks
    from corpus.documents.text import text_blocks

    return {"text": text_blocks, "markdown": markdown_blocks, "html": html_blocks}


class _Lazy(dict):
    """A registry filled on first use, so importing the package loads no format library."""

    def __init__(self, factory: Callable[[], dict]) -> None:
        super().__init__()
        self._factory = factory

    def _fill(self) -> None:
        if not super().__len__():
            self.update(self._factory())

    def __contains__(self, key: object) -> bool:
        self._fill()
        return super().__contains__(key)

    def __getitem__(self, key: str) -> Callable:
        self._fill()
        return super().__getitem__(key)


BINARY_READERS: dict[str, Callable[[bytes, str], list[Block]]] = _Lazy(_binary_readers)
TEXT_READERS: dict[str, Callable[[str], list[Block]]] = _Lazy(_text_readers)
