"""Every domain model is in Django admin, with list pages that stay cheap as tables grow."""

import pytest
from django.urls import reverse

from tests.factories import (
    AgentFactory,
    ContributionFactory,
    InsuranceRelationFactory,
    RetirementFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

MODELS = [
    "roster_county",
    "roster_unit",
    "roster_person",
    "roster_insurancerelation",
    "roster_contribution",
    "roster_deemedperiod",
    "roster_retirement",
    "accounts_user",
    "accounts_agent",
    "appcenter_appuser",
    "roster_certificate",
    "portal_auditevent",
    "progress_application",
    "progress_materialtype",
]
# Records written only by services: admins read them, never add them by hand.
READ_ONLY = {"accounts_agent", "roster_certificate", "portal_auditevent", "progress_application"}


@pytest.fixture
def admin_client_logged_in(client):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    return client


@pytest.mark.parametrize("model", MODELS)
def test_changelist_and_add_pages_load(admin_client_logged_in, model):
    for _ in range(3):
        relation = InsuranceRelationFactory()
        ContributionFactory(person=relation.person, unit=relation.unit)
        RetirementFactory()
        AgentFactory()
    changelist = admin_client_logged_in.get(reverse(f"admin:{model}_changelist"))
    assert changelist.status_code == 200
    add_page = admin_client_logged_in.get(reverse(f"admin:{model}_add"))
    assert add_page.status_code == (403 if model in READ_ONLY else 200)


@pytest.mark.parametrize(
    "model", ["roster_insurancerelation", "roster_contribution", "accounts_agent"]
)
def test_changelist_query_count_does_not_grow_with_rows(
    admin_client_logged_in, model, django_assert_max_num_queries
):
    def make_rows():
        relation = InsuranceRelationFactory()
        ContributionFactory(person=relation.person, unit=relation.unit)
        AgentFactory()

    make_rows()
    url = reverse(f"admin:{model}_changelist")
    admin_client_logged_in.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        admin_client_logged_in.get(url)
    for _ in range(10):
        make_rows()
    with django_assert_max_num_queries(len(few.captured_queries)):
        admin_client_logged_in.get(url)
