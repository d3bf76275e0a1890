"""① 选择人员's table (the unit's active persons, each with the action its claim allows) and ②
缴费信息's grid (a row a year, a cell a month)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from portal.tables import Column, Table, post_button
from progress.tables import open_case_links
from roster.tables import person_columns


def claimable_columns(*, claims: dict, csrf_token: str) -> list[Column]:
    """`claims`: the open claims of the page's persons, by person id."""
    claim_word, case_link = _("Claim"), open_case_links()

    def action(row) -> str:
        claim = claims.get(row.person_id)
        if claim is None:
            return post_button(claim_word, csrf_token, personal_code=row.person.personal_code)
        return case_link(claim)

    return [
        *person_columns(),
        Column(_("Date of birth"), lambda r: r.person.birth_date),
        Column(_("Date started work"), lambda r: r.person.work_start_date),
        Column(_("Last paid month"), lambda r: r.last_paid_month),
        Column(_("Action"), html=action),
    ]


def history_table(history) -> Table:
    """缴费信息 (R-7.2): 实 paid, 视 deemed, 欠 due but unpaid, month by month."""
    marks = {"paid": _("P"), "deemed": _("D"), "due": _("U")}

    def month(index: int) -> Column:
        return Column(
            str(index + 1),
            lambda year: marks.get(year.cells[index], ""),
            css=lambda year: f"cell-{year.cells[index] or 'none'}",
            empty="",
        )

    columns = [
        Column(_("Year"), lambda year: year.year, row_header=True),
        *(month(index) for index in range(12)),
        Column(_("Paid"), lambda year: year.paid, numeric=True),
        Column(_("Deemed"), lambda year: year.deemed, numeric=True),
        Column(_("Unpaid"), lambda year: year.due, numeric=True),
    ]
    return Table(
        columns,
        history.years,
        caption=_("Contributions month by month"),
        empty=_("No contributions on record."),
        css_class="data-table history-grid",
    )
