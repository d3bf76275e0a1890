"""Issue 14, several app hosts: a real S3-protocol server for the run (moto's standalone server
on a free port of 127.0.0.1, started and stopped here) and a new private bucket per test as the
portal's file storage."""

from __future__ import annotations

import subprocess
import sys
import uuid
from dataclasses import dataclass

import pytest

from portal.storage import s3_storage
from tests.progress.conftest import agent_client, other_unit, staff, unit
from tests.storage.processes import free_port, stop, wait_until_answers

__all__ = ["agent_client", "other_unit", "staff", "unit"]

ACCESS_KEY_ID = "jxsi-portal-test"
SECRET_ACCESS_KEY = "jxsi-portal-test-secret"
REGION = "us-east-1"
PREFIX = "portal"  # the portal's folder of the bucket (S3_PREFIX)


@dataclass
class S3Server:
    endpoint_url: str

    @property
    def client(self):
        import boto3

        return boto3.client(
            "s3",
            endpoint_url=self.endpoint_url,
            region_name=REGION,
            aws_access_key_id=ACCESS_KEY_ID,
            aws_secret_access_key=SECRET_ACCESS_KEY,
        )

    def new_bucket(self) -> str:
        name = f"jxsi-{uuid.uuid4().hex[:16]}"
        self.client.create_bucket(Bucket=name)
        return name


@pytest.fixture(scope="session")
def s3_server(tmp_path_factory):
    port = free_port()
    log = tmp_path_factory.mktemp("s3") / "server.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_until_answers(port, process)
        yield S3Server(endpoint_url=f"http://127.0.0.1:{port}")
    finally:
        stop(process)


@dataclass
class Bucket:
    """The portal's bucket as its operator sees it, through the S3 protocol."""

    name: str
    server: S3Server

    def keys(self) -> list[str]:
        listing = self.server.client.list_objects_v2(Bucket=self.name)
        return sorted(entry["Key"] for entry in listing.get("Contents", []))

    def read(self, key: str) -> bytes:
        return self.server.client.get_object(Bucket=self.name, Key=key)["Body"].read()

    def url(self, key: str) -> str:
        """The object's address, unsigned: what anyone who learnt the name could ask for."""
        return f"{self.server.endpoint_url}/{self.name}/{key}"

    def environment(self) -> dict[str, str]:
        """The settings that put an app host's files in this bucket."""
        return {
            "FILE_STORAGE": "s3",
            "S3_BUCKET": self.name,
            "S3_ENDPOINT_URL": self.server.endpoint_url,
            "S3_REGION": REGION,
            "S3_ACCESS_KEY_ID": ACCESS_KEY_ID,
            "S3_SECRET_ACCESS_KEY": SECRET_ACCESS_KEY,
            "S3_PREFIX": PREFIX,
        }


@pytest.fixture
def bucket(s3_server, settings):
    """A new bucket as the file storage of this process (Django's `setting_changed` drops the
    cached default_storage, here and when the test ends)."""
    bucket = Bucket(name=s3_server.new_bucket(), server=s3_server)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": s3_storage(
            bucket=bucket.name,
            endpoint_url=s3_server.endpoint_url,
            region=REGION,
            access_key_id=ACCESS_KEY_ID,
            secret_access_key=SECRET_ACCESS_KEY,
            prefix=PREFIX,
        ),
    }
    return bucket
