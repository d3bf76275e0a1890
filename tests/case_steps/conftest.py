import pytest

from tests.enrollment.conftest import _materials as enrollment_reference_data
from tests.progress.conftest import agent_client, media, unit

# The real businesses (no stand-in), with the reference data of their data migrations.
__all__ = ["agent_client", "enrollment_reference_data", "media", "unit"]


@pytest.fixture(autouse=True)
def _reference_data(enrollment_reference_data):
    return enrollment_reference_data
