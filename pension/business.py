"""养老金申领 as a business of the case core: its steps, what 提交 re-checks, what approval
does, and how the claim reads back on the case and review pages."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from pension import checks, services
from pension.approval import PensionApprovalForm
from pension.claim import PENSION_CLAIM, Claim
from pension.steps import ADJUSTMENTS, POSITIONS, SPECIAL_JOBS, STEPS
from progress.registry import BusinessType

DETAIL_TABLES = (
    (_("Additions and deductions of deemed contribution periods"), ADJUSTMENTS),
    (_("Special jobs"), SPECIAL_JOBS),
    (_("Promotions and demotions"), POSITIONS),
)


def table_rows(table, claim: Claim) -> dict:
    return {
        "spec": table,
        "rows": [(index, table.cells(row), []) for index, row in enumerate(claim.rows(table))],
    }


class PensionClaim(BusinessType):
    code = PENSION_CLAIM
    name = _("Pension claim")
    steps = STEPS
    detail_template = "pension/claim_detail.html"
    approval_form = PensionApprovalForm
    # A person leaving the unit cannot retire from it at the same time.
    exclusive_with = frozenset({"staff_reduction"})

    def draft(self, application) -> Claim:
        return Claim(application)

    def validate(self, application) -> dict[str, list[str]]:
        return self._problems(Claim(application))

    def _problems(self, claim: Claim) -> dict[str, list[str]]:
        """Every step's check, and the conditions of R-7.1 that must still hold (选择人员)."""
        problems = self.steps.problems(claim)
        standing = services.standing_problems(claim.application)
        return {"select": standing, **problems} if standing else problems

    def approve(self, *, application, by, data: dict) -> None:
        services.claim_approve(application=application, by=by, data=data)

    def start_again(self, application, *, by):
        return services.claim_start(unit=application.unit, person=application.person, by=by)

    def detail_context(self, application, query=None) -> dict:
        claim = Claim(application)
        labels = STEPS.labels()
        open_case = application.status in application.IN_PROGRESS
        return {
            "claim": checks.claim_summary(claim),
            "claim_tables": [(title, table_rows(table, claim)) for title, table in DETAIL_TABLES],
            "open_case": open_case,
            "claim_problems": [(labels[key], found) for key, found in self._problems(claim).items()]
            if open_case
            else [],
        }
