"""Validation per field (every field of the generated schema) and what is particular to Python."""

import datetime
import fractions
import keyword
import unittest

from ogkit import PARAM_NAMES, PYTHON_NAMES, OgError, create_og_url, og_url, parse_og_params, sign_query
from ogkit._schema import CANONICAL_KEYS, PARAMS


def issues_of(**params):
    try:
        og_url(**params)
    except OgError as error:
        return error.issues
    raise AssertionError(f"no OgError for {params}")


def bad_value(param):
    """A value of the right type that breaks the field's rule, and the message it must give."""
    messages, kind = param["messages"], param["kind"]
    if kind == "text":
        length = param["maxLength"] + 1
        return "x" * length, messages["tooLong"].replace("{got}", str(length))
    if kind == "enum":
        return "not-" + param["enum"][0], messages["invalid"]
    if kind == "integer":
        return param["maximum"] + 1, messages["tooBig"]
    if kind in ("hex", "hexPair", "name"):
        return "#nope!", messages["pattern"]
    if kind == "raw":
        return "x" * (param["maxBytes"] + 1), messages["tooManyBytes"]
    raise AssertionError(f"a test for kind {kind} is missing")


class TestEveryField(unittest.TestCase):
    """Each field, by its Python name, refuses a wrong type and a bad value with the SDK's message."""

    def test_a_wrong_type(self):
        for name, param in PARAMS.items():
            with self.subTest(name):
                params = {"title": "t", param["pythonName"]: object()}
                self.assertEqual(issues_of(**params), [{"path": name, "message": param["messages"]["type"]}])

    def test_a_bad_value(self):
        for name, param in PARAMS.items():
            with self.subTest(name):
                value, message = bad_value(param)
                issues = issues_of(**{"title": "t", param["pythonName"]: value})
                # Later issues, if any, are cross-field rules (gradientStart alone needs gradientEnd).
                self.assertEqual(issues[0], {"path": name, "message": message})

    def test_every_bad_field_is_named_at_once(self):
        params = {param["pythonName"]: bad_value(param)[0] for param in PARAMS.values()}
        with self.assertRaises(OgError) as raised:
            og_url(**params)
        self.assertEqual(list(dict.fromkeys(issue["path"] for issue in raised.exception.issues)), list(PARAMS))
        self.assertTrue(raised.exception.message.startswith("Invalid title, subtitle, "))

    def test_required_fields(self):
        for name, param in PARAMS.items():
            if param["required"]:
                with self.subTest(name):
                    self.assertIn({"path": name, "message": param["messages"]["required"]}, issues_of())


class TestNames(unittest.TestCase):
    def test_python_names_are_derived_snake_case(self):
        self.assertEqual(PYTHON_NAMES["title_color"], "titleColor")
        self.assertEqual(PYTHON_NAMES["bg_gradient"], "bgGradient")
        self.assertEqual(sorted(PYTHON_NAMES.values()), sorted(PARAM_NAMES))
        for python_name in PYTHON_NAMES:
            self.assertTrue(python_name.isidentifier() and not keyword.iskeyword(python_name), python_name)

    def test_no_param_is_named_like_an_option(self):
        self.assertFalse({"base_url", "secret", "expires_in", "now"} & set(PYTHON_NAMES))

    def test_canonical_keys_are_the_schema_order_without_input_only_params(self):
        self.assertEqual(CANONICAL_KEYS, tuple(n for n in PARAM_NAMES if not PARAMS[n]["inputOnly"]))

    def test_wire_and_python_names_together_are_a_repeat(self):
        self.assertEqual(
            issues_of(title="t", title_color="fff", titleColor="000"),
            [{"path": "titleColor", "message": "titleColor is given more than once; give it once"}],
        )

    def test_a_mapping_and_keywords_together_are_a_repeat(self):
        with self.assertRaises(OgError) as raised:
            og_url({"title": "a"}, title="b")
        self.assertEqual(raised.exception.issues[0]["path"], "title")

    def test_an_unknown_keyword_gets_a_python_hint(self):
        self.assertEqual(
            issues_of(title="t", subtitle_colour="fff"),
            [{"path": "subtitle_colour", "message": "unknown parameter 'subtitle_colour'; did you mean subtitle_color?"}],
        )


