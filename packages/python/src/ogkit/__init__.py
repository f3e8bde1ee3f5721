"""ogkit: canonical, optionally signed Open Graph image URLs for an ogkit server.

The Python client of @ogkit/sdk. Parameter names, enums, limits and messages are generated from the
SDK's schema, and URLs are byte-identical to the SDK's ``ogUrl``. Django support: add ``"ogkit"`` to
INSTALLED_APPS for ``{% load ogkit %}``, and see :mod:`ogkit.django`.
"""

from ._schema import OG_PATH
from .canonical import canonical_query, encode_component
from .errors import OgError, OgIssue
from .params import PARAM_NAMES, PYTHON_NAMES, parse_og_params, wire_name
from .sign import sign_query, signature
from .url import create_og_url, og_url

__version__ = "0.1.0"

__all__ = [
    "OG_PATH",
    "PARAM_NAMES",
    "PYTHON_NAMES",
    "OgError",
    "OgIssue",
    "canonical_query",
    "create_og_url",
    "encode_component",
    "og_url",
    "parse_og_params",
    "sign_query",
    "signature",
    "wire_name",
]
