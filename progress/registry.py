"""Business types register here in their `AppConfig.ready()` (养老金申领, 在职人员增加, …); the
case core never imports them and knows none of their codes. Like Open Forms' plugin registries.

A business is a subclass of `BusinessType`: its code and name, its steps (`progress.steps`), the
businesses it excludes for one person, what approval does, and how its case reads back."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import TYPE_CHECKING, ClassVar

from django.utils.functional import Promise

if TYPE_CHECKING:
    from django import forms

    from progress.drafts import Draft
    from progress.models import Application, MaterialType
    from progress.steps import CaseSteps


GENERIC_DETAIL = "progress/businesses/generic_detail.html"


class BusinessType(ABC):
    code: ClassVar[str]
    name: ClassVar[str | Promise]
    steps: ClassVar[CaseSteps]
    # Renders the submitted data on the case and review pages with `detail_context`.
    detail_template: ClassVar[str] = GENERIC_DETAIL
    # Extra fields the reviewer fills when approving: a form taking (data=None, application=…).
    approval_form: ClassVar[type[forms.Form] | None] = None
    # Businesses that may not be under way for the same person at the same time as this one
    # (either side declaring it is enough).
    exclusive_with: ClassVar[frozenset[str]] = frozenset()

    @abstractmethod
    def approve(self, *, application: Application, by, data: dict) -> None:
        """What approval does, inside the approval transaction. A ValidationError rolls the
        approval back and is shown to the reviewer."""

    def draft(self, application: Application) -> Draft:
        """The typed view of the case's data that the steps read (the business's own class)."""
        from progress.drafts import Draft

        return Draft(application)

    def validate(self, application: Application) -> dict[str, list[str]]:
        """Why the case cannot be submitted yet, as sentences keyed by step (empty: ready).
        By default every step's check is run again, as 下一步 ran it."""
        return self.steps.problems(self.draft(application))

    def detail_context(self, application: Application, query=None) -> dict:
        """What `detail_template` shows (the case page and the review page); `query`: the
        page's query parameters (a batch's rows are paged)."""
        return {}

    def material_required(self, application: Application, material_type: MaterialType) -> bool:
        return material_type.required

    def start_again(self, application: Application, *, by) -> Application | None:
        """A draft for the person of a withdrawn case, started as the business starts one (its
        conditions checked, a case under way returned as is); None: not offered."""
        return None


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


def choices() -> list[tuple[str, str]]:
    """(code, name) of every registered business, for choice fields (a callable `choices`)."""
    return [(business.code, str(business.name)) for business in all_types()]


def label(code: str) -> str:
    """The business name shown to users."""
    business = get(code)
    return str(business.name) if business is not None else code


def detail_of(application: Application, query=None) -> tuple[str, dict]:
    """The template and context that show a case's data; a business no longer registered
    still shows its raw data."""
    business = get(application.business_code)
    if business is None:
        return GENERIC_DETAIL, {}
    return business.detail_template, business.detail_context(application, query)


def exclusive_codes(code: str) -> set[str]:
    """The businesses that may not be under way beside `code` for one person, declared on
    either side."""
    own = get(code)
    declared = set(own.exclusive_with) if own is not None else set()
    return declared | {business.code for business in all_types() if code in business.exclusive_with}
