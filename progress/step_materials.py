"""⑦ 上传资料 of every case (R-7.7, R-8.2): the upload component, 暂存 / 上一步, then 提交 —
the part of the one case-step view (`progress.step_views.StepPage`) that the last step runs."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _

from progress import selectors, services
from progress.drafts import PageInput, parse_action, parse_number
from progress.forms import UploadForm

DRAFT_SAVED = _("The draft was saved; continue it any time under “In progress”.")
UNKNOWN_BUTTON = _("This button is not known here; nothing was saved.")
UPLOADED = _("“%(name)s” was uploaded.")
UNKNOWN_MATERIAL = _("Choose the kind of document first.")


class MaterialsStep:
    """Mixed into `StepPage`: its request, case, business, navigation and render."""

    def materials(self, *, problems: dict | None = None, status: int = 200):
        """⑦ 上传资料 (R-7.7, R-8.2): the upload component, then 提交."""
        error = None
        if self.request.method == "POST" and problems is None:
            post = self.request.POST
            if post.get("action", "upload") == "upload":
                error = self._upload()
                if error is None:
                    url = self.navigation.url(self.step)
                    return redirect(f"{url}?material={post.get('material', '')}")
                status = 400
            else:
                self.version = parse_number(post.get("version"))
                action = parse_action(post.get("action"))
                if action is not None and action.name == "save":
                    return self._save(PageInput(), lands_on=self.step, message=DRAFT_SAVED)
                if action is not None and action.name == "back" and self.navigation.previous:
                    return self._save(PageInput(), lands_on=self.navigation.previous)
                self.errors.append(str(UNKNOWN_BUTTON))
                status = 400
        return self.render(status=status, extra=self._materials_context(error, problems))

    def _upload(self) -> str | None:
        """Store the file posted: None when stored, else why it was refused."""
        form = UploadForm(self.request.POST, self.request.FILES)
        slots = {s.material_type.code: s for s in selectors.material_slots(self.application)}
        if not form.is_valid():
            return UNKNOWN_MATERIAL if "material" in form.errors else form.errors["file"][0]
        if form.cleaned_data["material"] not in slots:
            return UNKNOWN_MATERIAL
        try:
            attachment = services.attachment_add(
                application=self.application,
                material_type=slots[form.cleaned_data["material"]].material_type,
                upload=form.cleaned_data["file"],
                by=self.request.user,
            )
        except ValidationError as problem:
            return problem.messages[0]
        messages.success(self.request, UPLOADED % {"name": attachment.original_name})
        return None

    def _materials_context(self, error, problems) -> dict:
        request, application = self.request, self.application
        slots = selectors.material_slots(application)
        selected = request.GET.get("material") or request.POST.get("material") or ""
        if not selected and slots:
            selected = slots[0].material_type.code
        labels = self.business.steps.labels()
        return {
            "slots": slots,
            "selected": selected,
            "upload_error": error,
            "missing": [s.material_type for s in slots if s.missing],
            "editable": application.status in services.EDITABLE,
            "return_to": self.navigation.url(self.step),  # also when 提交 shows this page
            "upload_url": self.navigation.url(self.step),
            "problems": [
                (
                    labels.get(key, ""),
                    self.navigation.url(self.business.steps.get(key))
                    if key in labels and self.business.steps.get(key).in_case
                    else None,
                    found,
                )
                for key, found in (problems or {}).items()
            ],
        }
