"""What the hall promises around every business: its guide (办事指南) with the promised time
limit, and the calendar of public holidays and adjusted working days the limits count in."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from progress import registry


class ServiceGuide(models.Model):
    """办事指南 of a business, kept up to date in admin; its 材料清单 comes from the business's
    material types."""

    business_code = models.CharField(
        _("business"), max_length=30, unique=True, choices=registry.choices
    )
    time_limit_days = models.PositiveSmallIntegerField(_("time limit (working days)"))
    conditions = models.TextField(_("conditions of acceptance"))
    procedure = models.TextField(_("procedure"))
    legal_basis = models.TextField(_("legal basis"))
    phone = models.CharField(_("enquiry phone"), max_length=40, default="12333")

    class Meta:
        verbose_name = _("service guide")
        verbose_name_plural = _("service guides")
        ordering = ["business_code"]

    def __str__(self) -> str:
        return registry.label(self.business_code)


class CalendarDay(models.Model):
    """A day off the usual Monday-to-Friday week: a public holiday on a weekday, or a weekend
    day worked instead (调休上班)."""

    class Kind(models.TextChoices):
        HOLIDAY = "holiday", _("Public holiday")
        WORKDAY = "workday", _("Adjusted working day")

    day = models.DateField(_("day"), unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=30, blank=True)

    class Meta:
        verbose_name = _("calendar day")
        verbose_name_plural = _("calendar days")
        ordering = ["day"]

    def __str__(self) -> str:
        return f"{self.day} {self.get_kind_display()} {self.name}".strip()
