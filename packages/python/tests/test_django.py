"""The Django integration through a real test client: settings, template tags and the view helper."""

import unittest
from html.parser import HTMLParser

import django
from django.conf import settings

from ogkit_site import settings as site_settings

if not settings.configured:
    settings.configure(**{name: value for name, value in vars(site_settings).items() if name.isupper()})
    django.setup()

from django.core.exceptions import ImproperlyConfigured  # noqa: E402 (needs configured settings)
from django.test import RequestFactory, SimpleTestCase, override_settings  # noqa: E402
from django.test.utils import setup_test_environment, teardown_test_environment  # noqa: E402
from django.utils.functional import lazy  # noqa: E402

from ogkit import OgError, og_url, sign_query  # noqa: E402
from ogkit.django import og_image, og_image_url_for, og_meta_tags  # noqa: E402

BASE = "https://og.example.com"
TITLE = "How to Build a REST API"
AUTHOR = "Ada <Lovelace> & Co"


def setUpModule():
    setup_test_environment()


def tearDownModule():
    teardown_test_environment()


class Page(HTMLParser):
    """The meta and link tags of a page (attribute values unescaped) and the text of #tag-output."""

    def __init__(self, html):
        super().__init__()
        self.meta, self.links, self.output, self._in_output = {}, {}, "", False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and "content" in attrs:
            self.meta[attrs.get("property") or attrs.get("name")] = attrs["content"]
        elif tag == "link":
            self.links[attrs["rel"]] = attrs["href"]
        self._in_output = attrs.get("id") == "tag-output"

    def handle_endtag(self, tag):
        self._in_output = False

    def handle_data(self, data):
        if self._in_output:
            self.output += data


class TemplateTagTests(SimpleTestCase):
    def get(self, path):
        response = self.client.get(path)
        self.assertEqual(response.status_code, 200)
        return response.content.decode()

    def test_og_meta_emits_the_full_tag_set(self):
        page = Page(self.get("/posts/rest-api/"))
        url = og_url(title=TITLE, subtitle=AUTHOR, theme="dark", brand="Acme", base_url=BASE)
        self.assertEqual(
            page.meta,
            {
                "og:image": url,
                "og:image:width": "1200",
                "og:image:height": "630",
                "og:image:alt": TITLE,
                "twitter:card": "summary_large_image",
                "twitter:image": url,
                "twitter:image:alt": TITLE,
            },
        )

    def test_everything_is_html_escaped(self):
        html = self.get("/posts/rest-api/")
        url = og_url(title=TITLE, subtitle=AUTHOR, theme="dark", brand="Acme", base_url=BASE)
        self.assertIn(f'<meta property="og:image" content="{url.replace("&", "&amp;")}">', html)
        self.assertNotIn("<Lovelace>", html)

    def test_og_image_url_outputs_and_assigns(self):
        page = Page(self.get("/posts/rest-api/"))
        self.assertEqual(page.output, og_url(title=TITLE, brand="Acme", base_url=BASE))
        self.assertEqual(
            page.links["x-as-variable"], og_url(title=TITLE, theme="light", title_color="f60", brand="Acme", base_url=BASE)
        )

    def test_the_view_helper(self):
        page = Page(self.get("/posts/rest-api/"))
        expected = og_url(
            title=TITLE, subtitle=f"By {AUTHOR}", theme="gradient", pattern="waves", icon="newspaper", brand="Acme",
            base_url=BASE,
        )
        self.assertEqual(page.links["x-view-helper"], expected)

    def test_unicode_titles(self):
        page = Page(self.get("/posts/unicode/"))
        self.assertEqual(page.meta["og:image:alt"], "Café & Crème: 50% off / día 🚀")
        self.assertEqual(page.meta["og:image"], og_url(title="Café & Crème: 50% off / día 🚀", subtitle="José", brand="Acme", base_url=BASE))

    def test_size_and_alt(self):
        page = Page(self.get("/render/square/"))
        self.assertEqual((page.meta["og:image:width"], page.meta["og:image:height"]), ("1080", "1080"))
        self.assertEqual(page.meta["twitter:image:alt"], "A square card")

    @override_settings(OGKIT={"SECRET": "ogkit-test-secret"})
    def test_signed_and_absolute_without_a_base_url(self):
        page = Page(self.get("/posts/rest-api/"))
        query = "title=How%20to%20Build%20a%20REST%20API&subtitle=Ada%20%3CLovelace%3E%20%26%20Co"
        self.assertEqual(page.meta["og:image"], "http://testserver/api/v1/og?" + sign_query(query, "ogkit-test-secret"))

    def test_a_none_param_removes_its_default(self):
        self.assertEqual(self.get("/render/no_brand/").strip(), og_url(title=TITLE, base_url=BASE).replace("&", "&amp;"))

    def test_an_invalid_param_names_the_field(self):
        with self.assertRaisesMessage(OgError, "theme must be one of dark, light"):
            self.client.get("/render/bad_theme/")

    def test_a_missing_variable_is_an_empty_title(self):
        with self.assertRaisesMessage(OgError, "title is required and must not be empty"):
            self.client.get("/render/missing_title/")

    def test_an_unknown_param_is_named(self):
        with self.assertRaises(OgError) as raised:
            self.client.get("/render/unknown_param/")
        self.assertEqual(raised.exception.issues[0]["path"], "colour")


