"""Notebook rules: IPython lines that configure OpenAI (`%env`, `!pip install`) and keys
shown in cell outputs.

They read the lines the Python parser never sees (see `migrate_llm.notebook_code`) and the
outputs of code cells. Positions are those of the notebook module; the notebook layer maps
them to cells. An edit's text is the new IPython line, or empty to remove the line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import ClassVar
from urllib.parse import urlsplit

from migrate_llm import openai_sdk as sdk
from migrate_llm.model import Edit, Finding, FixClass, Severity, Span
from migrate_llm.rules.base import Example, Rule, RuleContext
from migrate_llm.rules.dependency_pin import pins_legacy
from migrate_llm.secrets import find_secrets, looks_like_secret, mask, mask_secrets

_ENV = re.compile(
    r"(?P<head>[ \t]*%(?:env|set_env)[ \t]+)(?P<name>[A-Za-z_]\w*)"
    r"(?P<sep>[ \t]*=[ \t]*|[ \t]+)(?P<value>.*?)[ \t]*\Z"
)
_PIP = re.compile(r"[ \t]*(?:[!%][ \t]*)?(?:pip3?|python3?[ \t]+-m[ \t]+pip|uv[ \t]+pip)[ \t]")
_OP = r"(?:===|==|!=|<=|>=|~=|<|>)"
_OPENAI_REQUIREMENT = re.compile(
    rf"(?P<quote>['\"]?)(?<![\w.-])openai(?P<extras>\[[^\]]*\])?[ \t]*"
    rf"(?P<spec>{_OP}[ \t]*[\w.*+!-]+(?:[ \t]*,[ \t]*{_OP}[ \t]*[\w.*+!-]+)*)(?P=quote)"
    r"(?![\w.-])"
)


class NotebookRule(Rule):
    """A rule over a notebook's IPython lines (`check_line`) or cell outputs (`check_output`).

    `line` is the line's number in the notebook module and `span` the whole line there
    (indentation included, line break excluded); an edit of `span` gives the new line.
    """

    def __init__(self, ctx: RuleContext) -> None:
        self.ctx = ctx

    def check_line(self, text: str, line: int, span: Span) -> Iterator[Finding]:
        return iter(())

    def check_output(self, text: str) -> Iterator[Finding]:
        return iter(())

    def at(self, line: int, start: int, end: int, message: str, **kw) -> Finding:
        """A finding between 0-based columns `start` and `end` of a module line."""
        return self.make_finding(message, (line, start + 1), (line, end + 1), **kw)


def _removal(span: Span) -> Edit:
    """An edit deleting the whole line at `span`, its line break included."""
    return Edit(Span(span.start, span.end + 1), "")


class EnvMagic(NotebookRule):
    """A `%env` line that sets one of OpenAI's variables in a notebook.

    ## What it does
    Finds `%env OPENAI_API_KEY=...`, `%env OPENAI_BASE_URL=...` (and `%set_env`, and the
    `%env NAME VALUE` form) in code cells.

    ## Why
    The migrated code reads the provider's variables. A key set here is an OpenAI key, which
    the provider rejects, and a key written into a notebook leaks with it (in git, in shared
    copies).

    ## Fix
    `apply` switches a base-URL line to the provider's variable and URL, renames a key line
    whose value is a placeholder (`%env OPENAI_API_KEY=your-key` -> `%env ACME_API_KEY=your-key`),
    and removes a line that holds a real key: it is never copied. Rotate that key. With
    `--provider openai` a written key is reported and openai<1's `OPENAI_API_BASE` becomes
    `OPENAI_BASE_URL`, the variable openai>=1 reads.
    """

    code = "ML406"
    name = "notebook-env-magic"
    category = "environment"
    severity = Severity.WARNING
    fix = FixClass.SAFE
    examples = (
        Example(
            "%env OPENAI_BASE_URL=https://api.openai.com/v1\n",
            path="demo.ipynb",
            provider="acme",
            message="%env sets OPENAI_BASE_URL to OpenAI's endpoint; Acme Cloud reads "
            "ACME_BASE_URL (https://api.acme.example/v1)",
            after="%env ACME_BASE_URL=https://api.acme.example/v1\n",
        ),
        Example(
            "%env OPENAI_API_KEY=sk-proj-abcdefghijklmnop0123456789\nx = 1\n",
            path="demo.ipynb",
            provider="acme",
            message="%env writes an OpenAI key (sk-pr…89) into the notebook; apply removes the "
            "line (the key is not copied): set ACME_API_KEY outside the notebook and rotate "
            "the key",
            after="x = 1\n",
        ),
        Example(
            "%env OPENAI_API_KEY=<your key>\n",
            path="demo.ipynb",
            provider="acme",
            after="%env ACME_API_KEY=<your key>\n",
        ),
        Example(
            "%env OPENAI_API_BASE=https://gateway.example/v1\n",
            path="demo.ipynb",
            provider="openai",
            after="%env OPENAI_BASE_URL=https://gateway.example/v1\n",
        ),
        Example("%env TOKENIZERS_PARALLELISM=false\n", finds=False, path="demo.ipynb"),
    )

    def check_line(self, text: str, line: int, span: Span) -> Iterator[Finding]:
        match = _ENV.match(text)
        if match is None:
            return
        name, value = match.group("name"), match.group("value")
        if not (name.startswith(("OPENAI_", "AZURE_OPENAI_"))):
            return
        provider = self.ctx.provider
        switching = self.ctx.switching
        start, end = match.start("name"), len(text)
        data: dict[str, object] = {"variable_from": name}
        if looks_like_secret(value):
            shown = mask(find_secrets(value)[0].group(0))
            target = provider.api_key_env if provider is not None and switching else None
            advice = f"set {target} outside the notebook" if target else "read it from outside"
            removing = switching
            verb = "apply removes the line (the key is not copied): " if removing else ""
            yield self.at(
                line,
                start,
                end,
                f"%env writes an OpenAI key ({shown}) into the notebook; {verb}{advice} and "
                "rotate the key",
                severity=Severity.ERROR,
                fix=FixClass.REVIEW if removing else FixClass.MANUAL,
                edit=_removal(span) if removing else None,
                data=data | ({"variable_to": None} if removing else {}),
            )
            return
        if provider is None:
            return
        if not switching:  # openai>=1 reads OPENAI_BASE_URL, not openai<1's OPENAI_API_BASE
            if name in sdk.BASE_URL_VARS_TO_SWITCH and name != provider.base_url_env:
                new = provider.base_url_env
                yield self.at(
                    line,
                    start,
                    end,
                    f"%env sets {name}, which openai>=1 does not read; it reads {new}",
                    edit=self._renamed(match, span, new, value),
                    data=data | {"variable_to": new},
                )
            return
        if name in sdk.KEY_ENV_VARS:
            new = provider.api_key_env
            yield self.at(
                line,
                start,
                end,
                f"%env sets OpenAI's key variable {name}; {provider.name} reads {new}",
                edit=self._renamed(match, span, new, value),
                data=data | {"variable_to": new},
            )
        elif name in sdk.BASE_URL_ENV_VARS:
            host = (urlsplit(value.strip("'\"")).hostname or "").lower()
            owner = self.ctx.owner_of_host(host) if host else None
            new = provider.base_url_env
            base_url = self.ctx.base_url or provider.base_url
            if owner is None or owner.id != self.ctx.openai.id:
                yield self.at(
                    line,
                    start,
                    end,
                    f"%env points {name} at {mask_secrets(value)}; nothing reads {name} once "
                    f"migrated: set {new} if this endpoint serves {provider.name}",
                    fix=FixClass.MANUAL,
                    data=data | {"variable_to": new},
                )
                return
            yield self.at(
                line,
                start,
                end,
                f"%env sets {name} to OpenAI's endpoint; {provider.name} reads {new} ({base_url})",
                edit=self._renamed(match, span, new, base_url),
                data=data | {"variable_to": new, "url_to": base_url},
            )
        else:
            yield self.at(
                line,
                start,
                end,
                f"%env sets {name}, which only OpenAI reads; remove it once the notebook runs "
                f"on {provider.name}",
                fix=FixClass.MANUAL,
                data=data,
            )

    @staticmethod
    def _renamed(match: re.Match[str], span: Span, name: str, value: str) -> Edit:
        return Edit(span, f"{match.group('head')}{name}{match.group('sep')}{value}")


class PipMagic(NotebookRule):
    """A `!pip install` / `%pip install` line that pins the pre-1.0 openai SDK.

    ## What it does
    Finds `openai==0.28`, `openai<1` and other specifiers that admit no 1.x release on pip
    lines of code cells (`!pip`, `%pip`, `!python -m pip`, `!uv pip`, and `pip install`
    run as an automagic).

    ## Why
    The migrated notebook uses the v1 client; installing openai<1 makes its first cell fail.

    ## Fix
    `apply` rewrites the requirement to `"openai>=1"`, quoted so the shell does not read `>`
    as a redirection; the rest of the line is kept.
    """

    code = "ML506"
    name = "notebook-pip-pin"
    category = "legacy"
    severity = Severity.ERROR
    fix = FixClass.SAFE
    examples = (
        Example(
            "!pip install -q openai==0.28 tiktoken\n",
            path="demo.ipynb",
            provider="acme",
            message="pip installs openai==0.28, the pre-1.0 SDK; the migrated notebook needs "
            "openai>=1",
            after='!pip install -q "openai>=1" tiktoken\n',
        ),
        Example(
            "%pip install 'openai<1'\n",
            path="demo.ipynb",
            provider="acme",
            after="%pip install 'openai>=1'\n",
        ),
        Example("!pip install -U openai\n", finds=False, path="demo.ipynb"),
    )

    def check_line(self, text: str, line: int, span: Span) -> Iterator[Finding]:
        if not _PIP.match(text):
            return
        for match in _OPENAI_REQUIREMENT.finditer(text):
            spec = match.group("spec")
            if not pins_legacy(spec):
                continue
            quote = match.group("quote") or '"'
            requirement = f"openai{match.group('extras') or ''}{spec}"
            new = f"{quote}openai{match.group('extras') or ''}>=1{quote}"
            edited = text[: match.start()] + new + text[match.end() :]
            yield self.at(
                line,
                match.start(),
                match.end(),
                f"pip installs {requirement}, the pre-1.0 SDK; the migrated notebook needs "
                "openai>=1",
                edit=Edit(span, edited) if self.ctx.provider is not None else None,
                data={"package": "openai", "pin_from": spec, "pin_to": ">=1"},
            )


class OutputSecret(NotebookRule):
    """An API key shown in the output of a notebook cell.

    ## What it does
    Looks for key-shaped tokens (`sk-...`) in what code cells printed: streams, displayed
    text, error messages and tracebacks.

    ## Why
    Outputs are saved in the `.ipynb` file: a key printed once is in every copy and commit
    of the notebook. Outputs are never edited by `apply`.

    ## Fix
    Clear the notebook's outputs (Jupyter: Edit > Clear All Outputs, or
    `jupyter nbconvert --clear-output --inplace`) and rotate the key.
    """

    code = "ML006"
    name = "notebook-output-secret"
    category = "secret"
    severity = Severity.ERROR
    fix = FixClass.MANUAL
    examples = (
        Example(
            "print(client.api_key)\n",
            path="demo.ipynb",
            message="an API key (sk-pr…89) is saved in this cell's output: clear the "
            "notebook's outputs and rotate the key",
        ),
        Example("print('done')\n", finds=False, path="demo.ipynb"),
    )
    # The output the examples above are given (see tests/test_notebooks.py).
    example_output: ClassVar[str] = "sk-proj-abcdefghijklmnop0123456789\n"

    def check_output(self, text: str) -> Iterator[Finding]:
        seen: set[str] = set()
        for match in find_secrets(text):
            key = match.group(0)
            if key in seen:
                continue
            seen.add(key)
            yield self.at(
                1,
                0,
                0,
                f"an API key ({mask(key)}) is saved in this cell's output: clear the "
                "notebook's outputs and rotate the key",
                data={"in": "output"},
            )


NOTEBOOK_RULES: tuple[type[NotebookRule], ...] = (OutputSecret, EnvMagic, PipMagic)
