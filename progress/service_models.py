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


class Rating(models.Model):
    """好差评 of a finished case, once (国办发〔2019〕51号 “一事一评”): every 差评 is followed up
    (整改) by the county's counter staff, and the unit sees what was done."""

    class Level(models.IntegerChoices):
        VERY_SATISFIED = 5, _("Very satisfied")
        SATISFIED = 4, _("Satisfied")
        FAIRLY_SATISFIED = 3, _("Fairly satisfied")
        DISSATISFIED = 2, _("Dissatisfied")
        VERY_DISSATISFIED = 1, _("Very dissatisfied")

    class FollowUp(models.TextChoices):
        NONE = "", _("No follow-up needed")
        PENDING = "pending", _("To be followed up")
        DONE = "done", _("Followed up")

    application = models.OneToOneField(
        "progress.Application",
        on_delete=models.CASCADE,
        related_name="rating",
        verbose_name=_("case"),
    )
    level = models.PositiveSmallIntegerField(_("rating"), choices=Level.choices)
    comment = models.CharField(_("comment"), max_length=500, blank=True)
    rated_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("rated by"),
    )
    rated_at = models.DateTimeField(_("rated at"), auto_now_add=True)
    follow_up = models.CharField(
        _("follow-up"), max_length=10, choices=FollowUp.choices, blank=True
    )
    follow_up_note = models.CharField(_("what was done"), max_length=500, blank=True)
    followed_up_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("followed up by"),
    )
    followed_up_at = models.DateTimeField(_("followed up at"), null=True, blank=True)

    class Meta:
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        ordering = ["-rated_at"]
        indexes = [models.Index(fields=["follow_up", "rated_at"], name="rating_follow_up")]

    def __str__(self) -> str:
        return f"{self.application} {self.get_level_display()}"
