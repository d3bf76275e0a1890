"""Case steps as data (DESIGN §7): a business declares its steps once, in order; one navigation
object derives current, next, previous and reachable steps and the step bar from that declaration
and the draft's per-step state (in the spirit of django-formtools' `StepsHelper` and Open Forms'
`SubmissionState`). `progress.drafts.Draft` is the one reader of the JSON shape the steps keep
in `Application.data`:

    {"done": [step, …],            steps that 下一步 accepted (and still pass their check)
     "last_step": step,            where the agent was sent by the last save (reopening lands there)
     <data_key>: {field: value},   a step's form, as typed (strings) — or at the top level
     <table>: [row, …],            a step's row table, rows as typed
     "<table>_entry": {field: v},  the row typed above the table but not added yet
     "<table>_editing": n}         the row loaded by 修改
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field

from django import forms
from django.forms import formset_factory
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from progress.drafts import Draft, form_values, typed_anything

NO_ROWS = _("No rows.")
STEP_NOT_DONE = _("This step is not completed yet: open it and press Next.")
ENTRY_NOT_ADDED = _(
    "The row typed above the table is not in the table yet: press Add (or Save the change), "
    "or clear it first."
)
RESERVED_KEYS = {"submit", "withdraw", "files", "edit"}


@dataclass(frozen=True)
class RowTable:
    """Rows entered one at a time above a table (增加 / 删除, and 修改 where `can_edit`). The rows
    of the page travel as a Django formset of hidden fields `<key>-<n>-<field>`; the row being
    typed is a form with the prefix `entry_prefix`."""

    key: str
    form_class: type[forms.Form]
    # Columns of the table, in order: fields of the row form or names in `computed`.
    columns: tuple[str, ...]
    computed: Mapping[str, tuple[str | Promise, Callable[[dict], str]]] = field(
        default_factory=dict
    )
    can_edit: bool = False  # 修改: gives it to 职务升降 alone
    max_rows: int = 30
    entry_prefix: str = "new"
    caption: str | Promise = ""
    empty_text: str | Promise = NO_ROWS

    @property
    def formset_class(self):
        return formset_factory(
            self.form_class, extra=0, max_num=self.max_rows, absolute_max=self.max_rows
        )

    def formset(self, rows: list[dict]):
        """The rows as an unbound formset, rendered as hidden fields."""
        return self.formset_class(initial=rows, prefix=self.key)

    def rows_from_post(self, post) -> list[dict]:
        """The rows the page carried, as typed (a page without the management form has none)."""
        formset = self.formset_class(post, prefix=self.key)
        return [form_values(form) for form in formset.forms]

    def entry(self, data=None, *, initial=None) -> forms.Form:
        return self.form_class(data, initial=initial, prefix=self.entry_prefix)

    def entry_from_post(self, post) -> forms.Form:
        """The row typed above the table; unbound when nothing was typed, so an empty 新增一行
        is never checked (no false 必填)."""
        bound = self.entry(post)
        values = form_values(bound)
        return bound if typed_anything(values) else self.entry()

    def cleaned(self, row: dict) -> dict | None:
        form = self.form_class(row)
        return form.cleaned_data if form.is_valid() else None

    def headers(self) -> list[str | Promise]:
        fields = self.form_class.base_fields
        return [
            fields[name].label if name in fields else self.computed[name][0]
            for name in self.columns
        ]

    def cells(self, row: dict) -> list[str]:
        """A row as its table shows it: choice labels, computed columns, — for empty."""
        fields = self.form_class.base_fields
        cells = []
        for name in self.columns:
            if name in self.computed:
                value = self.computed[name][1](row)
            else:
                value = row.get(name, "")
                choices = getattr(fields[name], "choices", None)
                if choices is not None:
                    value = dict(choices).get(value, value)
            cells.append(value if value not in ("", None) else "—")
        return cells


@dataclass(frozen=True)
class Step:
    """One step of a case. A step with `url_name` is a page before the case exists (选择人员);
    the step with `uploads` is the shared 上传资料 page before 提交."""

    key: str
    label: str | Promise
    template: str = "progress/step_form.html"
    form_class: type[forms.Form] | None = None
    table: RowTable | None = None
    # Where the step's form is kept in the draft; None: at the top level of the data.
    data_key: str | None = None
    # What is missing: check(draft) -> StepCheck. None: the step is done once 下一步 is pressed.
    check: Callable[[Draft], StepCheck] | None = None
    # Values on first entry, from the person or the case: initial(draft) -> dict.
    initial: Callable[[Draft], dict] | None = None
    # Extra keyword arguments of the form: form_kwargs(draft) -> dict.
    form_kwargs: Callable[[Draft], dict] | None = None
    # Extra template context: context(draft, query of the page) -> dict.
    context: Callable[[Draft, Mapping], dict] | None = None
    # A file the step takes (上传 of a workbook): receive(draft, file, by=, version=) saves
    # what it carries, or raises a ValidationError shown next to the file field.
    receive: Callable | None = None
    url_name: str | None = None
    uploads: bool = False
    can_save: bool = True  # 暂存 (R-7.8: steps 3–7)
    intro: str | Promise = ""

    @property
    def in_case(self) -> bool:
        return self.url_name is None

    def form(self, draft: Draft, data=None, *, initial=None) -> forms.Form | None:
        if self.form_class is None:
            return None
        kwargs = self.form_kwargs(draft) if self.form_kwargs else {}
        return self.form_class(data, initial=initial, **kwargs)

    def initial_values(self, draft: Draft) -> dict:
        first = self.initial(draft) if self.initial else {}
        return {**first, **draft.values(self)}

    def run_check(self, draft: Draft) -> StepCheck:
        if self.check is not None:
            return self.check(draft)
        if self.form_class is not None:
            return StepCheck(form=self.form(draft, draft.values(self)))
        return StepCheck(errors=[] if self.key in draft.done else [str(STEP_NOT_DONE)])


MATERIALS = Step(
    "materials", _("Upload documents"), template="progress/step_materials.html", uploads=True
)


@dataclass
class StepCheck:
    """What a step's check found: its form (bound, with errors), problems of table rows by row
    index, and sentences about the step as a whole."""

    form: forms.Form | None = None
    row_problems: dict[int, list[str]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return (self.form is None or self.form.is_valid()) and not (
            self.row_problems or self.errors
        )

    def messages(self) -> list[str]:
        """Every problem as a sentence (for the list before 提交)."""
        found = list(self.errors)
        if self.form is not None and not self.form.is_valid():
            for name, errors in self.form.errors.items():
                label = self.form.fields[name].label if name in self.form.fields else ""
                found += [f"{label}：{error}" if label else str(error) for error in errors]
        for index, problems in sorted(self.row_problems.items()):
            found += [f"{index + 1}：{problem}" for problem in problems]
        return found


class CaseSteps:
    """A business's steps in order; the last one is 上传资料."""

    def __init__(self, *steps: Step):
        keys = [step.key for step in steps]
        if len(set(keys)) != len(keys) or RESERVED_KEYS & set(keys):
            raise ValueError(f"step keys must be unique and not a URL of the case: {keys}")
        if not steps or not steps[-1].uploads:
            raise ValueError(f"the last step is 上传资料 (progress.steps.MATERIALS): {keys}")
        self.steps = steps
        self._by_key = {step.key: step for step in steps}

    def __iter__(self) -> Iterator[Step]:
        return iter(self.steps)

    def get(self, key: str) -> Step | None:
        return self._by_key.get(key)

    def labels(self) -> dict[str, str | Promise]:
        return {step.key: step.label for step in self.steps}

    def navigation(self, draft: Draft | None, current: Step | None = None) -> Navigation:
        return Navigation(self, draft, current)

    def problems(self, draft: Draft) -> dict[str, list[str]]:
        """{step: [sentences]} for every step of the case not ready for 提交."""
        found = {}
        for step in self.steps:
            if step.in_case and not step.uploads:
                messages = step.run_check(draft).messages()
                entry = draft.entry(step.table) if step.table is not None else None
                if entry and typed_anything(entry):  # typed and 暂存'd, never added
                    messages.append(str(ENTRY_NOT_ADDED))
                if messages:
                    found[step.key] = messages
        return found


