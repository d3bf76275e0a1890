"""Issue 15: a withdrawn case starts a new one with its data (重新办理), through the business's
own start and its conditions."""

import pytest

from progress.models import Application
from tests.enrollment.test_addition import NEW_ID, start
from tests.enrollment.test_reduction import form_data, leaving_person, start_case
from tests.enrollment.test_review_pages import woman_case, woman_data
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def withdraw(client, case):
    case.refresh_from_db()
    client.post(f"/progress/{case.pk}/withdraw/", {"version": case.version, "confirmed": "1"})
    case.refresh_from_db()
    assert case.status == "withdrawn"


def test_r15_a_withdrawn_reduction_starts_again_with_its_data(agent_client, unit):
    person = leaving_person(unit)
    start_case(agent_client, person)
    case = Application.objects.get(person=person)
    agent_client.post(f"/progress/{case.pk}/details/", form_data(reason="resignation"))
    withdraw(agent_client, case)
    html = agent_client.get(f"/progress/{case.pk}/").content.decode()
    assert "以此信息重新办理" in html and f'action="/progress/{case.pk}/again/"' in html
    response = agent_client.post(f"/progress/{case.pk}/again/")
    fresh = Application.objects.exclude(pk=case.pk).get()
    assert (fresh.status, fresh.person, fresh.business_code) == ("draft", person, "staff_reduction")
    assert fresh.data["reason"] == "resignation" and fresh.data["note"] == "调往南昌市西湖区"
    assert response.url == f"/progress/{fresh.pk}/materials/"  # where the withdrawn one stood
    # Asked again (a double click, a second tab): the same new case, its data untouched.
    agent_client.post(f"/progress/{case.pk}/again/")
    assert Application.objects.exclude(pk=case.pk).get() == fresh
    # The old one stays withdrawn.
    case.refresh_from_db()
    assert case.status == "withdrawn"


def test_r15_starting_again_checks_the_conditions_of_a_start(agent_client, unit):
    person = leaving_person(unit)
    start_case(agent_client, person)
    case = Application.objects.get(person=person)
    withdraw(agent_client, case)
    person.relations.update(status="suspended")  # meanwhile no longer insured here
    response = agent_client.post(f"/progress/{case.pk}/again/")
    assert response.url == f"/progress/{case.pk}/"
    assert "参保" in agent_client.get(response.url).content.decode()
    assert Application.objects.count() == 1


def test_r15_an_addition_starts_again_decided_anew(agent_client, unit):
    url = woman_case(agent_client)
    agent_client.post(url, woman_data(action="save"))
    case = Application.objects.get()
    withdraw(agent_client, case)
    # Registered meanwhile: the new case is a 新参保 of the person on record, with the data.
    person = PersonFactory(name="孙新人", id_number=case.subject_id_number)
    agent_client.post(f"/progress/{case.pk}/again/")
    fresh = Application.objects.exclude(pk=case.pk).get()
    assert fresh.data["type"] == "new_insurance" and fresh.person == person
    assert fresh.data["base"] == "7000.00"


def test_r15_only_a_withdrawn_case_starts_again(agent_client, unit):
    start(agent_client, NEW_ID)
    case = Application.objects.get()
    agent_client.post(f"/progress/{case.pk}/again/")
    assert Application.objects.count() == 1
