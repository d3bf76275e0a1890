"""Users of the portal and the agents (经办人) of units."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from portal.identity import validate_mobile, validate_resident_id


class User(AbstractUser):
    """A login: a unit account (user name by R-5.2, linked to its unit), a counter-staff account
    (linked to a county) or an administrator (neither)."""

    unit = models.OneToOneField(
        "roster.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="account",
        verbose_name=_("unit"),
    )
    county = models.ForeignKey(
        "roster.County",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
        verbose_name=_("county"),
    )

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                condition=Q(unit__isnull=True) | Q(county__isnull=True),
                name="user_unit_or_county_not_both",
            ),
        ]

    @property
    def is_unit_account(self) -> bool:
        return self.unit_id is not None

    @property
    def is_counter_staff(self) -> bool:
        return self.county_id is not None


class Agent(models.Model):
    """经办人 — the person who does a unit's online business now (its history is in the audit
    log). Verification codes go to the 江西人社 app of this ID number (R-3.1)."""

    unit = models.OneToOneField(
        "roster.Unit", on_delete=models.PROTECT, related_name="agent", verbose_name=_("unit")
    )
    name = models.CharField(_("agent name"), max_length=50)
    id_number = models.CharField(
        _("agent ID number"), max_length=18, validators=[validate_resident_id], db_index=True
    )
    email = models.EmailField(_("agent e-mail"), blank=True)
    phone = models.CharField(_("agent mobile phone"), max_length=11, validators=[validate_mobile])
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("agent")
        verbose_name_plural = _("agents")
        ordering = ["unit__code"]

    def __str__(self) -> str:
        return f"{self.name}（{self.unit.name}）"
