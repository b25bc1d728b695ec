"""plancheck: a cross-plan consistency checker for Chinese development plans.

The library: load -> validate -> model -> graph -> rules -> findings -> renderers. The command line
(cli.py) is a thin layer over it.
"""

from importlib import metadata

try:
    __version__ = metadata.version("plancheck")
except metadata.PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0"
