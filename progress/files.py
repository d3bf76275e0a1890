"""Serving stored documents to the people allowed to see them (agents' and staff's views)."""

from __future__ import annotations

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404


def serve_attachment(attachment, *, download: bool) -> FileResponse:
    """Stream a stored document: named, never sniffed by the browser, never a static file; our
    own pages may show it in a frame (the review page previews PDFs)."""
    try:
        # Opened, not asked about first: in object storage each question is a round trip.
        stored = default_storage.open(attachment.stored_name, "rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        stored,
        as_attachment=download,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["X-Frame-Options"] = "SAMEORIGIN"
    # A document is shown as it came: whatever it is, it may run no script, load nothing from
    # elsewhere and send no form; only our review page may frame it.
    response["Content-Security-Policy"] = (
        "default-src 'none'; script-src 'none'; object-src 'none'; style-src 'unsafe-inline'; "
        "img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'"
    )
    return response
