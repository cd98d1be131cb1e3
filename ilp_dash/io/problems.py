"""Validation report: every problem found in the files a user brings.

A problem names the file, the spreadsheet row (the row number the user sees in
Excel or a text editor: the header is row 1 of a plain file), the column, a
severity and a message with a suggested fix in Bahasa Indonesia and English.
Loaders collect problems into one :class:`ValidationReport`; when it holds an
error they raise :class:`DataValidationError` instead of returning a partly
loaded frame.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Iterable, Literal

from ilp_dash.io.messages import render

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")
_SEVERITY_ID = {"error": "GALAT", "warning": "PERINGATAN", "info": "INFO"}


@dataclass(frozen=True)
class Problem:
    """One problem in one place of one file."""

    file: str
    row: int | None
    column: str | None
    severity: Severity
    code: str
    message_id: str
    message_en: str
    fix_id: str
    fix_en: str

    def where(self, lang: str = "id") -> str:
        parts = [self.file]
        if self.row is not None:
            parts.append(f"{'baris' if lang == 'id' else 'row'} {self.row}")
        if self.column:
            parts.append(f"{'kolom' if lang == 'id' else 'column'} '{self.column}'")
        return ", ".join(parts)

    def text(self, lang: str = "id") -> str:
        """One line as a user sees it, in one language."""
        if lang == "id":
            sev = _SEVERITY_ID[self.severity]
            body, fix, fix_word = self.message_id, self.fix_id, "Perbaikan"
        else:
            sev = self.severity.upper()
            body, fix, fix_word = self.message_en, self.fix_en, "Fix"
        line = f"[{sev}] {self.where(lang)}: {body}"
        if fix:
            line += f" {fix_word}: {fix}"
        return line


@dataclass
class ValidationReport:
    """Every problem found while loading one or more files."""

    problems: list[Problem] = field(default_factory=list)

    def add(
        self,
        code: str,
        /,
        *,
        file: str | Path,
        row: int | None = None,
        column: str | None = None,
        severity: Severity = "error",
        **params: object,
    ) -> Problem:
        """Add a problem from the message catalogue (:mod:`ilp_dash.io.messages`)."""
        msg = render(code, **params)
        problem = Problem(
            file=Path(file).name if isinstance(file, Path) else str(file),
            row=row,
            column=column,
            severity=severity,
            code=code,
            message_id=msg.message_id,
            message_en=msg.message_en,
            fix_id=msg.fix_id,
            fix_en=msg.fix_en,
        )
        self.problems.append(problem)
        return problem

    def extend(self, other: "ValidationReport | Iterable[Problem]") -> None:
        items = other.problems if isinstance(other, ValidationReport) else other
        self.problems.extend(items)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def has_errors(self) -> bool:
        return any(p.severity == "error" for p in self.problems)

    def codes(self) -> list[str]:
        return [p.code for p in self.problems]

    def to_dicts(self) -> list[dict]:
        return [asdict(p) for p in self.problems]

    def to_json(self) -> str:
        summary = {
            "ok": not self.has_errors,
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "problems": self.to_dicts(),
        }
        return json.dumps(summary, ensure_ascii=False, indent=2)

    def to_text(self, langs: tuple[str, ...] = ("id", "en")) -> str:
        if not self.problems:
            return "Tidak ada masalah. / No problems found."
        order = {s: i for i, s in enumerate(SEVERITIES)}
        lines = []
        for p in sorted(self.problems, key=lambda p: order[p.severity]):
            lines.extend(p.text(lang) for lang in langs)
            lines.append("")
        lines.append(
            f"{len(self.errors)} galat, {len(self.warnings)} peringatan. / "
            f"{len(self.errors)} errors, {len(self.warnings)} warnings."
        )
        return "\n".join(lines)


class DataValidationError(ValueError):
    """Raised by a loader when a file has errors; carries the whole report."""

    def __init__(self, report: ValidationReport, matches: object = None):
        self.report = report
        self.matches = matches  # the village match report, when villages were matched
        first = report.errors[0].text("en") if report.errors else "invalid data"
        more = len(report.errors) - 1
        super().__init__(first + (f" (+{more} more errors)" if more > 0 else ""))


@dataclass(frozen=True)
class Loaded:
    """A clean result and the warnings found on the way."""

    data: object
    report: ValidationReport
    matches: object = None  # village match report (DataFrame) where villages were matched


def raise_if_errors(report: ValidationReport, matches: object = None) -> None:
    if report.has_errors:
        raise DataValidationError(report, matches)
