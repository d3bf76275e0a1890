"""Issuing certificates: one record per kind, subject and content, rendered to PDF once. And
the months billed past a relation's end, withdrawn when it ends."""

from __future__ import annotations

import datetime
import hashlib
import secrets

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import Q

from roster import certificates
from roster.models import Certificate, Contribution, InsuranceRelation, Person, Unit

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud at a counter


def new_verification_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(16))
    return "-".join(raw[i : i + 4] for i in range(0, 16, 4))


def certificate_issue(*, unit: Unit, person: Person | None, content: dict, by) -> Certificate:
    """The certificate for this content: the existing one, or a new one with a new 验证码."""
    digest = certificates.content_hash(content)
    kind = content["kind"]
    existing = Certificate.objects.filter(
        kind=kind, unit=unit, person=person, content_hash=digest
    ).first()
    if existing is not None:
        return existing
    issued_on = datetime.date.fromisoformat(content["printed_on"])
    try:
        with transaction.atomic():
            return Certificate.objects.create(
                kind=kind,
                unit=unit,
                person=person,
                code=new_verification_code(),
                content_hash=digest,
                # A receipt of a person still to be registered names them by what was typed.
                holder_name=content.get("holder_name") or (person.name if person else unit.name),
                holder_id=content.get("holder_id")
                or (person.id_number if person else unit.credit_code),
                valid_until=certificates.valid_until(issued_on),
                issued_by=by if getattr(by, "pk", None) else None,
            )
    except IntegrityError:  # issued by a parallel request just now
        return Certificate.objects.get(kind=kind, unit=unit, person=person, content_hash=digest)


def certificate_pdf(*, certificate: Certificate, content: dict, verify_url: str) -> bytes:
    """The certificate's PDF: from storage when it was rendered before, else rendered now, once:
    parallel first prints wait on the certificate's row and then read what the first stored."""
    stored = _stored_pdf(certificate)
    if stored is not None:
        return stored
    with transaction.atomic():
        certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
        stored = _stored_pdf(certificate)
        if stored is not None:
            return stored
        html = certificates.render_html(
            content=content, certificate=certificate, verify_url=verify_url
        )
        pdf = certificates.render_to_pdf(html)
        name = default_storage.save(
            f"certificates/{certificate.content_hash}-{certificate.code}.pdf", ContentFile(pdf)
        )
        certificate.pdf_name = name
        certificate.pdf_sha256 = hashlib.sha256(pdf).hexdigest()
        certificate.save(update_fields=["pdf_name", "pdf_sha256"])
    return pdf


def _stored_pdf(certificate: Certificate) -> bytes | None:
    if not certificate.pdf_name:
        return None
    try:  # opened, not asked about first: in object storage each question is a round trip
        with default_storage.open(certificate.pdf_name, "rb") as stored:
            return stored.read()
    except FileNotFoundError:
        return None


def unpaid_after_end_withdrawn(relations: list[InsuranceRelation]) -> int:
    """After relations end (减员, 退休): the months billed after each one's end month and not
    paid were never owed, and go; paid months stay as collected. One query for each end
    month among them (a batch's rows mostly share one)."""
    by_end: dict = {}
    for relation in relations:
        key = (relation.unit_id, relation.end_month)
        by_end.setdefault(key, []).append(relation.person_id)
    withdrawn = 0
    for (unit_id, end), persons in by_end.items():
        withdrawn += Contribution.objects.filter(
            Q(month__gt=end), unit_id=unit_id, person__in=persons, status=Contribution.Status.DUE
        ).delete()[0]
    return withdrawn
