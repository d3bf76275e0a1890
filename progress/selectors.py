"""Reads of cases, scoped to a unit (agents) or a county (counter staff)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse

from portal.counting import CompiledCount
from progress import registry, rules
from progress.models import (
    Application,
    ApplicationEvent,
    Attachment,
    CaseRow,
    MaterialType,
    Notice,
    Rating,
    ServiceGuide,
)

# What a list of cases shows: not the business data, nor the person's other fields.
LISTED = (
    "reference",
    "business_code",
    "status",
    "subject_name",
    "subject_id_number",
    "created_at",
    "submitted_at",
    "finished_at",
    "person__name",
    "person__id_number",
)


def _with_latest_event(cases: QuerySet[Application]) -> QuerySet[Application]:
    latest = ApplicationEvent.objects.filter(application=OuterRef("pk")).order_by("-at", "-id")
    return (
        cases.select_related("person")
        .only(*LISTED)
        .annotate(
            latest_action=Subquery(latest.values("action")[:1]),
            latest_note=Subquery(latest.values("note")[:1]),
        )
    )


def _filtered(
    cases,
    *,
    business: str = "",
    person: str = "",
    reference: str = "",
    submitted_from: datetime.date | None = None,
    submitted_to: datetime.date | None = None,
):
    if business:
        cases = cases.filter(business_code=business)
    if person:
        person = person.strip()
        cases = cases.filter(
            Q(person__name__contains=person)
            | Q(person__personal_code=person)
            | Q(person__id_number=person.upper())
            | Q(subject_name__contains=person)
            | Q(subject_id_number=person.upper())
        )
    if reference:
        cases = cases.filter(reference=reference.strip())
    if submitted_from:
        cases = cases.filter(submitted_at__date__gte=submitted_from)
    if submitted_to:
        cases = cases.filter(submitted_at__date__lte=submitted_to)
    return cases


def cases_in_progress(*, unit, **filters) -> QuerySet[Application]:
    """办理中 (R-9.2): drafts, submitted and rejected cases of the unit."""
    cases = Application.objects.filter(unit=unit, status__in=Application.IN_PROGRESS)
    return _with_latest_event(_filtered(cases, **filters)).order_by("-created_at", "-id")


def cases_completed(*, unit, **filters) -> QuerySet[Application]:
    """已办结 (R-9.1): approved and withdrawn cases of the unit."""
    cases = Application.objects.filter(unit=unit, status__in=Application.FINISHED)
    return _with_latest_event(_filtered(cases, **filters)).order_by("-finished_at", "-id")


def case_for_unit(*, unit, pk: int) -> Application:
    """The unit's own case; another unit's is a 404."""
    return get_object_or_404(Application.objects.select_related("person", "unit"), unit=unit, pk=pk)


def open_cases(*, unit, business: str, person_ids) -> dict[int, Application]:
    """The unit's cases of `business` under way for these persons, by person id (one query)."""
    cases = Application.objects.filter(
        unit=unit,
        business_code=business,
        status__in=Application.IN_PROGRESS,
        person_id__in=list(person_ids),
    ).order_by("created_at")
    return {case.person_id: case for case in cases}


def exclusive_case(*, person, business: str, exclude=None) -> Application | None:
    """An open case, in any unit, of a business that may not run beside `business` for this
    person (declared by either business, `BusinessType.exclusive_with`) — a case of the person
    or a batch with the person among its rows. `exclude`: the case asking."""
    codes = registry.exclusive_codes(business)
    if person is None or not codes:
        return None
    in_rows = CaseRow.objects.filter(person=person).values("application_id")
    return (
        _open_of(codes, exclude)
        .filter(Q(person=person) | Q(pk__in=in_rows))
        .order_by("created_at")
        .first()
    )


def _open_of(codes, exclude) -> QuerySet[Application]:
    cases = Application.objects.filter(business_code__in=codes, status__in=Application.IN_PROGRESS)
    return cases.exclude(pk=exclude.pk) if exclude is not None else cases


def exclusive_cases(*, person_ids, business: str, exclude=None) -> dict[int, Application]:
    """`exclusive_case` for many persons at once, by person id (two queries)."""
    codes = registry.exclusive_codes(business)
    person_ids = list(person_ids)
    if not codes or not person_ids:
        return {}
    found = {}
    for case in _open_of(codes, exclude).filter(person_id__in=person_ids).order_by("-created_at"):
        found[case.person_id] = case
    rows = CaseRow.objects.filter(
        person_id__in=person_ids, application__in=_open_of(codes, exclude)
    ).select_related("application")
    for row in rows.order_by("-application__created_at"):
        found.setdefault(row.person_id, row.application)
    return found


def open_cases_by_id_number(*, id_numbers, businesses, exclude=None) -> dict[str, Application]:
    """Open cases of `businesses` for persons still known by their ID number only (a 新登记,
    alone or as a batch row), by ID number (two queries)."""
    id_numbers = [number for number in id_numbers if number]
    if not id_numbers:
        return {}
    open_cases = _open_of(businesses, exclude)
    found = {}
    for case in open_cases.filter(subject_id_number__in=id_numbers).order_by("-created_at"):
        found[case.subject_id_number] = case
    rows = CaseRow.objects.filter(id_number__in=id_numbers, application__in=open_cases)
    for row in rows.select_related("application").order_by("-application__created_at"):
        found.setdefault(row.id_number, row.application)
    return found


