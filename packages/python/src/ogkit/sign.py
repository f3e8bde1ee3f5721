"""HMAC-SHA256 signing of canonical queries, as @ogkit/sdk's signQuery."""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from typing import Optional, Union

from .errors import OgError

_MAX_SAFE_INTEGER = 2**53 - 1
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _utf8(text: Union[str, bytes]) -> bytes:
    """UTF-8 as JavaScript's TextEncoder writes it: pairs joined, a lone surrogate as U+FFFD."""
    if isinstance(text, bytes):
        return text
    if _LONE_SURROGATE.search(text):
        text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")
        text = _LONE_SURROGATE.sub("\ufffd", text)
    return text.encode("utf-8")


def signature(payload: str, secret: Union[str, bytes]) -> str:
    """HMAC-SHA256 of a canonical query (including ``exp`` when it has one), base64url without padding."""
    if not secret:
        raise OgError("BAD_SIGNATURE", "A signing secret must not be empty")
    digest = hmac.new(_utf8(secret), _utf8(payload), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def sign_query(query: str, secret: Union[str, bytes], expires_at: Optional[int] = None) -> str:
    """Appends ``exp`` (unix seconds, optional) and then ``sig`` to a canonical query."""
    payload = query
    if expires_at is not None:
        if isinstance(expires_at, bool) or not isinstance(expires_at, int) or not 0 <= expires_at <= _MAX_SAFE_INTEGER:
            raise OgError(
                "INVALID_PARAMS",
                "expires_at must be whole unix seconds",
                [{"path": "exp", "message": "exp must be whole unix seconds"}],
            )
        payload = f"{payload}&exp={expires_at}" if payload else f"exp={expires_at}"
    sig = signature(payload, secret)
    return f"{payload}&sig={sig}" if payload else f"sig={sig}"
