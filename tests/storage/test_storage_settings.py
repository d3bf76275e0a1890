"""Issue 14: file storage from the environment, read in fresh processes as a host starts."""

import json
import subprocess
import sys

import pytest

from tests.portal.test_settings import ROOT, clean_env, run

SHOW = """
import json, django
django.setup()
from django.core.files.storage import default_storage as s
shown = {"class": s.__class__.__name__, "location": str(s.location)}
if shown["class"] == "S3Storage":
    shown.update(bucket=s.bucket_name, endpoint=s.endpoint_url, acl=s.default_acl,
                 signed=s.querystring_auth, overwrite=s.file_overwrite,
                 style=s.client_config.s3["addressing_style"])
print(json.dumps(shown))
"""


def test_by_default_files_stay_in_the_local_folder():
    shown = json.loads(run(SHOW, MEDIA_ROOT="/srv/nas/jxsi"))
    assert shown == {"class": "FileSystemStorage", "location": "/srv/nas/jxsi"}


def test_file_storage_s3_is_a_private_bucket():
    shown = json.loads(
        run(
            SHOW,
            FILE_STORAGE="s3",
            S3_BUCKET="jxsi-portal",
            S3_ENDPOINT_URL="https://minio.example.cn:9000",
            S3_PREFIX="/portal/",
            S3_ADDRESSING_STYLE="path",
        )
    )
    assert shown == {
        "class": "S3Storage",
        "bucket": "jxsi-portal",
        "endpoint": "https://minio.example.cn:9000",
        "location": "portal",
        "acl": None,
        "signed": True,
        "overwrite": False,
        "style": "path",
    }


@pytest.mark.parametrize(
    ("environment", "message"),
    [
        ({"FILE_STORAGE": "nas"}, "FILE_STORAGE is local or s3, not 'nas'."),
        ({"FILE_STORAGE": "s3"}, "FILE_STORAGE=s3 needs S3_BUCKET."),
        (
            {"FILE_STORAGE": "s3", "S3_BUCKET": "b", "S3_ADDRESSING_STYLE": "dns"},
            "S3_ADDRESSING_STYLE is auto, path or virtual.",
        ),
    ],
)
def test_a_storage_setting_that_cannot_work_stops_the_start(environment, message):
    result = subprocess.run(
        [sys.executable, "-c", "from django.conf import settings; settings.STORAGES"],
        cwd=ROOT,
        env=clean_env(**environment),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode != 0 and message in result.stderr
