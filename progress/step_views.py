"""The one case-step view every business runs on (DESIGN §7): `/progress/<case>/<step>/`. It
parses the POST, dispatches 暂存 / 下一步 / 上一步 / a row button to one draft save, and
redirects; a refused button shows the page again with everything typed and nothing written.
Every button posts the whole step, so the pages work without JavaScript."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from portal.http import agent_unit
from progress import registry, selectors, services
from progress.drafts import (
    Action,
    PageInput,
    form_values,
    parse_action,
    parse_number,
    typed_anything,
)
from progress.forms import StepFileForm
from progress.step_materials import DRAFT_SAVED, UNKNOWN_BUTTON, MaterialsStep
from progress.steps import ENTRY_NOT_ADDED, Navigation, Step, StepCheck

TOO_MANY_ROWS = _("A table takes at most %(count)d rows.")
ROW_GONE = _("This row is no longer in the table; the table is shown as it is now.")
EDIT_NOT_OFFERED = _("Rows of this table cannot be modified; delete the row and add it again.")
SUBMIT_PROBLEMS = _("The case cannot be submitted yet; correct the steps below.")


def case_and_business(request, pk):
    application = selectors.case_for_unit(unit=agent_unit(request), pk=pk)
    business = registry.get(application.business_code)
    if business is None:
        raise Http404
    return application, business


@require_http_methods(["GET", "POST"])
def case_step(request, pk, step):
    application, business = case_and_business(request, pk)
    current = business.steps.get(step)
    if current is None or not current.in_case:
        raise Http404
    page = StepPage(request, application, business, current)
    editable = application.status in services.EDITABLE or current.uploads
    if not (editable and page.navigation.is_reachable(current)):
        if request.method == "POST":  # changed elsewhere since the page was opened
            return page.refuse_stale()
        if not editable:
            return redirect("progress:detail", pk=application.pk)  # read-only now
        return redirect(page.navigation.url(page.navigation.resume))
    if current.uploads:
        return page.materials()
    if request.method == "GET":
        return page.render()
    return page.post()


@require_http_methods(["GET"])
def case_resume(request, pk):
    """继续填写 / 修改: the step where the case was last saved (a case that can no longer change,
    or of a business no longer offered, is shown)."""
    application = selectors.case_for_unit(unit=agent_unit(request), pk=pk)
    if application.status not in services.EDITABLE:
        return redirect("progress:detail", pk=application.pk)
    return redirect(selectors.resume_url(application))


class StepPage(MaterialsStep):
    """One request to a step: the draft, what the POST carried, the checks, and the page."""

    def __init__(self, request, application, business, step: Step):
        self.request = request
        self.application = application
        self.business = business
        self.step = step
        self.table = step.table
        self.draft = business.draft(application)
        # The page's query (or the POST of a save): a step of many rows shows one page of them.
        self.draft.query = request.POST if request.method == "POST" else request.GET
        self.navigation: Navigation = business.steps.navigation(self.draft, step)
        self.version = application.version
        self.check: StepCheck | None = None  # after 下一步: the step's problems
        self.errors: list[str] = []
        self.file_errors: list[str] = []  # a file the step took refused
        self.form = step.form(self.draft, initial=step.initial_values(self.draft))
        self.rows, self.entry, self.editing = [], None, None
        if self.table is not None:
            self.rows = self.draft.rows(self.table)
            self.editing = self.draft.editing(self.table)
            self.entry = self.table.entry(initial=self.draft.entry(self.table))

    # --- the POST ------------------------------------------------------------------------
    def post(self):
        post = self.request.POST
        self.version = parse_number(post.get("version"))
        action = parse_action(post.get("action"))
        typed = self._read(post)
        name = action.name if action is not None else ""
        goto = parse_number(post.get("goto"))  # a page of a paged step: saved, then shown
        if name == "next" and not goto:
            return self._next(typed)
        if name == "save" or goto:
            return self._save(typed, lands_on=self.step, message=DRAFT_SAVED, page=goto)
        if name == "back" and self.navigation.previous is not None:
            return self._save(typed, lands_on=self.navigation.previous)
        if name == "upload" and self.step.receive is not None:
            return self._receive()
        if self.table is not None and action is not None and action.is_row_action:
            return self._row_action(action, typed)
        self.errors.append(str(UNKNOWN_BUTTON))
        return self.render(status=400)

    def _receive(self):
        """A file the step takes (a workbook of rows): the step's service saves what it
        carries, or says why not, next to the file field."""
        form = StepFileForm(self.request.POST, self.request.FILES)
        try:
            if not form.is_valid():
                raise ValidationError(form.errors["file"])
            file = form.cleaned_data["file"]
            self.step.receive(self.draft, file, by=self.request.user, version=self.version)
        except ValidationError as problem:
            self.file_errors = problem.messages
            return self.render(status=400)
        return redirect(self.navigation.url(self.step))

    def refuse_stale(self):
        """A POST to a step that can no longer take it (the case was submitted, or an earlier
        step reopened, in another window): nothing is written, what was typed is shown."""
        if self.step.form_class is not None or self.table is not None:
            self._read(self.request.POST)
        self.errors.append(str(services.STALE))
        return self.render(status=409)

    def _read(self, post) -> PageInput:
        """What the page carried; the page shows it again as typed if the button is refused."""
        typed = PageInput()
        if self.step.form_class is not None:
            typed.values = form_values(self.step.form(self.draft, post))
            self.form = self.step.form(self.draft, initial=typed.values)
        if self.table is not None:
            typed.rows = self.table.rows_from_post(post)
            self.rows = typed.rows
            self.entry = self.table.entry_from_post(post)
            typed.entry = form_values(self.entry) if self.entry.is_bound else None
            editing = parse_number(post.get("editing"))
            typed.editing = editing if editing is not None and editing < len(typed.rows) else None
            self.editing = typed.editing
        return typed

    def _entry_pending(self, typed: PageInput) -> bool:
        """Something typed above the table that is not in it (a new row, or a changed row)."""
        if typed.entry is None or not typed_anything(typed.entry):
            return False
        return typed.editing is None or typed.entry != typed.rows[typed.editing]

    def _keep_entry(self, typed: PageInput) -> None:
        """Show the typed row again as it was, without checking it."""
        self.entry = self.table.entry(initial=typed.entry)

    def _save(
        self, typed: PageInput, *, lands_on: Step, done: bool | None = None, message=None, page=None
    ):
        draft = self.draft.with_page(
            self.step, typed, steps=self.business.steps, lands_on=lands_on, done=done
        )
        try:
            self.application = services.case_save(
                application=self.application,
                data=draft.data,
                by=self.request.user,
                version=self.version,
                subject_name=draft.subject_name,
            )
        except ValidationError as error:
            self.errors += error.messages
            return self.render(status=409)
        if message:
            messages.success(self.request, message)
        url = self.navigation.url(lands_on)
        page = page or parse_number(self.request.POST.get("page"))
        return redirect(f"{url}?page={page}" if page and lands_on is self.step else url)

    def _next(self, typed: PageInput):
        if self.table is not None and self._entry_pending(typed):
            return self._refuse(ENTRY_NOT_ADDED, typed)
        if self.table is not None:
            typed.entry, typed.editing = None, None
        trial = self.draft.with_page(
            self.step, typed, steps=self.business.steps, lands_on=self.step, done=True
        )
        check = self.step.run_check(trial)
        if not check.ok:
            self.check = check
            self.errors += check.errors
            if check.form is not None:
                self.form = check.form
            return self.render(status=400)
        return self._save(typed, lands_on=self.navigation.next, done=True)

    def _refuse(self, message, typed: PageInput):
        self.errors.append(str(message))
        if typed.entry is not None:
            self._keep_entry(typed)
        return self.render(status=400)

    def _row_action(self, action: Action, typed: PageInput):
        """增加 / 修改 / 删除 change the table and save the draft at once, so an added row is
        never lost by leaving the page."""
        table, rows = self.table, typed.rows
        if action.name in ("edit", "update") and not table.can_edit:
            return self._refuse(EDIT_NOT_OFFERED, typed)
        if action.index is not None and action.index >= len(rows):
            return self._refuse(ROW_GONE, typed)
        if action.name == "delete":
            del rows[action.index]
            if typed.editing == action.index:
                typed.editing, typed.entry = None, None
            elif typed.editing is not None and typed.editing > action.index:
                typed.editing -= 1
        elif action.name == "edit":
            if self._entry_pending(typed):  # never overwrite what was typed
                return self._refuse(ENTRY_NOT_ADDED, typed)
            typed.editing, typed.entry = action.index, dict(rows[action.index])
        elif action.name == "cancel":
            typed.editing, typed.entry = None, None
        elif action.name == "update" and typed.editing is None:
            return self._refuse(ROW_GONE, typed)  # the row being changed is not there
        elif not self._add_row(typed, replace=typed.editing if action.name == "update" else None):
            return self.render(status=400)
        return self._save(typed, lands_on=self.step)

    def _add_row(self, typed: PageInput, *, replace: int | None) -> bool:
        """Put the typed row into the table if it passes the row rules (R-7.3b, R-7.4, R-7.5)."""
        entry = self.table.entry(self.request.POST)  # 增加 with nothing typed: say what is needed
        self.entry = entry
        if not entry.is_valid():
            return False
        rows = list(typed.rows)
        if replace is not None:
            rows[replace] = form_values(entry)
            position = replace
        elif len(rows) >= self.table.max_rows:
            entry.add_error(None, TOO_MANY_ROWS % {"count": self.table.max_rows})
            return False
        else:
            rows.append(form_values(entry))
            position = len(rows) - 1
        problems = self._new_row_problems(typed, rows, position)
        for problem in problems:
            entry.add_error(None, problem)
        if problems:
            return False
        typed.rows, typed.entry, typed.editing = rows, None, None
        return True

    def _row_problems(self, typed: PageInput, rows: list[dict]) -> dict[int, list[str]]:
        trial = PageInput(values=typed.values, rows=rows)
        draft = self.draft.with_page(
            self.step, trial, steps=self.business.steps, lands_on=self.step, done=False
        )
        return self.step.run_check(draft).row_problems

    def _new_row_problems(self, typed: PageInput, rows: list[dict], position: int) -> list[str]:
        """What the typed row breaks: its own problems, and those it causes on other rows (an
        overlap is reported on the later of two rows) that the table did not have before."""
        before = self._row_problems(typed, typed.rows)
        after = self._row_problems(typed, rows)
        found = list(after.get(position, []))
        for index, problems in after.items():
            if index != position:
                found += [p for p in problems if p not in before.get(index, []) and p not in found]
        return found

    # --- the page --------------------------------------------------------------------------
    def error_summary(self) -> list[tuple[str, str]]:
        """Each problem on the page with the anchor of its field (GOV.UK's error summary)."""
        found = [(message, "") for message in self.errors]
        found += [(message, "#id_file") for message in self.file_errors]
        form = self.form
        if form is not None and form.is_bound:
            label_of = getattr(form, "summary_label", lambda name: form.fields[name].label)
            for name, errors in form.errors.items():
                anchor = f"#{form[name].id_for_label}" if name in form.fields else ""
                label = label_of(name) if name in form.fields else ""
                found += [(f"{label}：{e}" if label else str(e), anchor) for e in errors]
        if self.check is not None:
            for index, problems in sorted(self.check.row_problems.items()):
                found += [(f"{index + 1}：{p}", f"#row-{index}") for p in problems]
        entry = self.entry
        if entry is not None and entry.is_bound:
            for name, errors in entry.errors.items():
                anchor = f"#{entry[name].id_for_label}" if name in entry.fields else "#entry"
                found += [(str(error), anchor) for error in errors]
        return found

    def render(self, *, status: int = 200, extra: dict | None = None):
        application = self.application
        draft = self.draft
        context = {
            "case": application,
            "business": self.business,
            "person": application.person,
            "navigation": self.navigation,
            "step": self.step,
            "version": self.version if self.version is not None else application.version,
            "form": self.form,
            "errors": self.errors,
            "error_summary": self.error_summary(),
            "rejection": selectors.rejection(application),
            "file_errors": self.file_errors,
            **(self.step.context(draft, self.request.GET) if self.step.context else {}),
            **(extra or {}),
        }
        if self.table is not None:
            problems = self.check.row_problems if self.check else {}
            context["table"] = {
                "spec": self.table,
                "entry": self.entry,
                "editing": self.editing,
                "formset": self.table.formset(self.rows),
                "rows": [
                    (index, self.table.cells(row), problems.get(index, []))
                    for index, row in enumerate(self.rows)
                ],
            }
        return render(self.request, self.step.template, context, status=status)
