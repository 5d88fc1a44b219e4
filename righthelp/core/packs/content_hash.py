"""A stable fingerprint of pack content."""

import hashlib
import json
from typing import Any


def content_hash(data: Any) -> str:
    """SHA-256 of the data as canonical JSON: keys sorted, no insignificant white space.

    Sequence order is kept: the order of indicators and questions is content.
    """
    canonical = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()
