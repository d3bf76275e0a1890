"""Reference data of staff additions."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProvincialAverageWage(models.Model):
    """全省在岗职工月平均工资 of a year: the contribution base of the next year must lie within
    60 %–300 % of it. Published yearly by the province; kept up to date in admin."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    monthly_amount = models.DecimalField(_("monthly average wage"), max_digits=10, decimal_places=2)

    class Meta:
        verbose_name = _("provincial average wage")
        verbose_name_plural = _("provincial average wages")
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"{self.year}: {self.monthly_amount}"
