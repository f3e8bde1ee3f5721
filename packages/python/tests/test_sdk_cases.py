"""More URLs and every validation message, as the SDK builds or reports them (tests/sdk_cases.json,
written by scripts/generate.ts from @ogkit/sdk's ogUrl)."""

import json
import unittest
from pathlib import Path

from ogkit import OgError, og_url

CASES = json.loads((Path(__file__).parent / "sdk_cases.json").read_text(encoding="utf-8"))
NOW_SECONDS = CASES["now"] / 1000


def build(case):
    options = case.get("options", {})
    return og_url(
        case["params"],
        base_url=options.get("baseUrl"),
        secret=options.get("secret"),
        expires_in=options.get("expiresIn"),
        now=NOW_SECONDS,
    )


def pythonic(message):
    """The option names in messages are Python's (expires_in where the SDK says expiresIn)."""
    return message.replace("expiresIn", "expires_in").replace("expiresAt", "expires_at")


class TestSdkCases(unittest.TestCase):
    def test_valid_cases_build_the_same_url(self):
        for case in CASES["cases"]:
            if "url" in case:
                with self.subTest(case["name"]):
                    self.assertEqual(build(case), case["url"])

    def test_invalid_cases_report_the_same_error(self):
        for case in CASES["cases"]:
            if "error" in case:
                with self.subTest(case["name"]):
                    with self.assertRaises(OgError) as raised:
                        build(case)
                    expected = case["error"]
                    self.assertEqual(raised.exception.code, expected["code"])
                    self.assertEqual(raised.exception.message, pythonic(expected["message"]))
                    self.assertEqual(
                        raised.exception.issues,
                        [{"path": i["path"], "message": pythonic(i["message"])} for i in expected["issues"]],
                    )

    def test_the_cases_cover_both(self):
        self.assertGreater(sum("url" in case for case in CASES["cases"]), 20)
        self.assertGreater(sum("error" in case for case in CASES["cases"]), 30)


if __name__ == "__main__":
    unittest.main()
