"""Business types register here in their `AppConfig.ready()` (养老金申领, 在职人员增加, …); the
case core never imports them. Like Open Forms' plugin registries."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.functional import Promise


@dataclass(frozen=True)
class BusinessType:
    code: str
    name: str | Promise
    # Renders the submitted data on the case and review pages.
    detail_template: str = "progress/businesses/generic_detail.html"
    # Runs inside the approval transaction: approve(application=, by=, data=) -> None.
    approve: Callable[..., None] = field(default=lambda **kwargs: None)
    # Where the agent edits a draft or a rejected case (继续填写 / 修改): a callable(application).
    edit_url: Callable[..., str] | None = None
    # Extra fields the reviewer fills when approving: a Django form class taking
    # (data=None, application=...), or None.
    approval_form: type | None = None
    # Why the case cannot be submitted yet: validate(application) -> list of sentences.
    validate: Callable[..., list[str]] | None = None
    # Whether a required material type is required for this case (e.g. waived for a reason).
    material_required: Callable[..., bool] | None = None

    def requires(self, application, material_type) -> bool:
        if not material_type.required:
            return False
        if self.material_required is None:
            return True
        return self.material_required(application, material_type)


_registry: dict[str, BusinessType] = {}


def register(business: BusinessType) -> BusinessType:
    _registry[business.code] = business
    return business


def unregister(code: str) -> None:
    _registry.pop(code, None)


def get(code: str) -> BusinessType | None:
    return _registry.get(code)


def all_types() -> list[BusinessType]:
    return sorted(_registry.values(), key=lambda business: business.code)


def label(code: str) -> str:
    """The business name shown to users; known types even before their app registers."""
    business = get(code)
    if business is not None:
        return str(business.name)
    from progress.models import Application

    return str(dict(Application.BusinessCode.choices).get(code, code))
