"""Swedish as the papers write it: amounts, dates, identifiers, names.

Imports nothing of iopdocs but the base modules. The language tag and the
locale are here so that a caller can name them without loading Babel.
"""

LANGUAGE = "sv-SE"
"""The language every document is marked with (BCP 47)."""

LOCALE = "sv_SE"
"""The locale Babel formats numbers and dates in."""
