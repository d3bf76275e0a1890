"""Rules of contributions (R-13), as pure functions on Decimal money: the base applied for a
declared wage, the rate in force in a month, and the amounts, rounded to the cent half up."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from enrollment.rules import base_range
from portal.yearmonth import YearMonth

CENT = Decimal("0.01")
HUNDRED = Decimal(100)
FLOOR, CAP = "floor", "cap"
BASIC, ANNUITY = "basic", "annuity"


@dataclass(frozen=True)
class Applied:
    """The base applied for a declared wage, and whether it was raised to the floor or
    lowered to the cap."""

    base: Decimal
    clamp: str = ""


def applied_base(wage: Decimal, average: Decimal) -> Applied:
    """The declared wage, within 60 %–300 % of the previous year's provincial average monthly
    wage (the same bounds as a staff addition's base, `enrollment.rules.base_range`)."""
    return clamped(wage, *base_range(average))


def clamped(wage: Decimal, low: Decimal, high: Decimal) -> Applied:
    """`applied_base` with the bounds worked out already (a declaration's thousands of rows)."""
    wage = Decimal(wage).quantize(CENT, ROUND_HALF_UP)
    if wage < low:
        return Applied(low, FLOOR)
    if wage > high:
        return Applied(high, CAP)
    return Applied(wage)


def amount(base: Decimal, percent: Decimal) -> Decimal:
    """base × percent %, to the cent, half up (12,345.65 × 8 % = 987.652 → 987.65)."""
    return (Decimal(base) * Decimal(percent) / HUNDRED).quantize(CENT, ROUND_HALF_UP)


@dataclass(frozen=True)
class Rate:
    scheme: str
    valid_from: YearMonth
    unit_rate: Decimal
    personal_rate: Decimal


def rate_in_force(rates: Iterable[Rate], scheme: str, month: YearMonth) -> Rate | None:
    """The scheme's rate of the month: the latest one valid from that month or earlier."""
    valid = [r for r in rates if r.scheme == scheme and r.valid_from <= month]
    return max(valid, key=lambda r: r.valid_from) if valid else None


@dataclass(frozen=True)
class Amounts:
    unit: Decimal
    personal: Decimal
    annuity_unit: Decimal = Decimal("0.00")
    annuity_personal: Decimal = Decimal("0.00")

    @property
    def total(self) -> Decimal:
        return self.unit + self.personal + self.annuity_unit + self.annuity_personal


ZERO = Decimal("0.00")


def monthly_amounts(base: Decimal, month: YearMonth, rates, *, annuity: bool) -> Amounts:
    """What one month of a base costs the unit and the person, with the occupational annuity
    where the relation carries it; a scheme without a rate that month costs nothing."""
    rates = list(rates)
    basic = rate_in_force(rates, BASIC, month)
    extra = rate_in_force(rates, ANNUITY, month) if annuity else None
    return Amounts(
        unit=amount(base, basic.unit_rate) if basic else ZERO,
        personal=amount(base, basic.personal_rate) if basic else ZERO,
        annuity_unit=amount(base, extra.unit_rate) if extra else ZERO,
        annuity_personal=amount(base, extra.personal_rate) if extra else ZERO,
    )


def base_in_force(periods, month: YearMonth, fallback: Decimal) -> Decimal:
    """The base of the month: the latest period from that month or earlier, else `fallback`
    (the relation's base at its start). `periods`: (valid_from, base)."""
    valid = [(start, base) for start, base in periods if start <= month]
    return max(valid)[1] if valid else fallback
