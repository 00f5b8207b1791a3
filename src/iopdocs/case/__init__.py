"""The case file and everything that follows from it: load, schema, checks, derived values.

Knows nothing of Word, builds, PDF or the web: what is here can validate a
case on its own, and is all `iopdocs validate` loads.
"""
