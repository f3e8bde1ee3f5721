"""og_url: canonical, optionally signed image URLs, byte for byte as @ogkit/sdk's ogUrl."""

from __future__ import annotations

import datetime
import math
import numbers
import time
from typing import Any, Callable, Dict, Mapping, Optional, Tuple, Union

from ._schema import MAX_QUERY_BYTES, OG_PATH
from .canonical import canonical_query
from .errors import OgError
from .params import Params, merge_params, parse_og_params
from .sign import sign_query

Seconds = Union[int, float, datetime.timedelta]
Instant = Union[int, float, datetime.datetime]


def _expires_at(expires_in: Seconds, now: Optional[Instant]) -> int:
    if now is None:
        now = time.time()
    elif isinstance(now, datetime.datetime):
        now = now.timestamp()
    if isinstance(expires_in, datetime.timedelta):
        expires_in = expires_in.total_seconds()
    try:
        if isinstance(expires_in, bool) or not isinstance(expires_in, numbers.Real):
            raise TypeError
        return math.floor(now) + math.ceil(expires_in)
    except (TypeError, ValueError, OverflowError):
        raise OgError(
            "INVALID_PARAMS",
            "expires_in must be a number of seconds",
            [{"path": "exp", "message": "exp must be whole unix seconds"}],
        ) from None


def _build(
    params: Params,
    base_url: Optional[str],
    secret: Optional[Union[str, bytes]],
    expires_in: Optional[Seconds],
    now: Optional[Instant],
) -> Tuple[str, Dict[str, Any]]:
    resolved = parse_og_params(params)
    query = canonical_query(resolved)
    if secret:
        expires_at = None if expires_in is None else _expires_at(expires_in, now)
        query = sign_query(query, secret, expires_at)
    elif expires_in is not None:
        raise OgError(
            "INVALID_PARAMS",
            "expires_in needs a secret: only signed URLs can expire",
            [{"path": "exp", "message": "expires_in needs a secret"}],
        )
    size = len(query.encode("utf-8"))
    if size > MAX_QUERY_BYTES:
        raise OgError("URL_TOO_LONG", f"The query would be {size} bytes; servers refuse more than {MAX_QUERY_BYTES}")
    base = base_url.rstrip("/") if base_url else ""
    return f"{base}{OG_PATH}?{query}", resolved


def og_url(
    params: Optional[Mapping[str, Any]] = None,
    /,
    *,
    base_url: Optional[str] = None,
    secret: Optional[Union[str, bytes]] = None,
    expires_in: Optional[Seconds] = None,
    now: Optional[Instant] = None,
    **kwargs: Any,
) -> str:
    """The image URL for a set of params: canonical (one image, one URL), optionally signed.

    Params are keyword arguments by Python name (``title_color="#f60"``) or wire name, and/or a
    mapping by wire name (``og_url({"titleColor": "#f60"})``); None means absent.

    :param base_url: origin plus optional path prefix; without it the URL is relative.
    :param secret: signs the URL (HMAC-SHA256). Keep it on the server.
    :param expires_in: seconds (or a timedelta) until a signed URL expires; needs ``secret``.
    :param now: the current time for ``expires_in``, unix seconds or a datetime (default: now).
    :raises OgError: INVALID_PARAMS naming every bad field, or URL_TOO_LONG.

    >>> og_url(title="Hello", theme="light", base_url="https://og.example.com")
    'https://og.example.com/api/v1/og?title=Hello&theme=light'
    """
    entries = list((params or {}).items()) + list(kwargs.items())
    return _build(entries, base_url, secret, expires_in, now)[0]


def create_og_url(
    *,
    base_url: Optional[str] = None,
    secret: Optional[Union[str, bytes]] = None,
    expires_in: Optional[Seconds] = None,
    defaults: Optional[Mapping[str, Any]] = None,
) -> Callable[..., str]:
    """A URL builder bound to a base URL, secret and default params; each call's params win.

    >>> og = create_og_url(base_url="https://og.example.com", defaults={"brand": "Acme"})
    >>> og(title="Pricing")
    'https://og.example.com/api/v1/og?title=Pricing&brand=Acme'
    """

    def build(params: Optional[Mapping[str, Any]] = None, /, **kwargs: Any) -> str:
        given = list((params or {}).items()) + list(kwargs.items())
        return _build(merge_params(defaults, given), base_url, secret, expires_in, None)[0]

    return build
