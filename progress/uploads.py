"""Checking uploaded documents: PDF, JPEG or PNG by their content (not their name), sizes and
names. Pure functions; the service stores what passes."""

from __future__ import annotations

import io
import re
import threading
import unicodedata
import warnings
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import PurePosixPath, PureWindowsPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

EMPTY_FILE = _("The file is empty.")
TOO_LARGE = _("The file is larger than %(megabytes)d MB.")
WRONG_KIND = _("Only PDF, JPEG and PNG files are accepted (checked by their content).")
BROKEN_IMAGE = _("The image cannot be read; please scan or photograph it again.")
BROKEN_PDF = _("The PDF cannot be read; please export or scan it again.")
ENCRYPTED_PDF = _(
    "A password-protected PDF cannot be reviewed; please upload it without a password."
)
ACTIVE_PDF = _(
    "The PDF contains scripts, automatic actions or embedded files and cannot be accepted; "
    "please print it to a plain PDF or scan it."
)

PDF, JPEG, PNG = "application/pdf", "image/jpeg", "image/png"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"  # a step's workbook
EXTENSIONS = {PDF: ".pdf", JPEG: ".jpg", PNG: ".png", XLSX: ".xlsx"}


@dataclass(frozen=True)
class CheckedFile:
    content: bytes
    content_type: str
    name: str


def sniff(head: bytes) -> str | None:
    """The content type by magic bytes, or None for anything else."""
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    return None


def safe_name(name: str, content_type: str) -> str:
    """The last path part, without control characters, at most 100 characters, with the
    extension of its real type (so a renamed file shows what it is)."""
    name = unicodedata.normalize("NFC", name or "")
    name = PureWindowsPath(PurePosixPath(name).name).name
    # Control characters (C0, C1) and the bidirectional controls that make "exe.pdf" read
    # as "fdp.exe" are dropped with the characters Windows refuses in names.
    name = re.sub(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069<>:\"/\\\\|?*]", "", name).strip(
        " ."
    )
    stem = re.sub(r"\.[A-Za-z0-9]{1,5}$", "", name)[:90] or "file"
    return stem + EXTENSIONS[content_type]


# WeasyPrint sets PIL's process-wide LOAD_TRUNCATED_IMAGES on import, after which Pillow pads
# a cut-off image instead of failing. An upload check holds it off while it decodes.
_strict_images = threading.Lock()


@contextmanager
def _truncated_images_refused():
    from PIL import ImageFile

    with _strict_images:
        before = ImageFile.LOAD_TRUNCATED_IMAGES
        ImageFile.LOAD_TRUNCATED_IMAGES = False
        try:
            yield
        finally:
            ImageFile.LOAD_TRUNCATED_IMAGES = before


def _reencode(content: bytes, content_type: str) -> bytes:
    """Open the image strictly and save it again: drops anything appended or embedded."""
    from PIL import Image

    Image.MAX_IMAGE_PIXELS = settings.ATTACHMENT_MAX_PIXELS
    with warnings.catch_warnings(), _truncated_images_refused():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(content)) as image:
                expected = "JPEG" if content_type == JPEG else "PNG"
                if image.format != expected:
                    raise ValidationError(WRONG_KIND, code="kind")
                image.load()
                output = io.BytesIO()
                if content_type == JPEG:
                    image.convert("RGB").save(output, "JPEG", quality=92)
                else:
                    image.save(output, "PNG")
                return output.getvalue()
        except (OSError, ValueError, Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise ValidationError(BROKEN_IMAGE, code="broken") from None


# What makes a PDF act when it is opened: scripts, launching programs, sending or importing
# data, embedded files and rich media, XFA forms (which carry scripts).
ACTIVE_KEYS = {"/JS", "/JavaScript", "/EmbeddedFiles", "/EmbeddedFile", "/RichMedia", "/XFA"}
ACTIVE_VALUES = {
    "/JavaScript", "/Launch", "/SubmitForm", "/ImportData", "/EmbeddedFile",
    "/FileAttachment", "/RichMedia", "/Rendition", "/GoToE",
}  # fmt: skip
MAX_PDF_OBJECTS = 200_000


def _check_pdf(content: bytes) -> None:
    """Walk every object reachable from the trailer (names are compared after pypdf has decoded
    them, so `/J#61vaScript` is caught too) and refuse anything active."""
    from pypdf import PdfReader
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

    try:
        reader = PdfReader(io.BytesIO(content), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise ValidationError(ENCRYPTED_PDF, code="encrypted")
        pending, seen = [reader.trailer], set()
        while pending:
            item = pending.pop()
            if isinstance(item, IndirectObject):
                key = (item.idnum, item.generation)
                if key in seen:
                    continue
                seen.add(key)
                if len(seen) > MAX_PDF_OBJECTS:
                    raise ValidationError(BROKEN_PDF, code="broken")
                item = item.get_object()
            if isinstance(item, DictionaryObject):
                for name, value in item.items():
                    if name in ACTIVE_KEYS or (
                        isinstance(value, NameObject) and value in ACTIVE_VALUES
                    ):
                        raise ValidationError(ACTIVE_PDF, code="active")
                    pending.append(value)
            elif isinstance(item, ArrayObject):
                pending.extend(item)
    except ValidationError:
        raise
    except Exception:  # pypdf raises assorted errors on hostile input: all mean "unreadable"
        raise ValidationError(BROKEN_PDF, code="broken") from None


def check_size(upload) -> None:
    """Not empty, not over the upload cap (documents and workbooks alike)."""
    limit = settings.ATTACHMENT_MAX_BYTES
    if upload.size == 0:
        raise ValidationError(EMPTY_FILE, code="empty")
    if upload.size > limit:
        raise ValidationError(TOO_LARGE % {"megabytes": limit // (1024 * 1024)}, code="size")


def check_upload(upload) -> CheckedFile:
    """Validate an uploaded file; raises ValidationError with a Chinese message."""
    check_size(upload)
    content = upload.read()
    content_type = sniff(content[:16])
    if content_type is None:
        raise ValidationError(WRONG_KIND, code="kind")
    if content_type == PDF:
        _check_pdf(content)
    else:
        content = _reencode(content, content_type)
    return CheckedFile(
        content=content, content_type=content_type, name=safe_name(upload.name, content_type)
    )
