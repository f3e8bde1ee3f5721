"""Runs the docs' Django example blog through Django's test client and prints each page's meta tags
as JSON, for docs/test/examples.test.ts to check (signatures included, with the SDK)."""

import json
import os
import sys
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT / "docs/examples/python"), str(ROOT / "packages/python/src")]
os.environ["DJANGO_SETTINGS_MODULE"] = "blog.settings"

import django  # noqa: E402

django.setup()

from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402


class Meta(HTMLParser):
    def __init__(self, html):
        super().__init__()
        self.tags = {}
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and "content" in attrs:
            self.tags[attrs.get("property") or attrs.get("name")] = attrs["content"]


setup_test_environment()
client = Client()
pages = {}
for path in sys.argv[1:]:
    response = client.get(path)
    pages[path] = {"status": response.status_code, "meta": Meta(response.content.decode()).tags}
print(json.dumps(pages))
