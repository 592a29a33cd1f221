"""ML641: a litellm pin or lock below the first release with the provider's own route."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import PurePath

from migrate_llm.formats.dependencies import Requirement, requirements
from migrate_llm.formats.document import ConfigDocument
from migrate_llm.frameworks import litellm as fw
from migrate_llm.frameworks.pins import version_text
from migrate_llm.lock_files import LockFile, lock_file
from migrate_llm.model import Finding, FixClass, Severity, Span
from migrate_llm.rules.base import ConfigRule, Example
from migrate_llm.rules.dependency_pin import caps_below
from migrate_llm.rules.wording import and_listed
from migrate_llm.run_facts import RunFacts

_LITELLM = "litellm"
# the frameworks a module uses that hand their models to litellm (`_routes_through_litellm`)
_ROUTING = "crewAI, DSPy, Open Interpreter, aider, smolagents' LiteLLMModel, txtai"


def _routes_through_litellm(facts: RunFacts) -> bool:
    """Whether a module of the project calls litellm with a model (ML640's calls, aider's,
    smolagents' `LiteLLMModel`, Open Interpreter's API: `RunFacts.litellm_project`) or uses a
    framework handing its models to litellm (crewAI, DSPy, txtai): the locked litellm is the
    one they run on. Elsewhere a lock holds litellm for a dependency the project does not
    call it through (a library of dspy's or crewAI's tools), and ML641 notes it only."""
    return (
        facts.litellm_project or facts.crewai_project or facts.dspy_project or facts.txtai_project
    )


class LitellmPin(ConfigRule):
    """A litellm requirement or lock entry that admits no release with the provider's own route.

    ## What it does
    With `--provider P` (not `openai`) for a provider with a litellm route (`[frameworks]
    litellm_prefix`), finds `litellm` requirements (requirements files, `pyproject.toml`,
    `setup.cfg`) whose specifier admits no release from the first one with that route
    (`[frameworks] litellm_first_release`, checked on the wheels on PyPI: `dashscope/` from
    1.74.2, `moonshot/` from 1.74.4, `zai/` from 1.80.8): a project pins litellm to call it,
    directly or through a framework that does (crewAI, DSPy, aider). A `uv.lock` or
    `poetry.lock` whose litellm entry (`name = "litellm"`, then `version = "1.75.0"`: each
    one uv locks for different markers) is below that release is reported at its version:
    `uv sync` and `poetry install` install it whatever the requirements admit (t61c: an
    Open Interpreter app gets litellm through open-interpreter, with no pin of its own). A
    warning where a module of the project routes models through litellm (calls it, ML640,
    also through aider's or smolagents' stand-ins, or uses Open Interpreter's API, crewAI,
    DSPy or txtai: `RunFacts.litellm_project`, `crewai_project`, `dspy_project`,
    `txtai_project`); elsewhere a note (fix none): the lock holds litellm for a dependency
    the project does not call it through, and `check` passes (the review of session 62).

    ## Why
    The litellm calls apply moves (ML640) and the model settings it writes for litellm
    (ML204, ML503) use that route, with `api_key=` and `api_base=`: an older litellm raises
    on the route (`No valid completion model args` in 0.1.213) or on the keywords, and
    nothing else shows it (gpt-migrate pins `litellm==0.1.213`).

    A pin of the same file admitting no release of what every litellm release from that
    one on requires (`frameworks.litellm.ROUTE_RELEASES_REQUIRE`, from the wheels' METADATA:
    pydantic>=2.5.0, openai>=1.68.2) is named with its line: the upgrade fails to install
    until it moves too (gpt-migrate's `pydantic==1.10.8`).

    ## Fix (manual)
    Upgrade litellm to the release named, and the pins named with it (and test the program
    with them); for a lock, re-lock litellm (`uv lock --upgrade-package litellm`, `poetry
    update litellm`: `lock_files.LOCK_FILES`), apply never edits a lock file. Left to you, a
    warning, before and after apply, so `check` fails until the pin moves (a lock entry
    where nothing routes through litellm: a note).

    ## Data
    `requirement` (as written), `litellm_route` (the prefix), `first_release`;
    `held_back_by` (the other pins as written) where there are any. For a lock: `locked`
    (the version), `lock_file` (`uv.lock`), `litellm_route`, `first_release`.
    """

    code = "ML641"
    name = "litellm-pin"
    category = "framework"
    severity = Severity.WARNING
    fix = FixClass.MANUAL
    kinds = frozenset({"requirements", "toml", "setup", "lock"})
    examples = (
        Example(
            "litellm==0.1.213\npydantic==1.10.8\n",
            path="requirements.txt",
            provider="qwen",
            message="litellm==0.1.213 has no dashscope/ route for Alibaba Qwen (DashScope / "
            "Model Studio) (litellm 1.74.2 is the first with it), on which apply writes the "
            "litellm calls and models it moves, with api_key= and api_base=: upgrade litellm "
            "to >=1.74.2, and move pydantic==1.10.8 (line 2) with it: litellm 1.74.2 and later "
            "require pydantic>=2.5.0, which it admits no release of",
        ),
        Example(
            '[tool.poetry.dependencies]\nlitellm = "^1.74"\n',
            path="pyproject.toml",
            provider="qwen",
            finds=False,
        ),
        Example("litellm==0.1.213\n", path="requirements.txt", finds=False),
        # a lock file of our own words: what `uv sync` installs, whatever pyproject admits
        Example(
            'version = 1\n\n[[package]]\nname = "litellm"\nversion = "1.72.0"\n',
            path="uv.lock",
            provider="qwen",
            # (no module of the run calls litellm: a note; tests/test_litellm_locks.py)
            message="uv.lock locks litellm 1.72.0, which has no dashscope/ route for Alibaba "
            "Qwen (DashScope / Model Studio) (litellm 1.74.2 is the first with it); no module "
            "of the project calls litellm or a framework handing it models (crewAI, DSPy, "
            "Open Interpreter, aider, smolagents' LiteLLMModel, txtai): another package locks "
            "it; before calling it, re-lock litellm to >=1.74.2 (`uv lock --upgrade-package "
            "litellm`; where pyproject.toml admits no such release, move its requirement first)",
        ),
        Example(
            '[[package]]\nname = "litellm"\nversion = "1.80.8"\n',
            path="poetry.lock",
            provider="zhipu",
            finds=False,
        ),
    )

    def check(self, doc: ConfigDocument) -> Iterator[Finding]:
        provider = self.ctx.provider
        if provider is None or not self.ctx.switching:
            return
        prefix = provider.frameworks.get("litellm_prefix")
        first_text = provider.frameworks.get("litellm_first_release")
        if not isinstance(prefix, str) or not isinstance(first_text, str):
            return
        first = tuple(int(p) for p in first_text.split("."))
        if doc.kind == "lock":
            yield from self._locked(doc, prefix, first_text, first)
            return
        found_all = list(requirements(doc))
        for found in found_all:
            if found.name != _LITELLM or not caps_below(found.spec, first):
                continue
            held = self._held_back(doc, found_all)
            moved = ""
            if held:
                pins = and_listed([f"{shown} (line {line})" for shown, line, _ in held])
                needs = and_listed([need for _, _, need in held])
                moved = (
                    f", and move {pins} with it: litellm {first_text} and later require "
                    f"{needs}, which {'it admits' if len(held) == 1 else 'they admit'} no "
                    "release of"
                )
            data: dict[str, object] = {
                "requirement": found.shown,
                "litellm_route": prefix,
                "first_release": first_text,
            }
            if held:
                data["held_back_by"] = [shown for shown, _, _ in held]
            yield self.finding_at(
                doc,
                found.span,
                f"{found.shown} has no {prefix}/ route for {provider.name} (litellm "
                f"{first_text} is the first with it), on which apply writes the litellm calls "
                f"and models it moves, with api_key= and api_base=: upgrade litellm to "
                f">={first_text}{moved}",
                data=data,
            )

    def _locked(
        self, doc: ConfigDocument, prefix: str, first_text: str, first: tuple[int, ...]
    ) -> Iterator[Finding]:
        """A uv.lock or poetry.lock locking litellm below `first` (`fw.LOCKED_VERSION`): what
        `uv sync` and `poetry install` install, whatever the requirements admit."""
        provider = self.ctx.provider
        tool = lock_file(PurePath(doc.path).name)
        if provider is None or tool is None:
            return
        upgrade = tool.upgrade.format(package=_LITELLM)
        # one entry each for the versions uv locks for different markers
        for locked in fw.LOCKED_VERSION.finditer(doc.text):
            version = locked[1]
            if caps_below(f"=={version}", first):
                yield self._locked_finding(doc, locked, tool, upgrade, prefix, first_text)

    def _locked_finding(
        self,
        doc: ConfigDocument,
        locked: re.Match[str],
        tool: LockFile,
        upgrade: str,
        prefix: str,
        first_text: str,
    ) -> Finding:
        provider = self.ctx.provider
        assert provider is not None
        version = locked[1]
        head = (
            f"{tool.name} locks litellm {version}, which has no {prefix}/ route for "
            f"{provider.name} (litellm {first_text} is the first with it)"
        )
        relock = (
            f"re-lock litellm to >={first_text} (`{upgrade}`; where {tool.manifest} admits no "
            "such release, move its requirement first)"
        )
        routed = _routes_through_litellm(self.ctx.facts)
        return self.finding_at(
            doc,
            Span(locked.start(1), locked.end(1)),
            f"{head}, on which apply writes the litellm calls and models it moves, with "
            f"api_key= and api_base=: {relock}; apply leaves lock files as they are"
            if routed
            else f"{head}; no module of the project calls litellm or a framework handing "
            f"it models ({_ROUTING}): another package locks it; before calling it, {relock}",
            severity=None if routed else Severity.NOTE,
            fix=None if routed else FixClass.NONE,
            data={
                "locked": version,
                "lock_file": tool.name,
                "litellm_route": prefix,
                "first_release": first_text,
            },
        )

    @staticmethod
    def _held_back(doc: ConfigDocument, found: list[Requirement]) -> list[tuple[str, int, str]]:
        """The other pins of the file admitting no release litellm's routes require
        (`fw.ROUTE_RELEASES_REQUIRE`): (as written, line, what litellm requires)."""
        held = []
        for other in found:
            floor = fw.ROUTE_RELEASES_REQUIRE.get(other.name)
            if floor is not None and caps_below(other.spec, floor):
                line = doc.lines.position(other.span.start)[0]
                held.append((other.shown, line, f"{other.name}>={version_text(floor)}"))
        return held


LITELLM_PIN_RULES = (LitellmPin,)