class SettingsTests(SimpleTestCase):
    @override_settings(OGKIT={"BASE_URL": BASE, "DEFAULTS": {"theme": "neon"}})
    def test_invalid_defaults_name_the_field(self):
        with self.assertRaises(OgError) as raised:
            og_image_url_for(title="t")
        self.assertEqual(raised.exception.issues[0]["path"], "theme")

    @override_settings(OGKIT={"BASE_URL": BASE, "SECRETS": "x"})
    def test_an_unknown_setting(self):
        with self.assertRaisesMessage(ImproperlyConfigured, "OGKIT has an unknown key 'SECRETS'; did you mean SECRET?"):
            og_image_url_for(title="t")

    @override_settings(OGKIT={"DEFAULTS": ["brand"]})
    def test_defaults_must_be_a_dict(self):
        with self.assertRaises(ImproperlyConfigured):
            og_image_url_for(title="t")

    @override_settings(OGKIT={"DEFAULTS": {"titleColor": "fff", "brand": "Acme"}})
    def test_call_params_win_over_defaults_by_any_spelling(self):
        self.assertEqual(og_image_url_for(title="t", title_color="000"), "/api/v1/og?title=t&brand=Acme&titleColor=000000")

    @override_settings(OGKIT={}, ALLOWED_HOSTS=["blog.example.com"])
    def test_without_a_request_or_base_url_the_url_is_relative(self):
        self.assertEqual(og_image_url_for(title="t"), "/api/v1/og?title=t")
        request = RequestFactory().get("/", secure=True, HTTP_HOST="blog.example.com")
        self.assertEqual(og_image_url_for(request, title="t"), "https://blog.example.com/api/v1/og?title=t")

    @override_settings(OGKIT={"BASE_URL": BASE})
    def test_lazy_translations_are_text(self):
        title = lazy(lambda: "Bonjour", str)()
        self.assertEqual(og_image(title=title, alt=lazy(lambda: "Alt", str)()).alt, "Alt")
        self.assertEqual(og_image_url_for(title=title), BASE + "/api/v1/og?title=Bonjour")

    @override_settings(OGKIT={"BASE_URL": BASE})
    def test_og_meta_tags_in_a_view(self):
        html = og_meta_tags(title="A & B", alt='"quoted"')
        self.assertIn('<meta property="og:image:alt" content="&quot;quoted&quot;">', html)
        self.assertIn(f'<meta name="twitter:image" content="{BASE}/api/v1/og?title=A%20%26%20B">', html)
        self.assertEqual(html.count("<meta "), 7)


if __name__ == "__main__":
    unittest.main()
