"""Templates that use every construct of docxtpl's own test suite, built at test time.

docxtpl (LGPL-2.1, github.com/elapouya/python-docx-template) tests its template
syntax with the templates in its tests/templates/ and the contexts its tests/*.py
scripts build. The templates here are not copies: each is written anew with
python-docx, in our own words, to hold the same tag constructs and the same XML
quirks as the docxtpl template it is named after (quotes stored as `&quot;` or
`&apos;`, tags split over runs, tags in the document properties, a footnotes
part). `CASES` pairs each with a plain-data context, as a YAML file could give.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import docx
from docx.document import Document
from docx.table import Table

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@dataclass(frozen=True)
class SuiteCase:
    """One template and the context to render it with."""

    name: str
    mirrors: str  # the docxtpl test template it follows
    build: Callable[[], bytes]
    context: dict[str, Any] = field(default_factory=dict)
    autoescape: bool = False  # docxtpl's render(..., autoescape=...)


# ---------------------------------------------------------------- building blocks


def _document() -> Document:
    return docx.Document()


def _save(document: Document, raw: dict[str, Callable[[str], str]] | None = None) -> bytes:
    """Return the .docx bytes, with parts rewritten by `raw` as another editor would store them."""
    buffer = io.BytesIO()
    document.save(buffer)
    return _rewrite(buffer.getvalue(), raw or {})


def _rewrite(data: bytes, raw: dict[str, Callable[[str], str]]) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            blob = source.read(info)
            if info.filename in raw:
                blob = raw[info.filename](blob.decode("utf-8")).encode("utf-8")
            target.writestr(info.filename, blob)
        for name in raw.keys() - set(source.namelist()):
            target.writestr(name, raw[name]("").encode("utf-8"))
    return out.getvalue()


def _entities_in_tags(xml: str, quote: str, entity: str) -> str:
    """Store the quotes inside tags as XML entities, as some editors do."""
    return re.sub(r"\{[{%].*?[}%]\}", lambda m: m.group(0).replace(quote, entity), xml)


def _table(document: Document, rows: list[list[str]], merged: int = 0) -> Table:
    """Add a table; the first cell after the first `merged` ones spans the rest of row 0."""
    table = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
    for row, texts in zip(table.rows, rows, strict=True):
        for cell, text in zip(row.cells, texts, strict=False):
            cell.text = text
    if merged:
        cells = table.rows[0].cells
        cells[merged - 1].merge(cells[-1]).text = rows[0][merged - 1]
    return table


def _split_runs(document: Document, *pieces: str, bold_every_other: bool = True) -> None:
    """Add one paragraph whose text is split over runs, as Word splits edited text."""
    paragraph = document.add_paragraph()
    for index, piece in enumerate(pieces):
        paragraph.add_run(piece).bold = bold_every_other and index % 2 == 1


# ---------------------------------------------------------------- the templates


def comments() -> bytes:
    d = _document()
    d.add_paragraph("Kommentarer syns inte {# som den här #} i resultatet.")
    d.add_paragraph("{#p ett helt stycke som kommentar #}")
    d.add_paragraph("Stycket efter kommentaren.")
    _table(
        d,
        [
            ["{#tr en hel rad som kommentar #}", "försvinner", "också"],
            ["Den här cellen syns", "och den här", "{#tc en cell som kommentar #}"],
        ],
    )
    return _save(d)


def doc_properties() -> bytes:
    d = _document()
    d.core_properties.title = "{{ rubrik }}"
    d.core_properties.subject = "Ärende {{ dnr }}"
    d.core_properties.author = "{{ handlaggare }}"
    d.core_properties.comments = "Skrivs {_{ inte }_} om"
    d.sections[0].header.paragraphs[0].text = "{{ rubrik }}"
    d.add_paragraph("{{ rubrik }}")
    d.add_paragraph("Rubriken ovan kommer från {_{ rubrik }_} i dokumentegenskaperna.")
    d.add_paragraph("Taggen {_% if %_} skrivs ut som den står.")
    return _save(d)


def dynamic_table() -> bytes:
    d = _document()
    _table(
        d,
        [
            ["Part", "{% colspan rubriker|count %}Insatser"],
            ["", "{%tc for r in rubriker %}", "{{ r }}", "{%tc endfor %}"],
            ["{%tr for rad in rader %}", "", "", ""],
            ["{{ rad.part }}", "{%tc for v in rad.varden %}", "{{ v }}", "{%tc endfor %}"],
            ["{%tr endfor %}", "", "", ""],
        ],
        merged=2,
    )
    return _save(d)


def escape() -> bytes:
    d = _document()
    d.add_paragraph("{{ med_filter|e }}")
    d.add_paragraph("{{ rader }}")
    d.add_paragraph("Före sidbrytningen. {{ stycken }} Efter.")
    d.add_paragraph("{{ kod|e }}")
    return _save(d)


def escape_auto() -> bytes:
    d = _document()
    d.add_paragraph("{% for k, v in tecken.items() %}")
    d.add_paragraph("{{ k.capitalize() }}: {{ v }}{% endfor %}")
    d.add_paragraph("{{ citat }}")
    d.add_paragraph("{{ blandat }}")
    return _save(d)


_FOOTNOTES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    f'<w:footnotes xmlns:w="{W_NS}">'
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
    "</w:r></w:p></w:footnote>"
    '<w:footnote w:id="1"><w:p><w:r><w:t xml:space="preserve">Källa: {{ källa }}, '
    "sidan {{ sida }}.</w:t></w:r></w:p></w:footnote></w:footnotes>"
)


def footnotes() -> bytes:
    d = _document()
    d.add_paragraph("Ett påstående med en fotnot.")

    def reference(xml: str) -> str:
        return xml.replace(
            "fotnot.</w:t></w:r>",
            'fotnot.</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r>',
            1,
        )

    def rels(xml: str) -> str:
        rel = (
            '<Relationship Id="rIdFootnotes" Target="footnotes.xml" Type="http://schemas.'
            'openxmlformats.org/officeDocument/2006/relationships/footnotes"/>'
        )
        return xml.replace("</Relationships>", rel + "</Relationships>")

    def types(xml: str) -> str:
        override = (
            '<Override PartName="/word/footnotes.xml" ContentType="application/vnd.'
            'openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>'
        )
        return xml.replace("</Types>", override + "</Types>")

    return _save(
        d,
        {
            "word/document.xml": reference,
            "word/_rels/document.xml.rels": rels,
            "[Content_Types].xml": types,
            "word/footnotes.xml": lambda _: _FOOTNOTES,
        },
    )


def get_undeclared_variables() -> bytes:
    d = _document()
    section = d.sections[0]
    section.header.paragraphs[0].text = "Handling för {{ nämnd }} – sida {{ sida }}"
    section.footer.paragraphs[0].text = "Upprättad {{ datum }} av {{ handläggare }}"
    d.add_paragraph("Hej {{ namn }}!")
    d.add_paragraph("{% if ny %}Ny överenskommelse.{% else %}Förlängning.{% endif %}")
    d.add_paragraph("{% for p in parter %}- {{ p }} {% endfor %}")
    d.add_paragraph("{% if insatser %}")
    d.add_paragraph("{% for i in insatser %} - {{ i.namn }} ({{ i.år }})")
    d.add_paragraph("Belopp: {{ i.belopp }} kr")
    d.add_paragraph("{% endfor %}")
    d.add_paragraph("{% endif %}")
    return _save(d)


def header_footer_entities() -> bytes:
    d = _document()
    section = d.sections[0]
    section.header.paragraphs[0].text = '{{ saknas|default("Nämnd & förvaltning") }}'
    section.footer.paragraphs[0].text = '{{ saknas|default("Sidfot &sidfot;") }}'
    d.add_paragraph("{{ rubrik }}")
    quotes = {
        "word/header1.xml": lambda x: _entities_in_tags(x, '"', "&quot;"),
        "word/footer1.xml": lambda x: _entities_in_tags(x, '"', "&quot;"),
    }
    return _save(d, quotes)


def horizontal_merge() -> bytes:
    d = _document()
    _table(
        d,
        [
            ["Rubrik", "{%tc for x in [1, 2, 3] %}", "{% hm %}Sammanslagen", "{%tc endfor %}"],
            ["", "{%tc for x in [1, 2, 3] %}", "Kolumn {{ x }}", "{%tc endfor %}"],
            ["{%tr for x in [1, 2] %}", "", "", ""],
            ["Grupp{% vm %}", "{%tc for y in [1, 2, 3] %}", "{{ x * y }}", "{%tc endfor %}"],
            ["{%tr endfor %}", "", "", ""],
        ],
    )
    return _save(d)


def less_cells_after_loop() -> bytes:
    d = _document()
    _table(
        d,
        [
            ["A", "B", "{%tc for x in [1, 2] %}", "{% hm %}Sammanslagen", "{%tc endfor %}"],
            ["a", "b", '{%tc for x in ["ett", "två"] %}', "{{ x }}", "{%tc endfor %}"],
        ],
    )
    quotes = {"word/document.xml": lambda x: _entities_in_tags(x, '"', "&quot;")}
    return _save(d, quotes)


def merge_paragraph() -> bytes:
    d = _document()
    d.add_paragraph("Med {_%- slås taggen ihop med raden före, med -%_} med raden efter.")
    d.add_paragraph(
        "Verksamheten bedrivs {% if i_stan %} i centrala staden {% else %} på landsbygden"
        " {% endif %} året runt."
    )
    d.add_paragraph("Verksamheten bedrivs")
    d.add_paragraph("{%- if i_stan -%}")
    d.add_paragraph("\u00a0i centrala staden")
    d.add_paragraph("{%- else -%}")
    d.add_paragraph("\u00a0på landsbygden")
    d.add_paragraph("{%- endif -%}")
    d.add_paragraph("\u00a0året runt.")
    return _save(d)


def module_execute() -> bytes:
    d = _document()
    for name, test in [
        ("karta", "mapping"),
        ("lista", "sequence"),
        ("text", "string"),
        ("heltal", "integer"),
        ("decimal", "float"),
        ("sant", "true"),
        ("falskt", "false"),
        ("inget", "none"),
    ]:
        d.add_paragraph(
            f"{{% if {name} is {test} %}}{name} är {test}: {{{{ {name} }}}}{{% endif %}}"
        )
    return _save(d)


def multi_rendering() -> bytes:
    d = _document()
    d.add_heading("{{ rubrik }}", 1)
    d.add_paragraph("{{ text }}")
    return _save(d)


def nested_for() -> bytes:
    d = _document()
    d.add_paragraph("{%p for part in parter %}")
    d.add_paragraph("{{ part.namn }}: {% for i in part.insatser %}{{ i }}, {% endfor %}")
    d.add_paragraph("{%p endfor %}")
    d.add_paragraph("{%p for år in perioder %}")
    d.add_paragraph("{% for m in år.möten %} {{ år.namn }} : {{ m }} {% endfor %}")
    d.add_paragraph("{%p endfor %}")
    return _save(d)


def order() -> bytes:
    d = _document()
    _split_runs(d, "Till ", "{{ ", "mottagare", " }}", ",")
    _table(
        d,
        [
            ["Post", "Antal", "Belopp"],
            ["{%tr for p in poster %}", "", ""],
            ["{{ p.text }}", "{{ p.antal }}", "{{ p.belopp }}"],
            ["{%tr endfor %}", "", ""],
            ["Summa", "", "{{ summa }}"],
        ],
    )
    d.add_paragraph("{%p if betald %}")
    d.add_paragraph("Tack för betalningen.")
    d.add_paragraph("{%p else %}")
    d.add_paragraph("Att betala: {{ summa }} {% if i_sek %}kronor{% else %}euro{% endif %}.")
    d.add_paragraph("{%p endif %}")
    return _save(d)


def preserve_spaces() -> bytes:
    d = _document()
    _split_runs(d, "Bidraget är ", "{{tag_1}}", " för ", "mycket", " för att vara {{tag_2}}.")
    return _save(d)


def vertical_merge() -> bytes:
    d = _document()
    _table(
        d,
        [
            ["Kategori", "Post", "Belopp"],
            ["{%tr for p in poster %}", "", ""],
            ["{% vm %}{{ kategori }}", "{{ p.text }}", "{{ p.belopp }}"],
            ["{%tr endfor %}", "", ""],
        ],
    )
    d.add_paragraph("Skriv {_% vm %_} för att slå ihop cellen lodrätt i en loop.")
    return _save(d)


def vertical_merge_nested() -> bytes:
    d = _document()
    _table(
        d,
        [
            ["{% colspan 4 %}Rubrik"],
            ["Grupp", "{%tc for x in [1, 2, 3] %}", "Del {{ x }}", "{%tc endfor %}"],
            ["{%tr for x in [1, 2] %}", "", "", ""],
            ["Grupp{% vm %}", "{%tc for y in [1, 2, 3] %}", "{{ y }}", "{%tc endfor %}"],
            ["{%tr endfor %}", "", "", ""],
        ],
        merged=1,
    )
    return _save(d)


def word2016() -> bytes:
    d = _document()
    d.add_paragraph("{{'     '}} Mellanslag i mallen")
    d.add_paragraph("{{ mellanslag }} Mellanslag från data")
    d.add_paragraph("{{''}} Tom sträng i mallen")
    d.add_paragraph("{{ tabbar }} Tabbar från data")
    quotes = {"word/document.xml": lambda x: _entities_in_tags(x, "'", "&apos;")}
    return _save(d, quotes)


def cellbg() -> bytes:
    d = _document()
    _table(
        d,
        [
            ["Datum", "Nivå", "Beskrivning"],
            ["{%tr for a in larm %}", "", ""],
            ["{{ a.datum }}", "{% cellbg a.färg %}{{ a.nivå }}", "{{ a.text }}"],
            ["{%tr endfor %}", "", ""],
        ],
    )
    return _save(d)


def template_error() -> bytes:
    d = _document()
    d.add_paragraph("Första stycket.")
    d.add_paragraph("Andra stycket {% if x %}med villkor{% endif %} {% endif %}")
    return _save(d)


POSTER = [
    {"text": "Lokalhyra", "antal": 12, "belopp": "96 000"},
    {"text": "Personal", "antal": 1, "belopp": "420 000"},
    {"text": "Material <& \"'>", "antal": 3, "belopp": "15 500"},
]

CASES = [
    SuiteCase("comments", "comments_tpl.docx", comments),
    SuiteCase(
        "doc_properties",
        "doc_properties_tpl.docx",
        doc_properties,
        {"rubrik": "Stöd till mötesplats", "dnr": "SON 2025-0042", "handlaggare": "Eva Ek"},
    ),
    SuiteCase(
        "dynamic_table",
        "dynamic_table_tpl.docx",
        dynamic_table,
        {
            "rubriker": ["Stöd", "Samtal", "Mat"],
            "rader": [
                {"part": "Förening A", "varden": ["ja", "nej", "ja"]},
                {"part": "Förening B", "varden": ["nej", "ja", "ja"]},
            ],
        },
    ),
    SuiteCase(
        "escape",
        "escape_tpl.docx",
        escape,
        {
            "med_filter": "Mindre än < och & escapas med |e",
            "rader": "första raden\nandra raden\tmed tabb\nspecialtecken: <>&",
            "stycken": "ett\astycke till\fefter sidbrytning",
            "kod": "<html>\n  <title>Rubrik & mer</title>\n</html>",
        },
        autoescape=True,
    ),
    SuiteCase(
        "escape_auto",
        "escape_tpl_auto.docx",
        escape_auto,
        {
            "tecken": {"mindre än": "<", "och": "&", "citat": '"', "apostrof": "'"},
            "citat": 'Citat "med & utan" tecken!',
            "blandat": "Tecken <unicode> \u00e5\u00e4\u00f6 & \u4f60",
        },
        autoescape=True,
    ),
    SuiteCase("footnotes", "footnotes_tpl.docx", footnotes, {"källa": "SoL 2 kap.", "sida": 14}),
    SuiteCase(
        "get_undeclared_variables",
        "get_undeclared_variables.docx",
        get_undeclared_variables,
        {
            "nämnd": "Social- och omsorgsnämnden",
            "sida": 1,
            "datum": "2025-03-04",
            "handläggare": "Eva Ek",
            "namn": "Berga mötesplats",
            "ny": False,
            "parter": ["Berga", "Kommunen"],
            "insatser": [
                {"namn": "Samtalsstöd", "år": 2025, "belopp": 120000},
                {"namn": "Matutdelning", "år": 2026, "belopp": 80000},
            ],
        },
    ),
    SuiteCase(
        "header_footer_entities",
        "header_footer_entities_tpl.docx",
        header_footer_entities,
        {"rubrik": "Sidhuvud och sidfot"},
    ),
    SuiteCase("horizontal_merge", "horizontal_merge_tpl.docx", horizontal_merge),
    SuiteCase("less_cells_after_loop", "less_cells_after_loop_tpl.docx", less_cells_after_loop),
    SuiteCase("merge_paragraph", "merge_paragraph_tpl.docx", merge_paragraph, {"i_stan": True}),
    SuiteCase(
        "module_execute",
        "module_execute_tpl.docx",
        module_execute,
        {
            "karta": {"nyckel": "värde"},
            "lista": ["ett", "två"],
            "text": "en sträng",
            "heltal": 123,
            "decimal": 1.25,
            "sant": True,
            "falskt": False,
            "inget": None,
        },
    ),
    SuiteCase(
        "multi_rendering_1",
        "multi_rendering_tpl.docx",
        multi_rendering,
        {"rubrik": "Första", "text": "Första dokumentets text"},
    ),
    SuiteCase(
        "multi_rendering_2",
        "multi_rendering_tpl.docx",
        multi_rendering,
        {"rubrik": "Andra", "text": "Andra dokumentets text"},
    ),
    SuiteCase(
        "nested_for",
        "nested_for_tpl.docx",
        nested_for,
        {
            "parter": [
                {"namn": "Förening A", "insatser": ["samtal", "mat"]},
                {"namn": "Förening B", "insatser": ["läxhjälp"]},
            ],
            "perioder": [
                {"namn": "2025", "möten": ["mars", "oktober"]},
                {"namn": "2026", "möten": []},
            ],
        },
    ),
    SuiteCase(
        "order",
        "order_tpl.docx",
        order,
        {
            "mottagare": "Förening A",
            "poster": POSTER,
            "summa": "531 500",
            "betald": False,
            "i_sek": True,
        },
        autoescape=True,  # docxtpl needs it for the < and & in the data
    ),
    SuiteCase(
        "preserve_spaces",
        "preserve_spaces_tpl.docx",
        preserve_spaces,
        {"tag_1": "alldeles", "tag_2": "sant"},
    ),
    SuiteCase(
        "vertical_merge",
        "vertical_merge_tpl.docx",
        vertical_merge,
        {"poster": POSTER[:2], "kategori": "Drift"},
    ),
    SuiteCase("vertical_merge_nested", "vertical_merge_nested_tpl.docx", vertical_merge_nested),
    SuiteCase(
        "word2016", "word2016_tpl.docx", word2016, {"mellanslag": " " * 6, "tabbar": "\t" * 3}
    ),
    SuiteCase(
        "cellbg",
        "cellbg_tpl.docx",
        cellbg,
        {
            "larm": [
                {"datum": "2025-03-10", "nivå": "Hög", "färg": "FF0000", "text": "Lokalen stängd"},
                {"datum": "2025-03-11", "nivå": "Låg", "färg": "FFDD00", "text": "Sen rapport"},
            ]
        },
    ),
]
