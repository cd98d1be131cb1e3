"""Where the ``wilayah_boundaries`` SQL files are, in each form a user may hold the source.

The boundary source (github.com/cahyadsn/wilayah_boundaries, MIT) is read as
it is published, in any of three forms:

- a checkout (``git clone``): ``db/kab/wilayah_boundaries_kab_64.sql``,
  ``db/kec/wilayah_boundaries_kec_64.sql``,
  ``db/kel/64/wilayah_boundaries_kel_64.74.sql`` (the ``db/`` folder itself,
  or a folder holding one extracted ``wilayah_boundaries-main/``, will do);
- GitHub's "Download ZIP" (one top folder ``wilayah_boundaries-main/``), read
  in place without extracting;
- the project's shared copy: ``kab/64.sql``, ``kec/64.sql``, ``kel/64/64.74.sql``.

:class:`BoundarySource` hides the difference: it names the file of a layer
(``kab``, ``kec``, ``kel``) for a region code and yields its lines.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

LAYERS = ("kab", "kec", "kel")
_KAB_FILE = re.compile(r"^(?P<base>(?:.*/)?)kab/(?:wilayah_boundaries_kab_)?\d\d\.sql$")


class SourceError(Exception):
    """The source cannot be opened: ``code`` is a message code of :mod:`ilp_dash.io.messages`."""

    def __init__(self, code: str, **params: object):
        self.code, self.params = code, params
        super().__init__(f"{code}: {params}")


def _relative(layer: str, code: str, published: bool) -> str:
    prov = code[:2]
    if published:
        sub = f"kel/{prov}/" if layer == "kel" else f"{layer}/"
        return f"{sub}wilayah_boundaries_{layer}_{code if layer == 'kel' else prov}.sql"
    return f"kel/{prov}/{code}.sql" if layer == "kel" else f"{layer}/{prov}.sql"


class BoundarySource:
    """The SQL files of one copy of the boundary source (a folder or a zip)."""

    def __init__(self, path: Path | str):
        self.path = Path(path)
        if not self.path.exists():
            raise SourceError("source_not_found", path=str(self.path))
        self._zip: zipfile.ZipFile | None = None
        if self.path.is_file():
            self._open_zip()
        else:
            self._open_dir()

    # --- opening --------------------------------------------------------------------------------
    def _open_dir(self) -> None:
        candidates = [self.path / "db", self.path]
        candidates += [c / "db" for c in sorted(self.path.iterdir()) if c.is_dir()]
        for base in candidates:
            if (base / "kab").is_dir():
                self.base = base
                names = [p.name for p in (base / "kab").iterdir()]
                self.published = any(n.startswith("wilayah_boundaries_") for n in names)
                return
        raise SourceError("source_layout_unknown", path=str(self.path))

    def _open_zip(self) -> None:
        try:
            self._zip = zipfile.ZipFile(self.path)
        except (zipfile.BadZipFile, OSError):
            raise SourceError("source_zip_damaged", path=self.path.name) from None
        found = {
            (m["base"], "wilayah_boundaries_" in n)
            for n in self._zip.namelist()
            if (m := _KAB_FILE.match(n))
        }
        bases = sorted(found, key=lambda b: (len(b[0]), not b[1]))
        if not bases:
            raise SourceError("source_layout_unknown", path=self.path.name)
        self.base, self.published = bases[0]
        self._members = set(self._zip.namelist())

    # --- files ----------------------------------------------------------------------------------
    def relative(self, layer: str, code: str) -> str:
        """The file of ``layer`` for ``code`` as this copy names it (for messages)."""
        return _relative(layer, code, self.published)

    def label(self, layer: str, code: str) -> str:
        """The file as a user finds it: its path, or ``archive.zip:member``."""
        if self._zip is not None:
            return f"{self.path.name}:{self.base}{self.relative(layer, code)}"
        return str(self.base / self.relative(layer, code))

    def exists(self, layer: str, code: str) -> bool:
        rel = self.relative(layer, code)
        if self._zip is not None:
            return f"{self.base}{rel}" in self._members
        return (self.base / rel).is_file()

    def lines(self, layer: str, code: str) -> Iterator[str]:
        """The file's lines (raises ``UnicodeDecodeError`` or ``zipfile.BadZipFile`` when damaged)."""
        rel = self.relative(layer, code)
        if self._zip is not None:
            with self._zip.open(f"{self.base}{rel}") as raw:
                yield from io.TextIOWrapper(raw, encoding="utf-8")
            return
        with open(self.base / rel, encoding="utf-8") as fh:
            yield from fh

    def licence(self) -> str | None:
        """The source's LICENSE text, when the copy carries it."""
        if self._zip is not None:
            root = self.base[: -len("db/")] if self.base.endswith("db/") else self.base
            for name in (f"{root}LICENSE", f"{self.base}LICENSE"):
                if name in self._members:
                    return self._zip.read(name).decode("utf-8", "replace")
            return None
        for folder in (self.base, self.base.parent):
            if (folder / "LICENSE").is_file():
                return (folder / "LICENSE").read_text(encoding="utf-8")
        return None

    def close(self) -> None:
        if self._zip is not None:
            self._zip.close()

    def __enter__(self) -> "BoundarySource":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
