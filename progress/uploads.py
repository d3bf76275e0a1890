"""Checking uploaded documents: PDF, JPEG or PNG by their content (not their name), sizes and
names. Pure functions; the service stores what passes."""

from __future__ import annotations

import io
import re
import unicodedata
import warnings
from dataclasses import dataclass
from pathlib import PurePosixPath, PureWindowsPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

EMPTY_FILE = _("The file is empty.")
TOO_LARGE = _("The file is larger than %(megabytes)d MB.")
WRONG_KIND = _("Only PDF, JPEG and PNG files are accepted (checked by their content).")
BROKEN_IMAGE = _("The image cannot be read; please scan or photograph it again.")

PDF, JPEG, PNG = "application/pdf", "image/jpeg", "image/png"
EXTENSIONS = {PDF: ".pdf", JPEG: ".jpg", PNG: ".png"}


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


def _reencode(content: bytes, content_type: str) -> bytes:
    """Open the image strictly and save it again: drops anything appended or embedded."""
    from PIL import Image

    Image.MAX_IMAGE_PIXELS = settings.ATTACHMENT_MAX_PIXELS
    with warnings.catch_warnings():
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


def check_upload(upload) -> CheckedFile:
    """Validate an uploaded file; raises ValidationError with a Chinese message."""
    limit = settings.ATTACHMENT_MAX_BYTES
    if upload.size == 0:
        raise ValidationError(EMPTY_FILE, code="empty")
    if upload.size > limit:
        raise ValidationError(TOO_LARGE % {"megabytes": limit // (1024 * 1024)}, code="size")
    content = upload.read()
    content_type = sniff(content[:16])
    if content_type is None:
        raise ValidationError(WRONG_KIND, code="kind")
    if content_type != PDF:
        content = _reencode(content, content_type)
    return CheckedFile(
        content=content, content_type=content_type, name=safe_name(upload.name, content_type)
    )
