"""The canonical query of resolved parameters: the one URL of one image, and the signed payload."""

from __future__ import annotations

from typing import Any, Mapping
from urllib.parse import quote

from ._schema import CANONICAL_KEYS, PARAMS

def encode_component(value: str) -> str:
    """Percent-encodes UTF-8, leaving only RFC 3986 unreserved characters (A-Z a-z 0-9 - . _ ~), as
    the SDK does; space is %20. quote() never escapes those, so nothing else is safe."""
    return quote(value, safe="")


def wire_value(value: Any) -> str:
    """How a resolved value is written: pairs comma-joined, numbers in decimal."""
    if isinstance(value, (list, tuple)):
        return ",".join(wire_value(item) for item in value)
    return str(value)


_DEFAULTS = {
    name: wire_value(PARAMS[name]["default"]) for name in CANONICAL_KEYS if PARAMS[name]["default"] is not None
}


def canonical_query(resolved: Mapping[str, Any]) -> str:
    """Keys in schema order, defaults omitted, values encoded; no leading '?'.

    Takes what :func:`ogkit.parse_og_params` returns.
    """
    parts = []
    for name in CANONICAL_KEYS:
        value = resolved.get(name)
        if value is None:
            continue
        wire = wire_value(value)
        if _DEFAULTS.get(name) == wire:
            continue
        parts.append(f"{name}={encode_component(wire)}")
    return "&".join(parts)
