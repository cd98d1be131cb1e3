"""Match the villages named in a register to the region's official villages.

Rule, in order:

1. the Kemendagri code (dotted ``33.20.01.2001`` or undotted ``3320012001``);
2. the normalised name (lower case, no "desa"/"kelurahan" prefix, no spaces or
   punctuation, so "Bulak Baru" = "Bulakbaru") within the kecamatan when one
   is given, else within the whole region if it is unique there;
3. the closest name by Levenshtein similarity (``rapidfuzz.fuzz.ratio`` on the
   normalised names) within the kecamatan, accepted at ≥ 85% when the runner-up
   is at least 5 points behind — reported as a warning so a person checks it.

Anything else is "unmatched" and reported with the closest official names.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import pandas as pd
from rapidfuzz import fuzz, process

FUZZY_MIN = 85.0
FUZZY_MARGIN = 5.0
_PREFIX = re.compile(r"^(desa|kelurahan|kel|ds|pekon|kecamatan|kec|kab|kabupaten|kota)\b\.?\s*")
_CODE_DOTTED = re.compile(r"^\d{2}\.\d{2}\.\d{2}\.\d{4}$")


def normalise_name(text: object) -> str:
    """``'Desa Bulak Baru'`` → ``'bulakbaru'``."""
    s = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode().lower().strip()
    s = _PREFIX.sub("", s)
    return re.sub(r"[^a-z0-9]", "", s)


def normalise_code(text: object) -> str | None:
    """A Kemendagri village code in dotted form, or ``None`` when it is not one."""
    s = re.sub(r"\s+", "", str(text))
    if _CODE_DOTTED.match(s):
        return s
    digits = re.sub(r"[.\-_/]", "", s)
    if re.fullmatch(r"\d{10}", digits):
        return f"{digits[:2]}.{digits[2:4]}.{digits[4:6]}.{digits[6:]}"
    return None


@dataclass(frozen=True)
class Match:
    code: str | None
    method: str  # "kode", "nama", "fuzzy", "ambiguous", "none"
    score: float
    candidates: tuple[str, ...] = ()
    kecamatan_known: bool = True


class VillageMatcher:
    """Matches (code, name, kecamatan) triples against a region's villages."""

    def __init__(self, villages: pd.DataFrame):
        self.villages = villages
        self.names = dict(zip(villages["kode"], villages["nama"]))
        self.kec_names = dict(zip(villages["kode_kec"], villages["kecamatan"]))
        self._kec_by_norm = {normalise_name(v): k for k, v in self.kec_names.items()}
        self._by_kec: dict[str, dict[str, list[str]]] = {}
        self._all: dict[str, list[str]] = {}
        for code, name, kec in zip(villages["kode"], villages["nama"], villages["kode_kec"]):
            n = normalise_name(name)
            self._by_kec.setdefault(kec, {}).setdefault(n, []).append(code)
            self._all.setdefault(n, []).append(code)

    def kecamatan_code(self, name: object) -> str | None:
        if name is None or str(name).strip() == "":
            return None
        code = str(name).strip()
        if code in self.kec_names:
            return code
        n = normalise_name(name)
        if n in self._kec_by_norm:
            return self._kec_by_norm[n]
        best = process.extractOne(n, list(self._kec_by_norm), scorer=fuzz.ratio)
        if best and best[1] >= FUZZY_MIN:
            return self._kec_by_norm[best[0]]
        return None

    def suggestions(self, name: object, kec_code: str | None = None, limit: int = 3) -> list[str]:
        pool = self._by_kec.get(kec_code, self._all) if kec_code else self._all
        found = process.extract(normalise_name(name), list(pool), scorer=fuzz.ratio, limit=limit)
        return [self.names[pool[n][0]] for n, _score, _ in found]

    def match(self, code: object = None, name: object = None, kecamatan: object = None) -> Match:
        if code is not None and str(code).strip():
            c = normalise_code(code)
            if c in self.names:
                return Match(c, "kode", 100.0)
            return Match(None, "bad_code", 0.0)
        if name is None or not str(name).strip():
            return Match(None, "none", 0.0)
        kec_given = kecamatan is not None and str(kecamatan).strip() != ""
        kec_code = self.kecamatan_code(kecamatan) if kec_given else None
        pool = self._by_kec.get(kec_code, {}) if kec_code else self._all
        n = normalise_name(name)
        hits = pool.get(n, [])
        if len(hits) == 1:
            return Match(
                hits[0], "nama", 100.0, kecamatan_known=not kec_given or kec_code is not None
            )
        if len(hits) > 1:
            return Match(None, "ambiguous", 100.0, tuple(hits))
        if kec_given and kec_code is None:
            return Match(None, "none", 0.0, kecamatan_known=False)
        found = process.extract(n, list(pool), scorer=fuzz.ratio, limit=2)
        if found and found[0][1] >= FUZZY_MIN:
            runner = found[1][1] if len(found) > 1 else 0.0
            codes = pool[found[0][0]]
            if found[0][1] - runner >= FUZZY_MARGIN and len(codes) == 1:
                return Match(codes[0], "fuzzy", round(float(found[0][1]), 1))
        return Match(None, "none", 0.0)
