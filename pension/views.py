"""养老金申领 (R-7): the person list, and the claim's steps ② … ⑦. Every button posts the whole
step, so the pages work without JavaScript; rows travel in hidden fields until 暂存 or 下一步."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from pension import forms as claim_forms
from pension import rules, selectors, services
from pension.forms import ROW_KINDS, STEP_CHECKS, STEP_KEYS, STEPS
from progress import selectors as case_selectors
from progress import services as case_services
from progress import views as case_views
from progress.models import Application
from roster import selectors as roster_selectors
from roster.forms import PersonSearchForm

DRAFT_SAVED = _("The draft was saved; continue it any time here or under “In progress”.")
ENTRY_NOT_ADDED = _(
    "The row typed above the table is not in the table yet: press Add (or Save the change), "
    "or clear it first."
)
TOO_MANY_ROWS = _("A table takes at most %(count)d rows.")
SUBMIT_PROBLEMS = _("The claim cannot be submitted yet; correct the steps below.")
SUBMITTED = _("The pension claim was submitted; follow its progress under “In progress”.")
# The rows each step edits, besides its form.
STEP_ROWS = {"basic": "adjustments", "special_jobs": "special_jobs", "positions": "positions"}
STEP_FORM_KEYS = {"basic": "basic", "bank": "bank"}


def _unit(request):
    unit = getattr(request.user, "unit", None)
    if unit is None:
        raise Http404
    return unit


def _claim(request, pk) -> Application:
    application = case_selectors.case_for_unit(unit=_unit(request), pk=pk)
    if application.business_code != Application.BusinessCode.PENSION_CLAIM:
        raise Http404
    return application


def _rejection(application: Application):
    """The return (审核不通过) being answered, with the reviewer's reason."""
    if application.status != Application.Status.REJECTED:
        return None
    return application.events.filter(action="rejected").last()


def current_step(application: Application) -> str:
    """The first step not yet accepted by 下一步 (继续填写 and 修改 open it)."""
    done = application.data.get("done", [])
    for step in STEP_KEYS[1:-1]:
        if step not in done:
            return step
    return "materials"


def step_url(application: Application, step: str) -> str:
    return reverse("pension:step", args=[application.pk, step])


@require_http_methods(["GET", "POST"])
def start(request):
    """① 选择人员 (R-7.1): the unit's active persons; 申领 checks the conditions and opens the
    claim, or says on this page why not."""
    unit = _unit(request)
    form = PersonSearchForm(request.GET)
    filters = {k: v for k, v in (form.cleaned_data if form.is_valid() else {}).items() if v}
    page = Paginator(selectors.claimable_persons(unit=unit, **filters), 20).get_page(
        request.GET.get("page")
    )
    refused, problems = None, []
    if request.method == "POST":
        person = roster_selectors.person_of_unit(
            unit=unit, personal_code=request.POST.get("personal_code", "")
        )
        try:
            application = services.claim_start(unit=unit, person=person, by=request.user)
        except ValidationError as error:
            refused, problems = person, error.messages
        else:
            return redirect(step_url(application, current_step(application)))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "pension/start.html",
        {
            "form": form,
            "page": page,
            "claims": selectors.open_claims(unit=unit, person_ids=[r.person_id for r in page]),
            "query": query.urlencode(),
            "refused": refused,
            "problems": problems,
            "steps": STEPS,
            "step": "select",
        },
        status=400 if problems else 200,
    )


@require_http_methods(["GET"])
def claim(request, pk):
    application = _claim(request, pk)
    return redirect(step_url(application, current_step(application)))


def _step_allowed(application: Application, step: str) -> bool:
    """Steps go in order: a step opens once every step before it was accepted."""
    done = application.data.get("done", [])
    return all(earlier in done for earlier in STEP_KEYS[1 : STEP_KEYS.index(step)])