def case_for_county(*, county, pk: int) -> Application:
    return get_object_or_404(
        Application.objects.select_related("person", "unit", "unit__county"),
        unit__county=county,
        pk=pk,
    )


def review_queue(
    *, county, business: str = "", unit_code: str = "", reference: str = ""
) -> QuerySet[Application]:
    """The county's submitted cases, oldest first."""
    cases = Application.objects.filter(unit__county=county, status=Application.Status.SUBMITTED)
    if business:
        cases = cases.filter(business_code=business)
    if reference:
        cases = cases.filter(reference=reference.strip())
    if unit_code:
        cases = cases.filter(unit__code=unit_code.strip())
    return (
        cases.select_related("person", "unit")
        .only(*LISTED, "unit__name", "unit__code")
        .order_by("submitted_at", "id")
    )


_IN_PROGRESS = CompiledCount(
    lambda unit_id: Application.objects.filter(unit_id=unit_id, status__in=Application.IN_PROGRESS)
)
_AWAITING_REVIEW = CompiledCount(
    lambda county_id: Application.objects.filter(
        unit__county_id=county_id, status=Application.Status.SUBMITTED
    )
)


def count_in_progress(unit_id: int) -> int:
    """办理中 (N) in the nav bar of every agent's page."""
    return _IN_PROGRESS(unit_id)


def count_awaiting_review(county_id: int) -> int:
    """待审核 (N) in the nav bar of every counter staff page."""
    return _AWAITING_REVIEW(county_id)


@dataclass(frozen=True)
class MaterialSlot:
    material_type: MaterialType
    attachments: list[Attachment]
    required: bool

    @property
    def missing(self) -> bool:
        return self.required and not self.attachments


def _required(application: Application, material_type: MaterialType) -> bool:
    business = registry.get(application.business_code)
    if business is None or not material_type.required:
        return material_type.required
    return business.material_required(application, material_type)


def material_slots(application: Application) -> list[MaterialSlot]:
    """The business's material types with the case's files of each (two queries)."""
    attachments = list(application.attachments.order_by("uploaded_at", "id"))
    return [
        MaterialSlot(
            material_type,
            [a for a in attachments if a.material_type_id == material_type.pk],
            _required(application, material_type),
        )
        for material_type in MaterialType.objects.filter(
            business_code=application.business_code
        ).order_by("order", "id")
    ]


def missing_materials(application: Application) -> list[MaterialType]:
    return [slot.material_type for slot in material_slots(application) if slot.missing]


def attachment_of_case(application: Application, pk: int) -> Attachment:
    return get_object_or_404(application.attachments.select_related("material_type"), pk=pk)


def rejection(application: Application) -> ApplicationEvent | None:
    """The return (审核不通过) a rejected case answers, with the reviewer's reason."""
    if application.status != Application.Status.REJECTED:
        return None
    return application.events.filter(action=ApplicationEvent.Action.REJECTED).last()


def resume_url(application: Application) -> str:
    """Where 继续填写 / 修改 lead: the step where the case was last saved."""
    business = registry.get(application.business_code)
    if business is None:  # a business no longer offered: its case can only be read
        return reverse("progress:detail", args=[application.pk])
    navigation = business.steps.navigation(business.draft(application))
    return navigation.url(navigation.resume)


def timeline(application: Application) -> QuerySet[ApplicationEvent]:
    return application.events.select_related("actor").order_by("at", "id")


def service_guide(business_code: str):
    """办事指南 of an offered business and its 材料清单 (a 404 for any other code)."""
    if registry.get(business_code) is None:
        raise Http404
    guide = get_object_or_404(ServiceGuide, business_code=business_code)
    materials = MaterialType.objects.filter(business_code=business_code).order_by("order", "id")
    return guide, list(materials)


_UNREAD = CompiledCount(
    lambda unit_id: Notice.objects.filter(unit_id=unit_id, read_at__isnull=True)
)


def count_unread_notices(unit_id: int) -> int:
    """消息 (N) in the nav bar of every agent's page."""
    return _UNREAD(unit_id)


def notices_for(*, unit) -> QuerySet[Notice]:
    """The unit's message box, newest first, with the case each notice is about."""
    return (
        Notice.objects.filter(unit=unit)
        .select_related("application__person")
        .order_by("-created_at", "-id")
    )


def notice_of_unit(*, unit, pk: int) -> Notice:
    return get_object_or_404(Notice.objects.select_related("application"), unit=unit, pk=pk)


def low_ratings(*, county, follow_up: str = "") -> QuerySet[Rating]:
    """The county's 差评, the ones still to follow up first."""
    ratings = Rating.objects.filter(
        application__unit__county=county, level__in=rules.LOW_LEVELS
    ).select_related("application__unit", "application__person")
    if follow_up:
        ratings = ratings.filter(follow_up=follow_up)
    return ratings.order_by("-follow_up", "rated_at", "id")


def low_rating_of_county(*, county, pk: int) -> Rating:
    return get_object_or_404(low_ratings(county=county), pk=pk)


def rating_summary(*, county, since) -> dict:
    """Counts of the county's ratings since a day: {(business, level): n}, with totals."""
    rows = (
        Rating.objects.filter(application__unit__county=county, rated_at__gte=since)
        .values_list("application__business_code", "level")
        .annotate(count=Count("id"))
    )
    return {(business, level): count for business, level, count in rows}
