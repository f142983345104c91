"""Puente Laboral's own tooling: models (pages, catalogs...), features and the command line.

MkDocs reaches this package through ``scripts/hooks.py``; people and ``make`` through
``python -m puente``. Modules here avoid importing MkDocs where they can.
"""
