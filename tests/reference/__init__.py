"""A pure-Python model of the output contract of the four macros.

Written from docs/*.md, README.md, the package docs and the issues,
not from the package's SQL; see README.md here.
"""
from .common import ExpectedError, Output, Table, clean_id, parse_iso, person_key, to_utc  # noqa: F401
from .events import events, message_id  # noqa: F401
from .identify import identify  # noqa: F401
from .objects import objects  # noqa: F401
from .relationships import relationships  # noqa: F401
