"""Provider compatibility at a glance: which API surfaces code uses, how providers compare.

Pure logic, no printing: `report` renders what this module computes.

Surfaces of call sites come from the call findings' `data` (ML101, ML102, ML302): the
surface the rule classified the call under (a request asking for structured outputs counts as
`structured_outputs` unless its API is less supported; openai<1.0 calls under the
surface `apply` moves them to). Messages are never parsed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from migrate_llm.model import Finding, FixClass, Severity
from migrate_llm.registry import KNOWN_SURFACES, SURFACES, Provider

CALL_RULES = frozenset({"ML101", "ML102", "ML302"})
# The key parameters of the matrix: row name -> the params keys behind it.
MATRIX_PARAMS: dict[str, tuple[str, ...]] = {
    "temperature": ("temperature",),
    "tool_choice": ("tool_choice",),
    "response_format": ("response_format",),
    "n_max": ("n_max",),
    "max_tokens_param": ("max_tokens_param",),
    "embedding_dimensions": ("embedding_dimensions", "embedding_default_dimensions"),
}
UNKNOWN = "?"


def call_surface(finding: Finding) -> str | None:
    """The surface of a call-site finding (ML101, ML102, ML302), else None."""
    if finding.rule not in CALL_RULES:
        return None
    surface = finding.data.get("surface")
    return surface if isinstance(surface, str) else None


def surface_counts(findings: Iterable[Finding]) -> dict[str, int]:
    """Call sites per surface, in `registry.KNOWN_SURFACES` order; surfaces without calls
    left out."""
    counts = Counter(s for s in map(call_surface, findings) if s is not None)
    return {s: counts[s] for s in KNOWN_SURFACES if counts[s]}


def support_word(value: bool | str) -> str:
    """yes, no, partial or unknown."""
    if value is True:
        return "yes"
    if value is False:
        return "no"
    return str(value)


@dataclass(frozen=True)
class Cell:
    """One fact of the matrix: its text, its JSON value, and why it is uncertain (if it is)."""

    text: str
    value: Any
    uncertain: str | None = None


def _param_text(name: str, provider: Provider) -> tuple[str, Any]:
    params = provider.params
    if name == "embedding_dimensions":
        dims, default = (
            params.get("embedding_dimensions"),
            params.get("embedding_default_dimensions"),
        )
        value: Any = {"dimensions": dims, "default": default}
        if dims is None and default is None:
            return UNKNOWN, None
        shown = ", ".join(map(str, dims)) if dims else UNKNOWN
        return (f"{shown} (default {default})" if default else shown), value
    value = params.get(name)
    if value is None:
        return UNKNOWN, None
    if name == "temperature":
        return f"{value[0]:g}-{value[1]:g}", value
    if isinstance(value, list):
        return ", ".join(map(str, value)), value
    return str(value), value


def _uncertain(provider: Provider, keys: Sequence[str]) -> str | None:
    notes = [provider.uncertain[k] for k in keys if k in provider.uncertain]
    return "; ".join(notes) or None


@dataclass(frozen=True)
class Matrix:
    """surface or parameter -> provider id -> Cell."""

    providers: tuple[Provider, ...]
    surfaces: dict[str, dict[str, Cell]]
    params: dict[str, dict[str, Cell]]

    def footnotes(self) -> list[tuple[str, str, str]]:
        """(provider id, row, why) for every uncertain cell, rows in matrix order."""
        notes = []
        for rows in (self.surfaces, self.params):
            for row, cells in rows.items():
                for pid, cell in cells.items():
                    if cell.uncertain:
                        notes.append((pid, row, cell.uncertain))
        return notes

    def to_json(self) -> dict[str, Any]:
        def values(rows: dict[str, dict[str, Cell]]) -> dict[str, dict[str, Any]]:
            return {row: {pid: c.value for pid, c in cells.items()} for row, cells in rows.items()}

        uncertain: dict[str, dict[str, str]] = {}
        for pid, row, why in self.footnotes():
            kind = "supports" if row in self.surfaces else "params"
            uncertain.setdefault(pid, {})[f"{kind}.{row}"] = why
        return {
            "providers": [p.id for p in self.providers],
            "surfaces": values(self.surfaces),
            "params": values(self.params),
            "uncertain": uncertain,
        }


def support_matrix(providers: Sequence[Provider]) -> Matrix:
    """Surfaces (yes/no/partial/?) and key parameters of `providers`, side by side."""
    surfaces: dict[str, dict[str, Cell]] = {}
    for surface in SURFACES:
        row = surfaces[surface] = {}
        for p in providers:
            word = support_word(p.support(surface))
            text = UNKNOWN if word == "unknown" else word
            row[p.id] = Cell(text, word, _uncertain(p, (f"supports.{surface}",)))
    params: dict[str, dict[str, Cell]] = {}
    for name, keys in MATRIX_PARAMS.items():
        row = params[name] = {}
        for p in providers:
            text, value = _param_text(name, p)
            row[p.id] = Cell(text, value, _uncertain(p, [f"params.{k}" for k in keys]))
    return Matrix(tuple(providers), surfaces, params)


@dataclass(frozen=True)
class Leftover:
    """What `apply` would leave for a person: manual findings at warning or error."""

    errors: int = 0
    warnings: int = 0

    @property
    def left(self) -> int:
        return self.errors + self.warnings

    def to_json(self) -> dict[str, int]:
        return {"left": self.left, "errors": self.errors, "warnings": self.warnings}


def leftover(findings: Iterable[Finding]) -> Leftover:
    """Count the findings `apply` cannot fix that matter (fix manual, error or warning)."""
    manual = [f for f in findings if f.fix is FixClass.MANUAL]
    return Leftover(
        errors=sum(f.severity is Severity.ERROR for f in manual),
        warnings=sum(f.severity is Severity.WARNING for f in manual),
    )


def rank(results: dict[str, Leftover]) -> list[tuple[str, Leftover]]:
    """Best fit first: fewest errors, then fewest left, then id."""
    return sorted(results.items(), key=lambda kv: (kv[1].errors, kv[1].left, kv[0]))


def best_fits(ranked: Sequence[tuple[str, Leftover]]) -> list[str]:
    """The ids tied for first place."""
    if not ranked:
        return []
    top = ranked[0][1]
    return [pid for pid, lo in ranked if (lo.errors, lo.left) == (top.errors, top.left)]


def parameter_counts(findings: Iterable[Finding]) -> dict[str, tuple[int, int]]:
    """Request-parameter findings (category "compatibility") by rule name: (how many, how
    many `apply` rewrites)."""
    counts: dict[str, tuple[int, int]] = {}
    for finding in findings:
        if finding.category != "compatibility" or finding.severity.value == "note":
            continue
        name = _RULE_NAMES.get(finding.rule, finding.rule)
        total, fixed = counts.get(name, (0, 0))
        counts[name] = (total + 1, fixed + finding.fix.rewritten)
    return dict(sorted(counts.items()))


_RULE_NAMES = {
    "ML111": "unsupported parameter",
    "ML112": "max_tokens name",
    "ML113": "developer role",
    "ML114": "embedding dimensions or batch",
    "ML115": "parameter the model fixes",
    "ML116": "streamed tool calls",
    "ML117": "tool-call turn without reasoning",
    "ML118": "model that thinks by default",
    "ML119": "test of OpenAI's error text",
    "ML120": "base64 image answer",
    "ML507": "model that thinks by default",
    "ML508": "parameter the model fixes",
}
