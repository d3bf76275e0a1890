import pytest
from django.core.management import CommandError, call_command

from roster.models import Unit


@pytest.mark.django_db
def test_refused_where_demo_data_is_off(settings):
    settings.DEMO_DATA_ALLOWED = False
    with pytest.raises(CommandError, match="DEMO_DATA_ALLOWED"):
        call_command("seed_demo")
    assert not Unit.objects.exists()
