"""The Python client's URLs, as docs/python.md shows them (run by docs/test/examples.test.ts)."""

import os

# #region og-url
from ogkit import og_url

url = og_url(title="How to Build a REST API", theme="dark", pattern="dots", icon="code")
assert url == "/api/v1/og?title=How%20to%20Build%20a%20REST%20API&pattern=dots&icon=code"

signed = og_url(
    title="Pricing", title_color="#F60", base_url="https://og.example.com", secret=os.environ["OGKIT_SECRET"]
)
assert signed.startswith("https://og.example.com/api/v1/og?title=Pricing&titleColor=ff6600&sig=")
# #endregion

# #region errors
from ogkit import OgError

try:
    og_url(title="", theme="neon", bg_colour="fff")
except OgError as error:
    assert error.code == "INVALID_PARAMS" and error.status == 400
    assert error.issues == [
        {"path": "bg_colour", "message": "unknown parameter 'bg_colour'; did you mean bg_color?"},
        {"path": "title", "message": "title is required and must not be empty"},
        {"path": "theme", "message": "theme must be one of dark, light, gradient, cyberpunk, minimal, bold"},
    ]
else:
    raise AssertionError("og_url accepted invalid params")
# #endregion

print(signed)
