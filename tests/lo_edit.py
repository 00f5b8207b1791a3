"""Make edits to a .docx in LibreOffice over UNO, as a person would, and save it as .docx.

Run with the system Python that has python3-uno (not the project's virtualenv):

    /usr/bin/python3 tests/lo_edit.py IN.docx OUT.docx PROFILE EDIT...

Each EDIT is `kind:argument|argument`:

    retype:START|NEW          select the paragraph starting with START, type NEW
    enter:START|NEW           Enter at the end of that paragraph, type NEW
    heading:START|HEADING|NEW Enter, a Heading 2 with HEADING, Enter, NEW as body text
    bold:PHRASE|WORD          make WORD, the end of the unique PHRASE, bold
    cell:TABLE|CELL|NEW       retype a cell ("0|B2|425 000 kr")
"""

import contextlib
import os
import subprocess
import sys
import time

import uno
from com.sun.star.beans import PropertyValue

PARAGRAPH_BREAK = 0


def prop(name, value):
    found = PropertyValue()
    found.Name, found.Value = name, value
    return found


def connect(pipe):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local
    )
    for _ in range(300):
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except Exception:
            time.sleep(0.2)
    raise SystemExit("LibreOffice svarar inte")


def paragraph(doc, start):
    items = doc.Text.createEnumeration()
    while items.hasMoreElements():
        item = items.nextElement()
        if item.supportsService("com.sun.star.text.Paragraph") and item.getString().startswith(
            start
        ):
            return item
    raise SystemExit(f"hittar inget stycke som börjar med {start!r}")


def retype(doc, start, new):
    paragraph(doc, start).setString(new)


def enter(doc, start, new, style=None):
    text = doc.Text
    cursor = text.createTextCursorByRange(paragraph(doc, start).End)
    text.insertControlCharacter(cursor, PARAGRAPH_BREAK, False)
    if style:
        cursor.ParaStyleName = style
    text.insertString(cursor, new, False)
    return cursor


def heading(doc, start, title, new):
    cursor = enter(doc, start, title, "Heading 2")
    doc.Text.insertControlCharacter(cursor, PARAGRAPH_BREAK, False)
    cursor.ParaStyleName = "Standard"
    doc.Text.insertString(cursor, new, False)


def bold(doc, phrase, word):
    search = doc.createSearchDescriptor()
    search.SearchString = phrase
    found = doc.findFirst(search)
    if found is None:
        raise SystemExit(f"hittar inte {phrase!r}")
    cursor = found.getText().createTextCursorByRange(found)
    cursor.collapseToEnd()
    cursor.goLeft(len(word), True)
    cursor.CharWeight = 150.0


def cell(doc, table, name, new):
    doc.TextTables.getByIndex(int(table)).getCellByName(name).setString(new)


def main(source, target, profile, edits):
    pipe = f"iopdocs-hamta-{os.getpid()}"
    office = subprocess.Popen(
        [
            "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--invisible",
            "--norestore",
            f"--accept=pipe,name={pipe};urp;",
        ]
    )
    try:
        context = connect(pipe)
        desktop = context.ServiceManager.createInstanceWithContext(
            "com.sun.star.frame.Desktop", context
        )
        url = uno.systemPathToFileUrl(os.path.abspath(source))
        doc = desktop.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True),))
        for edit in edits:
            kind, _, arguments = edit.partition(":")
            globals()[kind](doc, *arguments.split("|"))
        out = uno.systemPathToFileUrl(os.path.abspath(target))
        doc.storeToURL(out, (prop("FilterName", "MS Word 2007 XML"),))
        doc.close(True)
        with contextlib.suppress(Exception):  # the bridge closes as LibreOffice quits
            desktop.terminate()
    finally:
        try:
            office.wait(timeout=60)
        except subprocess.TimeoutExpired:
            office.kill()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:])
