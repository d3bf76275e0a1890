"""参保证明 issued (R-6.4, R-6.5): kept apart from the province's data in models.py."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Certificate(models.Model):
    """参保证明 issued — one per kind, subject and content: printing unchanged data again serves
    the stored PDF and keeps its 验证码."""

    class Kind(models.TextChoices):
        UNIT = "unit", _("Unit insurance certificate")  # 单位参保证明
        PERSON = "person", _("Personal insurance certificate")  # 个人参保证明
        RECEIPT = "receipt", _("Acceptance receipt")  # 受理回执 of a case (progress.receipts)
        BASES = "bases", _("Contribution base notice")  # 缴费基数核定单 (contributions.documents)
        MONTHLY = "monthly", _("Monthly contribution notice")  # 单位缴费核定单

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    unit = models.ForeignKey(
        "roster.Unit", on_delete=models.PROTECT, related_name="certificates", verbose_name=_("unit")
    )
    person = models.ForeignKey(
        "roster.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="certificates",
        verbose_name=_("person"),
    )
    code = models.CharField(_("verification code"), max_length=19, unique=True)
    content_hash = models.CharField(_("content hash"), max_length=64)
    holder_name = models.CharField(_("holder"), max_length=100)
    holder_id = models.CharField(_("holder ID or code"), max_length=30)
    issued_at = models.DateTimeField(_("issued at"), auto_now_add=True)
    valid_until = models.DateField(_("valid until"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("issued by"),
    )
    pdf_name = models.CharField(_("stored PDF"), max_length=200, blank=True)
    pdf_sha256 = models.CharField(_("PDF SHA-256"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("issued certificate")
        verbose_name_plural = _("issued certificates")
        ordering = ["-issued_at"]
        constraints = [
            # Two partial constraints, because NULLs never collide in one: a unit certificate
            # has no person, and twenty parallel prints of one content must still make one.
            models.UniqueConstraint(
                fields=["kind", "unit", "person", "content_hash"],
                condition=models.Q(person__isnull=False),
                name="certificate_one_per_content",
            ),
            models.UniqueConstraint(
                fields=["kind", "unit", "content_hash"],
                condition=models.Q(person__isnull=True),
                name="certificate_one_per_unit_content",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.code}"
