"""A minimal Django site for the template tag and view helper tests."""
