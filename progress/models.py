"""The business case every online business shares (DESIGN §3): status machine, timeline,
material types and uploaded attachments."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from progress import registry


class Application(models.Model):
    """A unit's case (业务) of one of the businesses registered in `progress.registry` — a
    pension claim, a staff addition or reduction, …"""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted, awaiting review")
        REJECTED = "rejected", _("Not approved")
        APPROVED = "approved", _("Approved")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    IN_PROGRESS = (Status.DRAFT, Status.SUBMITTED, Status.REJECTED)
    FINISHED = (Status.APPROVED, Status.WITHDRAWN)

    unit = models.ForeignKey(
        "roster.Unit",
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=_("unit"),
    )
    business_code = models.CharField(_("business"), max_length=30, db_index=True)
    person = models.ForeignKey(
        "roster.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="applications",
        verbose_name=_("person"),
    )
    # A person still to be registered (新登记) is known by ID only until approval.
    subject_name = models.CharField(_("person's name"), max_length=50, blank=True)
    subject_id_number = models.CharField(_("person's ID number"), max_length=30, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    # 业务流水号, issued at the first 提交 and kept through 修改 and resubmission.
    reference = models.CharField(_("reference number"), max_length=24, blank=True)
    data = models.JSONField(_("business data"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["unit", "status", "submitted_at"], name="application_unit_status"),
            models.Index(fields=["status", "submitted_at"], name="application_review_queue"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["draft", "submitted", "rejected", "approved", "withdrawn"]),
                name="application_status_known",
            ),
            # A person still to be registered has one case of a business under way at a time,
            # whatever the concurrency (two tabs, two units typing the same new ID number).
            models.UniqueConstraint(
                fields=["reference"],
                condition=~Q(reference=""),
                name="application_reference_unique",
            ),
            models.UniqueConstraint(
                fields=["business_code", "subject_id_number"],
                condition=Q(status__in=["draft", "submitted", "rejected"])
                & ~Q(subject_id_number=""),
                name="application_one_open_case_per_subject",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.business_name} #{self.pk}"

    @property
    def business_name(self) -> str:
        return registry.label(self.business_code)

    @property
    def display_name(self) -> str:
        return self.person.name if self.person_id else self.subject_name

    @property
    def display_id_number(self) -> str:
        return self.person.id_number if self.person_id else self.subject_id_number


class CaseRow(models.Model):
    """One person of a case about many (批量增员, 批量减员): the row's line in the uploaded file,
    the person on record (None: still to be registered), the ID, and the row's data in the shape
    the business's single-person case keeps. The exclusivity of businesses for one person
    (`selectors.exclusive_case`) sees these persons as it sees a case's own."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="rows", verbose_name=_("case")
    )
    line = models.PositiveIntegerField(_("line"))
    person = models.ForeignKey(
        "roster.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("person"),
    )
    id_number = models.CharField(_("ID number"), max_length=30, db_index=True)
    name = models.CharField(_("name"), max_length=50)
    data = models.JSONField(_("business data"), default=dict, blank=True)

    class Meta:
        verbose_name = _("case row")
        verbose_name_plural = _("case rows")
        ordering = ["application", "line"]
        constraints = [
            models.UniqueConstraint(fields=["application", "line"], name="case_row_line"),
        ]
        indexes = [models.Index(fields=["person"], name="case_row_person")]

    def __str__(self) -> str:
        return f"{self.application_id}:{self.line} {self.name}"


class ApplicationEvent(models.Model):
    """One step of a case's timeline; rows are only ever added."""

    class Action(models.TextChoices):
        CREATED = "created", _("Saved as draft")  # 已暂存
        SAVED = "saved", _("Draft saved")
        SUBMITTED = "submitted", _("Submitted, awaiting review")  # 已提交，待审核
        REJECTED = "rejected", _("Not approved")  # 审核不通过
        APPROVED = "approved", _("Approved")  # 审核通过
        WITHDRAWN = "withdrawn", _("Withdrawn")  # 已撤回

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="events", verbose_name=_("case")
    )
    at = models.DateTimeField(_("time"), auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("by"),
    )
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    from_status = models.CharField(_("from"), max_length=10, blank=True)
    to_status = models.CharField(_("to"), max_length=10)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("case event")
        verbose_name_plural = _("case events")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        at = timezone.localtime(self.at)  # Beijing time, as every page shows it
        return f"{self.get_action_display()} {at:%Y-%m-%d %H:%M}"


class MaterialType(models.Model):
    """A kind of supporting document (材料) a business asks for."""

    business_code = models.CharField(_("business"), max_length=30, choices=registry.choices)
    code = models.CharField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=60)
    required = models.BooleanField(_("required"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    hint = models.CharField(_("hint"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("material type")
        verbose_name_plural = _("material types")
        ordering = ["business_code", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["business_code", "code"], name="material_type_code"),
        ]

    def __str__(self) -> str:
        return self.name


class Attachment(models.Model):
    """An uploaded document, stored under a random name, never served as a static file."""

    application = models.ForeignKey(
        Application,
        on_delete=models.CASCADE,
        related_name="attachments",
        verbose_name=_("case"),
    )
    material_type = models.ForeignKey(
        MaterialType, on_delete=models.PROTECT, related_name="+", verbose_name=_("material")
    )
    original_name = models.CharField(_("file name"), max_length=120)
    size = models.PositiveIntegerField(_("size"))
    content_type = models.CharField(pgettext_lazy("attachment", "content type"), max_length=40)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    stored_name = models.CharField(_("stored as"), max_length=200, unique=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.original_name


class ReferenceSequence(models.Model):
    """The last 业务流水号 issued in a county on a day: the number is the county code, the date
    and this sequence (360102 20261202 0001). Its row lock serialises two submissions of one
    county; a submission that rolls back takes its number back with it."""

    county = models.ForeignKey(
        "roster.County", on_delete=models.CASCADE, related_name="+", verbose_name=_("county")
    )
    day = models.DateField(_("day"))
    last = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("reference sequence")
        verbose_name_plural = _("reference sequences")
        constraints = [
            models.UniqueConstraint(fields=["county", "day"], name="reference_sequence_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.county_id} {self.day}: {self.last}"


from progress.notice_models import Notice  # noqa: E402, F401 — models of this app
from progress.service_models import CalendarDay, Rating, ServiceGuide  # noqa: E402, F401
