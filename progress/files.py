"""Serving stored documents to the people allowed to see them (agents' and staff's views)."""

from __future__ import annotations

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404


def serve_attachment(attachment, *, download: bool) -> FileResponse:
    """Stream a stored document: named, never sniffed by the browser, never a static file; our
    own pages may show it in a frame (the review page previews PDFs)."""
    if not default_storage.exists(attachment.stored_name):
        raise Http404
    response = FileResponse(
        default_storage.open(attachment.stored_name, "rb"),
        as_attachment=download,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["X-Frame-Options"] = "SAMEORIGIN"
    return response
