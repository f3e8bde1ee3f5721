"""Django integration: the OGKIT setting, view helpers and (with ``{% load ogkit %}``) template tags.

settings.py::

    INSTALLED_APPS = [..., "ogkit"]
    OGKIT = {
        "BASE_URL": "https://og.example.com",         # the ogkit server; default: this site
        "SECRET": os.environ.get("OGKIT_SECRET"),      # signs every URL when set
        "DEFAULTS": {"brand": "Acme", "theme": "dark"},  # params every URL starts from
    }

Params are given by Python name (``title_color``) or wire name (``titleColor``); each call's params
win over DEFAULTS, and a param given as None removes its default. Without BASE_URL, URLs are made
absolute with the request (pass ``request``, or enable the ``request`` context processor for the
tags), since crawlers need an absolute og:image.
"""

from __future__ import annotations

import difflib
from typing import Any, Dict, Mapping, NamedTuple, Optional

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest
from django.utils.functional import Promise
from django.utils.html import format_html_join
from django.utils.safestring import SafeString

from .params import merge_params
from .url import _build

#: The keys of the OGKIT setting.
SETTINGS_KEYS = ("BASE_URL", "SECRET", "DEFAULTS")


class OgImage(NamedTuple):
    """An image URL with what the meta tags say about it."""

    url: str
    width: int
    height: int
    alt: str


def ogkit_settings() -> Dict[str, Any]:
    """The OGKIT setting, checked: BASE_URL, SECRET and DEFAULTS (a dict of params)."""
    config = getattr(settings, "OGKIT", None) or {}
    if not isinstance(config, Mapping):
        raise ImproperlyConfigured("OGKIT must be a dict with BASE_URL, SECRET and DEFAULTS")
    for key in config:
        if key not in SETTINGS_KEYS:
            close = difflib.get_close_matches(str(key), SETTINGS_KEYS, n=1)
            hint = f"; did you mean {close[0]}?" if close else f"; the keys are {', '.join(SETTINGS_KEYS)}"
            raise ImproperlyConfigured(f"OGKIT has an unknown key {key!r}{hint}")
    defaults = config.get("DEFAULTS") or {}
    if not isinstance(defaults, Mapping):
        raise ImproperlyConfigured("OGKIT['DEFAULTS'] must be a dict of ogkit params")
    return {"BASE_URL": config.get("BASE_URL"), "SECRET": config.get("SECRET"), "DEFAULTS": dict(defaults)}


def _text(value: Any) -> Any:
    """Lazy translations (gettext_lazy) are text to the templates; make them text to ogkit too."""
    return str(value) if isinstance(value, Promise) else value


def og_image(request: Optional[HttpRequest] = None, *, alt: Optional[str] = None, **params: Any) -> OgImage:
    """The image URL for params under the OGKIT setting, with its size and alt text (the title).

    :raises OgError: naming every bad field (of the params or of DEFAULTS).
    """
    return _image(request, params, alt)


def _image(request: Optional[HttpRequest], params: Mapping[str, Any], alt: Optional[str]) -> OgImage:
    config = ogkit_settings()
    given = {key: _text(value) for key, value in params.items()}
    defaults = {key: _text(value) for key, value in config["DEFAULTS"].items()}
    url, resolved = _build(merge_params(defaults, given), config["BASE_URL"], config["SECRET"], None, None)
    if not config["BASE_URL"] and request is not None:
        url = request.build_absolute_uri(url)
    return OgImage(url, resolved["width"], resolved["height"], _text(alt) or resolved["title"])


def og_image_url_for(request: Optional[HttpRequest] = None, **params: Any) -> str:
    """The og:image URL for params, for a view's template context.

    >>> og_image_url_for(request, title=post.title, subtitle=f"By {post.author}", theme="gradient")
    """
    return _image(request, params, None).url


def og_meta_tags(request: Optional[HttpRequest] = None, *, alt: Optional[str] = None, **params: Any) -> SafeString:
    """The Open Graph and Twitter image tags for params, HTML-escaped; ``alt`` defaults to the title."""
    image = _image(request, params, alt)
    tags = [
        ("property", "og:image", image.url),
        ("property", "og:image:width", image.width),
        ("property", "og:image:height", image.height),
        ("property", "og:image:alt", image.alt),
        ("name", "twitter:card", "summary_large_image"),
        ("name", "twitter:image", image.url),
        ("name", "twitter:image:alt", image.alt),
    ]
    return format_html_join("\n", '<meta {}="{}" content="{}">', tags)