class StepPage:
    """One request to a step: what was typed (or saved), the row editing, and the page."""

    def __init__(self, request, application: Application, step: str):
        self.request = request
        self.application = application
        self.step = step
        self.context = services.context_for(application)
        self.data = dict(application.data)
        self.rows_kind = ROW_KINDS.get(STEP_ROWS.get(step, ""))
        self.form_key = STEP_FORM_KEYS.get(step)
        self.entry = (
            self.rows_kind.entry(initial=self.data.get(self.entry_key)) if self.rows_kind else None
        )
        self.editing: int | None = None
        self.check = None  # set by 下一步: then the page shows the step's problems
        self.errors: list[str] = []
        self.version = application.version
        if request.method == "POST":
            self._read_post()

    @property
    def entry_key(self) -> str:
        """Where 暂存 keeps a row typed above the table but not added yet."""
        return f"{self.rows_kind.key}_entry" if self.rows_kind else ""

    # --- reading ---
    def _form(self, data, initial=None):
        if self.step == "basic":
            return claim_forms.BasicForm(data, initial=initial, context=self.context)
        return claim_forms.BankForm(data, initial=initial, person=self.context.person)

    def _initial(self) -> dict:
        saved = self.data.get(self.form_key)
        if saved:
            return saved
        person = self.context.person
        if self.step == "basic":  # first entry: prefilled from the person
            return {
                "work_start": person.work_start_date.isoformat(),
                "staff_category": person.staff_category,
                "retirement_type": rules.RetirementType.NORMAL.value,
                "retirement_month": str(claim_forms.claim_retirement({}, person)),
            }
        return {"holder": person.name}

    def _read_post(self):
        post = self.request.POST
        try:
            self.version = int(post.get("version", ""))
        except ValueError:
            self.version = -1  # a page that does not say what it showed never overwrites
        if self.form_key:
            form = self._form(post)
            form.is_valid()  # normalises what it can (dates, the rule's month)
            self.data[self.form_key] = form.values()
        if self.rows_kind:
            self.data[self.rows_kind.key] = self.rows_kind.rows_from_post(post)
            self.entry = self.rows_kind.entry(post)
            try:
                self.editing = int(post.get("editing", ""))
            except ValueError:
                self.editing = None

    def entry_typed(self) -> bool:
        """Something typed into the new-row form that is not in the table (a new row, or a
        row loaded by 修改 and changed)."""
        if self.rows_kind is None or not self.entry.is_bound:
            return False
        typed = claim_forms.typed_values(self.entry)
        if not any(typed.values()):
            return False
        rows = self.rows
        return not (self.editing is not None and 0 <= self.editing < len(rows)) or (
            typed != rows[self.editing]
        )

    def _keep_entry(self) -> None:
        self.entry = self.rows_kind.entry(initial=claim_forms.typed_values(self.entry))

    @property
    def rows(self) -> list[dict]:
        return self.data.get(self.rows_kind.key, []) if self.rows_kind else []

    # --- row editing (增加 / 删除 / 修改), kept on the page until 暂存 or 下一步 ---
    def row_action(self, action: str) -> None:
        rows = self.rows
        name, _sep, number = action.partition("-")
        index = int(number) if number.isdigit() else -1
        if name == "delete" and 0 <= index < len(rows):
            del rows[index]
            if self.editing == index:
                self.editing = None
                self.entry = self.rows_kind.entry()
            else:  # a row being typed or changed stays, unchecked
                if self.editing is not None and self.editing > index:
                    self.editing -= 1
                self._keep_entry()
        elif name == "edit" and 0 <= index < len(rows):
            if self.entry_typed():  # never overwrite what was typed
                self.errors.append(str(ENTRY_NOT_ADDED))
                self._keep_entry()
            else:
                self.editing = index
                self.entry = self.rows_kind.entry(initial=rows[index])
        elif name == "cancel":
            self.editing = None
            self.entry = self.rows_kind.entry()
        elif name in ("add", "update"):
            self._add_row(replace=self.editing if name == "update" else None)

    def _add_row(self, *, replace: int | None) -> None:
        entry = self.entry
        if not entry.is_valid():
            return
        typed = {
            name: value if isinstance(value, str) else str(value)
            for name, value in claim_forms.typed_values(entry).items()
        }
        rows = list(self.rows)
        if replace is not None and 0 <= replace < len(rows):
            rows[replace] = typed
            position = replace
        else:
            if len(rows) >= claim_forms.MAX_ROWS:
                entry.add_error(None, TOO_MANY_ROWS % {"count": claim_forms.MAX_ROWS})
                return
            rows.append(typed)
            position = len(rows) - 1
        trial = {**self.data, self.rows_kind.key: rows}
        problems = claim_forms.row_problems(self.rows_kind, rows, trial, self.context)
        if problems.get(position):
            for problem in problems[position]:
                entry.add_error(None, problem)
            return
        self.data[self.rows_kind.key] = rows
        self.editing = None
        self.entry = self.rows_kind.entry()

    # --- saving ---
    def save(self, *, accepted: bool) -> bool:
        """Store everything typed; the step counts as done when its check passes."""
        done = [s for s in self.data.get("done", []) if s != self.step]
        if accepted or (
            self.step in STEP_CHECKS and STEP_CHECKS[self.step](self.data, self.context).ok
        ):
            done.append(self.step)
        self.data["done"] = [s for s in STEP_KEYS if s in done]
        if self.rows_kind:
            if self.entry_typed():
                self.data[self.entry_key] = claim_forms.typed_values(self.entry)
            else:
                self.data.pop(self.entry_key, None)
        try:
            self.application = services.claim_save(
                application=self.application,
                data=self.data,
                by=self.request.user,
                expected_version=self.version,
            )
        except ValidationError as error:
            self.errors += error.messages
            return False
        return True

    def validate(self) -> bool:
        self.check = STEP_CHECKS[self.step](self.data, self.context)
        self.errors += self.check.errors
        return self.check.ok

    @property
    def form(self):
        """After 下一步 the checked form with its errors; otherwise what was typed or saved."""
        if not self.form_key:
            return None
        if self.check is not None and self.check.form is not None:
            return self.check.form
        return self._form(None, initial=self._initial())

    def render(self, *, status: int = 200, extra: dict | None = None):
        application = self.application
        person = self.context.person
        context = {
            "case": application,
            "person": person,
            "steps": STEPS,
            "step": self.step,
            "done": application.data.get("done", []),
            "version": self.version if self.version is not None else application.version,
            "form": self.form,
            "entry": self.entry,
            "editing": self.editing,
            "rows": self.rows,
            "row_problems": self.check.row_problems if self.check else {},
            "errors": self.errors,
            "rejection": _rejection(application),
            "rule": claim_forms.retirement_rule(self.data, self.context),
            **(extra or {}),
        }
        if self.rows_kind:
            context.update(
                rows=claim_forms.labelled_rows(self.rows_kind, self.rows),
                key=self.rows_kind.key,
                fields=list(self.rows_kind.form_class.base_fields),
            )
        if self.step == "basic":
            basic = self.data.get("basic", {})
            context.update(
                {
                    f"salary_{when}_total": claim_forms.salary_total(basic, when)
                    for when in ("2014", "now")
                }
            )
        return render(self.request, f"pension/step_{self.step}.html", context, status=status)


