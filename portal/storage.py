"""Where uploads and generated certificates are kept (`STORAGES["default"]`): the local folder
`MEDIA_ROOT`, or a bucket of S3-compatible object storage through django-storages. Either way
the objects are private: the portal reads them itself and serves them through its scoped
download views, never by a URL into the store."""

from __future__ import annotations

LOCAL = {"BACKEND": "django.core.files.storage.FileSystemStorage"}  # under MEDIA_ROOT
ADDRESSING_STYLES = ("auto", "path", "virtual")


def s3_storage(
    *,
    bucket: str,
    endpoint_url: str = "",
    region: str = "",
    access_key_id: str = "",
    secret_access_key: str = "",
    prefix: str = "",
    addressing_style: str = "auto",
) -> dict:
    """The storage entry for a bucket on an S3-compatible service (Huawei OBS, Aliyun OSS,
    MinIO, AWS). Without keys boto3 finds its own credentials (environment, instance role)."""
    from botocore.config import Config

    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": endpoint_url or None,
            "region_name": region or None,
            "access_key": access_key_id or None,
            "secret_key": secret_access_key or None,
            "location": prefix.strip("/"),
            # No ACL is sent: objects get the bucket's own, which must stay private. Any URL
            # the library would make is signed and expires; the portal makes none.
            "default_acl": None,
            "querystring_auth": True,
            # A name taken is never written over: a second file gets a name of its own.
            "file_overwrite": False,
            # Downloads over 2 MB are buffered on disk rather than in the worker's memory.
            "max_memory_size": 2 * 1024 * 1024,
            "client_config": Config(
                s3={"addressing_style": addressing_style},
                # boto3 adds CRC checksums to every upload since 1.36, which several
                # S3-compatible services refuse; send them only where S3 requires one.
                request_checksum_calculation="when_required",
                response_checksum_validation="when_required",
                # A store that is gone fails the request in seconds, not after a minute.
                connect_timeout=5,
                read_timeout=30,
                retries={"max_attempts": 3, "mode": "standard"},
            ),
        },
    }
