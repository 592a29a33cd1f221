"""ML504: dependencies on the pre-1.0 openai SDK, and a small PEP 440 / Poetry reader."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import NamedTuple

from migrate_llm import openai_sdk as sdk
from migrate_llm.formats.dependencies import holds_requirements, requirements
from migrate_llm.formats.document import ConfigDocument, Entry
from migrate_llm.formats.install_words import INSTALL, install_words
from migrate_llm.formats.requirements import normalize
from migrate_llm.frameworks import langchain as lc
from migrate_llm.frameworks.pins import (
    FIRST_OPENAI_V1,
    FIRST_WITH_BASE_URL,
    FIRST_WITH_TOKEN_MODEL,
    MOVED_WITH_OPENAI,
    OPENAI_V0_BUILDER_OBJECTS,
    OPENAI_V0_BUILDERS,
    OPENAI_V0_CLASSES,
    OPENAI_V0_LIBRARIES,
    OPENAI_V0_ONLY_DEPENDENCIES,
    OPENAI_V0_PARTS,
    PINNED_PACKAGES,
    REPLACED_FOR_OPENAI_V1,
    OpenAIPart,
    version_text,
)
from migrate_llm.model import Edit, Finding, FixClass, Severity, Span
from migrate_llm.rules.base import ConfigRule, Example, RuleContext

# One PEP 440 / Poetry clause: operator (bare = exact) and release digits.
SPEC_CLAUSE = re.compile(r"(?<![\w.])(===|==|!=|<=|>=|~=|<|>|\^|~|=)?\s*v?(\d+(?:\.(?:\d+|\*))*)")
_PEP508 = re.compile(r"(?i)\s*openai\s*(?:\[[^\]]*\])?\s*(?P<spec>(?:[<>=!~(][^;@]*)?)")
_SPEC = r"(?:===|==|!=|<=|>=|~=|<|>)\s*[\w.*+!-]+"
_SETUP_REQUIREMENT = re.compile(
    rf"(?i)(?<![\w.-])openai(?![\w.-])\s*(?:\[[^\]]*\])?\s*(?P<spec>{_SPEC}(?:\s*,\s*{_SPEC})*)"
)


def pins_legacy(spec: str) -> bool:
    """Whether a version specifier (PEP 440 or Poetry) admits no openai>=1 release."""
    alternatives = [a for a in spec.split("||") if a.strip()]
    return bool(alternatives) and all(_caps_below_1(a) for a in alternatives)


def requires_v1(spec: str) -> bool:
    """Whether a PEP 440 version specifier admits no openai<1 release (`>=1`, `==1.30.1`)."""
    for op, version in SPEC_CLAUSE.findall(spec):
        release = tuple(int(p) for p in version.split(".") if p != "*")
        if op in (">=", "==", "===", "~=", ">") and release and release[0] >= 1:
            return True
    return False


def _caps_below_1(spec: str) -> bool:
    for op, version in SPEC_CLAUSE.findall(spec):
        release = tuple(int(p) for p in version.split(".") if p != "*")
        while len(release) > 1 and release[-1] == 0:
            release = release[:-1]
        if op in ("", "=", "==", "===", "~=", "^", "~", "<=") and release[0] == 0:
            return True
        if op == "<" and release <= (1,):
            return True
    return False


def release_of(version: str) -> tuple[tuple[int, ...], bool]:
    """(release digits, ends in a wildcard) of `0.0.*`-style version text."""
    parts = version.split(".")
    wildcard = parts[-1] == "*"
    return tuple(int(p) for p in parts if p != "*"), wildcard


def _bump(release: tuple[int, ...]) -> tuple[int, ...]:
    return (*release[:-1], release[-1] + 1) if release else (1,)


def version_below(a: tuple[int, ...], b: tuple[int, ...]) -> bool:
    width = max(len(a), len(b))
    return a + (0,) * (width - len(a)) < b + (0,) * (width - len(b))


def _clause_caps(op: str, version: str, first: tuple[int, ...]) -> bool:
    """Whether one clause admits no release from `first` on."""
    release, wildcard = release_of(version)
    if not release:
        return False
    if op in ("", "=", "==", "==="):
        if wildcard:  # `==0.0.*`: every 0.0.x
            return not version_below(first, _bump(release))
        return version_below(release, first)
    if op == "<":
        return not version_below(first, release)
    if op == "<=":
        return version_below(release, first)
    if op == "~=" and len(release) >= 2:
        return not version_below(first, _bump(release[:-1]))
    if op == "^":  # Poetry: up to the next change of the first non-zero part
        head = next((i for i, p in enumerate(release) if p), len(release) - 1)
        return not version_below(first, _bump(release[: head + 1]))
    if op == "~":  # Poetry: ~1.2.3 and ~1.2 stop below 1.3, ~1 below 2
        return not version_below(first, _bump(release[:2]))
    return False


def caps_below(spec: str, first: tuple[int, ...]) -> bool:
    """Whether a version specifier (PEP 440 or Poetry) admits no release from `first` on."""
    alternatives = [a for a in spec.split("||") if a.strip()]
    return bool(alternatives) and all(
        any(_clause_caps(op, v, first) for op, v in SPEC_CLAUSE.findall(a)) for a in alternatives
    )


def raised_floor(spec: str, first: tuple[int, ...]) -> str | None:
    """`spec` (PEP 440 or Poetry, one alternative) with its lower bound raised to `first`, its
    upper bounds and exclusions kept (`>=1.3.5,<2` -> `>=1.45.0,<2`, `^1.3` -> `>=1.45.0,<2`,
    `*` or none -> `>=1.45.0`); None where a clause is not one of those (`||`, `===`, Poetry's
    space-separated clauses)."""
    kept: list[str] = []
    for part in spec.strip().strip("()").split(","):
        part = part.strip()
        if part in ("", "*"):
            continue
        clause = SPEC_CLAUSE.fullmatch(part)
        if clause is None:
            return None
        op, version = clause.groups()
        release, wildcard = release_of(version)
        if op in ("<", "<=", "!="):
            kept.append(part)
        elif op in ("~=", "^", "~", "", "=", "==") and release:
            if op == "~=" and len(release) >= 2:
                below = release[:-1]
            elif op == "^":
                below = release[: next((i for i, p in enumerate(release) if p), 0) + 1]
            elif op == "~":
                below = release[:2]
            elif wildcard:  # `==1.*`
                below = release
            else:
                return None
            kept.append(f"<{version_text(_bump(below))}")
        elif op not in (">=", ">"):
            return None
    return ",".join([f">={version_text(first)}", *kept])


def admits_from(spec: str, first: tuple[int, ...]) -> bool:
    """Whether a version specifier (PEP 440 or Poetry) admits no release before `first`: each
    alternative has a lower bound (`>=`, `==`, `~=`, `^`, `~`) at `first` or above."""
    alternatives = [a for a in spec.split("||") if a.strip()]
    return bool(alternatives) and all(
        any(
            op in ("", "=", "==", "===", ">=", "~=", "^", "~")
            and release_of(v)[0]
            and not version_below(release_of(v)[0], first)
            for op, v in SPEC_CLAUSE.findall(a)
        )
        for a in alternatives
    )


@dataclass(frozen=True)
class FrameworkPin:
    """A pinned framework release that works only with openai<1."""

    name: str  # normalised project name
    shown: str  # the requirement as written, spaces removed
    line: int
    first: tuple[int, ...]  # the first release that works with openai>=1
    # the project replacing one no release of which works with openai>=1 (`first` is then
    # that project's first release that does)
    successor: str = ""
    # its OpenAI chat class takes no base URL (`frameworks.pins.FIRST_WITH_BASE_URL`)
    no_base_url: bool = False
    # its OpenAI chat and embeddings classes take no `tiktoken_model_name`
    # (`frameworks.pins.FIRST_WITH_TOKEN_MODEL`)
    no_token_model: bool = False
    # only this part of the package needs openai<1 (`frameworks.pins.OPENAI_V0_PARTS`): the
    # openai pin is raised all the same
    part: OpenAIPart | None = None
    # the releases the requirement admits take openai 1.x (`OpenAIPart.first_1x`)
    takes_1x: bool = False
    # where its version specifier stands, when apply can rewrite it
    spec: Span | None = None
    # why `first` is the release advised, where the project's use of it decides
    why: str = ""
    # what a person does with a package no release of which works with openai>=1 and that
    # no project replaced (`frameworks.pins.OPENAI_V0_LIBRARIES`: gptcache)
    kept: str = ""

    @property
    def moves_to(self) -> tuple[int, ...] | None:
        """The release apply moves the pin to together with openai's
        (`frameworks.pins.MOVED_WITH_OPENAI`); None where a person moves it."""
        if self.part is not None or self.successor or self.kept or self.spec is None:
            return None
        return MOVED_WITH_OPENAI.get(self.name)

    @property
    def advice(self) -> str:
        if self.kept:
            return self.kept
        if self.successor:
            why = f" ({self.why})" if self.why else ""
            return f"replace {self.name} with {self.successor}>={version_text(self.first)}{why}"
        return f"upgrade {self.name} to >={version_text(self.first)}"


class _Need(NamedTuple):
    """What a pin needing openai<1 calls for (the fields of `FrameworkPin` after `line`)."""

    first: tuple[int, ...]
    successor: str = ""
    no_base_url: bool = False
    no_token_model: bool = False
    part: OpenAIPart | None = None
    takes_1x: bool = False
    kept: str = ""  # `FrameworkPin.kept`

    def pin(self, name: str, shown: str, line: int, spec: Span | None) -> FrameworkPin:
        """The pin of `name` as written (`shown`, on `line`; its specifier at `spec`)."""
        return FrameworkPin(name, shown, line, *self[:6], spec=spec, kept=self.kept)


def _then(pins: list[FrameworkPin], then: str) -> str:
    """`, then <then>` after the advice on `pins`, but where one of them keeps openai<1 for
    good (`FrameworkPin.kept`): apply leaves the pins."""
    if any(p.kept for p in pins):
        return "; apply leaves the openai pin"
    return f", then {then}"


def _needs_openai_0(name: str, spec: str) -> _Need | None:
    """What a requirement of package `name` (normalised) that only admits releases needing
    openai<1 calls for: the first release working with openai>=1, the project to move to (or
    "" to upgrade), whether its chat class takes no base URL, whether its classes take no
    `tiktoken_model_name`, the part needing openai<1 (None when the whole framework does)."""
    if name in OPENAI_V0_LIBRARIES:  # whatever the specifier: none works, none replaces it
        return _Need((), kept=OPENAI_V0_LIBRARIES[name].instead)
    if name in REPLACED_FOR_OPENAI_V1:
        successor = REPLACED_FOR_OPENAI_V1[name]
        return _Need(successor.first, successor.name)  # whatever the specifier: none works
    part = OPENAI_V0_PARTS.get(name)
    if part is not None:
        if not spec or not caps_below(spec, part.first):
            return None
        if part.since is not None and caps_below(spec, part.since):
            return None  # the releases admitted are older than the part's use of it
        takes_1x = part.first_1x is not None and not caps_below(spec, part.first_1x)
        return _Need(part.first, part=part, takes_1x=takes_1x)
    first = FIRST_OPENAI_V1.get(name)
    if first is None or not spec or not caps_below(spec, first):
        return None
    with_base_url = FIRST_WITH_BASE_URL.get(name)
    with_token_model = FIRST_WITH_TOKEN_MODEL.get(name)
    return _Need(
        first,
        "",
        with_base_url is not None and caps_below(spec, with_base_url),
        with_token_model is not None and caps_below(spec, with_token_model),
    )


# the first openai release taking max_completion_tokens= (ML112)
_TOKENS_SINCE = sdk.KEYWORD_SINCE[sdk.MAX_COMPLETION_TOKENS]
_NO_BASE_URL = (
    "; its ChatOpenAI takes no openai_api_base: a base URL given there is dropped and requests "
    "go to OpenAI with the provider's key (apply leaves it to you, ML601)"
)
_NO_TOKEN_MODEL = (
    f"; the arguments apply writes for ChatOpenAI and OpenAIEmbeddings ({lc.TOKEN_MODEL}=) need "
    f"langchain>={version_text(lc.TOKEN_MODEL_SINCE)}: before it "
    f"{lc.TOKEN_MODEL_UNKNOWN['chat']}, and {lc.TOKEN_MODEL_UNKNOWN['embeddings']}"
)


def _listed(text: str, at: int) -> bool:
    """Whether a name at `at` stands where a requirement does: quoted (setup.py), first on its
    line or after `=` or `,` (setup.cfg)."""
    before = text[:at].rstrip(" \t")
    return not before or before[-1] in "\"'=,\n"


_NAMED = re.compile(r"\s*(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*(?P<spec>[^;@]*)")


def framework_pins(doc: ConfigDocument) -> list[FrameworkPin]:
    """The requirements of `doc` that pin a framework release needing openai<1
    (`frameworks.pins`): `langchain==0.0.184`, `llama-index<0.8.64`, Poetry's
    `langchain = "^0.0.150"`."""
    found: list[FrameworkPin] = []
    if doc.kind in ("setup", "setup.py"):
        for project in PINNED_PACKAGES:
            spelled = r"[-_.]".join(re.escape(p) for p in project.split("-"))
            pattern = rf"(?i)(?<![\w.-]){spelled}(?![\w.-])\s*(?:\[[^\]]*\])?\s*"
            pattern += rf"(?P<spec>{_SPEC}(?:\s*,\s*{_SPEC})*)?"
            for found_in_text in re.finditer(pattern, doc.text):
                spec = found_in_text.group("spec") or ""
                if not spec and not _listed(doc.text, found_in_text.start()):
                    continue  # the bare name in prose, not a requirement
                needs = _needs_openai_0(project, spec)
                if needs is not None:
                    at = doc.lines.position(found_in_text.start())[0]
                    text = "".join(found_in_text.group(0).split())
                    spec_at = Span(*found_in_text.span("spec")) if spec else None
                    found.append(needs.pin(project, text, at, spec_at))
        return found
    for entry in doc.entries:
        if entry.value is None or entry.value_span is None or not _requirement_entry(doc, entry):
            continue
        line = doc.lines.position(entry.value_span.start)[0]
        path = [p.lower() for p in entry.path]
        poetry = (
            _keyed(doc, entry)
            and any(p == "dependencies" or p.endswith("-dependencies") for p in path)
            and path
            and (normalize(path[-1]) in PINNED_PACKAGES or path[-1] == "version")
        )
        if poetry:
            name = normalize(
                path[-1] if path[-1] != "version" else path[-2] if len(path) > 1 else ""
            )
            needs = _needs_openai_0(name, entry.value)
            if needs is not None:
                shown = f'{name} = "{entry.value}"'
                spec_at = _value_span(doc, entry.value_span, entry.value)
                found.append(needs.pin(name, shown, line, spec_at))
            continue
        match = _NAMED.fullmatch(entry.value.split(";", 1)[0])
        if match is None:
            continue
        name = normalize(match.group("name"))
        needs = _needs_openai_0(name, match.group("spec").strip())
        if needs is not None:
            shown = "".join(entry.value.split(";", 1)[0].split())
            raw_line = doc.kind not in ("toml", INSTALL)
            spec_at = _spec_span(doc, entry.value_span, entry.value, raw_line, _NAMED)
            found.append(needs.pin(name, shown, line, spec_at))
    return found


def _value_span(doc: ConfigDocument, span: Span, value: str) -> Span | None:
    """Where a TOML string's `value` stands inside its quotes (`span`, the string's)."""
    raw = doc.text[span.start : span.end]
    if not value or raw.count(value) != 1:
        return None
    at = span.start + raw.index(value)
    return Span(at, at + len(value))


def keeps_openai_0(doc: ConfigDocument) -> bool:
    """Whether the project installed from `doc` stays on openai<1 after `apply`: it pins a
    framework release that works only with openai<1 (`framework_pins`, not one of
    `OPENAI_V0_PARTS`: raising the openai pin alone would break it, so ML504 leaves both), or
    an openai requirement admitting no 1.x release that ML504 cannot rewrite (hash-checked,
    by URL to a 0.x release). A framework pin apply moves with openai's
    (`FrameworkPin.moves_to`) keeps nothing: both move in the same run."""
    held = [pin for pin in framework_pins(doc) if pin.part is None]
    if requires_openai_1(doc) is not None:  # langchain's classes alone need openai<1
        held = [pin for pin in held if pin.name not in OPENAI_V0_CLASSES]
    if any(pin.moves_to is None for pin in held):
        return True
    return openai_held(doc)


def requires_openai_1(doc: ConfigDocument) -> str | None:
    """The first openai requirement of `doc` as written, where each of them admits only
    openai>=1 (`openai==1.1.0`): the project installs openai 1.x beside its framework pins
    already. None where the file requires no openai or admits a 0.x release."""
    found = [r for r in requirements(doc) if r.name == "openai"]
    if not found or not all(admits_from(r.spec, (1,)) for r in found):
        return None
    return "".join(found[0].shown.split())


def openai_held(doc: ConfigDocument) -> bool:
    """Whether `doc` requires openai<1 in a way ML504 cannot rewrite: a hash-checked
    requirement, one by URL to a 0.x release."""
    if doc.kind in ("setup", "setup.py"):
        return False  # ML504 rewrites these specifiers in place
    for entry in doc.entries:
        if entry.value is None or entry.value_span is None or not _requirement_entry(doc, entry):
            continue
        requirement = _PEP508.fullmatch(entry.value.split(";", 1)[0])
        if requirement is not None and pins_legacy(requirement.group("spec")):
            raw_line = doc.kind not in ("toml", INSTALL)
            if _spec_span(doc, entry.value_span, entry.value, raw_line) is None:
                return True
    for match in _URL_REQUIREMENT.finditer(doc.text):
        url = match.group("url")
        line_start = doc.text.rfind("\n", 0, match.start()) + 1
        openai_url = _EGG.search(url) or ("git+" in url and "/openai-python" in url)
        if (
            (match.group("named") or openai_url)
            and _V0_REF.match(_url_ref(url) or "")
            and "#" not in doc.text[line_start : match.start()]
        ):
            return True
    return False


class DependencyPin(ConfigRule):
    """A dependency on the pre-1.0 openai SDK (`openai==0.28.1`, `openai<1`).

    ## What it does
    Finds `openai` requirements whose specifier admits no 1.x release, in requirements and
    constraints files, `pyproject.toml` (PEP 621 lists, its extras' too, whatever an extra
    is called; `[tool.poetry.dependencies]`),
    `setup.cfg` and `setup.py`, and the install commands of Dockerfiles and scripts (`RUN pip
    install openai==0.27.0`, uv, pipenv, Poetry's `add`: `formats.install_words`, read as a
    requirements file's lines; the rewritten word quoted where the shell would read `>` as a
    redirection; t53c D3); and requirements given by URL whose git ref or file name is
    a 0.x release: `openai @ git+https://github.com/openai/openai-python@v0.28.1`,
    `-e git+https://github.com/openai/openai-python.git@v0.28.1#egg=openai`, a wheel's URL,
    Poetry's `openai = { git = "...", tag = "v0.28.1" }`. A URL whose ref names no release
    (a commit, a branch other than the default one) is reported too: nothing shows that it
    is 1.x.

    ## Why
    Migrated code uses the v1 client (`OpenAI(base_url=...)`), which openai<1.0 lacks; the
    pin would make every migrated call fail at import time.

    ## Fix
    `apply` (with any provider, `openai` included) rewrites the version specifier only, in
    the file's own format: `openai[datalib]==0.28.1 ; python_version>"3.8"  # old API` ->
    `openai[datalib]>=1 ; python_version>"3.8"  # old API`, `"openai<1"` -> `"openai>=1"`,
    Poetry's `openai = "^0.28"` -> `openai = ">=1"`. A hash-checked requirement
    (`--hash=...`) is left to you: regenerate the locked file. A requirement by URL is left
    to you too (it may point at a fork on purpose): the finding says to write `openai>=1` in
    its place.

    Where a Python module or notebook of the project names an openai<1.0 resource class
    (`openai.Completion`, `openai.Embedding`: `RunFacts.openai_v0_used`), whose code apply moves
    to the v1 client, a requirement that still admits 0.x releases (`openai`, `openai[datalib]`,
    `openai>=0.27,<2`, Poetry's `"*"`; in requirements files, PEP 621's lists and extras,
    Poetry's dependency tables, and `setup.py`'s quoted strings, `extras_require` included) is an
    error too: an installed 0.x release satisfies it, and the migrated code fails at import
    (t59f D4). apply raises its lower bound to 1, keeping the rest (safe: `openai` ->
    `openai>=1`, `>=0.27,<2` -> `>=1,<2`); a framework pin holding openai<1 leaves it manual. A
    Poetry extra naming openai that no dependency table of the file declares (LangChain 0.0.61's
    `[tool.poetry.extras]`) gives no version at all: reported (manual) in a project with openai
    code of either SDK, before and after apply, with the line to add to
    `[tool.poetry.dependencies]`.

    Where the file's openai requirements admit only openai>=1 once apply has run, a
    requirement of a package every openai>=1 release needs at a floor
    (`sdk.OPENAI_V1_DEPENDENCY_FLOORS`: typing-extensions>=4.5, pydantic>=1.9.0, anyio>=3.5.0)
    that admits none of those releases is an error: pip resolves nothing (generative_agents'
    `typing-extensions==4.0.0`, t62e). An exact pin beside `openai>=1` moves to the floor in
    the same run (review: `==4.0.0` -> `==4.5.0`); another form is left to a person.

    A framework release that works only with openai<1 (`langchain<0.0.334`,
    `llama-index<0.8.64`, `instructor<0.4.0` (0.3.x takes openai>=1 but has no
    `instructor.Mode`, which ML650 writes), `pyautogen<0.2.0`, and `openai-function-call` at
    any version;
    tables in `migrate_llm.frameworks.pins`) required in the same file blocks the rewrite:
    raising the openai pin alone would break the framework (`module 'openai' has no
    attribute 'error'`). Both pins are then reported as manual, with the framework release
    to upgrade to (or the project to replace it with: `instructor>=0.3.1` for
    openai-function-call, `>=0.4.0` where a module passes a mode, `Successor` in the table),
    and the openai pin is left as it is. A langchain pin beside an openai requirement of the
    same file admitting only 1.x (`openai==1.1.0`) holds nothing back: those releases reach
    openai only in their OpenAI classes (`OPENAI_V0_CLASSES`): a note where no module of the
    project names one, nor a name building one where the code gives none
    (`OPENAI_V0_BUILDERS`: `VectorstoreIndexCreator`, whose embeddings default to
    `OpenAIEmbeddings`; t63 review l1), else a warning, which names those and says they send
    their requests to OpenAI (t63b). Nor does one beside an openai<1 pin in a project no module
    of which imports the openai package (`RunFacts.openai_sdk_unimported`): apply writes no v1
    client there and points the LangChain classes at the provider on those releases; the
    openai pin is a note, both left (ChemCrow, t68c), but where a module names langchain's own
    `OpenAIEmbeddings` and the provider takes no token ids (ML602 asks for langchain_openai's
    class, which needs openai>=1: the message says so);
    code apply rewrites to the openai>=1 API under such pins cannot be imported until they
    move, so `apply` says so and exits 1. A package no release of which works with openai>=1
    and that nothing replaced (`gptcache`, at any version: its OpenAI adapter subclasses
    openai<1's classes; table `OPENAI_V0_LIBRARIES`) keeps the project on openai<1 for good:
    both pins are left and reported as notes (`check` passes on them), saying why and what
    to do (t62c: the openai pin raised beside gptcache failed at import with
    APIRemovedInV1). An `instructor` pin is the exception (table
    `MOVED_WITH_OPENAI` in `migrate_llm.frameworks.pins`): apply moves it with the openai pin,
    in the same run and as review on both lines, to exactly its first release for openai>=1
    (`instructor==0.2.8` -> `instructor==0.4.0`, which still exports 0.2's names and is the
    release ML650's rewrites are for), also in a file that names no openai; not where another
    framework pin or an openai requirement apply cannot rewrite (hash-checked, by URL) holds
    openai back: then every pin stays, manual. Where apply raises an openai<1 pin and a module
    of the project imports a package openai<1 installed and openai>=1 does not (`requests`,
    `aiohttp`: `OPENAI_V0_ONLY_DEPENDENCIES`) that the file does not list, a warning on the
    openai line says so and apply adds it (review) with the specifier openai 0.28.0 required
    (`requests>=2.20`, `aiohttp`): a line after the openai one, or an item after its string (a
    `pyproject.toml` list, `setup.py`); manual where it stands otherwise.

    Where the provider takes `max_completion_tokens` (its `max_tokens_param`), a module of the
    project names `max_tokens` or `max_completion_tokens` (ML112 renames the first) and no
    requirement caps openai below 1.45.0 (`openai_sdk.KEYWORD_SINCE`, whose
    `create()` rejects `max_completion_tokens=`: ML112 then leaves it), an openai requirement
    admitting releases before 1.45.0 is an error: apply raises its floor (review), keeping
    its upper bounds and exclusions (`openai>=1.3.5,<2` -> `openai>=1.45.0,<2`, `openai` ->
    `openai>=1.45.0`, Poetry's `"^1.3"` -> `">=1.45.0,<2"`), and an openai<1 pin becomes
    `>=1.45.0` (review) instead of `>=1`; a hash-checked one is left to you.
    `data.openai_requires`: the specifier apply writes.
    A `langchain` release older than 0.0.169 is reported even in a file that names no openai:
    its `ChatOpenAI` has no `openai_api_base`, so a base URL given there is dropped and the
    requests go to OpenAI with the provider's key (thinkgpt pins 0.0.141); ML601 leaves it
    to you. So is one older than 0.0.216 (`langchain.TOKEN_MODEL_SINCE` in
    `migrate_llm.frameworks`), whose `ChatOpenAI` and `OpenAIEmbeddings` have no
    `tiktoken_model_name`, which ML601 passes beside a provider's model: the message says
    that these arguments need langchain>=0.0.216 (the chat class sends the keyword in the
    request body, the embeddings class refuses it and raises KeyError counting a provider's
    model's tokens; ask-multiple-pdfs pins 0.0.184).

    A package that installs beside openai>=1 but one part of which calls the removed API in the
    releases pinned (`chromadb<1.0.0`, whose `OpenAIEmbeddingFunction` calls `openai.Embedding`,
    `guidance<0.1.0`, and `lanarky` 0.7.5 to 0.7.17, whose `StreamingResponse` sets
    `openai.aiosession`: AgentGPT pins `"^0.7.15"`, t50g; a pin admitting only the older
    releases, which call no openai API, is not reported; table `OPENAI_V0_PARTS` in
    `migrate_llm.frameworks.pins`) does not hold the openai pin back: apply raises it, and the
    package's pin in a file that lists openai is reported (warning, manual, before and after
    apply, so `check` fails) with the release to upgrade to (for lanarky 0.8 also what replaces
    the removed `StreamingResponse.from_chain`, with the callback that streams the tokens, and
    that 0.8 sends server-sent events: `OpenAIPart.removed`). chromadb 0.4.17 to 0.6.3 take
    openai 1.x only (they test for a version starting with "1."): beside an openai capped below
    2 they are not reported. Where the rules read modules of the project and none names
    chromadb's part (`OpenAIEmbeddingFunction`, the only code of chromadb that imports openai),
    nothing builds it: the pin is a note, with the release to upgrade to should code come to
    build one (vanna pins `chromadb<1.0.0` for its Oracle extra and embeds with chromadb's
    default function). A file checked alone, without the project's modules, is reported as
    before; so is `guidance`, whose part no single word names. The message names each openai
    requirement of the file once, with its lines where there are several.
    """

    code = "ML504"
    name = "dependency-pin"
    category = "legacy"
    severity = Severity.ERROR
    fix = FixClass.SAFE
    kinds = frozenset({"requirements", "toml", "setup", "setup.py", "shell"})
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
        # t62c: no gptcache release works with openai>=1; the pins stay (notes)
        Example(
            "openai==0.28.1\ngptcache==0.1.44\n",
            path="requirements.txt",
            provider="deepseek",
            message="openai==0.28.1 pins the pre-1.0 SDK; migrated code needs openai>=1, but "
            "gptcache==0.1.44 (line 2) needs openai<1: keep openai<1 for it (its OpenAI adapter "
            "and embeddings subclass and call openai<1's API in every release, 0.1.44 included), "
            "pointing openai.api_key and openai.api_base at the provider, or replace its OpenAI "
            "adapter; apply leaves the openai pin",
        ),
        Example(
            "openai==0.28.1 \\\n    --hash=sha256:0123\n", path="requirements.txt", provider="acme"
        ),
        Example(
            "openai==0.27.6\nlangchain==0.0.184\n",
            path="requirements.txt",
            provider="acme",
            message="openai==0.27.6 pins the pre-1.0 SDK; migrated code needs openai>=1, but "
            "langchain==0.0.184 (line 2) needs openai<1: upgrade langchain to >=0.0.334, then "
            "move both pins together",
            after="openai==0.27.6\nlangchain==0.0.184\n",
        ),
        # t62e: generative_agents' typing-extensions pin, which no openai>=1 release takes
        Example(
            "openai>=1\ntyping_extensions==4.0.0  # pinned\n",
            path="requirements.txt",
            provider="acme",
            message="typing_extensions==4.0.0 admits no release that openai>=1 installs with: "
            "every openai>=1 release requires typing_extensions>=4.5.0 or newer, so pip cannot "
            "resolve these requirements (ResolutionImpossible): apply pins it to ==4.5.0, the "
            "lowest release openai 1.0.0 takes (newer openai releases need a newer one; check "
            "what else needs it)",
            after="openai>=1\ntyping_extensions==4.5.0  # pinned\n",
        ),
        Example(
            '[project]\ndependencies = ["pydantic<1.9", "openai>=1.2"]\n',
            path="pyproject.toml",
            provider="acme",
            message="pydantic<1.9 admits no release that openai>=1 installs with: every "
            "openai>=1 release requires pydantic>=1.9.0 or newer, so pip cannot resolve these "
            "requirements (ResolutionImpossible): raise it to >=1.9.0 (apply leaves this "
            "requirement)",
        ),
        Example(
            "openai>=1\ntyping-extensions>=4.0\nanyio==3.5.0\n",
            path="requirements.txt",
            provider="acme",
            finds=False,
        ),
        Example(
            "openai==0.28.0\ninstructor==0.2.8\n",
            path="requirements.txt",
            provider="acme",
            message="openai==0.28.0 pins the pre-1.0 SDK; migrated code needs openai>=1; apply "
            "moves instructor==0.2.8 (line 2) to instructor==0.4.0 with it, the release taking "
            "openai>=1",
            after="openai>=1\ninstructor==0.4.0\n",
        ),
        Example(
            '[tool.poetry.dependencies]\nopenai = "<1"\nllama-index = "0.8.20"\n',
            path="pyproject.toml",
            provider="acme",
            message='openai = "<1" pins the pre-1.0 SDK; migrated code needs openai>=1, but '
            'llama-index = "0.8.20" (line 3) needs openai<1: upgrade llama-index to >=0.8.64, '
            "then move both pins together",
        ),
        Example(
            "openai==0.27.8\nopenai-function-call==0.0.5\n",
            path="requirements.txt",
            provider="acme",
            message="openai==0.27.8 pins the pre-1.0 SDK; migrated code needs openai>=1, but "
            "openai-function-call==0.0.5 (line 2) needs openai<1: replace openai-function-call "
            "with instructor>=0.3.1, then move both pins together",
            after="openai==0.27.8\nopenai-function-call==0.0.5\n",
        ),
        Example(
            "langchain==0.0.141\n",
            path="requirements.txt",
            provider="acme",
            message="langchain==0.0.141 works only with openai<1; migrated code needs openai>=1: "
            "upgrade langchain to >=0.0.334 together with openai; its ChatOpenAI takes no "
            "openai_api_base: a base URL given there is dropped and requests go to OpenAI with "
            "the provider's key (apply leaves it to you, ML601); the arguments apply writes for "
            "ChatOpenAI and OpenAIEmbeddings (tiktoken_model_name=) need langchain>=0.0.216: "
            "before it ChatOpenAI sends it in the request body, and OpenAIEmbeddings refuses it "
            "and raises KeyError counting the tokens of a provider's model",
        ),
        Example(
            "langchain==0.0.184\n",
            path="requirements.txt",
            provider="acme",
            message="langchain==0.0.184 works only with openai<1; migrated code needs openai>=1: "
            "upgrade langchain to >=0.0.334 together with openai; the "
            "arguments apply writes for ChatOpenAI and OpenAIEmbeddings (tiktoken_model_name=) "
            "need langchain>=0.0.216: before it ChatOpenAI sends it in the request body, and "
            "OpenAIEmbeddings refuses it and raises KeyError counting the tokens of a "
            "provider's model",
        ),
        Example("langchain==0.0.305\n", path="requirements.txt", provider="acme", finds=False),
        Example(
            "openai<1\nlangchain>=0.0.340\n",
            path="requirements.txt",
            provider="acme",
            after="openai>=1\nlangchain>=0.0.340\n",
        ),
        Example(
            "openai==0.27.4\nchromadb==0.4.6\n",
            path="requirements.txt",
            provider="acme",
            after="openai>=1\nchromadb==0.4.6\n",
        ),
        Example(
            '[project]\ndependencies = ["openai", "chromadb<1.0.0"]\n',
            path="pyproject.toml",
            provider="acme",
            message="chromadb<1.0.0 calls openai.Embedding in its OpenAIEmbeddingFunction under "
            "openai 2 and later (it takes openai 1.x only); migrated code needs openai>=1 "
            "(openai here): upgrade chromadb to >=1.0.0, or pin openai>=1,<2",
        ),
        Example(
            '[project]\ndependencies = ["openai<1", "chromadb==0.5.0"]\n',
            path="pyproject.toml",
            provider="acme",
            after='[project]\ndependencies = ["openai>=1", "chromadb==0.5.0"]\n',
        ),
        Example("openai>=1,<2\nchromadb==0.5.0\n", path="requirements.txt", finds=False),
        # t50g (D3): AgentGPT's streaming responses
        Example(
            '[tool.poetry.dependencies]\nopenai = "^1.3"\nlanarky = "^0.7.15"\n',
            path="pyproject.toml",
            provider="acme",
            message='lanarky = "^0.7.15" calls openai.aiosession in its StreamingResponse, which '
            'openai>=1 removed; migrated code needs openai>=1 (openai = "^1.3" here): upgrade '
            "lanarky to >=0.8.0; 0.8.0 removed StreamingResponse.from_chain(chain, inputs, ...) "
            "(AttributeError where the code calls it): build lanarky.adapters.langchain."
            'responses.StreamingResponse(chain=chain, config={"inputs": inputs, "callbacks": '
            '[TokenStreamingCallbackHandler(output_key=chain.output_key, mode="text")]}) there '
            "(the handler from lanarky.adapters.langchain.callbacks: without it nothing is "
            "streamed); 0.8 sends server-sent events (event: completion, data: <token>), not "
            "0.7's raw text, so the client reading the stream must parse them",
        ),
        Example("openai>=1\nlanarky==0.7.4\n", path="requirements.txt", finds=False),
        Example(
            "-e git+https://github.com/openai/openai-python.git@v0.28.1#egg=openai\n",
            path="requirements.txt",
            provider="acme",
            message="-e git+https://github.com/openai/openai-python.git@v0.28.1#egg=openai pins "
            "the pre-1.0 SDK; migrated code needs openai>=1: write openai>=1 in its place "
            "(the release on PyPI)",
        ),
        Example(
            "openai @ git+https://github.com/acme/openai-python@3f2a9c1\n",
            path="requirements.txt",
            provider="acme",
            message="openai @ git+https://github.com/acme/openai-python@3f2a9c1 installs openai "
            "from '3f2a9c1', which names no release: if it is before 1.0, migrated code needs "
            "openai>=1: write openai>=1 in its place (the release on PyPI)",
        ),
        Example(
            "openai @ git+https://github.com/openai/openai-python@v1.40.0\n",
            path="requirements.txt",
            finds=False,
        ),
        Example("openai>=1.3\nopenai-whisper==20231117\n", path="requirements.txt", finds=False),
        Example('[project]\ndependencies = ["openai>0.28"]\n', path="pyproject.toml", finds=False),
        # t53c D3: ChatPaper's Dockerfile
        Example(
            "FROM python:3.9\nRUN pip install --no-cache-dir openai==0.27.0 tiktoken\n",
            path="Dockerfile",
            provider="acme",
            message="openai==0.27.0 pins the pre-1.0 SDK; migrated code needs openai>=1",
            after='FROM python:3.9\nRUN pip install --no-cache-dir "openai>=1" tiktoken\n',
        ),
    )

    def __init__(self, ctx: RuleContext) -> None:
        super().__init__(ctx)
        # the framework pins holding the openai pin back (left to a person), and those apply
        # moves with it
        self.pins: list[FrameworkPin] = []
        self.moved: list[FrameworkPin] = []
        # what needs openai>=1 under the framework pins holding it back (`_needs`)
        self.needs = "migrated code needs openai>=1"
        # the openai requirements apply raises to >=1, as written, and where they stand
        self.raised: list[tuple[str, Span]] = []
        # the openai requirements reported, as written, and their lines
        self.openai_shown: list[tuple[str, int]] = []
        # every openai requirement by version (as written, its specifier as apply leaves it:
        # ">=1" for a pin it raises, and its line)
        self.openai_specs: list[tuple[str, str, int]] = []

    def check(self, doc: ConfigDocument) -> Iterator[Finding]:
        if doc.kind != "shell":
            yield from self._check(doc)
            return
        if doc.path.endswith(".ipynb"):
            return  # a notebook's pip lines are ML506's
        # a script's or Dockerfile's install commands, read as a requirements file (t53c D3)
        words = install_words(doc.text)
        if words:
            doc = replace(doc, kind=INSTALL, entries=tuple(words))
            yield from (_for_shell(doc, finding) for finding in self._check(doc))

    def _check(self, doc: ConfigDocument) -> Iterator[Finding]:
        pins = [self._for_use(pin) for pin in framework_pins(doc)]
        held = [p for p in pins if p.part is None]
        # the framework pins move with openai's all together or not at all, and only where
        # openai's moves too: one left behind would hold the other back
        moving = bool(held) and all(p.moves_to for p in held) and not openai_held(doc)
        self.pins = [] if moving else held
        self.moved = held if moving else []
        self.needs = self._needs(held)
        self.openai_shown, self.openai_specs = [], []
        self.raised = []
        yield from self._openai_pins(doc)
        yield from self._held_dependencies(doc)
        yield from self._url_pins(doc)
        if self.raised and doc.kind != INSTALL:  # a script may install a file's too
            yield from self._dropped(doc, *self.raised[0])
        shown = _places(self.openai_shown)
        # an old release of a framework matters beside openai, which the migrated code needs
        # at >=1: alone (rags' langchain==0.0.305 next to llama-index, which already requires
        # openai>=1) the project's openai comes from elsewhere, and the migration changes
        # nothing there; a framework no release of which takes openai>=1 always does
        listed = bool(self.openai_shown) or _OPENAI_LISTED.search(doc.text) is not None
        for pin in held:
            # a pin apply moves is reported alone too: that release itself requires openai<1
            if not (listed or pin.successor or pin.no_base_url or pin.no_token_model or moving):
                continue
            if pin.kept:
                yield self._kept_finding(doc, pin, with_openai=f" ({shown})" if shown else "")
                continue
            if not self.needs:
                continue  # the openai pin's note says why both stay
            start = doc.lines.offset(pin.line, 1)
            end = doc.text.find("\n", start)
            span = Span(start, len(doc.text) if end == -1 else end)
            with_openai = f" ({shown})" if shown else ""
            if moving:
                yield self._moved_finding(doc, span, pin, with_openai)
                continue
            already = requires_openai_1(doc) if pin.name in OPENAI_V0_CLASSES else None
            if already is not None:
                yield self._classes_finding(doc, span, pin, already)
                continue
            yield self.finding_at(
                doc,
                span,
                f"{pin.shown} works only with openai<1{with_openai}; {self.needs}: "
                f"{pin.advice} together with openai"
                + (f" (no release of {pin.name} works with openai>=1)" if pin.successor else "")
                + (_NO_BASE_URL if pin.no_base_url else "")
                + (_NO_TOKEN_MODEL if pin.no_token_model else ""),
                fix=FixClass.MANUAL,
                data={
                    "framework": pin.name,
                    "requirement": pin.shown,
                    "first_openai_v1": version_text(pin.first),
                    **({"replace_with": pin.successor} if pin.successor else {}),
                },
            )
        if not listed:
            return  # the project's openai comes from elsewhere
        specs = [spec for _, spec, _ in self.openai_specs]
        # a package release that takes openai 1.x works beside an openai capped below 2
        below_2 = bool(specs) and not self.openai_shown and all(caps_below(s, (2,)) for s in specs)
        shown = shown or _places([(s, line) for s, _, line in self.openai_specs])
        for pin in pins:
            if pin.part is not None and not (pin.takes_1x and below_2):
                yield self._part_finding(doc, pin, pin.part, shown)

    def _needs(self, held: list[FrameworkPin]) -> str:
        """What needs openai>=1 in the project under the framework pins `held` holding openai
        back: "migrated code needs openai>=1", or "" where no module imports the openai
        package (`RunFacts.openai_sdk_unimported`: apply writes no v1 client) and every such
        pin is of a framework only whose OpenAI classes reach openai (`OPENAI_V0_CLASSES`,
        their release taking the base URL and the model arguments apply writes): apply points
        those classes at the provider on openai<1. LangChain's own OpenAIEmbeddings
        (`RunFacts.v0_embeddings_named`) sends token ids, which a provider taking none
        rejects: langchain_openai's class it needs then (ML602) needs openai>=1."""
        default = "migrated code needs openai>=1"
        facts, provider = self.ctx.facts, self.ctx.provider
        if not held or not facts.openai_sdk_unimported:
            return default
        if any(p.name not in OPENAI_V0_CLASSES or p.no_base_url or p.no_token_model for p in held):
            return default
        if not facts.v0_embeddings_named:
            return ""
        if provider is None or provider.params.get("embedding_token_input") is True:
            return default if provider is None else ""
        return (
            f"the project's OpenAIEmbeddings needs langchain_openai's class for {provider.name} "
            f"(ML602: {lc.MONOLITH_REQUIREMENT}'s sends token ids), which needs openai>=1"
        )

    def _unneeded(self, doc: ConfigDocument, span: Span, requirement: str) -> Finding:
        """An openai<1 pin that the framework pins beside it need and nothing of the project
        needs raised (`_needs` is ""): a note, both pins left."""
        names = ", ".join(f"{p.shown} (line {p.line})" for p in self.pins)
        classes = " and ".join(sorted({p.name for p in self.pins}))
        message = (
            f"{requirement} pins the pre-1.0 SDK, which {names} needs; no module of the project "
            f"imports openai, and the {classes} classes apply points at the provider take its "
            "base URL on these releases: nothing migrated needs openai>=1, so apply leaves both "
            f"pins (to move to openai>=1 later: {self.pins[0].advice} together with openai)"
        )
        data = {
            "requirement": requirement,
            "framework_pins": [p.shown for p in self.pins],
            "openai_v1_needed": False,
        }
        return self.finding_at(
            doc, span, message, severity=Severity.NOTE, fix=FixClass.NONE, data=data
        )

    def _classes_finding(
        self, doc: ConfigDocument, span: Span, pin: FrameworkPin, already: str
    ) -> Finding:
        """A framework release only whose OpenAI classes need openai<1
        (`frameworks.pins.OPENAI_V0_CLASSES`) beside an openai requirement admitting only 1.x
        (`already`): nothing holds openai back; a note where no module of the project names
        one of those classes nor a name building one by default (`OPENAI_V0_BUILDERS`:
        `RunFacts.openai_classes_unnamed`), else a warning."""
        classes = OPENAI_V0_CLASSES[pin.name]
        builders = OPENAI_V0_BUILDERS.get(pin.name, ())
        head = (
            f"{pin.shown} reaches openai<1's API in its OpenAI classes ({', '.join(classes)}), "
            f"which fail under the openai 1.x the file requires ({already})"
        )
        unnamed = pin.name in self.ctx.facts.openai_classes_unnamed
        if unnamed:
            message = (
                f"{head}; no module of the project names one"
                + (" nor a name building one by default (frameworks/pins.py)" if builders else "")
                + f", and the rest of {pin.name} runs beside it: it matters only where one is "
                f"built, then {pin.advice}"
            )
        else:
            message = (
                f"{head}: {pin.advice}"
                + (_NO_BASE_URL if pin.no_base_url else "")
                + (
                    f"; {', '.join(builders)} build one where the code gives none, which "
                    "sends its requests to OpenAI (api.openai.com, with OPENAI_API_KEY): "
                    f"pass them {OPENAI_V0_BUILDER_OBJECTS[pin.name]} built on a class "
                    "pointed at the provider, by hand"
                    if builders
                    else ""
                )
            )
        return self.finding_at(
            doc,
            span,
            message,
            severity=Severity.NOTE if unnamed else Severity.WARNING,
            fix=FixClass.NONE if unnamed else FixClass.MANUAL,
            data={
                "framework": pin.name,
                "requirement": pin.shown,
                "first_openai_v1": version_text(pin.first),
                "openai_requirement": already,
            },
        )

    def _kept_finding(self, doc: ConfigDocument, pin: FrameworkPin, with_openai: str) -> Finding:
        """A package no release of which works with openai>=1 and that nothing replaced
        (`frameworks.pins.OPENAI_V0_LIBRARIES`): apply leaves both pins."""
        start = doc.lines.offset(pin.line, 1)
        end = doc.text.find("\n", start)
        return self.finding_at(
            doc,
            Span(start, len(doc.text) if end == -1 else end),
            f"{pin.shown} works only with openai<1{with_openai}: no release of {pin.name} "
            f"works with openai>=1, so apply leaves both pins; {pin.advice}",
            severity=Severity.NOTE,
            fix=FixClass.NONE,
            data={"framework": pin.name, "requirement": pin.shown, "keeps_openai_0": True},
        )

    def _for_use(self, pin: FrameworkPin) -> FrameworkPin:
        """`pin` advising the successor's release the project's code needs
        (`pins.Successor.release`): one taking `mode=` where a module passes one."""
        successor = REPLACED_FOR_OPENAI_V1.get(pin.name)
        if successor is None or not self.ctx.facts.instructor_mode_passed:
            return pin
        release = successor.release(passes_mode=True)
        if release == pin.first:
            return pin
        shown = version_text(release)
        why = f"the project's code passes mode=: {successor.name}.Mode came in {shown}"
        return replace(pin, first=release, why=why)

    def _moved_finding(
        self, doc: ConfigDocument, span: Span, pin: FrameworkPin, with_openai: str
    ) -> Finding:
        """A framework pin apply moves with openai's (`FrameworkPin.moves_to`)."""
        assert pin.moves_to is not None and pin.spec is not None
        moved = version_text(pin.moves_to)
        edit = Edit(pin.spec, _spec_text(doc, pin.spec, f"=={moved}"))
        return self.finding_at(
            doc,
            span,
            f"{pin.shown} works only with openai<1{with_openai}; migrated code needs openai>=1: "
            f"apply moves it to {pin.name}=={moved} together with openai, the first release "
            f"that takes openai>=1 and still has the names older ones export; check what the "
            f"code uses of {pin.name} against it",
            fix=FixClass.REVIEW,
            edit=edit if self.ctx.provider is not None else None,
            data={
                "framework": pin.name,
                "requirement": pin.shown,
                "first_openai_v1": version_text(pin.first),
                "moved_to": moved,
            },
        )

    def _part_finding(
        self, doc: ConfigDocument, pin: FrameworkPin, part: OpenAIPart, shown: str
    ) -> Finding:
        """A package pinned beside the openai pin one part of which calls the removed API
        under the openai>=1 that pin becomes: a note where no module of the project names
        the part (`RunFacts.openai_parts_unused`)."""
        first = version_text(part.first)
        needs = "migrated code needs openai>=1" + (f" ({shown})" if shown else "")
        if pin.takes_1x:
            fails = (
                f"{pin.shown} calls {part.calls} in its {part.part} under openai 2 and later "
                "(it takes openai 1.x only)"
            )
            advice = f"upgrade {pin.name} to >={first}, or pin openai>=1,<2"
        else:
            fails = f"{pin.shown} calls {part.calls} in its {part.part}, which openai>=1 removed"
            advice = f"upgrade {pin.name} to >={first}"
            if part.first_1x is not None:
                advice += (
                    f" (or to >={version_text(part.first_1x)} with openai>=1,<2: releases "
                    f"before {first} take openai 1.x only)"
                )
        if part.removed:
            advice += f"; {part.removed}"
        unused = pin.name in self.ctx.facts.openai_parts_unused
        if unused:
            message = (
                f"{fails}; {needs}, but no module of the project names {part.word}: it "
                f"matters only where one is built, then {advice}"
            )
        else:
            message = f"{fails}; {needs}: {advice}"
        data: dict[str, object] = {
            "package": pin.name,
            "requirement": pin.shown,
            "part": part.part,
            "first_openai_v1": first,
        }
        if part.first_1x is not None:
            data["first_openai_1x"] = version_text(part.first_1x)
        start = doc.lines.offset(pin.line, 1)
        end = doc.text.find("\n", start)
        return self.finding_at(
            doc,
            Span(start, len(doc.text) if end == -1 else end),
            message,
            severity=Severity.NOTE if unused else Severity.WARNING,
            fix=FixClass.NONE if unused else FixClass.MANUAL,
            data=data,
        )

    def _openai_pins(self, doc: ConfigDocument) -> Iterator[Finding]:
        if doc.kind in ("setup", "setup.py"):
            for match in _SETUP_REQUIREMENT.finditer(doc.text):
                line = doc.lines.position(match.start())[0]
                shown = "".join(match.group(0).split())
                self._listed(shown, match.group("spec"), line)
                spec: Span | None = Span(match.start("spec"), match.end("spec"))
                if pins_legacy(match.group("spec")):
                    yield self._report(doc, Span(match.start(), match.end()), shown, spec)
                elif self._admits_older(match.group("spec")):
                    span = Span(match.start(), match.end())
                    yield self._floor(doc, span, shown, match.group("spec"), spec)
                elif self._admits_0(match.group("spec")):
                    span = Span(match.start(), match.end())
                    yield self._unpinned(doc, span, shown, match.group("spec"), spec)
            if doc.kind == "setup.py":
                yield from self._bare_setup(doc)
            return
        for entry in doc.entries:
            if entry.value is None or entry.value_span is None:
                continue
            if not _requirement_entry(doc, entry):
                continue  # a tool's module list (mypy's `module = ["openai"]`), not a requirement
            if doc.kind == "toml" and "extras" in (p.lower() for p in entry.path):
                continue  # Poetry's extras name packages or extras, not versions
            line = doc.lines.position(entry.value_span.start)[0]
            requirement = _PEP508.fullmatch(entry.value.split(";", 1)[0])
            if requirement is not None:
                shown = "".join(requirement.group(0).split())
                self._listed(shown, requirement.group("spec"), line)
                raw_line = doc.kind not in ("toml", INSTALL)
                if pins_legacy(requirement.group("spec")):
                    spec = _spec_span(doc, entry.value_span, entry.value, raw_line)
                    yield self._report(doc, entry.value_span, shown, spec)
                elif self._admits_older(requirement.group("spec")):
                    spec = _spec_span(doc, entry.value_span, entry.value, raw_line, bare=True)
                    yield self._floor(doc, entry.value_span, shown, requirement.group("spec"), spec)
                elif self._admits_0(requirement.group("spec")):
                    spec = _spec_span(doc, entry.value_span, entry.value, raw_line, bare=True)
                    found = requirement.group("spec")
                    yield self._unpinned(doc, entry.value_span, shown, found, spec)
            elif _keyed(doc, entry) and _poetry_constraint(entry):
                shown = f'openai = "{entry.value}"'
                self._listed(shown, entry.value, line)
                spec = _value_span(doc, entry.value_span, entry.value)
                if pins_legacy(entry.value):
                    yield self._report(doc, entry.value_span, shown, spec)
                elif self._admits_older(entry.value):
                    yield self._floor(doc, entry.value_span, shown, entry.value, spec)
                elif self._admits_0(entry.value):
                    yield self._unpinned(doc, entry.value_span, shown, entry.value, spec)
        facts = self.ctx.facts
        if doc.kind == "toml" and (facts.openai_v0_used or facts.openai_client_used):
            yield from self._poetry_extras(doc)

    def _held_dependencies(self, doc: ConfigDocument) -> Iterator[Finding]:
        """The requirements of the file that admit no release of a package every openai>=1
        release requires (`sdk.OPENAI_V1_DEPENDENCY_FLOORS`: generative_agents'
        `typing-extensions==4.0.0` beside `openai==0.27.0`, which apply raised to `openai>=1`:
        pip could resolve nothing, t62e), where the file's openai requirements admit only
        openai>=1 once apply has run and no framework pin holds them back. An exact pin (`==`)
        apply moves to the lowest release openai 1.0.0 takes where openai's requirement is
        `>=1` (review); any other form, or beside a higher openai floor, is left to a person."""
        if self.pins or not self.openai_specs or doc.kind in ("setup", "setup.py"):
            return
        if not all(admits_from(spec, (1,)) for _, spec, _ in self.openai_specs):
            return  # 0.x still admitted: pip may install one, with its own requirements
        lowest = all(spec == ">=1" for _, spec, _ in self.openai_specs)
        for entry in doc.entries:
            if entry.value is None or entry.value_span is None or _keyed(doc, entry):
                continue
            if not _requirement_entry(doc, entry):
                continue
            named = _NAMED.fullmatch(entry.value.split(";", 1)[0])
            if named is None:
                continue
            floor = sdk.OPENAI_V1_DEPENDENCY_FLOORS.get(normalize(named.group("name")))
            spec_text = named.group("spec").strip()
            if floor is None or not spec_text or not caps_below(spec_text, release_of(floor)[0]):
                continue
            name = named.group("name")
            shown = "".join(named.group(0).split())
            message = (
                f"{shown} admits no release that openai>=1 installs with: every "
                f"openai>=1 release requires {name}>={floor} or newer, so pip cannot resolve "
                "these requirements (ResolutionImpossible)"
            )
            edit = None
            exact = SPEC_CLAUSE.fullmatch(spec_text)
            if lowest and exact is not None and exact.group(1) == "==" and self.ctx.provider:
                pattern = re.compile(
                    rf"\s*{re.escape(name)}\s*(?:\[[^\]]*\])?\s*(?P<spec>(?:[<>=!~(][^;@]*)?)"
                )
                raw_line = doc.kind not in ("toml", INSTALL)
                spec = _spec_span(doc, entry.value_span, entry.value, raw_line, pattern)
                if spec is not None:
                    edit = Edit(spec, _spec_text(doc, spec, f"=={floor}"))
            if edit is not None:
                message += (
                    f": apply pins it to =={floor}, the lowest release openai 1.0.0 takes "
                    "(newer openai releases need a newer one; check what else needs it)"
                )
            else:
                message += f": raise it to >={floor} (apply leaves this requirement)"
            yield self.finding_at(
                doc,
                entry.value_span,
                message,
                severity=Severity.ERROR,
                fix=FixClass.REVIEW if edit is not None else FixClass.MANUAL,
                edit=edit,
                data={"requirement": shown, "openai_requires": f"{name}>={floor}"},
            )

    @property
    def _completion_tokens(self) -> bool:
        """Whether apply renames max_tokens= to max_completion_tokens= in the project's code
        (ML112: the provider takes that name, a module names one of them, and no requirement
        caps openai below 1.45.0 (`sdk.KEYWORD_SINCE`), where ML112 leaves it)."""
        provider, facts = self.ctx.provider, self.ctx.facts
        return (
            provider is not None
            and provider.params.get("max_tokens_param") == "max_completion_tokens"
            and facts.token_limit_named
            and not facts.openai_before_completion_tokens
        )

    @property
    def _target(self) -> str:
        """The openai requirement migrated code needs: `>=1`, `>=1.45.0` where apply renames
        max_tokens= to max_completion_tokens= (`_completion_tokens`)."""
        if self._completion_tokens:
            return f">={version_text(_TOKENS_SINCE)}"
        return ">=1"

    @property
    def _why_floor(self) -> str:
        return (
            f"{self.ctx.provider.name if self.ctx.provider else ''} takes max_completion_tokens=, "
            "which apply writes for max_tokens= in the project's code (ML112), and openai "
            f"releases before {version_text(_TOKENS_SINCE)} reject it "
            "(TypeError)"
        )

    def _admits_older(self, spec: str) -> bool:
        """Whether an openai>=1 requirement admits releases that reject the
        max_completion_tokens= apply writes (`_completion_tokens`)."""
        first = _TOKENS_SINCE
        return self._completion_tokens and not admits_from(spec, first)

    def _floor(
        self, doc: ConfigDocument, span: Span, shown: str, spec_text: str, spec: Span | None
    ) -> Finding:
        """An openai requirement admitting releases before `sdk.KEYWORD_SINCE`
        where apply renames max_tokens= to max_completion_tokens=: apply raises its lower
        bound, keeping the rest (`raised_floor`)."""
        first = version_text(_TOKENS_SINCE)
        raised = raised_floor(spec_text, _TOKENS_SINCE)
        message = f"{shown} admits openai releases before {first}; {self._why_floor}"
        edit = None
        if raised is not None and spec is not None and self.ctx.provider is not None:
            edit = Edit(spec, _spec_text(doc, spec, raised) if spec_text.strip() else raised)
            message += f": apply raises it to {raised}, so pip installs a release taking it"
        else:
            message += f": raise it to >={first} (apply leaves this requirement)"
        return self.finding_at(
            doc,
            span,
            message,
            severity=Severity.ERROR,
            fix=FixClass.REVIEW if edit else FixClass.MANUAL,
            edit=edit,
            data={"requirement": shown, "openai_requires": raised or f">={first}"},
        )

    def _listed(self, shown: str, spec: str, line: int) -> None:
        """Record an openai requirement by version, with the specifier apply leaves it."""
        left = spec.strip()
        if pins_legacy(spec):
            left = ">=1"
        elif self._admits_0(spec):
            left = raised_floor(spec, (1,)) or left
        self.openai_specs.append((shown, left, line))

    def _admits_0(self, spec: str) -> bool:
        """Whether an openai requirement admits 0.x releases (`openai`, `openai>=0.27`, Poetry's
        `"*"`) in a project with openai<1.0 code, which apply moves to the v1 clients
        (`RunFacts.openai_v0_used`): an installed 0.x release satisfies it, and the migrated
        code fails at import there (t59f D4: LangChain 0.0.61 names openai only in an extra)."""
        return self.ctx.facts.openai_v0_used and not admits_from(spec, (1,))

    def _unpinned(
        self, doc: ConfigDocument, span: Span, shown: str, spec_text: str, spec: Span | None
    ) -> Finding:
        """An openai requirement admitting 0.x releases in a project whose openai<1.0 code
        apply moves (`_admits_0`): apply raises its lower bound to 1, keeping the rest
        (`raised_floor`: `openai` -> `openai>=1`, `>=0.27,<2` -> `>=1,<2`)."""
        raised = raised_floor(spec_text, (1,))
        message = (
            f"{shown} admits openai<1 releases, and apply moves the project's openai<1.0 code "
            "to the openai>=1 client (`openai.OpenAI(...)`): with a 0.x release installed, "
            "which this requirement accepts (pip keeps it), that code fails at import"
        )
        self.openai_shown.append((shown, doc.lines.position(span.start)[0]))
        data: dict[str, object] = {"requirement": shown, "openai_requires": raised or ">=1"}
        if self.pins:
            names = ", ".join(
                f"{p.shown} (line {p.line}) needs openai<1: {p.advice}" for p in self.pins
            )
            message += f"; {names}" + _then(self.pins, "raise it to >=1 together with openai's")
            data["framework_pins"] = [p.shown for p in self.pins]
            return self.finding_at(doc, span, message, fix=FixClass.MANUAL, data=data)
        edit = None
        if raised is not None and spec is not None and self.ctx.provider is not None:
            edit = Edit(spec, _spec_text(doc, spec, raised) if spec_text.strip() else raised)
            message += f": apply raises it to {raised}"
            self.raised.append((shown, span))
        else:
            message += ": raise it to >=1 (apply leaves this requirement)"
        fix = FixClass.SAFE if edit is not None else FixClass.MANUAL
        return self.finding_at(doc, span, message, fix=fix, edit=edit, data=data)

    def _bare_setup(self, doc: ConfigDocument) -> Iterator[Finding]:
        """`"openai"` (its extras too) as a string of `setup.py`, with no specifier, in a
        project with openai<1.0 code (`_admits_0`): `"openai>=1"`."""
        if not self._admits_0(""):
            return
        listed = _setup_requirement_strings(doc.text)
        for match in _SETUP_BARE.finditer(doc.text):
            if match.start() not in listed:
                continue  # `name="openai"`, `keywords=[...]`, an extra's name: no requirement
            shown = match.group("req")
            self._listed(shown, "", doc.lines.position(match.start())[0])
            at = match.end("req")
            yield self._unpinned(doc, Span(match.start(), match.end()), shown, "", Span(at, at))

    def _poetry_extras(self, doc: ConfigDocument) -> Iterator[Finding]:
        """Poetry's `[tool.poetry.extras]` naming openai where no dependency table of the file
        declares it (LangChain 0.0.61, t59f D4), in a project with openai code (of either
        SDK: after apply, the v1 code it wrote): nothing gives its version, so an installed
        0.x release stays; left to a person (an extra names packages, not versions)."""
        declared = any(
            (
                len(entry.path) >= 2
                and entry.path[-2:][0].lower() == "dependencies"
                and entry.path[-1].lower() == "openai"
            )
            or (
                entry.value is not None
                and holds_requirements(entry.path)
                and _PEP508.fullmatch(entry.value.split(";", 1)[0]) is not None
            )
            for entry in doc.entries
        )
        if declared:
            return
        for entry in doc.entries:
            path = [p.lower() for p in entry.path]
            if (
                path[:3] == ["tool", "poetry", "extras"]
                and len(path) == 5
                and entry.value is not None
                and normalize(entry.value) == "openai"
                and entry.value_span is not None
            ):
                self.openai_shown.append(("openai", doc.lines.position(entry.value_span.start)[0]))
                yield self.finding_at(
                    doc,
                    entry.value_span,
                    f"the extra {entry.path[3]!r} names openai, which no dependency table of "
                    "this file declares, so nothing sets its version and an installed 0.x "
                    "release stays; migrated code needs the openai>=1 client, which fails at "
                    "import there: declare it under [tool.poetry.dependencies] as "
                    'openai = {version = ">=1", optional = true}',
                    fix=FixClass.MANUAL,
                    data={"requirement": "openai", "extra": entry.path[3]},
                )

    def _url_pins(self, doc: ConfigDocument) -> Iterator[Finding]:
        """`openai @ git+https://github.com/openai/openai-python@v0.28.1`, `-e git+...#egg=openai`,
        a wheel's URL, Poetry's `openai = { git = "...", tag = "v0.28.1" }`: the ref (or the
        file name) tells the release."""
        for match in _URL_REQUIREMENT.finditer(doc.text):
            url = match.group("url")
            named = match.group("named") is not None
            if not (named or _EGG.search(url) or ("git+" in url and "/openai-python" in url)):
                continue
            line_start = doc.text.rfind("\n", 0, match.start()) + 1
            if "#" in doc.text[line_start : match.start()]:
                continue  # a comment
            yield from self._ref_finding(doc, Span(match.start(), match.end()), url)
        if doc.kind != "toml":
            return
        for entry in doc.entries:
            path = [p.lower() for p in entry.path]
            if (
                len(path) >= 3
                and path[-1] in ("tag", "rev", "branch")
                and path[-2] == "openai"
                and any(p == "dependencies" or p.endswith("-dependencies") for p in path)
                and entry.value is not None
                and entry.value_span is not None
            ):
                shown = f'openai = {{ git = "...", {path[-1]} = "{entry.value}" }}'
                yield from self._ref_finding(doc, entry.value_span, "", entry.value, shown)

    def _ref_finding(
        self, doc: ConfigDocument, span: Span, url: str, ref: str | None = None, shown: str = ""
    ) -> Iterator[Finding]:
        shown = shown or doc.text[span.start : span.end]
        if ref is None:
            ref = _url_ref(url)
        if ref is None or _V1_REF.match(ref) or ref in _DEFAULT_BRANCHES:
            return  # the default branch or a 1.x release
        target = f'openai = "{self._target}"' if doc.kind == "toml" and not url else ""
        target = target or f"openai{self._target}"
        instead = f"{target} in its place (the release on PyPI)"
        if _V0_REF.match(ref):
            advice = f": write {instead}"
            yield self._report(doc, span, shown, None, advice)
            return
        self.openai_shown.append((shown, doc.lines.position(span.start)[0]))
        yield self.finding_at(
            doc,
            span,
            f"{shown} installs openai from {ref!r}, which names no release: if it is before "
            f"1.0, migrated code needs openai>=1: write {instead}",
            fix=FixClass.MANUAL,
            data={"requirement": shown, "ref": ref},
        )

    def _report(
        self,
        doc: ConfigDocument,
        span: Span,
        requirement: str,
        spec: Span | None,
        advice: str = "",
    ) -> Finding:
        message = f"{requirement} pins the pre-1.0 SDK; migrated code needs openai>=1"
        self.openai_shown.append((requirement, doc.lines.position(span.start)[0]))
        if self.pins and not self.needs:
            return self._unneeded(doc, span, requirement)
        if self.pins:
            message = f"{requirement} pins the pre-1.0 SDK; {self.needs}"
            # A pinned framework needs openai<1: raising the pin alone breaks it.
            names = ", ".join(
                f"{p.shown} (line {p.line}) needs openai<1: {p.advice}" for p in self.pins
            )
            message += f", but {names}" + _then(self.pins, "move both pins together")
            held = {"requirement": requirement, "framework_pins": [p.shown for p in self.pins]}
            if all(p.kept for p in self.pins):  # the pin the project needs: nothing to do
                return self.finding_at(
                    doc, span, message, severity=Severity.NOTE, fix=FixClass.NONE, data=held
                )
            return self.finding_at(doc, span, message, fix=FixClass.MANUAL, data=held)
        edit, target = None, self._target
        if target != ">=1":
            message += f" ({target} here: {self._why_floor})"
        if spec is not None:
            edit = Edit(spec, _spec_text(doc, spec, target))
        # the floor the max_completion_tokens= apply writes needs: a person checks it
        fix = FixClass.MANUAL if not edit else FixClass.SAFE if target == ">=1" else FixClass.REVIEW
        message += advice
        data: dict[str, object] | None = None
        if edit is not None and self.moved:
            names = ", ".join(
                f"{p.shown} (line {p.line}) to {p.name}=={version_text(p.moves_to or ())}"
                for p in self.moved
            )
            message += f"; apply moves {names} with it, the release taking openai>=1"
            fix = FixClass.REVIEW
            data = {"requirement": requirement, "moved_with": [p.shown for p in self.moved]}
        edit = edit if self.ctx.provider is not None else None
        if edit is not None:
            self.raised.append((requirement, span))
        return self.finding_at(doc, span, message, fix=fix, edit=edit, data=data)

    def _dropped(self, doc: ConfigDocument, requirement: str, span: Span) -> Iterator[Finding]:
        """The packages openai<1 installed that openai>=1 does not
        (`pins.OPENAI_V0_ONLY_DEPENDENCIES`), which a module of the project imports
        (`RunFacts.v0_dependencies_imported`) and `doc` does not list: raising the pin
        (`requirement`, at `span`) drops them unless another requirement installs them."""
        imported = self.ctx.facts.v0_dependencies_imported
        if not imported:
            return
        listed = {found.name for found in requirements(doc)}
        missing = [name for name in OPENAI_V0_ONLY_DEPENDENCIES if name in imported - listed]
        if not missing:
            return
        names = " and ".join(missing)
        them = "them" if len(missing) > 1 else "it"
        message = (
            f"{requirement} installed {names}, which openai>=1 does not; the project's code "
            f"imports {them} and this file does not list {them}"
        )
        added = [name + OPENAI_V0_ONLY_DEPENDENCIES[name] for name in missing]
        edit = _addition(doc, span, missing)
        data: dict[str, object] = {"requirement": requirement, "dropped": missing}
        if edit is not None:
            data["added"] = added
            message += (
                f": apply adds {' and '.join(added)} (as openai 0.28 required {them}) with "
                "the raised openai pin, so the code still imports"
            )
        else:
            message += f": add {names} unless another requirement installs {them} (apply raises "
            message += "the openai pin)"
        yield self.finding_at(
            doc,
            span,
            message,
            severity=Severity.WARNING,
            fix=FixClass.REVIEW if edit else FixClass.MANUAL,
            edit=edit,
            data=data,
        )


def _for_shell(doc: ConfigDocument, finding: Finding) -> Finding:
    """`finding` of an install command's word (`INSTALL`), its edit quoting the new word where
    the shell would read part of it as an operator (`openai>=1`: a redirection), as ML506
    writes a notebook's pip line."""
    edit = finding.edit
    if edit is None:
        return finding
    word = next(
        (
            e.value_span
            for e in doc.entries
            if e.value_span is not None
            and e.value_span.start <= edit.span.start
            and edit.span.end <= e.value_span.end
        ),
        None,
    )
    if word is None:
        return finding
    raw = doc.text[word.start : word.end]
    new = raw[: edit.span.start - word.start] + edit.text + raw[edit.span.end - word.start :]
    if raw[:1] in "'\"" or not _SHELL_SPECIAL.search(new):
        return finding
    return replace(finding, edit=replace(edit, span=word, text=f'"{new}"'))


# what a shell reads as other than a word's characters
_SHELL_SPECIAL = re.compile(r"[<>|&;()\s*?\[\]$`'\"\\!#~]")


def _addition(doc: ConfigDocument, span: Span, names: list[str]) -> Edit | None:
    """The edit adding requirements of `names` (`OPENAI_V0_ONLY_DEPENDENCIES`, with their
    specifiers) beside the openai requirement at `span`, in the file's format: a line after
    its own (a requirements file, setup.cfg, Poetry's `openai = ...`), an item after its
    string (a pyproject.toml list, setup.py). None where the requirement stands otherwise (a
    line continued, setup.cfg's value on its key's line)."""
    text = doc.text
    start = text.rfind("\n", 0, span.start) + 1
    end = text.find("\n", span.end)
    end = len(text) if end == -1 else end
    line, before = text[start:end], text[start : span.start]
    indent = line[: len(line) - len(line.lstrip(" \t"))]
    specs = [(name, OPENAI_V0_ONLY_DEPENDENCIES[name]) for name in names]
    if doc.kind == "toml" and line.lstrip().startswith("openai"):  # Poetry
        lines = [f'{indent}{name} = "{spec or "*"}"' for name, spec in specs]
    elif doc.kind in ("requirements", "setup") and not before.strip():
        if line.rstrip().endswith("\\"):
            return None
        lines = [f"{indent}{name}{spec}" for name, spec in specs]
    else:
        quote = text[span.start] if doc.kind == "toml" else text[span.end : span.end + 1]
        at = span.end + (doc.kind != "toml")
        if quote not in ("'", '"') or text[at - 1 : at] != quote:
            return None
        items = "".join(f", {quote}{name}{spec}{quote}" for name, spec in specs)
        return Edit(Span(at, at), items)
    newline = "\r\n" if line.endswith("\r") else "\n"
    if end == len(text):
        return Edit(Span(end, end), "".join(newline + added for added in lines))
    return Edit(Span(end + 1, end + 1), "".join(added + newline for added in lines))


def _spec_text(doc: ConfigDocument, spec: Span, text: str) -> str:
    """`text` written where the specifier `spec` stands, in its parentheses if it has them
    (`openai (==0.28)`)."""
    return f"({text})" if doc.text.startswith("(", spec.start) else text


def _spec_span(
    doc: ConfigDocument,
    span: Span,
    value: str,
    raw_line: bool,
    requirement: re.Pattern[str] = _PEP508,
    bare: bool = False,
) -> Span | None:
    """Where the version specifier of a PEP 508 requirement (of openai, or what `requirement`
    reads: its group `spec`) stands in the text; with `bare`, where a requirement without one
    ends (an empty span after its name and extras)."""
    raw = doc.text[span.start : span.end]
    if raw_line:  # a requirements line: its value is the raw text, spaces collapsed
        if _HASHED.match(doc.text, span.end):
            return None  # `--hash` needs an exact pin: the lock file must be regenerated
        at, value = span.start, raw
    elif value and raw.count(value) == 1:  # a TOML string, quotes around it
        at = span.start + raw.index(value)
    else:
        return None
    match = requirement.fullmatch(value.split(";", 1)[0])
    if match is not None and bare and not match.group("spec").strip():
        name_end = at + len(value.split(";", 1)[0].rstrip())
        return Span(name_end, name_end)
    if match is None or not match.group("spec").strip():
        return None
    spec = match.group("spec").rstrip()
    if "\\" in spec or "\n" in spec:
        return None
    return Span(at + match.start("spec"), at + match.start("spec") + len(spec))


def _places(places: list[tuple[str, int]]) -> str:
    """Where the file requires openai, each requirement once: `openai==0.27.4 here` for one
    place, with their lines for more (`openai on lines 52, 56 and 57`, `openai<1 on line 3,
    openai>=1 on line 9`); "" for none."""
    if len(places) == 1:
        return f"{places[0][0]} here"
    lines: dict[str, list[int]] = {}
    for shown, line in places:
        if line not in lines.setdefault(shown, []):
            lines[shown].append(line)
    return ", ".join(
        f"{shown} on line {at[0]}"
        if len(at) == 1
        else f"{shown} on lines {', '.join(map(str, at[:-1]))} and {at[-1]}"
        for shown, at in lines.items()
    )


# The rest of a requirements line, continuations included, when it has a `--hash` option.
_HASHED = re.compile(r"(?:[^\n]*\\\r?\n)*[^\n]*--hash")


def _requirement_entry(doc: ConfigDocument, entry: Entry) -> bool:
    """Whether `entry` may be a requirement: any line of a requirements file or install
    command, a TOML value only in a table or list of requirements (`holds_requirements`)."""
    return doc.kind != "toml" or holds_requirements(entry.path)


def _keyed(doc: ConfigDocument, entry: Entry) -> bool:
    """Whether `entry` is a TOML key's value (Poetry's `chromadb = "^0.4"`), not an item of
    a list of requirements (PEP 621's `dependencies`, an `optional-dependencies` extra,
    whatever the extra is called)."""
    return doc.kind == "toml" and entry.key_span is not None


def _poetry_constraint(entry: Entry) -> bool:
    """`openai = "^0.28"` or `openai = {version = "^0.28"}` under a dependencies table."""
    path = [p.lower() for p in entry.path]
    if not any(p == "dependencies" or p.endswith("-dependencies") for p in path):
        return False
    return path[-1] == "openai" or (path[-1] == "version" and path[-2:-1] == ["openai"])


# A requirement given by URL: `openai[x] @ URL` (named), or a bare `git+URL` / `-e git+URL`.
_URL_REQUIREMENT = re.compile(
    r"(?:(?P<named>(?<![\w.-])openai\s*(?:\[[^\]]*\])?\s*@\s*)|(?:-e\s+|--editable[=\s]\s*)?)"
    r"(?P<url>(?:git\+[a-z]+://|https?://)[^\s\"',;]+)"
)
# `"openai"`, `'openai[datalib]'`: a requirement of `setup.py` with no specifier
_SETUP_BARE = re.compile(r"""(?P<q>["'])(?P<req>openai\s*(?:\[[^\]]*\])?)(?P=q)""")


def _setup_requirement_strings(text: str) -> set[int]:
    """Where the string literals of `setup.py` that are requirements start (offsets in
    `text`): the items of `install_requires=`'s list and of the lists `extras_require=`'s
    dict maps its extras to (not the extras' names, nor `keywords=` or `name=`). None of
    them where the file does not parse."""
    import ast

    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError):
        return set()
    lines = text.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))
    found: set[int] = set()

    def add(items: ast.expr) -> None:
        if not isinstance(items, (ast.List, ast.Tuple, ast.Set)):
            return
        for item in items.elts:
            if isinstance(item, ast.Constant) and isinstance(item.value, str):
                line = lines[item.lineno - 1]
                column = len(line.encode()[: item.col_offset].decode(errors="replace"))
                found.add(starts[item.lineno - 1] + column)

    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        for keyword in node.keywords:
            if keyword.arg == "install_requires":
                add(keyword.value)
            elif keyword.arg == "extras_require" and isinstance(keyword.value, ast.Dict):
                for value in keyword.value.values:
                    add(value)
    return found


