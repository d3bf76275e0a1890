"""缴费 (R-13): the rates in force from a month on, the yearly declaration windows, and the
contribution bases of insurance relations as periods that are only ever added."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from portal.yearmonth import YearMonthField


class ContributionRate(models.Model):
    """费率: the unit's and the person's percentages of the base, from a month on (R-13.5)."""

    class Scheme(models.TextChoices):
        BASIC = "basic", _("Basic pension insurance")  # 机关事业单位基本养老保险
        ANNUITY = "annuity", _("Occupational annuity")  # 职业年金

    scheme = models.CharField(_("scheme"), max_length=10, choices=Scheme.choices)
    valid_from = YearMonthField(_("valid from"))
    unit_rate = models.DecimalField(_("unit rate (%)"), max_digits=5, decimal_places=2)
    personal_rate = models.DecimalField(_("personal rate (%)"), max_digits=5, decimal_places=2)

    class Meta:
        verbose_name = _("contribution rate")
        verbose_name_plural = _("contribution rates")
        ordering = ["scheme", "-valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "valid_from"], name="rate_one_per_month"),
            models.CheckConstraint(
                condition=Q(unit_rate__gte=0, unit_rate__lte=100)
                & Q(personal_rate__gte=0, personal_rate__lte=100),
                name="rate_percentages",
            ),
        ]

    def __str__(self) -> str:
        rates = f"{self.unit_rate}% / {self.personal_rate}%"
        return f"{self.get_scheme_display()} {self.valid_from}: {rates}"


class DeclarationYear(models.Model):
    """A year's 缴费基数申报 and its window (R-13.1)."""

    year = models.PositiveSmallIntegerField(_("declaration year"), unique=True)
    opens = models.DateField(_("window opens"))
    closes = models.DateField(_("window closes"))

    class Meta:
        verbose_name = _("declaration year")
        verbose_name_plural = _("declaration years")
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(condition=Q(closes__gte=F("opens")), name="declaration_window")
        ]

    def __str__(self) -> str:
        return f"{self.year}（{self.opens} — {self.closes}）"


class BasePeriod(models.Model):
    """缴费基数 of an insurance relation from a month on: a declaration adds a period, none is
    ever changed (the history of bases stays)."""

    class Clamp(models.TextChoices):
        NONE = "", _("As declared")
        FLOOR = "floor", _("Raised to 60%")  # 按下限
        CAP = "cap", _("Lowered to 300%")  # 按上限

    relation = models.ForeignKey(
        "roster.InsuranceRelation",
        on_delete=models.PROTECT,
        related_name="base_periods",
        verbose_name=_("insurance relation"),
    )
    valid_from = YearMonthField(_("valid from"))
    wage = models.DecimalField(
        _("previous year's average monthly wage"), max_digits=10, decimal_places=2, null=True
    )
    base = models.DecimalField(_("contribution base"), max_digits=10, decimal_places=2)
    clamp = models.CharField(_("clamped"), max_length=5, choices=Clamp.choices, blank=True)
    application = models.ForeignKey(
        "progress.Application",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("declared in"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("contribution base period")
        verbose_name_plural = _("contribution base periods")
        ordering = ["relation", "valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["relation", "valid_from"], name="base_period_once"),
            models.CheckConstraint(condition=Q(base__gte=0), name="base_period_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.relation_id} {self.valid_from}: {self.base}"
