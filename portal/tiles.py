"""The service tiles of the home page (R-1.4, R-6): what an agent can do online.

Each tile names the URL of its page; a service whose page is not deployed yet shows as
"not yet open" instead of a dead link.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Tile:
    title: str | Promise
    description: str | Promise
    url_name: str
    icon: str
    guide: str = ""  # the business whose 办事指南 the tile links to

    @property
    def url(self) -> str | None:
        try:
            return reverse(self.url_name)
        except NoReverseMatch:
            return None

    @property
    def guide_url(self) -> str | None:
        if not self.guide:
            return None
        try:
            return reverse("progress:guide", args=[self.guide])
        except NoReverseMatch:
            return None


@dataclass(frozen=True)
class TileGroup:
    title: str | Promise
    tiles: tuple[Tile, ...]


HOME_TILES = (
    TileGroup(
        _("Online business"),
        (
            Tile(
                _("Pension filing"),  # 养老金申报
                _("Claim the basic pension for a retiring employee"),
                "pension:start",
                "pension",
                guide="pension_claim",
            ),
            Tile(
                _("Staff addition"),
                _("New registration, new insurance or continuation"),
                "enrollment:add",
                "person-add",
                guide="staff_addition",
            ),
            Tile(
                _("Staff reduction"),
                _("Stop insurance for staff who leave the unit"),
                "enrollment:reduce",
                "person-remove",
                guide="staff_reduction",
            ),
            Tile(
                _("Batch staff addition"),  # 批量增员
                _("Add many staff at once from an Excel roster"),
                "enrollment:batch_add",
                "person-add",
                guide="batch_addition",
            ),
            Tile(
                _("Batch staff reduction"),  # 批量减员
                _("Stop insurance for many staff at once from an Excel roster"),
                "enrollment:batch_reduce",
                "person-remove",
                guide="batch_reduction",
            ),
        ),
    ),
    TileGroup(
        _("Contributions"),
        (
            Tile(
                _("Contribution base declaration"),  # 缴费基数申报
                _("Declare last year's wages for this year's bases"),
                "contributions:declaration",
                "certificate",
                guide="base_declaration",
            ),
            Tile(
                _("Monthly contributions"),  # 缴费核定
                _("Due, paid and outstanding per month, export to Excel"),
                "contributions:monthly",
                "unit",
            ),
        ),
    ),
    TileGroup(
        _("Queries and printing"),
        (
            Tile(
                _("Unit information query"),
                _("The unit's registration and insurance status"),
                "roster:unit",
                "unit",
            ),
            Tile(
                _("Active staff roster query"),
                _("Insured staff, contributions, export to Excel"),
                "roster:active",
                "roster",
            ),
            Tile(
                _("Retiree roster query"),
                _("Retired staff and their pensions"),
                "roster:retired",
                "retired",
            ),
            Tile(
                _("Print unit insurance certificate"),
                _("Print the unit's certificate as PDF"),
                "roster:unit_certificate",
                "certificate",
            ),
            Tile(
                _("Print personal insurance certificate"),
                _("Print a staff member's certificate"),
                "roster:person_certificates",
                "certificate",
            ),
        ),
    ),
)
