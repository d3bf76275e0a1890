"""The province's data: counties, units, insured persons, insurance relations, monthly
contributions, deemed-contribution periods and retirements (DESIGN §3)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from portal.identity import (
    normalise_resident_id,
    resident_id_birth_date,
    resident_id_sex,
    validate_credit_code,
    validate_unit_code,
)
from portal.yearmonth import YearMonthField

# The 机关事业单位 pension scheme of Jiangxi began in October 2014; earlier service counts as
# deemed contribution (视同缴费).
SCHEME_START = "2014-10"

PERSON_BIRTH_DATE_MISMATCH = _("The date of birth does not match the resident ID number.")
PERSON_SEX_MISMATCH = _("The sex does not match the resident ID number.")


class County(models.Model):
    """区县 — an administrative county (GB/T 2260 code); counter staff belong to one."""

    code = models.CharField(_("county code"), max_length=6, unique=True)
    name = models.CharField(_("name"), max_length=50)
    city = models.CharField(_("city"), max_length=50)

    class Meta:
        verbose_name = _("county")
        verbose_name_plural = _("counties")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.city}{self.name}"


class Unit(models.Model):
    """单位 — a government agency or public institution insured in the scheme."""

    class Type(models.TextChoices):
        AGENCY = "agency", _("Government agency")  # 机关
        CIVIL_SERVICE_INSTITUTION = (
            "civil_institution",
            _("Public institution managed as civil service"),
        )  # 参公事业单位
        INSTITUTION = "institution", _("Public institution")  # 事业单位

    class Status(models.TextChoices):
        ACTIVE = "active", _("Contributing")  # 正常参保
        SUSPENDED = "suspended", _("Suspended")  # 暂停缴费
        CLOSED = "closed", _("Closed")  # 注销

    code = models.CharField(
        _("unit code"), max_length=12, unique=True, validators=[validate_unit_code]
    )
    name = models.CharField(_("unit name"), max_length=100, db_index=True)
    credit_code = models.CharField(
        _("unified social credit code"),
        max_length=18,
        unique=True,
        validators=[validate_credit_code],
    )
    unit_type = models.CharField(_("unit type"), max_length=20, choices=Type.choices)
    county = models.ForeignKey(
        County, on_delete=models.PROTECT, related_name="units", verbose_name=_("county")
    )
    legal_representative = models.CharField(_("legal representative"), max_length=50)
    address = models.CharField(_("address"), max_length=200)
    phone = models.CharField(_("phone"), max_length=30)
    insured_since = YearMonthField(_("insured since"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(code__regex=r"^([0-9]{10}|[0-9]{12})$"),
                name="unit_code_10_or_12_digits",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.code}）"


class Person(models.Model):
    """参保人员 — an insured person, known by a personal code (个人代码).

    Personal codes are 12 digits: the 6-digit code of the county where the person was first
    registered, then a 6-digit sequence within that county.
    """

    class IdType(models.TextChoices):
        RESIDENT_ID = "resident_id", _("Resident ID card")  # 居民身份证
        HK_MACAO_RESIDENCE = "hk_macao", _("Residence permit for Hong Kong and Macao residents")
        TAIWAN_RESIDENCE = "taiwan", _("Residence permit for Taiwan residents")
        FOREIGN_PERMANENT = "foreign_permanent", _("Foreigner's permanent residence ID card")
        PASSPORT = "passport", _("Passport")

    class Sex(models.TextChoices):
        MALE = "M", _("Male")
        FEMALE = "F", _("Female")

    class StaffCategory(models.TextChoices):
        CADRE = "cadre", _("Cadre")  # 干部
        WORKER = "worker", _("Worker")  # 工人

    personal_code = models.CharField(_("personal code"), max_length=12, unique=True)
    name = models.CharField(_("name"), max_length=50, db_index=True)
    id_type = models.CharField(
        _("ID type"), max_length=20, choices=IdType.choices, default=IdType.RESIDENT_ID
    )
    id_number = models.CharField(_("ID number"), max_length=30)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices)
    birth_date = models.DateField(_("date of birth"))
    ethnicity = models.CharField(_("ethnicity"), max_length=20, default="汉族")
    nationality = models.CharField(_("nationality"), max_length=30, default="中国")
    work_start_date = models.DateField(_("date started work"))  # 参加工作日期
    staff_category = models.CharField(
        _("cadre or worker"), max_length=10, choices=StaffCategory.choices
    )
    phone = models.CharField(_("mobile phone"), max_length=20, blank=True)
    address = models.CharField(_("contact address"), max_length=200, blank=True)
    household_type = models.CharField(
        _("household registration type"), max_length=10, blank=True
    )  # 户籍性质
    household_address = models.CharField(
        _("household registration address"), max_length=200, blank=True
    )  # 户籍地址
    education = models.CharField(_("education"), max_length=20, blank=True)  # 学历
    death_date = models.DateField(_("date of death"), null=True, blank=True)
    # The unit of the latest insurance relation: whose insured persons the person is among.
    # Computed by the database whenever the row or a relation is written (roster/triggers.py):
    # a value written here is replaced.
    current_unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        editable=False,
        db_index=False,  # the index below serves it, sorted by personal code
        related_name="current_persons",
        verbose_name=_("current unit"),
    )

    class Meta:
        verbose_name = _("insured person")
        verbose_name_plural = _("insured persons")
        ordering = ["personal_code"]
        indexes = [
            models.Index(fields=["current_unit", "personal_code"], name="person_current_unit"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["id_type", "id_number"], name="person_unique_id"),
            models.CheckConstraint(condition=Q(sex__in=["M", "F"]), name="person_sex_m_or_f"),
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.personal_code}）"

    def clean(self) -> None:
        """A resident ID number must be valid and agree with the recorded sex and birth date."""
        if self.id_type != self.IdType.RESIDENT_ID or not self.id_number:
            return
        try:
            self.id_number = normalise_resident_id(self.id_number)
        except ValidationError as error:
            raise ValidationError({"id_number": error}) from None
        errors = {}
        if self.birth_date and self.birth_date != resident_id_birth_date(self.id_number):
            errors["birth_date"] = PERSON_BIRTH_DATE_MISMATCH
        if self.sex and self.sex != resident_id_sex(self.id_number):
            errors["sex"] = PERSON_SEX_MISMATCH
        if errors:
            raise ValidationError(errors)


class InsuranceRelation(models.Model):
    """参保关系 — a person insured through a unit in the 机关事业单位 pension scheme."""

    class Scheme(models.TextChoices):
        PUBLIC_SECTOR_PENSION = (
            "public_pension",
            _("Basic pension insurance for government agencies and public institutions"),
        )  # 机关事业单位基本养老保险

    class Status(models.TextChoices):
        ACTIVE = "active", _("Contributing")  # 参保缴费
        SUSPENDED = "suspended", _("Contributions suspended")  # 暂停缴费
        ENDED = "ended", _("Ended")  # 终止

    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="relations", verbose_name=_("person")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="relations", verbose_name=_("unit")
    )
    scheme = models.CharField(
        _("scheme"), max_length=20, choices=Scheme.choices, default=Scheme.PUBLIC_SECTOR_PENSION
    )
    occupational_annuity = models.BooleanField(_("occupational annuity"), default=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    start_month = YearMonthField(_("insured from"))
    end_month = YearMonthField(_("insured until"), null=True, blank=True)
    contribution_base = models.DecimalField(_("contribution base"), max_digits=10, decimal_places=2)

    class Meta:
        verbose_name = _("insurance relation")
        verbose_name_plural = _("insurance relations")
        ordering = ["-start_month"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(status="active"),
                name="relation_one_active_per_person",
            ),
            models.CheckConstraint(
                condition=Q(end_month__isnull=True) | Q(end_month__gte=models.F("start_month")),
                name="relation_end_not_before_start",
            ),
            models.CheckConstraint(
                condition=Q(contribution_base__gte=0), name="relation_base_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["active", "suspended", "ended"]),
                name="relation_status_known",
            ),
        ]
        indexes = [
            models.Index(fields=["unit", "status", "start_month"], name="relation_unit_status"),
        ]

    def __str__(self) -> str:
        return f"{self.person.name} @ {self.unit.name}（{self.get_status_display()}）"


class Contribution(models.Model):
    """缴费记录 — one month of contributions of a person through a unit."""

    class Status(models.TextChoices):
        PAID = "paid", _("Paid")  # 已实缴
        DUE = "due", _("Due but unpaid")  # 应缴未缴

    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="contributions", verbose_name=_("person")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="contributions", verbose_name=_("unit")
    )
    month = YearMonthField(_("month"))
    base = models.DecimalField(_("contribution base"), max_digits=10, decimal_places=2)
    unit_amount = models.DecimalField(_("unit contribution"), max_digits=10, decimal_places=2)
    personal_amount = models.DecimalField(
        _("personal contribution"), max_digits=10, decimal_places=2
    )
    status = models.CharField(_("status"), max_length=4, choices=Status.choices)

    class Meta:
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        ordering = ["person", "month"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "unit", "month"], name="contribution_one_per_person_unit_month"
            ),
            models.CheckConstraint(
                condition=Q(base__gte=0) & Q(unit_amount__gte=0) & Q(personal_amount__gte=0),
                name="contribution_amounts_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["paid", "due"]), name="contribution_status_known"
            ),
        ]
        indexes = [
            models.Index(fields=["unit", "status", "month"], name="contribution_unit_status"),
            models.Index(fields=["person", "month"], name="contribution_person_month"),
        ]

    def __str__(self) -> str:
        return f"{self.person.name} {self.month}（{self.get_status_display()}）"


class DeemedPeriod(models.Model):
    """视同缴费 — a period of service before the scheme began (2014-10) that counts as paid."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="deemed_periods", verbose_name=_("person")
    )
    start_month = YearMonthField(_("from"))
    end_month = YearMonthField(_("until"))
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("deemed contribution period")
        verbose_name_plural = _("deemed contribution periods")
        ordering = ["person", "start_month"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_month__gte=models.F("start_month")),
                name="deemed_end_not_before_start",
            ),
            models.CheckConstraint(
                condition=Q(end_month__lt="2014-10-01"), name="deemed_before_scheme_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person.name} {self.start_month}–{self.end_month}"

    @property
    def months(self) -> int:
        return self.start_month.months_through(self.end_month)


class Retirement(models.Model):
    """离退休 — a person's retirement, with the approved monthly pension."""

    class Type(models.TextChoices):
        NORMAL = "normal", _("Normal retirement")  # 正常退休
        FLEXIBLE_EARLY = "flexible_early", _("Flexible early retirement")  # 弹性提前退休
        FLEXIBLE_LATE = "flexible_late", _("Flexible deferred retirement")  # 弹性延迟退休
        SPECIAL_JOB = "special_job", _("Early retirement for special jobs")  # 特殊工种提前退休

    person = models.OneToOneField(
        Person, on_delete=models.PROTECT, related_name="retirement", verbose_name=_("person")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="retirements", verbose_name=_("unit")
    )
    retirement_date = models.DateField(_("retirement date"))
    retirement_type = models.CharField(_("retirement type"), max_length=20, choices=Type.choices)
    monthly_pension = models.DecimalField(_("monthly pension"), max_digits=10, decimal_places=2)

    class Meta:
        verbose_name = _("retirement")
        verbose_name_plural = _("retirements")
        ordering = ["-retirement_date"]
        indexes = [
            models.Index(fields=["unit", "retirement_date"], name="retirement_unit_date"),
        ]

    def __str__(self) -> str:
        return f"{self.person.name} {self.retirement_date:%Y-%m-%d}"


from roster.certificate_models import Certificate  # noqa: E402, F401 (kept apart for length)
