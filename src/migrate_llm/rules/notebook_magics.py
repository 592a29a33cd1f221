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
from migrate_llm.formats.dependencies import name_and_spec
from migrate_llm.frameworks import llamaindex as li
from migrate_llm.model import Edit, Finding, FixClass, Severity, Span
from migrate_llm.rules.base import Example, Rule, RuleContext
from migrate_llm.rules.dependency_pin import caps_below, pins_legacy
from migrate_llm.rules.framework_requirements import (
    PROVIDES,
    advice,
    lines_text,
    pinned_lines,
    spec_for,
)
from migrate_llm.run_facts import openai_like_needed
from migrate_llm.secrets import (
    find_secrets,
    is_placeholder,
    looks_like_secret,
    mask,
    mask_secrets,
)

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

# the same, for code that runs pip itself (ML509)
PIP_LINE = _PIP
OPENAI_REQUIREMENT = _OPENAI_REQUIREMENT


class NotebookRule(Rule):
    """A rule over a notebook's IPython lines (`check_line`) or cell outputs (`check_output`).

    `line` is the line's number in the notebook module and `span` the whole line there
    (indentation included, line break excluded); an edit of `span` gives the new line.
    """

    def __init__(self, ctx: RuleContext, module: str = "") -> None:
        self.ctx = ctx
        self.module = module  # the notebook's code cells as one module (`notebook_code`)

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
    """A `%env` line that sets one of OpenAI's variables, or writes an API key, in a notebook.

    ## What it does
    Finds `%env OPENAI_API_KEY=...`, `%env OPENAI_BASE_URL=...` (and `%set_env`, and the
    `%env NAME VALUE` form) in code cells, and a key (`sk-...`, not a stand-in) written into
    any other variable: `%env DASHSCOPE_API_KEY=sk-...`.

    ## Why
    The migrated code reads the provider's variables. A key set here is an OpenAI key, which
    the provider rejects, and a key written into a notebook leaks with it (in git, in shared
    copies).

    ## Fix
    `apply` switches a base-URL line to the provider's variable and URL, renames a key line
    whose value is a placeholder (`%env OPENAI_API_KEY=your-key` -> `%env ACME_API_KEY=your-key`),
    and removes a line that holds a real key: it is never copied. Rotate that key. A key in
    another variable (the provider's, another service's) is an error apply leaves (manual):
    the code reads that variable, so removing the line would leave it unset; set it outside
    the notebook (Colab's secrets, the shell that starts Jupyter) and rotate the key. With
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
        Example(
            "%env ACME_API_KEY=sk-4f9a2b7c8d1e4f6a9b3c5d7e8f0a1b2c\n",
            path="demo.ipynb",
            provider="acme",
            message="%env writes an API key (sk-4f…2c) into the notebook as ACME_API_KEY; set "
            "ACME_API_KEY outside the notebook and rotate the key",
            after="%env ACME_API_KEY=sk-4f9a2b7c8d1e4f6a9b3c5d7e8f0a1b2c\n",
        ),
        Example(
            "%set_env STABILITY_KEY sk-4f9a2b7c8d1e4f6a9b3c5d7e8f0a1b2c\n",
            path="demo.ipynb",
            message="%env writes an API key (sk-4f…2c) into the notebook as STABILITY_KEY; set "
            "STABILITY_KEY outside the notebook and rotate the key",
        ),
        Example("%env ACME_API_KEY=sk-xxxxxxxxxxxxxxxxxxxx\n", finds=False, path="demo.ipynb"),
        Example("%env TOKENIZERS_PARALLELISM=false\n", finds=False, path="demo.ipynb"),
    )

    def check_line(self, text: str, line: int, span: Span) -> Iterator[Finding]:
        match = _ENV.match(text)
        if match is None:
            return
        name, value = match.group("name"), match.group("value")
        if not (name.startswith(("OPENAI_", "AZURE_OPENAI_"))):
            yield from self._other_key(match, line)
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

    def _other_key(self, match: re.Match[str], line: int) -> Iterator[Finding]:
        """A key written into a variable OpenAI does not own (the provider's, another
        service's): reported, never removed, since the code reads that variable."""
        found = [k for k in find_secrets(match.group("value")) if not is_placeholder(k)]
        if not found:
            return
        name = match.group("name")
        yield self.at(
            line,
            match.start("name"),
            len(match.string),
            f"%env writes an API key ({mask(found[0].group(0))}) into the notebook as {name}; "
            f"set {name} outside the notebook and rotate the key",
            severity=Severity.ERROR,
            fix=FixClass.MANUAL,
            data={"variable_from": name},
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


# A word of a pip line: quoted as a whole or not at all.
_WORD = re.compile(r"(?P<quote>['\"]?)(?P<word>[^\s'\"]+)(?P=quote)(?=\s|\Z)")
_INSTALL = re.compile(r"\binstall\b")


class NotebookLlamaIndexPip(NotebookRule):
    """A notebook's pip line without the OpenAI-like LlamaIndex package its migrated code imports.

    ## What it does
    With `--provider P` (not `openai`), finds pip lines of code cells (as ML506 reads them)
    that install `llama-index-llms-openai`, `llama-index-embeddings-openai` or the
    `llama-index` meta-package (0.10 and later) but not `llama-index-llms-openai-like` /
    `llama-index-embeddings-openai-like` (nor does an earlier pip line of the notebook), where
    the notebook's own code imports `OpenAILike` / `OpenAILikeEmbedding` or builds a class
    ML611 rewrites to one: ML613 for the notebook, whose kernel installs what its pip lines
    list.

    ## Why
    `apply` rewrites the notebook's `OpenAI` / `OpenAIEmbedding` to the OpenAI-like classes
    (ML611), which live in those packages: on a fresh kernel the notebook stops with
    ModuleNotFoundError.

    ## Fix (review)
    `apply` writes the missing package right after the requirement that needs it, with the
    releases that work with the llama-index-core line the line pins (as ML613 does; quoted,
    so the shell reads no `<` or `>`). Where no release of it works with that line
    (`llama-index-embeddings-openai-like` before core 0.12), it is reported, not added
    (manual): upgrade LlamaIndex.

    ## Data
    `framework` ("llamaindex"), `requirements` (those of the line that need a package, as
    written), `missing`; where the line pins the core line, `core`, `specs` and
    `unavailable`, as ML613's.
    """

    code = "ML615"
    name = "notebook-pip-llamaindex"
    category = "framework"
    severity = Severity.WARNING
    fix = FixClass.REVIEW
    examples = (
        Example(
            "%pip install llama-index-embeddings-openai llama-index-llms-openai\n"
            "from llama_index.llms.openai_like import OpenAILike\n",
            path="demo.ipynb",
            provider="acme",
            message="pip installs llama-index-llms-openai but not llama-index-llms-openai-like, "
            "which the notebook's migrated code imports (OpenAILike): add it",
            after="%pip install llama-index-embeddings-openai llama-index-llms-openai "
            "llama-index-llms-openai-like\n"
            "from llama_index.llms.openai_like import OpenAILike\n",
        ),
        Example(
            "!pip install -q llama-index-core==0.12.5 llama-index-llms-openai\n"
            "from llama_index.llms.openai_like import OpenAILike\n",
            path="demo.ipynb",
            provider="acme",
            after="!pip install -q llama-index-core==0.12.5 llama-index-llms-openai "
            '"llama-index-llms-openai-like>=0.3,<0.5"\n'
            "from llama_index.llms.openai_like import OpenAILike\n",
        ),
        Example(
            "%pip install llama-index-core==0.11.23 llama-index-embeddings-openai\n"
            "from llama_index.embeddings.openai_like import OpenAILikeEmbedding\n",
            path="demo.ipynb",
            provider="acme",
            message="pip installs llama-index-embeddings-openai but not "
            "llama-index-embeddings-openai-like, which the notebook's migrated code imports "
            "(OpenAILikeEmbedding): no release of it works with llama-index-core 0.11, which "
            "the versions listed here allow; upgrade LlamaIndex to 0.12 or later and add it",
        ),
        Example(
            "%pip install llama-index-llms-openai\nfrom llama_index.llms.openai import OpenAI\n",
            path="demo.ipynb",
            provider="acme",
            finds=False,
        ),
    )

    def __init__(self, ctx: RuleContext, module: str = "") -> None:
        super().__init__(ctx, module)
        self.installed: set[str] = set()

    def check_line(self, text: str, line: int, span: Span) -> Iterator[Finding]:
        if not self.ctx.switching or not _PIP.match(text) or "llama" not in text.lower():
            return
        install = _INSTALL.search(text)
        if install is None:
            return
        words = []  # (match, normalised name, specifier) of each requirement
        for match in _WORD.finditer(text, install.end()):
            if not match.group("word").startswith("-"):
                named = name_and_spec(match.group("word"))
                if named is not None:
                    words.append((match, *named))
        # an earlier pip line of the notebook installs what it lists, or what this rule adds
        listed = self.installed
        listed.update(name for _, name, _ in words)
        needed = openai_like_needed(self.module.encode("utf-8", "surrogateescape"))
        lines = pinned_lines([(name, spec) for _, name, spec in words])
        wanting: list[tuple[re.Match[str], list[str]]] = []
        for match, name, spec in words:
            since, brings = li.REQUIREMENTS_NEEDED.get(name, ((), ()))
            if since and spec and caps_below(spec, since):
                continue
            lacking = [p for p in brings if p in needed and p not in listed]
            if lacking:
                listed.update(lacking)
                wanting.append((match, lacking))
        if not wanting:
            return
        missing = [p for _, packages in wanting for p in packages]
        specs = {p: spec_for(p, lines) for p in missing}
        shown = " and ".join(m.group("word") for m, _ in wanting)
        classes = ", ".join(PROVIDES[p] for p in missing)
        quoted = next((q for m, _, _ in words if (q := m.group("quote"))), "")
        edited, end = "", 0
        for match, packages in wanting:
            # quoted as the line quotes words: a specifier's `<` is no redirection
            quote = match.group("quote") or quoted or '"'
            edited += text[end : match.end()] + "".join(
                f" {quote}{p}{s}{quote}" if s else f" {p}"
                for p in packages
                if (s := specs[p]) is not None
            )
            end = match.end()
        edited += text[end:]
        data: dict[str, object] = {
            "framework": li.FRAMEWORK,
            "requirements": [m.group("word") for m, _ in wanting],
            "missing": missing,
        }
        if lines:
            data.update(core=lines_text(lines), specs={p: s for p, s in specs.items() if s})
            if None in specs.values():
                data["unavailable"] = [p for p, s in specs.items() if s is None]
        first = wanting[0][0]
        yield self.at(
            line,
            first.start(),
            first.end(),
            f"pip installs {shown} but not {' or '.join(missing)}, which the notebook's "
            f"migrated code imports ({classes}): {advice(missing, specs, lines)}",
            fix=FixClass.REVIEW if edited != text else FixClass.MANUAL,
            edit=Edit(span, edited) if edited != text else None,
            data=data,
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


NOTEBOOK_RULES: tuple[type[NotebookRule], ...] = (
    OutputSecret,
    EnvMagic,
    PipMagic,
    NotebookLlamaIndexPip,
)
