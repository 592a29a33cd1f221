"""ML504: dependencies on the pre-1.0 openai SDK, and a small PEP 440 / Poetry reader."""

from __future__ import annotations

import re
from collections.abc import Iterator

from migrate_llm.formats.document import ConfigDocument, Entry
from migrate_llm.model import Edit, Finding, FixClass, Severity, Span
from migrate_llm.rules.base import ConfigRule, Example

# One PEP 440 / Poetry clause: operator (bare = exact) and release digits.
_CLAUSE = re.compile(r"(?<![\w.])(===|==|!=|<=|>=|~=|<|>|\^|~|=)?\s*v?(\d+(?:\.(?:\d+|\*))*)")
_PEP508 = re.compile(r"(?i)\s*openai\s*(?:\[[^\]]*\])?\s*(?P<spec>(?:[<>=!~(][^;@]*)?)")
_SPEC = r"(?:===|==|!=|<=|>=|~=|<|>)\s*[\w.*+!-]+"
_SETUP_REQUIREMENT = re.compile(
    rf"(?i)(?<![\w.-])openai(?![\w.-])\s*(?:\[[^\]]*\])?\s*(?P<spec>{_SPEC}(?:\s*,\s*{_SPEC})*)"
)


def pins_legacy(spec: str) -> bool:
    """Whether a version specifier (PEP 440 or Poetry) admits no openai>=1 release."""
    alternatives = [a for a in spec.split("||") if a.strip()]
    return bool(alternatives) and all(_caps_below_1(a) for a in alternatives)


def _caps_below_1(spec: str) -> bool:
    for op, version in _CLAUSE.findall(spec):
        release = tuple(int(p) for p in version.split(".") if p != "*")
        while len(release) > 1 and release[-1] == 0:
            release = release[:-1]
        if op in ("", "=", "==", "===", "~=", "^", "~", "<=") and release[0] == 0:
            return True
        if op == "<" and release <= (1,):
            return True
    return False


