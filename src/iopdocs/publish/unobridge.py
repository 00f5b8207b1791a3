"""Convert .docx to PDF in a running LibreOffice, for `iopdocs.publish.warm`.

Run by the Python that LibreOffice's UNO bindings are built for (Debian's
python3-uno: /usr/bin/python3), never imported by iopdocs itself:

    python3 unobridge.py PIPE_NAME OFFICE_PROCESS_GROUP

It connects to the LibreOffice that listens on the named pipe, then reads one
JSON request a line on stdin, {"docx": path, "pdf": path, "pdfa": bool}, and
answers one JSON line, {"ok": true} or {"ok": false, "error": text}. Before
exporting it updates the document's fields and indexes (the page header
"1 (N)", the table of contents), as the command line's macro does. When stdin
closes, because iopdocs stopped or was killed, it ends LibreOffice's process
group, so no LibreOffice outlives the server.
"""

import contextlib
import json
import os
import signal
import sys
import time

import uno
from com.sun.star.beans import PropertyValue

CONNECT_SECONDS = 60


def _property(name, value):
    """Return a UNO PropertyValue."""
    prop = PropertyValue()
    prop.Name, prop.Value = name, value
    return prop


def connect(pipe):
    """Return LibreOffice's desktop, waiting until the office accepts connections."""
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local
    )
    deadline = time.monotonic() + CONNECT_SECONDS
    while True:
        try:
            context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            return context.ServiceManager.createInstanceWithContext(
                "com.sun.star.frame.Desktop", context
            )
        except Exception:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def filter_data(pdf_a):
    """Return the PDF export options: the same as the command line's export filter."""
    options = (
        ("UseTaggedPDF", True),
        ("PDFUACompliance", True),
        ("ExportBookmarks", True),
        ("DisplayPDFDocumentTitle", True),
        ("SelectPdfVersion", 2 if pdf_a else 0),
    )
    values = tuple(_property(name, value) for name, value in options)
    return uno.Any("[]com.sun.star.beans.PropertyValue", values)


def convert(desktop, docx, pdf, pdf_a):
    """Open the document hidden and read-only, update fields and indexes, export it as PDF."""
    url = uno.systemPathToFileUrl(docx)
    hidden = (_property("Hidden", True), _property("ReadOnly", True))
    document = desktop.loadComponentFromURL(url, "_blank", 0, hidden)
    if document is None:
        raise RuntimeError("LibreOffice kunde inte öppna dokumentet")
    try:
        document.getTextFields().refresh()
        indexes = document.getDocumentIndexes()
        for number in range(indexes.getCount()):
            indexes.getByIndex(number).update()
        document.refresh()
        export = (
            _property("FilterName", "writer_pdf_Export"),
            _property("FilterData", filter_data(pdf_a)),
        )
        document.storeToURL(uno.systemPathToFileUrl(pdf), export)
    finally:
        document.close(True)


def serve(desktop):
    """Answer conversion requests from stdin until it closes."""
    for line in sys.stdin:
        request = json.loads(line)
        try:
            convert(desktop, request["docx"], request["pdf"], bool(request.get("pdfa")))
            answer = {"ok": True}
        except Exception as exc:  # one bad document never stops the bridge
            answer = {"ok": False, "error": f"{type(exc).__name__}: {exc}"}
        print(json.dumps(answer), flush=True)


def main():
    """Connect, say ready, serve; end LibreOffice when stdin closes."""
    pipe, group = sys.argv[1], int(sys.argv[2])
    try:
        desktop = connect(pipe)
        print(json.dumps({"ready": True}), flush=True)
        serve(desktop)
    finally:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(group, signal.SIGKILL)


if __name__ == "__main__":
    main()
