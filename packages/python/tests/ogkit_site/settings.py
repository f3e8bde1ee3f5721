"""Settings of the test site, given to settings.configure() by test_django."""

from pathlib import Path

SECRET_KEY = "ogkit-tests"
DEBUG = False
ALLOWED_HOSTS = ["testserver"]
ROOT_URLCONF = "ogkit_site.urls"
INSTALLED_APPS = ["ogkit"]
DATABASES = {}
USE_TZ = True
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [Path(__file__).parent / "templates"],
        "OPTIONS": {"context_processors": ["django.template.context_processors.request"]},
    }
]
OGKIT = {
    "BASE_URL": "https://og.example.com",
    "SECRET": None,
    "DEFAULTS": {"brand": "Acme"},
}
