"""plancheck: a cross-plan consistency checker for Chinese development plans.

The library: load -> validate -> model -> graph -> rules -> findings -> renderers. The command line
(cli.py) is a thin layer over it.
"""

# The one place the version is written: pyproject.toml reads it from here (setuptools' `attr:`), so that
# `plancheck --version` and every run's cache key need no importlib.metadata (and the email package it loads).
__version__ = "0.1.0"
