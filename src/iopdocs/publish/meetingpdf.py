"""The meeting's "handlingar" PDF: the agenda, then every case's papers, bookmarked.

One bookmark per ärende (its agenda number and rubrik) with one child per
document, in agenda order, so a board member can jump straight to a paper.
The tagged structure of every source PDF is carried over (pikepdf copies
the pages and their structure elements together; the parent-tree keys of
each source are shifted past the previous ones), so the merged file stays
as accessible as its parts: tagged, sv-SE, its title shown, bookmarked.
"""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name, OutlineItem, Pdf

from iopdocs.build.publishing import Paper, Section
from iopdocs.errors import IopdocsError, os_reason
from iopdocs.swedish import LANGUAGE


def merge(agenda: Paper, sections: list[Section], title: str) -> bytes:
    """Return one tagged PDF of the agenda and every section's papers, with nested bookmarks."""
    merged = _Merger()
    try:
        outline = [OutlineItem(agenda.label, merged.append(agenda))]
        for section in sections:
            pages = [merged.append(paper) for paper in section.papers]
            item = OutlineItem(section.title, pages[0] if pages else 0)
            item.children.extend(
                OutlineItem(paper.label, page)
                for paper, page in zip(section.papers, pages, strict=True)
            )
            outline.append(item)
        return merged.finish(title, outline)
    finally:
        merged.close()


class _Merger:
    """Appends tagged PDFs page by page, structure tree included."""

    def __init__(self) -> None:
        self.out = Pdf.new()
        self.root = self.out.make_indirect(Dictionary(Type=Name.StructTreeRoot))
        self.kids, self.nums, self.role_map = Array(), Array(), Dictionary()
        self.next_key = 0
        self.sources: list[Pdf] = []

    def append(self, paper: Paper) -> int:
        """Append a paper's pages and structure; return the index of its first page."""
        source = self._open(paper)
        first = len(self.out.pages)
        self.out.pages.extend(source.pages)
        tree = source.Root.get(Name.StructTreeRoot)
        if tree is not None:
            self._copy_structure(tree, first)
        else:  # untagged: its pages must not point into another part's structure
            for page in self.out.pages[first:]:
                for holder in [page, *page.get(Name.Annots, Array())]:
                    for key in (Name.StructParents, Name.StructParent):
                        if key in holder:
                            del holder[key]
        return first

    def _open(self, paper: Paper) -> Pdf:
        """Open a source PDF; a missing or broken one is an error naming it."""
        try:
            source = Pdf.open(paper.path)
        except OSError as exc:
            raise IopdocsError(f"{paper.path}: PDF:en kan inte läsas: {os_reason(exc)}.") from exc
        except pikepdf.PdfError as exc:
            raise IopdocsError(
                f"{paper.path}: PDF:en är skadad och kan inte läsas. Bygg med --pdf igen."
            ) from exc
        self.sources.append(source)
        return source

    def _copy_structure(self, tree, first: int) -> None:
        """Copy a source's structure elements and parent tree, keys shifted past earlier ones."""
        offset, highest = self.next_key, -1
        for element in tree.get(Name.K, Array()):
            if Name.P in element:
                del element[Name.P]  # the old root; the copy hangs under ours
        nums = tree.ParentTree.get(Name.Nums, Array()) if Name.ParentTree in tree else Array()
        for i in range(0, len(nums), 2):
            highest = max(highest, int(nums[i]))
            self.nums.extend([int(nums[i]) + offset, self._copy(nums[i + 1])])
        for element in tree.get(Name.K, Array()):
            copied = self._copy(element)
            copied.P = self.root
            self.kids.append(copied)
        for key, value in tree.get(Name.RoleMap, Dictionary()).items():
            self.role_map[key] = value
        for page in self.out.pages[first:]:
            self._shift_keys(page, offset)
        self.next_key = offset + highest + 1

    def _copy(self, obj):
        """Copy an object of a source into the merged file, reusing what was copied before."""
        if obj.is_indirect:
            return self.out.copy_foreign(obj)
        if isinstance(obj, Array):
            return Array([self._copy(item) for item in obj])
        return obj

    @staticmethod
    def _shift_keys(page, offset: int) -> None:
        """Move a page's and its annotations' parent-tree keys by `offset`."""
        if Name.StructParents in page:
            page.StructParents = int(page.StructParents) + offset
        for annotation in page.get(Name.Annots, Array()):
            if Name.StructParent in annotation:
                annotation.StructParent = int(annotation.StructParent) + offset

    def finish(self, title: str, outline: list[OutlineItem]) -> bytes:
        """Return the merged file's bytes: structure root, language, title, bookmarks."""
        self.root.K = self.kids
        self.root.ParentTree = self.out.make_indirect(Dictionary(Nums=self.nums))
        self.root.ParentTreeNextKey = self.next_key
        self.root.RoleMap = self.role_map
        document = self.out.Root
        document.StructTreeRoot = self.root
        document.MarkInfo = Dictionary(Marked=True)
        document.Lang = pikepdf.String(LANGUAGE)
        document.ViewerPreferences = Dictionary(DisplayDocTitle=True)
        self.out.docinfo[Name.Title] = pikepdf.String(title)
        with self.out.open_outline() as tree:
            tree.root.extend(outline)
        buffer = io.BytesIO()
        self.out.save(buffer, deterministic_id=True)
        return buffer.getvalue()

    def close(self) -> None:
        """Close every opened source file."""
        for source in self.sources:
            source.close()
        self.out.close()


# --- attached files ------------------------------------------------------------------

MAX_ATTACHMENT_BYTES = 100 * 1024 * 1024
"""An attached PDF larger than this is refused: no board paper needs more, and it is read whole."""


def checked_attachment(path: Path) -> tuple[bytes | None, str]:
    """Return an attached PDF's bytes if it can be merged, else (None, why not in Swedish)."""
    try:
        size = path.stat().st_size
        if size > MAX_ATTACHMENT_BYTES:
            limit = MAX_ATTACHMENT_BYTES // (1024 * 1024)
            return None, (
                f"{path} är för stor ({size // (1024 * 1024)} MB, högst {limit} MB). "
                "Dela upp den eller spara den med mindre bilder"
            )
        data = path.read_bytes()
    except OSError as exc:
        return None, f"{path} kan inte läsas: {os_reason(exc)}"
    try:
        with Pdf.open(io.BytesIO(data)) as pdf:
            if pdf.is_encrypted:
                return None, f"{path} är krypterad. Spara den som PDF utan lösenord och skydd"
            if len(pdf.pages) == 0:
                return None, f"{path} har inga sidor"
    except pikepdf.PasswordError:
        return None, f"{path} är lösenordsskyddad. Spara den som PDF utan lösenord"
    except (pikepdf.PdfError, ValueError, RecursionError):
        return None, f"{path} är skadad och kan inte läsas. Spara den som PDF igen"
    return data, ""