class DependencyPin(ConfigRule):
    """A dependency on the pre-1.0 openai SDK (`openai==0.28.1`, `openai<1`).

    ## What it does
    Finds `openai` requirements whose specifier admits no 1.x release, in requirements and
    constraints files, `pyproject.toml` (PEP 621 lists, `[tool.poetry.dependencies]`),
    `setup.cfg` and `setup.py`.

    ## Why
    Migrated code uses the v1 client (`OpenAI(base_url=...)`), which openai<1.0 lacks; the
    pin would make every migrated call fail at import time.

    ## Fix
    `apply` (with any provider, `openai` included) rewrites the version specifier only, in
    the file's own format: `openai[datalib]==0.28.1 ; python_version>"3.8"  # old API` ->
    `openai[datalib]>=1 ; python_version>"3.8"  # old API`, `"openai<1"` -> `"openai>=1"`,
    Poetry's `openai = "^0.28"` -> `openai = ">=1"`. A hash-checked requirement
    (`--hash=...`) is left to you: regenerate the locked file.
    """

    code = "ML504"
    name = "dependency-pin"
    category = "legacy"
    severity = Severity.ERROR
    fix = FixClass.SAFE
    kinds = frozenset({"requirements", "toml", "setup", "setup.py"})
    examples = (
        Example(
            "requests>=2\nopenai==0.28.1  # pinned for the old API\n",
            path="requirements.txt",
            message="openai==0.28.1 pins the pre-1.0 SDK; migrated code needs openai>=1",
            provider="openai",
            after="requests>=2\nopenai>=1  # pinned for the old API\n",
        ),
        Example(
            '[tool.poetry.dependencies]\npython = "^3.10"\nopenai = "^0.28"\n',
            path="pyproject.toml",
            provider="acme",
            message='openai = "^0.28" pins the pre-1.0 SDK; migrated code needs openai>=1',
            after='[tool.poetry.dependencies]\npython = "^3.10"\nopenai = ">=1"\n',
        ),
        Example(
            "[project]\ndependencies = [\"openai[datalib]>=0.27,<1.0; python_version>'3.8'\"]\n",
            path="pyproject.toml",
            provider="acme",
            after="[project]\ndependencies = [\"openai[datalib]>=1; python_version>'3.8'\"]\n",
        ),
        Example(
            "[options]\ninstall_requires =\n    openai ~= 0.27.8\n",
            path="setup.cfg",
            provider="acme",
            after="[options]\ninstall_requires =\n    openai >=1\n",
        ),
        Example("setup(install_requires=['openai<1'])\n", path="setup.py", provider="acme"),
        Example(
            "openai==0.28.1 \\\n    --hash=sha256:0123\n", path="requirements.txt", provider="acme"
        ),
        Example("openai>=1.3\nopenai-whisper==20231117\n", path="requirements.txt", finds=False),
        Example('[project]\ndependencies = ["openai>0.28"]\n', path="pyproject.toml", finds=False),
    )

    def check(self, doc: ConfigDocument) -> Iterator[Finding]:
        if doc.kind in ("setup", "setup.py"):
            for match in _SETUP_REQUIREMENT.finditer(doc.text):
                if pins_legacy(match.group("spec")):
                    shown = "".join(match.group(0).split())
                    spec: Span | None = Span(match.start("spec"), match.end("spec"))
                    yield self._report(doc, Span(match.start(), match.end()), shown, spec)
            return
        for entry in doc.entries:
            if entry.value is None or entry.value_span is None:
                continue
            requirement = _PEP508.fullmatch(entry.value.split(";", 1)[0])
            if requirement is not None:
                if pins_legacy(requirement.group("spec")):
                    shown = "".join(requirement.group(0).split())
                    spec = self._spec_span(doc, entry.value_span, entry.value, doc.kind != "toml")
                    yield self._report(doc, entry.value_span, shown, spec)
            elif doc.kind == "toml" and _poetry_constraint(entry) and pins_legacy(entry.value):
                raw = doc.text[entry.value_span.start : entry.value_span.end]
                spec = None
                if entry.value and raw.count(entry.value) == 1:
                    at = entry.value_span.start + raw.index(entry.value)
                    spec = Span(at, at + len(entry.value))
                yield self._report(doc, entry.value_span, f'openai = "{entry.value}"', spec)

    @staticmethod
    def _spec_span(doc: ConfigDocument, span: Span, value: str, raw_line: bool) -> Span | None:
        """Where the version specifier of a PEP 508 requirement stands in the text."""
        raw = doc.text[span.start : span.end]
        if raw_line:  # a requirements line: its value is the raw text, spaces collapsed
            if _HASHED.match(doc.text, span.end):
                return None  # `--hash` needs an exact pin: the lock file must be regenerated
            at, value = span.start, raw
        elif value and raw.count(value) == 1:  # a TOML string, quotes around it
            at = span.start + raw.index(value)
        else:
            return None
        match = _PEP508.fullmatch(value.split(";", 1)[0])
        if match is None or not match.group("spec").strip():
            return None
        spec = match.group("spec").rstrip()
        if "\\" in spec or "\n" in spec:
            return None
        return Span(at + match.start("spec"), at + match.start("spec") + len(spec))

    def _report(
        self, doc: ConfigDocument, span: Span, requirement: str, spec: Span | None
    ) -> Finding:
        message = f"{requirement} pins the pre-1.0 SDK; migrated code needs openai>=1"
        edit = None
        if spec is not None:
            edit = Edit(spec, "(>=1)" if doc.text.startswith("(", spec.start) else ">=1")
        fix = FixClass.SAFE if edit else FixClass.MANUAL
        edit = edit if self.ctx.provider is not None else None
        return self.finding_at(doc, span, message, fix=fix, edit=edit)


# The rest of a requirements line, continuations included, when it has a `--hash` option.
_HASHED = re.compile(r"(?:[^\n]*\\\r?\n)*[^\n]*--hash")


def _poetry_constraint(entry: Entry) -> bool:
    """`openai = "^0.28"` or `openai = {version = "^0.28"}` under a dependencies table."""
    path = [p.lower() for p in entry.path]
    if not any(p == "dependencies" or p.endswith("-dependencies") for p in path):
        return False
    return path[-1] == "openai" or (path[-1] == "version" and path[-2:-1] == ["openai"])