@require_http_methods(["GET", "POST"])
def step(request, pk, step):
    application = _claim(request, pk)
    if step not in STEP_KEYS[1:]:
        raise Http404
    if application.status not in case_services.EDITABLE:
        return redirect("progress:detail", pk=application.pk)
    if not _step_allowed(application, step):
        return redirect(step_url(application, current_step(application)))
    if step == "history":
        return _history(request, application)
    if step == "materials":
        return _materials(request, application)
    page = StepPage(request, application, step)
    if request.method == "GET":
        return page.render()
    action = request.POST.get("action", "next")
    if action == "save":
        if page.save(accepted=False):
            messages.success(request, DRAFT_SAVED)
            return redirect(step_url(page.application, step))
        return page.render(status=409)
    if action == "back":
        if page.save(accepted=False):
            return redirect(step_url(page.application, STEP_KEYS[STEP_KEYS.index(step) - 1]))
        return page.render(status=409)
    if action == "next":
        if page.entry_typed():
            page.errors.append(str(ENTRY_NOT_ADDED))
            page._keep_entry()
            return page.render(status=400)
        if not page.validate():
            return page.render(status=400)
        if page.save(accepted=True):
            return redirect(step_url(page.application, STEP_KEYS[STEP_KEYS.index(step) + 1]))
        return page.render(status=409)
    if page.rows_kind is None:
        raise Http404
    page.row_action(action)
    return page.render(status=400 if page.entry.errors or page.errors else 200)


def _history(request, application: Application):
    """② 缴费信息 (R-7.2): read-only, month by month; 下一步 continues."""
    if request.method == "POST":
        page = StepPage(request, application, "history")
        if page.save(accepted=True):
            return redirect(step_url(page.application, "basic"))
        history = selectors.contribution_history(application.person)
        return page.render(status=409, extra={"history": history, "months": range(1, 13)})
    page = StepPage(request, application, "history")
    history = selectors.contribution_history(application.person)
    return page.render(extra={"history": history, "months": range(1, 13)})


def _materials(request, application: Application, *, problems=None, status=200):
    """⑦ 上传资料 (R-7.7) with the shared upload component, then 提交."""
    error = None
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "upload":
            error = case_views.upload(request, application)
            if error is None:
                url = step_url(application, "materials")
                return redirect(f"{url}?material={request.POST.get('material', '')}")
            status = 400
        elif action == "save":
            messages.success(request, DRAFT_SAVED)
            return redirect("progress:in_progress")
        elif action == "back":
            return redirect(step_url(application, "bank"))
    context = case_views.materials_context(request, application, error=error)
    context.update(
        {
            "steps": STEPS,
            "step": "materials",
            "done": application.data.get("done", []),
            "person": application.person,
            "return_to": step_url(application, "materials"),
            "upload_url": step_url(application, "materials"),
            "problems": problems or {},
            "step_labels": claim_forms.STEP_LABELS,
            "rejection": _rejection(application),
        }
    )
    return render(request, "pension/step_materials.html", context, status=status)


@require_POST
def submit(request, pk):
    """提交: every step is checked again; the problems are listed per step."""
    application = _claim(request, pk)
    if application.status == Application.Status.SUBMITTED:
        messages.success(request, SUBMITTED)  # a double click: already done
        return redirect("progress:in_progress")
    if application.status not in case_services.EDITABLE:
        return redirect("progress:detail", pk=application.pk)
    problems = claim_forms.claim_problems(application.data, services.context_for(application))
    standing = services.standing_problems(application)
    if standing:
        problems = {"select": standing, **problems}
    if problems:
        messages.error(request, SUBMIT_PROBLEMS)
        return _materials(request, application, problems=problems, status=400)
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = None
    try:
        case_services.application_submit(
            application=application, by=request.user, expected_version=version
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect(step_url(application, "materials"))
    messages.success(request, SUBMITTED)
    return redirect("progress:in_progress")
