"""The revocation bitstring (W3C Bitstring Status List v1.0), encoded and decoded.

Bit ``i`` is bit ``7 - i % 8`` of byte ``i // 8``: index 0 is the left-most bit. The list is
GZIP-compressed and written as multibase base64url without padding (a leading ``u``).
"""

import base64
import gzip
import io

from .models import LIST_SIZE

MULTIBASE_BASE64URL = "u"
# A decoded list larger than this is refused (a zip bomb in a forged list).
MAX_DECODED_BYTES = 16 * 1024 * 1024


def length_for(highest_index: int | None) -> int:
    """Entries in a list that holds ``highest_index``: a whole number of ``LIST_SIZE``."""
    if highest_index is None:
        return LIST_SIZE
    return (highest_index // LIST_SIZE + 1) * LIST_SIZE


def encode(set_bits, length: int) -> str:
    data = bytearray(length // 8)
    for index in set_bits:
        data[index // 8] |= 0x80 >> (index % 8)
    compressed = gzip.compress(bytes(data), mtime=0)
    return MULTIBASE_BASE64URL + base64.urlsafe_b64encode(compressed).decode("ascii").rstrip("=")


def decode(encoded: str) -> bytes:
    if not encoded.startswith(MULTIBASE_BASE64URL):
        raise ValueError("Not multibase base64url.")
    body = encoded[1:]
    compressed = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
    with gzip.GzipFile(fileobj=io.BytesIO(compressed)) as stream:
        data = stream.read(MAX_DECODED_BYTES + 1)
    if len(data) > MAX_DECODED_BYTES:
        raise ValueError("Status list too large.")
    return data


def bit(data: bytes, index: int) -> int:
    if index < 0 or index >= len(data) * 8:
        raise IndexError(index)
    return (data[index // 8] >> (7 - index % 8)) & 1
