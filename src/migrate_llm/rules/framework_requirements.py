"""ML613: the OpenAI-like LlamaIndex packages that migrated code imports, added to the
requirements beside the OpenAI ones (which package needs which: `frameworks.llamaindex`)."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator

from migrate_llm.formats.dependencies import Requirement, name_and_spec, requirements
from migrate_llm.formats.document import ConfigDocument
from migrate_llm.formats.requirements import normalize
from migrate_llm.frameworks import llamaindex as li
from migrate_llm.frameworks.pins import version_text
from migrate_llm.model import Edit, Finding, FixClass, Severity, Span
from migrate_llm.rules.base import ConfigRule, Example
from migrate_llm.rules.dependency_pin import (
    SPEC_CLAUSE,
    caps_below,
    release_of,
    version_below,
)

_HASH = re.compile(r"(?<![\w-])--hash\b")
# The class each OpenAI-like package provides, for messages.
PROVIDES = {
    c.requirement: c.replacement.rsplit(".", 1)[-1]
    for c in li.CLASSES.values()
    if c.requirement and c.replacement
}


def _line_bounds(text: str, offset: int) -> tuple[int, int]:
    """Start of the line holding `offset`, and the end of its text (before `\\r\\n`)."""
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    end = len(text) if end == -1 else end
    return start, end - 1 if end > start and text[end - 1] == "\r" else end


def _newline(text: str, line_end: int) -> str:
    """The line break the file uses after `line_end` (or its first one)."""
    if text.startswith("\r\n", line_end):
        return "\r\n"
    if text.startswith("\n", line_end):
        return "\n"
    first = text.find("\n")
    return "\r\n" if first > 0 and text[first - 1] == "\r" else "\n"


def _logical_end(text: str, offset: int) -> int:
    """End of the text of the requirements line at `offset`, `\\` continuations followed."""
    _, end = _line_bounds(text, offset)
    while text[:end].endswith("\\") and end < len(text):
        _, end = _line_bounds(text, text.find("\n", end) + 1)
    return end


def _admits(spec: str, first: tuple[int, ...], beyond: tuple[int, ...]) -> bool:
    """Whether a version specifier (PEP 440 or Poetry, `||` alternatives) admits a release
    from `first` on and below `beyond` (clause by clause, as `caps_below` reads them)."""
    return any(
        not caps_below(a, first)
        and not any(_floors(op, v, beyond) for op, v in SPEC_CLAUSE.findall(a))
        for a in spec.split("||")
        if a.strip()
    )


def _floors(op: str, version: str, beyond: tuple[int, ...]) -> bool:
    """Whether one clause admits no release below `beyond`."""
    release, _ = release_of(version)
    lower = op in ("", "=", "==", "===", ">=", ">", "~=", "^", "~")
    return bool(release) and lower and not version_below(release, beyond)


def _core_lines(name: str, spec: str) -> frozenset[li.Line] | None:
    """The llama-index-core lines that the releases a requirement (normalised `name`, `spec`)
    admits need; None when it pins none (no specifier, or it admits a release newer than the
    table knows)."""
    table = li.CORE_LINE_RELEASES.get(name)
    if table is None or not spec or not caps_below(spec, max(b for _, b in table.values())):
        return None
    return frozenset(line for line, releases in table.items() if _admits(spec, *releases))


def pinned_lines(found: list[tuple[str, str]]) -> tuple[li.Line, ...]:
    """The llama-index-core lines that every pinned LlamaIndex requirement of a file allows
    (`found`: its requirements' normalised names and specifiers); () when none is pinned (or
    they agree on no line the table knows)."""
    pinned = [lines for n, s in found if (lines := _core_lines(n, s)) is not None]
    return tuple(sorted(frozenset.intersection(*pinned))) if pinned else ()


def spec_for(package: str, lines: tuple[li.Line, ...]) -> str | None:
    """The specifier of the releases of OpenAI-like `package` that work with one of `lines`
    ("" for any release when no line is pinned); None when none does."""
    if not lines:
        return ""
    table = li.OPENAI_LIKE_RELEASES[package]
    ranges = [table[line] for line in lines if line in table]
    if not ranges:
        return None
    first, beyond = min(r[0] for r in ranges), max(r[1] for r in ranges)
    return f">={version_text(first)},<{version_text(beyond)}"


def lines_text(lines: tuple[li.Line, ...]) -> str:
    first, last = version_text(lines[0]), version_text(lines[-1])
    return first if first == last else f"{first} to {last}"


def advice(missing: list[str], specs: dict[str, str | None], lines: tuple[li.Line, ...]) -> str:
    """What to do: add the packages (with the specifiers a pinned LlamaIndex needs), or
    upgrade LlamaIndex where no release of one works with it."""
    if not lines:
        return f"add {'them' if len(missing) > 1 else 'it'}"
    core = lines_text(lines)
    added = [f"{p}{s}" for p, s in specs.items() if s is not None]
    parts = []
    if added:
        parts.append(
            f"add {' and '.join(added)} (the releases that work with llama-index-core {core}, "
            "which the versions listed here allow)"
        )
    for package in (p for p, s in specs.items() if s is None):
        first = version_text(min(li.OPENAI_LIKE_RELEASES[package]))
        why = "" if added else ", which the versions listed here allow"
        parts.append(
            f"no release of {package if added else 'it'} works with llama-index-core {core}"
            f"{why}; upgrade LlamaIndex to {first} or later and add it"
        )
    return "; ".join(parts)


class FrameworkRequirements(ConfigRule):
    """A LlamaIndex dependency without the OpenAI-like package that migrated code imports.

    ## What it does
    With `--provider P` (not `openai`), finds `llama-index-llms-openai`,
    `llama-index-embeddings-openai` and the `llama-index` meta-package (0.10 and later, which
    installs both) in requirements files, `pyproject.toml` (`[project]` dependencies and
    optional dependencies, `[dependency-groups]`, Poetry's dependency tables) and `setup.cfg`
    when the same file does not list `llama-index-llms-openai-like` /
    `llama-index-embeddings-openai-like`. Which package needs which is a table in
    `migrate_llm.frameworks.llamaindex`. Only a package whose class the run's code imports
    (`OpenAILike`, `OpenAILikeEmbedding`) or builds where `apply` rewrites it (LlamaIndex's
    `OpenAI(...)`, `OpenAIEmbedding(...)`) is needed: an import apply leaves, or no LlamaIndex
    code in the run, adds nothing (`RunFacts.llamaindex_like_unneeded`).

    ## Why
    `apply` rewrites LlamaIndex's `OpenAI` and `OpenAIEmbedding` to `OpenAILike` and
    `OpenAILikeEmbedding` (ML611), which live in those packages: without them the migrated
    program fails with ImportError. llama-index<0.10 ships `OpenAILike` itself.

    ## Fix (review)
    `apply` adds the missing package on the line after the requirement (the list item after
    it in `pyproject.toml`), in the file's own style: indentation, quotes, trailing commas
    and line breaks. Where the file pins the llama-index-core line it installs
    (`llama-index-core==0.12.5`, `llama-index==0.12.1`, a cap such as `<0.13`, or the OpenAI
    package itself: `llama-index-llms-openai==0.3.12` needs core 0.12), the package gets the
    releases that work with that line, `llama-index-llms-openai-like>=0.3,<0.5` (its newest
    release needs the newest llama-index-core). No release of
    `llama-index-embeddings-openai-like` works with llama-index-core 0.10 or 0.11: beside
    those it is reported, not added (it would make the file uninstallable), for you to
    upgrade LlamaIndex. Elsewhere the package is added unpinned (Poetry: `name = "*"`); pin
    it as you pin the rest. A hash-checked requirements file (`--hash=...`) is left to you:
    regenerate it with the package added. Constraints files are left alone.

    ## Data
    `framework` ("llamaindex"), `requirement` (as written), `missing` (the packages to add).
    Where the file pins the llama-index-core line: `core` (`0.12`, or `0.10 to 0.12`),
    `specs` (package -> the specifier added) and, when no release of one works with that
    line, `unavailable` (those packages).
    """

    code = "ML613"
    name = "llamaindex-requirement"
    category = "framework"
    severity = Severity.WARNING
    fix = FixClass.REVIEW
    kinds = frozenset({"requirements", "toml", "setup"})
    examples = (
        Example(
            "llama-index-core==0.12.5\nllama-index-llms-openai==0.3.12\nrequests\n",
            path="requirements.txt",
            provider="acme",
            message="llama-index-llms-openai==0.3.12 is listed, but not "
            "llama-index-llms-openai-like, which migrated code imports (OpenAILike): add "
            "llama-index-llms-openai-like>=0.3,<0.5 (the releases that work with "
            "llama-index-core 0.12, which the versions listed here allow)",
            after="llama-index-core==0.12.5\nllama-index-llms-openai==0.3.12\n"
            "llama-index-llms-openai-like>=0.3,<0.5\nrequests\n",
        ),
        Example(
            "llama-index-core==0.10.68\nllama-index-embeddings-openai==0.1.10\n",
            path="requirements.txt",
            provider="acme",
            message="llama-index-embeddings-openai==0.1.10 is listed, but not "
            "llama-index-embeddings-openai-like, which migrated code imports "
            "(OpenAILikeEmbedding): no release of it works with llama-index-core 0.10, which "
            "the versions listed here allow; upgrade LlamaIndex to 0.12 or later and add it",
            after="llama-index-core==0.10.68\nllama-index-embeddings-openai==0.1.10\n",
        ),
        Example(
            '[project]\nname = "app"\ndependencies = [\n'
            '    "llama-index>=0.10",\n    "httpx",\n]\n',
            path="pyproject.toml",
            provider="acme",
            message="llama-index>=0.10 is listed, but not llama-index-llms-openai-like or "
            "llama-index-embeddings-openai-like, which migrated code imports (OpenAILike, "
            "OpenAILikeEmbedding): add them",
            after='[project]\nname = "app"\ndependencies = [\n    "llama-index>=0.10",\n'
            '    "llama-index-llms-openai-like",\n    "llama-index-embeddings-openai-like",\n'
            '    "httpx",\n]\n',
        ),
        Example(
            '[tool.poetry.dependencies]\npython = "^3.10"\n'
            'llama-index-embeddings-openai = "^0.3"\n',
            path="pyproject.toml",
            provider="acme",
            after='[tool.poetry.dependencies]\npython = "^3.10"\n'
            'llama-index-embeddings-openai = "^0.3"\n'
            'llama-index-embeddings-openai-like = ">=0.1,<0.2.1"\n',
        ),
        Example(
            '[tool.poetry.dependencies]\nllama-index-llms-openai = ">=0.3"\n',
            path="pyproject.toml",
            provider="acme",
            after='[tool.poetry.dependencies]\nllama-index-llms-openai = ">=0.3"\n'
            'llama-index-llms-openai-like = "*"\n',
        ),
        Example(
            "[options]\ninstall_requires =\n    llama-index-llms-openai>=0.2\n",
            path="setup.cfg",
            provider="acme",
            after="[options]\ninstall_requires =\n    llama-index-llms-openai>=0.2\n"
            "    llama-index-llms-openai-like\n",
        ),
        Example("llama-index==0.9.48\n", path="requirements.txt", provider="acme", finds=False),
        Example(
            "llama-index-llms-openai\nllama-index-llms-openai-like\n",
            path="requirements.txt",
            provider="acme",
            finds=False,
        ),
        Example("llama-index-llms-openai\n", path="requirements.txt", finds=False),
    )

    def check(self, doc: ConfigDocument) -> Iterator[Finding]:
        if not self.ctx.switching:
            return
        base = doc.path.replace("\\", "/").rsplit("/", 1)[-1].lower()
        if doc.kind == "requirements" and base.startswith("constraints"):
            return  # a constraints file installs nothing
        found = list(requirements(doc))
        listed = {r.name for r in found}
        lines = pinned_lines([(r.name, r.spec) for r in found])
        for requirement in found:
            needed = li.REQUIREMENTS_NEEDED.get(requirement.name)
            if needed is None:
                continue
            since, packages = needed
            if since and requirement.spec and caps_below(requirement.spec, since):
                continue
            unneeded = self.ctx.facts.llamaindex_like_unneeded
            missing = [p for p in packages if p not in listed and p not in unneeded]
            if not missing:
                continue
            listed.update(missing)
            yield self._report(doc, requirement, missing, lines)

    def _report(
        self,
        doc: ConfigDocument,
        requirement: Requirement,
        missing: list[str],
        lines: tuple[li.Line, ...],
    ) -> Finding:
        classes = ", ".join(PROVIDES[p] for p in missing)
        specs = {p: spec_for(p, lines) for p in missing}
        message = (
            f"{requirement.shown} is listed, but not {' or '.join(missing)}, which migrated "
            f"code imports ({classes}): {advice(missing, specs, lines)}"
        )
        added = {p: s for p, s in specs.items() if s is not None}
        edit = _edit(doc, requirement, added) if added else None
        if edit is None and added and doc.kind == "requirements" and _HASH.search(doc.text):
            message += " and regenerate the hash-checked file"
        data: dict[str, object] = {
            "framework": li.FRAMEWORK,
            "requirement": requirement.shown,
            "missing": missing,
        }
        if lines:
            data.update(core=lines_text(lines), specs=added)
            if len(added) < len(missing):
                data["unavailable"] = [p for p in missing if p not in added]
        fix = FixClass.REVIEW if edit is not None else FixClass.MANUAL
        return self.finding_at(doc, requirement.span, message, fix=fix, edit=edit, data=data)


def _edit(doc: ConfigDocument, requirement: Requirement, added: dict[str, str]) -> Edit | None:
    """The edit that writes `added` (name -> specifier, "" for none) after `requirement`, in
    the file's style."""
    text = doc.text
    line_start, _ = _line_bounds(text, requirement.span.start)
    indent = text[line_start : requirement.span.start]
    indent = indent[: len(indent) - len(indent.lstrip())]
    if requirement.style == "line":
        if doc.kind == "requirements" and _HASH.search(text):
            return None  # pip's hash-checking mode refuses a requirement without a hash
        end = _logical_end(text, requirement.span.start)
        if text[:end].endswith("\\"):
            return None  # a continuation at the end of the file would swallow the new line
        newline = _newline(text, end)
        if doc.kind == "setup" and not indent:  # the value stood beside its key
            indent = "    "
        return Edit(Span(end, end), "".join(f"{newline}{indent}{p}{s}" for p, s in added.items()))
    edit: Edit | None
    if requirement.style == "poetry":
        _, end = _line_bounds(text, requirement.span.start)
        newline = _newline(text, end)
        written = "".join(f'{newline}{indent}{p} = "{s or "*"}"' for p, s in added.items())
        edit = Edit(Span(end, end), written)
    else:
        edit = _array_edit(text, requirement, [f"{p}{s}" for p, s in added.items()], indent)
    return edit if edit is not None and _adds(text, edit, requirement, list(added)) else None


def _array_edit(text: str, requirement: Requirement, added: list[str], indent: str) -> Edit | None:
    """New strings after a string of a TOML list: each on its own line when the item stands
    alone on its line, else after it on the same line."""
    token = text[requirement.span.start : requirement.span.end]
    quote = token[:1]
    if quote not in ("'", '"') or token.startswith(quote * 3):
        return None
    items = [f"{quote}{p}{quote}" for p in added]
    after = requirement.span.end
    line_start, line_end = _line_bounds(text, after)
    rest = text[after:line_end]
    comma = rest.lstrip().startswith(",")
    tail = rest.lstrip()[1:] if comma else rest.lstrip()
    alone = not text[line_start : requirement.span.start].strip() and (
        not tail.strip() or tail.lstrip().startswith("#")
    )
    if not alone:
        return Edit(Span(after, after), "".join(f", {item}" for item in items))
    newline = _newline(text, line_end)
    lines = [f"{newline}{indent}{item}" for item in items]
    if comma:  # `"a",  # note` -> `"a",  # note` + `"new",` lines
        return Edit(Span(line_end, line_end), "".join(f"{line}," for line in lines))
    # the last item without a trailing comma: a comma after it, none after the new ones
    return Edit(Span(after, line_end), "," + rest + ",".join(lines))


def _adds(text: str, edit: Edit, requirement: Requirement, missing: list[str]) -> bool:
    """Whether the TOML with `edit` made still parses and lists `missing` where `requirement`
    stands: an unusual layout is left to a person rather than broken."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib

    new = text[: edit.span.start] + edit.text + text[edit.span.end :]
    try:
        data: object = tomllib.loads(new.lstrip("\ufeff"))
    except tomllib.TOMLDecodeError:
        return False
    for part in requirement.list_path:
        if isinstance(data, dict):
            data = data.get(part)
        elif isinstance(data, list) and part.isdigit() and int(part) < len(data):
            data = data[int(part)]
        else:
            return False
    if isinstance(data, dict):
        names = {normalize(k) for k in data}
    elif isinstance(data, list):
        names = {n[0] for n in (name_and_spec(v) for v in data if isinstance(v, str)) if n}
    else:
        return False
    return set(missing) <= names
