"""Settings of the docs' Django example blog (run by docs/test/django_check.py)."""

import os
from pathlib import Path

SECRET_KEY = "docs-example-only"
DEBUG = False
ALLOWED_HOSTS = ["testserver", "localhost"]
ROOT_URLCONF = "blog.urls"
DATABASES = {}
USE_TZ = True
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [Path(__file__).parent / "templates"],
        "OPTIONS": {"context_processors": ["django.template.context_processors.request"]},
    }
]

# #region settings
INSTALLED_APPS = ["ogkit"]

OGKIT = {
    "BASE_URL": "https://og.example.com",  # the ogkit server; default: this site
    "SECRET": os.environ.get("OGKIT_SECRET"),  # signs every URL when set
    "DEFAULTS": {"brand": "Acme", "pattern": "dots"},  # params every URL starts from
}
# #endregion
