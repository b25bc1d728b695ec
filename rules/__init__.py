"""The default rule sets and indicator catalogue, shipped inside the package as `checker.default_rules`.

This folder holds data only (rules/*.yaml); the file exists so that the folder installs as package data
and plancheck finds its defaults when run from any directory.
"""
