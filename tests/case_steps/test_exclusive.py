"""Businesses that may not run side by side for one person are declared by the businesses and
enforced by the case core (one selector): at the start and again at 提交."""

import pytest
from django.core.exceptions import ValidationError

from progress import registry, services
from progress.models import Application
from tests.pension.conftest import retiring_person
from tests.pension.test_submit_and_review import ready_claim, submit

pytestmark = pytest.mark.django_db


def test_exclusivity_declared_on_either_side_holds_both_ways():
    assert registry.exclusive_codes("pension_claim") == {"staff_reduction", "batch_reduction"}
    assert registry.exclusive_codes("staff_reduction") == {
        "pension_claim",
        "staff_addition",
        "batch_reduction",
    }
    assert registry.exclusive_codes("staff_addition") == {"staff_reduction", "batch_reduction"}
    # A batch reduction excludes the single reduction, itself (a person in two batches) and the
    # rest as a single reduction does.
    assert registry.exclusive_codes("batch_reduction") == {
        "pension_claim",
        "staff_addition",
        "staff_reduction",
        "batch_reduction",
    }


def test_a_case_cannot_be_created_beside_an_exclusive_one(unit):
    person = retiring_person(unit)
    services.application_create(
        unit=unit, business_code="staff_reduction", by=unit.account, person=person
    )
    with pytest.raises(ValidationError) as refused:
        services.application_create(
            unit=unit, business_code="pension_claim", by=unit.account, person=person
        )
    assert refused.value.code == "exclusive" and "在职人员减少" in refused.value.messages[0]


def test_submit_is_refused_when_an_exclusive_case_appeared_meanwhile(agent_client, unit, media):
    person = retiring_person(unit)
    claim = ready_claim(agent_client, person, media)
    # A reduction started at the same moment in another window (a race the locks of the two
    # start services cannot see): the claim must not go through beside it.
    Application.objects.create(unit=unit, business_code="staff_reduction", person=person)
    response = submit(agent_client, claim)
    html = response.content.decode()
    assert response.status_code == 400 and "在职人员减少" in html and "选择人员" in html
    claim.refresh_from_db()
    assert claim.status == "draft"
