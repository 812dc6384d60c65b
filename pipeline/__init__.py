"""baocao: Vietnamese Party-committee and government reports as data.

Stages flow one way: read → normalise → structure → extract → resolve → store / compare / check.
"""
from pipeline.api import parse_file, parse_text  # noqa: F401
from pipeline.errors import BaocaoError, ReadError  # noqa: F401

__version__ = "0.1.0"
