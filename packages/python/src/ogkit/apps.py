from django.apps import AppConfig


class OgkitConfig(AppConfig):
    """Add "ogkit" to INSTALLED_APPS for {% load ogkit %}."""

    name = "ogkit"
    verbose_name = "ogkit"