class TestPythonValues(unittest.TestCase):
    def test_none_is_absent(self):
        self.assertEqual(og_url(title="t", subtitle=None, width=None), "/api/v1/og?title=t")

    def test_booleans_are_not_numbers(self):
        self.assertEqual(issues_of(title="t", width=True)[0]["path"], "width")

    def test_whole_floats_and_fractions_are_numbers(self):
        self.assertEqual(og_url(title="t", width=800.0, height=fractions.Fraction(600)), "/api/v1/og?title=t&width=800&height=600")
        self.assertEqual(issues_of(title="t", width=fractions.Fraction(1601, 2))[0]["path"], "width")

    def test_infinity_and_nan_are_not_numbers(self):
        for value in (float("inf"), float("nan"), 10**400):
            with self.subTest(value):
                self.assertEqual(issues_of(title="t", width=value), [{"path": "width", "message": PARAMS["width"]["messages"]["type"]}])

    def test_a_surrogate_pair_counts_as_one_character(self):
        # A string such as "\ud83d\ude80" (two code points to Python) is one rocket to JavaScript.
        self.assertEqual(og_url(title="\ud83d\ude80"), og_url(title="\U0001f680"))
        self.assertEqual(og_url(title="\ud83d\ude80" * 200), og_url(title="\U0001f680" * 200))

    def test_python_whitespace_that_javascript_keeps_is_refused(self):
        # str.strip() would remove \x1c and \x85; JavaScript's trim does not, and they are control characters.
        for char in ("\x1c", "\x85"):
            with self.subTest(repr(char)):
                self.assertEqual(issues_of(title=char + "t")[0]["message"], PARAMS["title"]["messages"]["control"])

    def test_regression_html_with_a_lone_surrogate_is_an_og_error(self):
        # The SDK refuses this with an OgError on the field too.
        self.assertEqual(
            issues_of(title="t", html="<p>\ud800</p>"),
            [{"path": "html", "message": "html must be valid Unicode text (it has a lone surrogate)"}],
        )

    def test_regression_template_constructor_is_a_custom_template(self):
        # "constructor" is no built-in template, though a JavaScript object lookup finds one.
        self.assertEqual(og_url(title="t", template="constructor"), "/api/v1/og?title=t&template=constructor")

    def test_parse_returns_resolved_params(self):
        resolved = parse_og_params({"title": " t ", "size": "square", "height": 900, "accent_color": "F60"})
        self.assertEqual(
            resolved,
            {"title": "t", "theme": "dark", "pattern": "none", "layout": "standard", "accent": "ff6600",
             "width": 1080, "height": 900, "format": "png"},
        )


class TestOptions(unittest.TestCase):
    NOW = 1_767_225_600

    def test_expires_in_as_a_timedelta(self):
        self.assertEqual(
            og_url(title="t", secret="k", expires_in=datetime.timedelta(hours=1), now=self.NOW),
            og_url(title="t", secret="k", expires_in=3600, now=self.NOW),
        )

    def test_expiry_is_signed(self):
        url = og_url(title="t", secret="k", expires_in=60, now=self.NOW + 0.9)
        self.assertEqual(url, "/api/v1/og?" + sign_query("title=t", "k", self.NOW + 60))

    def test_expires_in_needs_a_secret(self):
        with self.assertRaises(OgError) as raised:
            og_url(title="t", expires_in=60)
        self.assertEqual(raised.exception.issues, [{"path": "exp", "message": "expires_in needs a secret"}])

    def test_expires_in_must_be_a_number(self):
        for value in (float("nan"), float("inf"), "60", True):
            with self.subTest(value), self.assertRaises(OgError) as raised:
                og_url(title="t", secret="k", expires_in=value)
            self.assertEqual(raised.exception.issues[0]["path"], "exp")

    def test_a_bytes_secret_is_the_same_as_its_text(self):
        self.assertEqual(og_url(title="t", secret=b"s\xc3\xa9"), og_url(title="t", secret="s\u00e9"))

    def test_the_base_url_loses_trailing_slashes(self):
        self.assertEqual(og_url(title="t", base_url="https://og.example.com///"), "https://og.example.com/api/v1/og?title=t")

    def test_create_og_url_overlays_defaults_by_any_spelling(self):
        og = create_og_url(base_url="https://og.example.com", defaults={"brand": "Acme", "titleColor": "fff"})
        self.assertEqual(og(title="t", title_color="000"), "https://og.example.com/api/v1/og?title=t&brand=Acme&titleColor=000000")
        self.assertEqual(og(title="t", brand=None), "https://og.example.com/api/v1/og?title=t&titleColor=ffffff")


class TestOgError(unittest.TestCase):
    def test_it_is_a_value_error_with_a_status(self):
        with self.assertRaises(ValueError) as raised:
            og_url(title="")
        error = raised.exception
        self.assertIsInstance(error, OgError)
        self.assertEqual((error.code, error.status), ("INVALID_PARAMS", 400))
        self.assertEqual(error.to_json()["error"]["issues"], error.issues)

    def test_str_lists_every_issue(self):
        with self.assertRaises(OgError) as raised:
            og_url(title="", theme="neon")
        self.assertEqual(
            str(raised.exception),
            "Invalid title, theme: title is required and must not be empty; "
            + PARAMS["theme"]["messages"]["invalid"],
        )

    def test_a_url_too_long(self):
        with self.assertRaises(OgError) as raised:
            og_url(title="\U0001f680" * 200, subtitle="\U0001f680" * 300)
        self.assertEqual((raised.exception.code, raised.exception.status), ("URL_TOO_LONG", 414))


if __name__ == "__main__":
    unittest.main()
