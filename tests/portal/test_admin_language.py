"""Django admin speaks Chinese throughout (R-1.1) and tells times in Beijing time: every
registered model's list, add and change pages, as a superuser sees them."""

from __future__ import annotations

import datetime
import re
from html.parser import HTMLParser

import pytest
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from portal.models import AuditEvent
from progress.models import Application, ApplicationEvent, Attachment, MaterialType
from tests.factories import (
    AgentFactory,
    ContributionFactory,
    DeemedPeriodFactory,
    InsuranceRelationFactory,
    RetirementFactory,
    UnitFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
# 2026-03-01 16:30 UTC: 2026-03-02 00:30 in Beijing.
INSTANT = datetime.datetime(2026, 3, 1, 16, 30, tzinfo=datetime.UTC)
# What may stay in Latin letters: abbreviations the portal's own pages use, file types, units
# of size, and the data made below (a username, an address, a user agent).
ALLOWED = {
    "ID",
    "IP",
    "APP",
    "PDF",
    "JPEG",
    "PNG",
    "SHA",
    "KB",
    "MB",
    "OTP",
    "URL",
    "HTTP",
    # Django's own Chinese: "Unicode 字母" (a username), "Control 键或 Mac 上的 Command 键" (a
    # multiple choice), "单一登入或LDAP" (the active flag).
    "Unicode",
    "Control",
    "Mac",
    "Command",
    "LDAP",
}
# Data that is a code, not a word: hex digests, verification codes, e-mail addresses, a file
# name's extension.
CODES = re.compile(
    r"\b[0-9a-f]{12,}…?|\b[A-Z0-9]{4}(?:-[A-Z0-9]{4}){3}\b|[\w.+-]+@[\w.-]+|\.(?:pdf|jpg|png)\b"
)
# <bdi> holds a password hash's parts (algorithm, salt, hash) on a user's page: codes too.
SKIPPED_TAGS = {"script", "style", "template", "noscript", "bdi"}
VISIBLE_ATTRIBUTES = {"title", "placeholder", "alt", "aria-label"}


class VisibleText(HTMLParser):
    """The words a user reads: text outside scripts and styles, tooltips, placeholders, and
    the labels of buttons — not markup, class names or URLs."""

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in SKIPPED_TAGS:
            self._skipping += 1
        attributes = dict(attrs)
        for name in VISIBLE_ATTRIBUTES & attributes.keys():
            self.parts.append(attributes[name] or "")
        if tag == "input" and attributes.get("type") in ("submit", "button", "reset"):
            self.parts.append(attributes.get("value") or "")

    def handle_endtag(self, tag):
        if tag in SKIPPED_TAGS and self._skipping:
            self._skipping -= 1

    def handle_data(self, data):
        if not self._skipping:
            self.parts.append(data)


def english_words(html: str, allowed: set[str]) -> set[str]:
    parser = VisibleText()
    parser.feed(html)
    text = CODES.sub(" ", " ".join(parser.parts))
    return {word for word in re.findall(r"[A-Za-z]{2,}", text) if word not in allowed}


@pytest.fixture
def records(tmp_path, settings):
    """One record of every registered model, with Chinese (or digit) data."""
    settings.MEDIA_ROOT = tmp_path
    from django.contrib.auth.models import Group
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from appcenter.models import AppUser
    from enrollment.models import ProvincialAverageWage

    Group.objects.create(name="审核组")
    # Seeded by a migration, but a transactional test before this one may have emptied it.
    ProvincialAverageWage.objects.get_or_create(year=2025, defaults={"monthly_amount": 7000})
    AppUser.objects.create(id_number="360102199001011234", name="李四", phone="13800000000")

    relation = InsuranceRelationFactory()
    ContributionFactory(person=relation.person, unit=relation.unit)
    DeemedPeriodFactory(person=relation.person)
    RetirementFactory()
    agent = AgentFactory(unit=relation.unit, email="jingban@example.cn")
    clerk = UserFactory(username="柜台人员", county=relation.unit.county)
    TOTPDevice.objects.create(user=clerk, name="身份验证器", confirmed=True)
    material = MaterialType.objects.create(
        business_code="staff_reduction", code="0001", name="申请表", required=True
    )
    case = Application.objects.create(
        unit=relation.unit,
        business_code="staff_reduction",
        person=relation.person,
        status=Application.Status.SUBMITTED,
        data={"reason": "transfer", "reason_other": "", "stop_month": "2026-12", "note": "调出"},
        submitted_at=INSTANT,
    )
    ApplicationEvent.objects.create(
        application=case, action="submitted", from_status="draft", to_status="submitted"
    )
    Attachment.objects.create(
        application=case,
        material_type=material,
        original_name="申请表.pdf",
        size=2048,
        content_type="application/pdf",
        sha256="0123456789abcdef" * 4,
        stored_name="x/申请表.pdf",
    )
    AuditEvent.objects.create(
        kind=AuditEvent.Kind.LOGIN_SUCCEEDED, username=clerk.username, ip="198.51.100.7"
    )
    from progress.models import CalendarDay, Notice, Rating, ServiceGuide
    from roster.models import Certificate

    ServiceGuide.objects.update_or_create(
        business_code="staff_reduction",
        defaults={
            "time_limit_days": 5,
            "conditions": "在职",
            "procedure": "提交",
            "legal_basis": "国发",
        },
    )
    CalendarDay.objects.update_or_create(
        day=datetime.date(2026, 10, 1), defaults={"kind": "holiday", "name": "国庆节"}
    )
    Notice.objects.create(
        unit=relation.unit,
        application=case,
        kind="rejected",
        note="缺材料",
        push="failed",
        push_error="推送平台超时",
    )
    Rating.objects.create(application=case, level=1, comment="太慢", follow_up="pending")
    Certificate.objects.create(
        code="ABCD-EFGH-JKLM-NPQR",
        kind="unit",
        unit=relation.unit,
        holder_name=relation.unit.name,
        holder_id=relation.unit.code,
        valid_until=datetime.date(2026, 6, 1),
        content_hash="0" * 64,
    )
    from contributions.models import BasePeriod, ContributionRate, DeclarationYear

    ContributionRate.objects.get_or_create(
        scheme="basic",
        valid_from=relation.start_month,
        defaults={"unit_rate": 16, "personal_rate": 8},
    )

    DeclarationYear.objects.create(
        year=2026, opens=datetime.date(2026, 11, 1), closes=datetime.date(2026, 12, 31)
    )
    BasePeriod.objects.create(
        relation=relation, valid_from=relation.start_month, wage=8000, base=8000, application=case
    )
    return {"agent": agent, "case": case}


@pytest.fixture
def superuser_client(client):
    client.force_login(UserFactory(username="管理员", is_staff=True, is_superuser=True))
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "zh-hans"
    return client


def admin_pages():
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        yield f"{opts.app_label}_{opts.model_name}", model, model_admin


@pytest.mark.parametrize(
    ("name", "model"), [(name, model) for name, model, _admin in admin_pages()], ids=str
)
def test_r1_1_admin_pages_have_no_english(superuser_client, records, name, model):
    # Material types' codes (id_card, photo, …) are keys the businesses look them up by.
    allowed = ALLOWED | {
        word
        for code in MaterialType.objects.values_list("code", flat=True)
        for word in re.findall(r"[A-Za-z]{2,}", code)
    }
    urls = [reverse(f"admin:{name}_changelist"), reverse(f"admin:{name}_add")]
    first = model._default_manager.order_by("pk").first()
    assert first is not None, f"no {name} to open"
    urls.append(reverse(f"admin:{name}_change", args=[first.pk]))
    found = {}
    for url in urls:
        response = superuser_client.get(url)
        if response.status_code == 403:  # a record only services write: no add page
            continue
        assert response.status_code == 200, url
        words = english_words(response.content.decode(), allowed)
        if words:
            found[url] = sorted(words)
    assert not found


def test_english_words_sees_text_not_markup():
    html = (
        '<p class="field-name" title="Delete">保存</p><script>var x = "Save";</script>'
        '<input type="submit" value="Go"><a href="/admin/x/">ID 号</a>'
    )
    assert english_words(html, {"ID"}) == {"Delete", "Go"}


def test_admin_times_are_beijing_time(superuser_client, records):
    """A case submitted at 16:30 UTC was submitted at 00:30 the next day in Beijing: the list,
    the change page (read-only fields) and its timeline all say so."""
    case = records["case"]
    ApplicationEvent.objects.filter(application=case).update(at=INSTANT)
    assert timezone.get_current_timezone_name() == "Asia/Shanghai"
    for url in (
        reverse("admin:progress_application_changelist"),
        reverse("admin:progress_application_change", args=[case.pk]),
    ):
        html = superuser_client.get(url).content.decode()
        assert "2026-03-02 00:30" in html, url
        assert "16:30" not in html, url


def test_audit_log_times_are_beijing_time(superuser_client, records):
    event = AuditEvent.objects.get()
    AuditEvent.objects.filter(pk=event.pk).update(at=INSTANT)
    for url in (
        reverse("admin:portal_auditevent_changelist"),
        reverse("admin:portal_auditevent_change", args=[event.pk]),
    ):
        html = superuser_client.get(url).content.decode()
        assert "2026-03-02 00:30" in html and "16:30" not in html, url


def test_every_model_has_a_page_here():
    """A model registered later is swept too (the list above is built from the registry)."""
    names = {name for name, _model, _admin in admin_pages()}
    assert {"progress_application", "roster_person", "accounts_user"} <= names
    assert User in admin.site._registry and UnitFactory._meta.model in admin.site._registry


def test_the_admins_javascript_speaks_chinese_with_nin(superuser_client):
    """The two-box selector and the action prompts: words Django's catalogue lacks, and 您."""
    script = superuser_client.get("/admin/jsi18n/").content.decode("unicode_escape")
    assert "选择全部%s" in script and "移除全部%s" in script
    assert "您可以在下面的框中选中" in script
    assert "你" not in script


def test_one_english_word_two_chinese_meanings_by_context():
    """“content type” is Django's 内容类型 and an attachment's 文件类型; “Next” is the
    pagination's 下一页 beside the steps' 下一步."""
    from django.contrib.contenttypes.models import ContentType
    from django.utils import translation
    from django.utils.translation import pgettext

    from progress.models import Attachment

    with translation.override("zh-hans"):
        assert str(ContentType._meta.verbose_name) == "内容类型"
        assert str(Attachment._meta.get_field("content_type").verbose_name) == "文件类型"
        assert pgettext("pagination", "Next") == "下一页"
