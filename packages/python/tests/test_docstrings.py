"""The examples in the docstrings run."""

import doctest

import ogkit.url


def load_tests(loader, tests, ignore):
    tests.addTests(doctest.DocTestSuite(ogkit.url))
    return tests