# openai named as a requirement: at the start of a line (requirements, Poetry) or quoted
_OPENAI_LISTED = re.compile(r"""(?im)(?:^[ \t]*|["'])openai(?![\w.-])""")
_EGG = re.compile(r"[#&]egg=openai(?![\w.-])")
_V0_REF = re.compile(r"v?0\.\d")
_V1_REF = re.compile(r"v?[1-9]\d*(?:\.|$)")
_DEFAULT_BRANCHES = frozenset({"main", "master", "HEAD", ""})
# `openai-0.28.1-py3-none-any.whl`, `openai-0.28.1.tar.gz`, GitHub's `.../v0.28.1.zip`
_ARCHIVE_VERSION = re.compile(r"(?:openai-|/)(v?\d+(?:\.\d+)*)(?:-|\.tar|\.zip|\.whl)")


def _url_ref(url: str) -> str | None:
    """The git ref (`v0.28.1`, a commit), or the version of an archive's file name; "" for a
    git URL without a ref (the default branch); None when the URL tells nothing."""
    bare = url.split("#", 1)[0]
    if bare.startswith("git+"):
        path = bare.split("://", 1)[-1]
        path = path.split("/", 1)[1] if "/" in path else ""
        return path.rsplit("@", 1)[1] if "@" in path else ""
    found = _ARCHIVE_VERSION.search(bare)
    return found.group(1) if found else None
