"""ML641: a litellm pin below the first release with the provider's own route."""

from __future__ import annotations

from collections.abc import Iterator

from migrate_llm.formats.dependencies import requirements
from migrate_llm.formats.document import ConfigDocument
from migrate_llm.model import Finding, FixClass, Severity
from migrate_llm.rules.base import ConfigRule, Example
from migrate_llm.rules.dependency_pin import caps_below

_LITELLM = "litellm"


class LitellmPin(ConfigRule):
    """A litellm requirement that admits no release with the provider's own route.

    ## What it does
    With `--provider P` (not `openai`) for a provider with a litellm route (`[frameworks]
    litellm_prefix`), finds `litellm` requirements (requirements files, `pyproject.toml`,
    `setup.cfg`) whose specifier admits no release from the first one with that route
    (`[frameworks] litellm_first_release`, checked on the wheels on PyPI: `dashscope/` from
    1.74.2, `moonshot/` from 1.74.4, `zai/` from 1.80.8): a project pins litellm to call it,
    directly or through a framework that does (crewAI, DSPy, aider).

    ## Why
    The litellm calls apply moves (ML640) and the model settings it writes for litellm
    (ML204, ML503) use that route, with `api_key=` and `api_base=`: an older litellm raises
    on the route (`No valid completion model args` in 0.1.213) or on the keywords, and
    nothing else shows it (gpt-migrate pins `litellm==0.1.213`).

    ## Fix (manual)
    Upgrade litellm to the release named (and test the program with it). Left to you, a
    warning, before and after apply, so `check` fails until the pin moves.

    ## Data
    `requirement` (as written), `litellm_route` (the prefix), `first_release`.
    """

    code = "ML641"
    name = "litellm-pin"
    category = "framework"
    severity = Severity.WARNING
    fix = FixClass.MANUAL
    kinds = frozenset({"requirements", "toml", "setup"})
    examples = (
        Example(
            "litellm==0.1.213\npydantic==1.10.8\n",
            path="requirements.txt",
            provider="qwen",
            message="litellm==0.1.213 has no dashscope/ route for Alibaba Qwen (DashScope / "
            "Model Studio) (litellm 1.74.2 is the first with it), on which apply writes the "
            "litellm calls and models it moves, with api_key= and api_base=: upgrade litellm "
            "to >=1.74.2",
        ),
        Example(
            '[tool.poetry.dependencies]\nlitellm = "^1.74"\n',
            path="pyproject.toml",
            provider="qwen",
            finds=False,
        ),
        Example("litellm==0.1.213\n", path="requirements.txt", finds=False),
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
        for found in requirements(doc):
            if found.name != _LITELLM or not caps_below(found.spec, first):
                continue
            yield self.finding_at(
                doc,
                found.span,
                f"{found.shown} has no {prefix}/ route for {provider.name} (litellm "
                f"{first_text} is the first with it), on which apply writes the litellm calls "
                f"and models it moves, with api_key= and api_base=: upgrade litellm to "
                f">={first_text}",
                data={
                    "requirement": found.shown,
                    "litellm_route": prefix,
                    "first_release": first_text,
                },
            )


LITELLM_PIN_RULES = (LitellmPin,)
