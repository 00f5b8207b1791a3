"""Word documents: OOXML parts, the markup, rendering templates, reading documents back.

Knows the case model (templates are checked against it) but nothing of
builds, output folders, PDF or the web.
"""
