"""Fixtures for tests/config: a real S3-compatible server on loopback for object storage.

``moto`` in server mode (a dev dependency) answers the S3 API over HTTP on 127.0.0.1, so
django-storages and boto3 talk to it exactly as to a real bucket: signatures, ACLs and
anonymous requests included. Locally the object-storage tests skip when moto is missing;
in CI (``CI`` or ``S3_REQUIRED`` set) a missing moto fails the run instead.
"""

import os
import socket
import uuid
from dataclasses import dataclass

import pytest

S3_REGION = "eu-west-2"
# moto accepts any credentials; these only exist on loopback.
S3_ACCESS_KEY = "safecity-test-access-key"
S3_SECRET_KEY = "safecity-test-secret-key"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def s3_endpoint():
    """The address of a moto S3 server on loopback, running for the whole session."""
    try:
        from moto.server import ThreadedMotoServer
    except ImportError as error:
        if os.environ.get("CI") or os.environ.get("S3_REQUIRED"):
            pytest.fail(f"Object storage tests are required but moto cannot be imported: {error}")
        pytest.skip("moto[server] is not installed (pip install -e '.[dev]')")
    port = _free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@dataclass
class Bucket:
    endpoint: str
    name: str
    client: object  # a boto3 S3 client with the test credentials
    media_root: object = None  # set by object_storage: the folder that must stay empty

    def object_keys(self) -> list[str]:
        listing = self.client.list_objects_v2(Bucket=self.name)
        return sorted(item["Key"] for item in listing.get("Contents", []))

    def read(self, key: str) -> bytes:
        return self.client.get_object(Bucket=self.name, Key=key)["Body"].read()

    def plain_url(self, key: str) -> str:
        """The object's address with no signature, as anyone on the internet would try it."""
        return f"{self.endpoint}/{self.name}/{key}"


@pytest.fixture
def s3_bucket(s3_endpoint):
    """A new, empty bucket for one test (private, as S3 creates them)."""
    import boto3

    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name=S3_REGION,
        aws_access_key_id=S3_ACCESS_KEY,
        aws_secret_access_key=S3_SECRET_KEY,
    )
    name = f"safecity-media-{uuid.uuid4().hex[:12]}"
    client.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": S3_REGION})
    return Bucket(endpoint=s3_endpoint, name=name, client=client)


@pytest.fixture
def object_storage(settings, s3_bucket, tmp_path):
    """Media in the loopback bucket, with MEDIA_ROOT an empty folder that must stay empty.

    The storage options are the ones settings/base.py builds from the environment, plus
    the test credentials (in production boto3 reads them from AWS_ACCESS_KEY_ID and
    AWS_SECRET_ACCESS_KEY).
    """
    media_root = tmp_path / "media"
    media_root.mkdir()
    settings.MEDIA_ROOT = media_root
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "config.storage.PrivateMediaStorage",
            "OPTIONS": {
                "bucket_name": s3_bucket.name,
                "endpoint_url": s3_bucket.endpoint,
                "region_name": S3_REGION,
                "access_key": S3_ACCESS_KEY,
                "secret_key": S3_SECRET_KEY,
            },
        },
    }
    s3_bucket.media_root = media_root
    return s3_bucket
