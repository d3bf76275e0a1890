import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.services import unit_account_open
from progress import registry, services
from progress.models import Application
from progress.steps import MATERIALS, CaseSteps
from tests.factories import AgentFactory, CountyFactory, UnitFactory, UserFactory, resident_id

APPROVALS: list[dict] = []


class DummyBusiness(registry.BusinessType):
    """A business of the case core alone: one step, 上传资料; approval is recorded."""

    code = "staff_reduction"  # its material types come from the data migration
    name = "在职人员减少"
    steps = CaseSteps(MATERIALS)

    def approve(self, *, application, by, data):
        APPROVALS.append({"case": application.pk, "by": by.pk, "data": data})


DUMMY = DummyBusiness()


def ensure_material_types():
    """The material types come from a data migration; tests that flush the database (browser
    tests, the demo module) remove them, so put them back."""
    import importlib

    from django.apps import apps

    migration = importlib.import_module("progress.migrations.0002_material_types")
    migration.add_materials(apps, None)
    # And the guides with their time limits and the holiday table, seeded the same way.
    importlib.import_module("progress.migrations.0007_guides_data").fill(apps, None)
    importlib.import_module("enrollment.migrations.0003_batch_materials_and_guides").fill(
        apps, None
    )
    importlib.import_module("contributions.migrations.0003_declaration_materials_and_guide").fill(
        apps, None
    )


@pytest.fixture(autouse=True)
def _material_types(db):
    ensure_material_types()


@pytest.fixture(autouse=True)
def dummy_business():
    """A business registered for tests only (the real ones register in their apps)."""
    previous = registry.get(DUMMY.code)
    registry.register(DUMMY)
    APPROVALS.clear()
    yield DUMMY
    registry.unregister(DUMMY.code)
    if previous is not None:
        registry.register(previous)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def unit(db):
    county = CountyFactory(code="360102", name="东湖区", city="南昌市")
    unit = UnitFactory(code="3601021001", name="南昌市东湖区教育体育局", county=county)
    account = unit_account_open(unit=unit, agent=AgentFactory(unit=unit))
    account.must_change_password = False
    account.save()
    return unit


@pytest.fixture
def other_unit(db):
    county = CountyFactory(code="360702", name="章贡区", city="赣州市")
    unit = UnitFactory(code="360702100212", name="赣州市章贡区疾控中心", county=county)
    account = unit_account_open(
        unit=unit, agent=AgentFactory(unit=unit, id_number="360426199101010071")
    )
    account.must_change_password = False
    account.save()
    return unit


@pytest.fixture
def agent_client(client, unit):
    client.force_login(unit.account)
    return client


@pytest.fixture
def staff(unit):
    return UserFactory(username="guitai_donghu", county=unit.county)


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def make_case(unit, *, person_name="王芳", status=None, by=None):
    """A draft of the stand-in business for a person still to be registered (each case its
    own ID number: one open case per person and business)."""
    sequence = Application.objects.count() * 2 + 1
    return services.application_create(
        unit=unit,
        business_code=DUMMY.code,
        by=by or unit.account,
        subject_name=person_name,
        subject_id_number=resident_id(
            county="360102", birth=datetime.date(1986, 2, 14), sequence=sequence
        ),
        data={"减员原因": "调出"},
    )


def pdf_bytes() -> bytes:
    """A one-page blank A4 PDF."""
    from pypdf import PdfWriter

    writer, output = PdfWriter(), io.BytesIO()
    writer.add_blank_page(595, 842)
    writer.write(output)
    return output.getvalue()


def image_bytes(kind: str) -> bytes:
    from PIL import Image

    output = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(output, kind)
    return output.getvalue()


def upload(name: str, content: bytes, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def attach_required(application):
    from progress.models import MaterialType

    for material in MaterialType.objects.filter(
        business_code=application.business_code, required=True
    ):
        services.attachment_add(
            application=application,
            material_type=material,
            upload=upload("证明.pdf", pdf_bytes()),
            by=application.created_by,
        )
