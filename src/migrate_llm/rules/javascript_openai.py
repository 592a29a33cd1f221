"""ML510: OpenAI in a JavaScript or TypeScript module, which apply does not rewrite."""

from __future__ import annotations

import re
from collections.abc import Iterator

from migrate_llm import openai_sdk as sdk
from migrate_llm.formats.document import ConfigDocument
from migrate_llm.formats.javascript import Script, read_script
from migrate_llm.frameworks import javascript as js
from migrate_llm.model import Finding, FixClass, Severity, Span
from migrate_llm.rules.base import ConfigRule, Example
from migrate_llm.rules.config_common import migrating
from migrate_llm.rules.config_model import unmapped_model
from migrate_llm.secrets import find_secrets, is_placeholder, mask

_BY_HAND = "by hand (apply rewrites Python only)"
_MODEL_BEFORE = re.compile(r"model\w*[\"']?\s*[:=]\s*$", re.IGNORECASE)


class JavaScriptOpenAI(ConfigRule):
    """OpenAI in a JavaScript or TypeScript module, which apply does not rewrite.

    ## What it does
    Reads `.js`, `.mjs`, `.cjs`, `.jsx`, `.ts`, `.tsx` (also `.vue`, `.svelte`; not `*.d.ts`
    nor `*.min.js`) files that name OpenAI, in code and strings only (comments are not
    read), and finds: a client built without an endpoint of its own (`new OpenAI()`,
    `new OpenAI({ apiKey })`: openai-node then calls OpenAI with OPENAI_API_KEY;
    LangChain.js's `ChatOpenAI` and `OpenAIEmbeddings` without `configuration`, openai<4's
    `new Configuration()` without `basePath`, the AI SDK's `createOpenAI()` without
    `baseURL`, and its default `openai` provider), an Azure OpenAI client (`AzureOpenAI`,
    `AzureChatOpenAI`, `createAzure`), a string holding an OpenAI host
    (`https://api.openai.com/v1`), a read of a variable named after OpenAI
    (`process.env.OPENAI_API_KEY`, `import.meta.env.VITE_OPENAI_API_KEY`, `Deno.env.get`), a
    string that is an OpenAI model id (`"gpt-4o"`; a name without a hyphen, `o3`, only after
    `model:`), and a string holding a key (shown masked). A host named inside a longer text
    (an error message, a prompt) is an information-only note. A client whose options come from
    elsewhere (`new OpenAI(options)`, `...rest`) is a warning: the module does not show
    whether they name an endpoint. A module holding none of these is not read (its
    prefilter asks the same of a plain word: `"ada"` in a syntax highlighter's language list
    of a megabyte bundle is no reason to parse it, t64b).

    ## Why
    A web front end or a Node service beside the Python code keeps calling OpenAI after
    `apply`, with OpenAI's key and model names: `check` must not pass while it does.

    ## Fix (manual)
    `apply` rewrites Python, notebooks and config files, not JavaScript: each finding says
    what to write instead (the provider's base URL, its key variable, the model an OpenAI
    model maps to). Silent with `--provider openai`.
    """

    code = "ML510"
    name = "javascript-openai"
    category = "javascript"
    severity = Severity.WARNING
    fix = FixClass.MANUAL
    kinds = frozenset({"javascript"})
    silent_when_modernising = True
    examples = (
        Example(
            'import OpenAI from "openai";\nconst client = new OpenAI();\n',
            path="web/api.ts",
            provider="acme",
            message="new OpenAI() talks to OpenAI (key from OPENAI_API_KEY); give it "
            'baseURL: "https://api.acme.example/v1" and apiKey: process.env.ACME_API_KEY '
            "by hand (apply rewrites Python only)",
        ),
        Example(
            'const reply = await client.chat.completions.create({ model: "gpt-4o-mini" });\n',
            path="server.js",
            provider="acme",
            message="gpt-4o-mini is an OpenAI model; it maps to acme-small on Acme Cloud: "
            "write that by hand (apply rewrites Python only)",
        ),
        Example(
            "const key = process.env.OPENAI_API_KEY;\n",
            path="server.mjs",
            provider="acme",
            message="reads OPENAI_API_KEY; Acme Cloud's key is in ACME_API_KEY (the OpenAI key "
            "is not copied): read that by hand (apply rewrites Python only)",
        ),
        Example(
            'export const MODEL = "gpt-4o";\n',
            path="web/config.js",
            message="gpt-4o is an OpenAI model; pass --provider to see what replaces it",
        ),
        Example(
            '// new OpenAI() as the README shows, with "gpt-4o"\n'
            'import OpenAI from "openai";\n'
            'const client = new OpenAI({ baseURL: "https://api.acme.example/v1" });\n',
            path="web/api.ts",
            provider="acme",
            finds=False,
        ),
    )

    def check(self, doc: ConfigDocument) -> Iterator[Finding]:
        if self.ctx.provider is not None and not migrating(self.ctx):
            return
        script = read_script(doc.text)
        yield from self._clients(doc, script)
        yield from self._env_reads(doc, script)
        for literal in script.strings:
            yield from self._string(doc, script, literal.value, literal.span)

    def _clients(self, doc: ConfigDocument, script: Script) -> Iterator[Finding]:
        provider = self.ctx.provider
        for name, (built_by_new, packages, options) in js.CLIENTS.items():
            if not any(js.imports(script.code, p) for p in packages):
                continue
            lead = rf"\bnew\s+{name}\s*\(" if built_by_new else rf"(?<![\w$.]){name}\s*\("
            for match in re.finditer(lead, script.bare):
                close = _closing(script.bare, match.end())
                given = script.code[match.end() : close].strip()
                if any(re.search(rf"\b{o}\b", given) for o in options):
                    continue
                shown = f"new {name}()" if built_by_new else f"{name}()"
                span = Span(match.start(), min(close + 1, len(doc.text)))
                unseen = (bool(given) and not given.startswith("{")) or "..." in given
                if unseen:
                    what = (
                        f"{shown} is built from options the module does not show; it talks to "
                        "OpenAI unless they name an endpoint"
                    )
                elif re.search(r"\b(?:apiKey|openAIApiKey)\b", given):
                    what = f"{shown} talks to OpenAI"
                else:
                    what = f"{shown} talks to OpenAI (key from OPENAI_API_KEY)"
                yield self.finding_at(
                    doc,
                    span,
                    f"{what}; {self._endpoint_advice(options[0])}",
                    severity=Severity.WARNING if unseen else Severity.ERROR,
                    data={"client": name},
                )
        if provider is not None and provider.azure is not None:
            return  # Azure OpenAI is the target: its clients are right
        for name, packages in js.AZURE_CLIENTS.items():
            if not any(js.imports(script.code, p) for p in packages):
                continue
            for match in re.finditer(rf"(?<![\w$.]){name}\s*\(", script.bare):
                yield self.finding_at(
                    doc,
                    Span(match.start(), match.start() + len(name)),
                    f"{name} talks to Azure OpenAI; {self._endpoint_advice('baseURL', 'OpenAI')}",
                    data={"client": name},
                )
        for name, packages in js.DEFAULT_INSTANCES.items():
            for package in packages:
                pattern = rf"\bimport\s*\{{([^}}]*)\}}\s*from\s*[\"']{re.escape(package)}[\"']"
                for match in re.finditer(pattern, script.code):
                    named = re.search(rf"(?<![\w$]){name}(?![\w$])", match.group(1))
                    if named is None:
                        continue
                    start = match.start(1) + named.start()
                    yield self.finding_at(
                        doc,
                        Span(start, start + len(name)),
                        f"the {name} provider of {package} talks to OpenAI (key from "
                        f"OPENAI_API_KEY); {self._endpoint_advice('baseURL', 'createOpenAI')}",
                        data={"client": name},
                    )

    def _endpoint_advice(self, option: str, build: str | None = None) -> str:
        """What to give a client for the target ("give it baseURL: ... by hand")."""
        provider = self.ctx.provider
        if provider is None:
            return "pass --provider to see what replaces it"
        url = f'"{provider.base_url}"'
        where = {
            "configuration": f"configuration: {{ baseURL: {url} }}",
            "basePath": f"basePath: {url}",
        }.get(option, f"baseURL: {url}")
        key = f"apiKey: process.env.{provider.api_key_env}"
        if build is not None:
            return f"use {build}({{ {where}, {key} }}) {_BY_HAND}"
        return f"give it {where} and {key} {_BY_HAND}"

    def _env_reads(self, doc: ConfigDocument, script: Script) -> Iterator[Finding]:
        provider = self.ctx.provider
        for match in js.ENV_READ.finditer(script.code):
            group = next(g for g in (1, 2, 3) if match.group(g) is not None)
            name = match.group(group)
            if not js.OPENAI_VARIABLE.search(name):
                continue
            span = Span(match.start(), match.end())
            target = provider.name if provider is not None else "the provider"
            if name in sdk.KEY_VARS_TO_SWITCH - {sdk.AZURE_KEY_VAR}:
                where = (
                    f"{provider.name}'s key is in {provider.api_key_env} (the OpenAI key is "
                    "not copied)"
                    if provider is not None
                    else "the provider's key variable replaces it"
                )
                message = f"reads {name}; {where}: read that {_BY_HAND}"
            elif name in sdk.BASE_URL_VARS_TO_SWITCH:
                where = (
                    f"{provider.name}'s base URL is in {provider.base_url_env} (default "
                    f"{provider.base_url})"
                    if provider is not None
                    else "the provider's base-URL variable replaces it"
                )
                message = f"reads {name}; {where}: read that {_BY_HAND}"
            else:
                message = (
                    f"reads {name}, named after OpenAI; make what it holds {target}'s, or read "
                    f"{target}'s variable, {_BY_HAND}"
                )
            yield self.finding_at(doc, span, message, data={"variable": name})

    def _string(
        self, doc: ConfigDocument, script: Script, value: str, span: Span
    ) -> Iterator[Finding]:
        provider = self.ctx.provider
        for host in self.ctx.openai.hosts:
            if host not in value:
                continue
            if len(value.strip().split()) > 1:  # a message or a prompt naming it
                yield self.finding_at(
                    doc,
                    span,
                    f"{host} is named inside a text, not used as an endpoint: left alone",
                    severity=Severity.NOTE,
                    fix=FixClass.NONE,
                )
                return
            where = (
                f"{provider.name}'s base URL is {provider.base_url}"
                if provider is not None
                else "pass --provider to see what replaces it"
            )
            yield self.finding_at(
                doc, span, f"{host} is OpenAI's API; {where}: change it {_BY_HAND}"
            )
            return
        for found in find_secrets(value):
            if not is_placeholder(found):
                key_var = (
                    provider.api_key_env if provider is not None else "the provider's key variable"
                )
                yield self.finding_at(
                    doc,
                    span,
                    f"a key ({mask(found.group(0))}) is written in the code; remove it and read "
                    f"{key_var} {_BY_HAND}",
                    severity=Severity.ERROR,
                )
                return
        model = value.strip()
        if not model or not self.ctx.openai.serves(model):
            return
        if "-" not in model and not _MODEL_BEFORE.search(
            script.bare[max(0, span.start - 40) : span.start]
        ):
            return  # `o3`, `ada`: a model only after `model:`
        data: dict[str, object] = {"model_from": model}
        if provider is None:
            message = f"{model} is an OpenAI model; pass --provider to see what replaces it"
        elif provider.serves(model):
            return
        elif (mapped := self.ctx.map_model(model)) is not None:
            data["model_to"] = mapped
            message = (
                f"{model} is an OpenAI model; it maps to {mapped} on {provider.name}: write "
                f"that {_BY_HAND}"
            )
        else:
            message = unmapped_model(model, provider)
        yield self.finding_at(doc, span, message, data=data)


def _closing(text: str, start: int) -> int:
    """The index of the `)` closing the parenthesis open before `start` (the end of `text`
    when unbalanced)."""
    depth = 1
    for match in re.compile(r"[()]").finditer(text, start):
        depth += 1 if match.group() == "(" else -1
        if depth == 0:
            return match.start()
    return len(text)
