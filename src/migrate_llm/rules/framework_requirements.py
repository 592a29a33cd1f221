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
from migrate_llm.model import Edit, Finding, FixClass, Severity, Span
from migrate_llm.rules.base import ConfigRule, Example
from migrate_llm.rules.dependency_pin import caps_below

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

_HASH = re.compile(r"(?<![\w-])--hash\b")
# The class each OpenAI-like package provides, for messages.
_PROVIDES = {
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


class FrameworkRequirements(ConfigRule):
    """A LlamaIndex dependency without the OpenAI-like package that migrated code imports.

    ## What it does
    With `--provider P` (not `openai`), finds `llama-index-llms-openai`,
    `llama-index-embeddings-openai` and the `llama-index` meta-package (0.10 and later, which
    installs both) in requirements files, `pyproject.toml` (`[project]` dependencies and
    optional dependencies, `[dependency-groups]`, Poetry's dependency tables) and `setup.cfg`
    when the same file does not list `llama-index-llms-openai-like` /
    `llama-index-embeddings-openai-like`. Which package needs which is a table in
    `migrate_llm.frameworks.llamaindex`.

    ## Why
    `apply` rewrites LlamaIndex's `OpenAI` and `OpenAIEmbedding` to `OpenAILike` and
    `OpenAILikeEmbedding` (ML611), which live in those packages: without them the migrated
    program fails with ImportError. llama-index<0.10 ships `OpenAILike` itself.

    ## Fix (review)
    `apply` adds the missing package, unpinned, on the line after the requirement (the list
    item after it in `pyproject.toml`), in the file's own style: indentation, quotes,
    trailing commas and line breaks; Poetry gets `name = "*"`. Pin it as you pin the rest.
    A hash-checked requirements file (`--hash=...`) is left to you: regenerate it with the
    package added. Constraints files are left alone.

    ## Data
    `framework` ("llamaindex"), `requirement` (as written), `missing` (the packages to add).
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
            "llama-index-llms-openai-like, which migrated code imports (OpenAILike): add it",
            after="llama-index-core==0.12.5\nllama-index-llms-openai==0.3.12\n"
            "llama-index-llms-openai-like\nrequests\n",
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
            'llama-index-embeddings-openai = "^0.2"\n',
            path="pyproject.toml",
            provider="acme",
            after='[tool.poetry.dependencies]\npython = "^3.10"\n'
            'llama-index-embeddings-openai = "^0.2"\nllama-index-embeddings-openai-like = "*"\n',
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
        for requirement in found:
            needed = li.REQUIREMENTS_NEEDED.get(requirement.name)
            if needed is None:
                continue
            since, packages = needed
            if since and requirement.spec and caps_below(requirement.spec, since):
                continue
            missing = [p for p in packages if p not in listed]
            if not missing:
                continue
            listed.update(missing)
            yield self._report(doc, requirement, missing)

    def _report(self, doc: ConfigDocument, requirement: Requirement, missing: list[str]) -> Finding:
        classes = ", ".join(_PROVIDES[p] for p in missing)
        them = "them" if len(missing) > 1 else "it"
        message = (
            f"{requirement.shown} is listed, but not {' or '.join(missing)}, which migrated "
            f"code imports ({classes}): add {them}"
        )
        edit = _edit(doc, requirement, missing)
        if edit is None and doc.kind == "requirements" and _HASH.search(doc.text):
            message += " and regenerate the hash-checked file"
        data = {"framework": li.FRAMEWORK, "requirement": requirement.shown, "missing": missing}
        fix = FixClass.REVIEW if edit is not None else FixClass.MANUAL
        return self.finding_at(doc, requirement.span, message, fix=fix, edit=edit, data=data)


def _edit(doc: ConfigDocument, requirement: Requirement, missing: list[str]) -> Edit | None:
    """The edit that writes `missing` after `requirement`, in the file's style."""
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
        added = "".join(f"{newline}{indent}{p}" for p in missing)
        return Edit(Span(end, end), added)
    edit: Edit | None
    if requirement.style == "poetry":
        _, end = _line_bounds(text, requirement.span.start)
        newline = _newline(text, end)
        edit = Edit(Span(end, end), "".join(f'{newline}{indent}{p} = "*"' for p in missing))
    else:
        edit = _array_edit(text, requirement, missing, indent)
    return edit if edit is not None and _adds(text, edit, requirement, missing) else None


def _array_edit(
    text: str, requirement: Requirement, missing: list[str], indent: str
) -> Edit | None:
    """New strings after a string of a TOML list: each on its own line when the item stands
    alone on its line, else after it on the same line."""
    token = text[requirement.span.start : requirement.span.end]
    quote = token[:1]
    if quote not in ("'", '"') or token.startswith(quote * 3):
        return None
    items = [f"{quote}{p}{quote}" for p in missing]
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