@dataclass(frozen=True)
class StepItem:
    number: int
    key: str
    label: str | Promise
    state: str  # "done", "current" or "todo"
    url: str | None  # None: not a link (the current step, or not reachable yet)


class Navigation:
    """Where a case stands: which steps are done, which may be opened, where 下一步 and 上一步
    lead, where reopening the case lands, and the step bar."""

    def __init__(self, steps: CaseSteps, draft: Draft | None, current: Step | None = None):
        """`draft` None: no case yet (the page before it, 选择人员)."""
        self.steps = steps
        self.application = draft.application if draft is not None else None
        self.done = set(draft.done) if draft is not None else set()
        self.last_step = draft.last_step if draft is not None else ""
        self.current = current

    def _is_done(self, step: Step) -> bool:
        return not step.in_case or step.key in self.done

    def is_reachable(self, step: Step) -> bool:
        """Steps go in order: one opens once every step before it was accepted."""
        if self.application is None:
            return not step.in_case
        before = self.steps.steps[: self.steps.steps.index(step)]
        return all(self._is_done(earlier) for earlier in before)

    @property
    def resume(self) -> Step:
        """Where 继续填写 / 修改 open the case: the step last saved, else the first not done."""
        last = self.steps.get(self.last_step or "")
        if last is not None and last.in_case and self.is_reachable(last):
            return last
        return next(
            (s for s in self.steps if s.in_case and not self._is_done(s)), self.steps.steps[-1]
        )

    def _neighbour(self, offset: int) -> Step | None:
        index = self.steps.steps.index(self.current) + offset
        return self.steps.steps[index] if 0 <= index < len(self.steps.steps) else None

    @property
    def next(self) -> Step | None:
        return self._neighbour(1)

    @property
    def previous(self) -> Step | None:
        return self._neighbour(-1)

    def url(self, step: Step) -> str:
        if step.url_name:
            return reverse(step.url_name)
        return reverse("progress:step", args=[self.application.pk, step.key])

    @property
    def items(self) -> list[StepItem]:
        items = []
        for number, step in enumerate(self.steps, start=1):
            if step is self.current:
                state, url = "current", None
            else:
                state = "done" if self._is_done(step) else "todo"
                url = self.url(step) if self.is_reachable(step) else None
            items.append(StepItem(number, step.key, step.label, state, url))
        return items
