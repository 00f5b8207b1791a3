"""The workbench in the browser (`iopdocs serve`): the case files as forms, checked and previewed.

The top layer beside the command line: it only calls the layers below
(build, publish, authoring, case). Starlette routes, Jinja pages, htmx.
"""
