"""Rules over config files: .env, YAML, TOML, JSON, requirements, setup.cfg and setup.py."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from migrate_llm import openai_sdk as sdk
from migrate_llm.formats import classify, read_entries
from migrate_llm.formats.document import ConfigDocument, Entry
from migrate_llm.model import Edit, Finding, FixClass, LineIndex, Severity, Span
from migrate_llm.registry import Provider
from migrate_llm.rules.base import ConfigRule, Example, RuleContext
from migrate_llm.secrets import find_secrets, mask, mask_secrets

_ENV_NAME = re.compile(r"^(?:AZURE_)?OPENAI_[A-Z0-9_]+$")
# `${OPENAI_API_KEY}`, `$OPENAI_API_KEY`, `${{ secrets.OPENAI_API_KEY }}`, `env.OPENAI_API_KEY`
_ENV_REFERENCE = re.compile(r"(?:\$\{?|\b(?:secrets|env|vars)\.)((?:AZURE_)?OPENAI_[A-Z0-9_]+)\b")
# Read by the openai SDK whatever endpoint it talks to, so they survive the migration.
_SDK_SETTINGS = frozenset({"OPENAI_LOG"})
# openai<1.0 names -> the names openai>=1 reads.
_LEGACY_ENV = {"OPENAI_API_BASE": "OPENAI_BASE_URL", "OPENAI_ORGANIZATION": "OPENAI_ORG_ID"}
# Model names that are also plain words count only under a key that speaks of models.
_MODEL_KEY = re.compile(r"(?i)model|engine|deployment")
_SHOWN_WIDTH = 60
# The base-URL variables that ML501 renames to the provider's in .env files.
_BASE_VARS = frozenset({"OPENAI_BASE_URL", "OPENAI_API_BASE"})
# What apply writes into a config value: plain model ids and URLs, safe unquoted in every format.
_SAFE_VALUE = re.compile(r"[A-Za-z0-9._/:-]+")


def _shown(value: str) -> str:
    """A value for a message: on one line, shortened, with any secret masked."""
    text = " ".join(mask_secrets(value).split())
    return text if len(text) <= _SHOWN_WIDTH else text[: _SHOWN_WIDTH - 1] + "…"


def _is_target(ctx: RuleContext) -> bool:
    """Whether the run targets OpenAI itself (modernising without switching provider)."""
    return ctx.provider is not None and ctx.provider.id == ctx.openai.id


def _migrating(ctx: RuleContext) -> bool:
    """Whether findings may carry edits: a provider other than OpenAI is the target."""
    return ctx.provider is not None and not _is_target(ctx)


def _is_openai_var(ctx: RuleContext, name: str) -> bool:
    if name in _SDK_SETTINGS:
        return False
    return name in ctx.openai.env_vars or _ENV_NAME.match(name) is not None


def _points_at_openai(ctx: RuleContext, url: str) -> bool:
    """Whether `url` (scheme optional) is on an OpenAI API host."""
    url = url.strip()
    try:
        host = urlsplit(url if "://" in url else "//" + url).hostname
    except ValueError:
        return False
    owner = ctx.owner_of_host(host) if host else None
    return owner is not None and owner.id == ctx.openai.id


def _is_openai_base(ctx: RuleContext, url: str) -> bool:
    """Whether `url` is exactly OpenAI's base URL (`https://api.openai.com/v1`, `/` optional)."""
    url = url.rstrip("/").lower()
    return any(url in (f"https://{h}/v1", f"http://{h}/v1", f"{h}/v1") for h in ctx.openai.hosts)


def _dotenv_plan(ctx: RuleContext, doc: ConfigDocument) -> dict[Span, Edit | None]:
    """ML501's edits in a .env file, by the key span of the OpenAI line they belong to.

    The provider's key variable is added, empty, after the first OpenAI key line; the first
    base-URL line that is empty or points at OpenAI is renamed to the provider's variable.
    None marks a line whose provider variable the file already sets. Lines not listed (a
    base URL pointing elsewhere, other variables) are left alone.
    """
    provider, url = ctx.provider, ctx.base_url
    if doc.kind != "dotenv" or provider is None or url is None or not _migrating(ctx):
        return {}
    present = {entry.key for entry in doc.entries}
    plan: dict[Span, Edit | None] = {}
    for entry in doc.entries:
        key, value = entry.key_span, entry.value_span
        if key is None or value is None or entry.value is None:
            continue
        if entry.key in sdk.KEY_ENV_VARS:
            name = provider.api_key_env
            edit = _add_line_after(doc, key, value, f"{name}=")
        elif entry.key in _BASE_VARS:
            name = provider.base_url_env
            elsewhere = entry.value.strip() and not _points_at_openai(ctx, entry.value)
            if elsewhere and name not in present:
                continue  # a proxy or a local server: left alone
            edit = _rename(doc, key, value, name, url)
        else:
            continue
        plan[key] = None if name in present else edit
        present.add(name)
    return plan


def _add_line_after(doc: ConfigDocument, key: Span, value: Span, line: str) -> Edit:
    """Insert `line` after the line of `key`, with its indentation, `export` and newline style."""
    text = doc.text
    start = text.rfind("\n", 0, key.start) + 1
    prefix = text[start : key.start].lstrip("\ufeff")
    eol = text.find("\n", value.end)
    if eol == -1:
        newline = "\r\n" if "\r\n" in text else "\n"
        return Edit(Span(len(text), len(text)), newline + prefix + line)
    newline = "\r\n" if text[eol - 1 : eol] == "\r" else "\n"
    return Edit(Span(eol + 1, eol + 1), prefix + line + newline)


def _rename(doc: ConfigDocument, key: Span, value: Span, name: str, url: str) -> Edit:
    """`KEY = "old"` -> `NAME = "url"`; `export`, spacing, quotes and a trailing comment stay."""
    text = doc.text
    raw = text[value.start : value.end]
    quote = raw[0] if len(raw) >= 2 and raw[0] in "'\"" and raw[-1] == raw[0] else ""
    # An empty value leaves `KEY=  # note`; the URL must not run into the `#`.
    gap = " " if not raw and text.startswith("#", value.end) else ""
    new = f"{name}{text[key.end : value.start]}{quote}{url}{quote}{gap}"
    return Edit(Span(key.start, value.end), new)


def _replace_value(doc: ConfigDocument, span: Span, value: str, new: str) -> Edit | None:
    """An edit putting `new` where the decoded `value` stands in its token, quotes kept.

    None when `new` is not a plain id or URL, or the token is too unusual to edit safely.
    """
    if _SAFE_VALUE.fullmatch(new) is None:
        return None
    raw = doc.text[span.start : span.end]
    quoted = raw[:1] in ("'", '"')
    if value and raw.count(value) == 1:
        start = span.start + raw.index(value)
        end = start + len(value)
    elif quoted and len(raw) >= 2 and raw[-1] == raw[0]:
        width = 3 if len(raw) >= 6 and raw[:3] == raw[0] * 3 == raw[-3:] else 1
        start, end = span.start + width, span.end - width  # an escaped value: replace it all
    else:
        return None
    if doc.kind == "yaml" and not quoted and not _plain_yaml_string(new):
        return None
    return Edit(Span(start, end), new)


def _plain_yaml_string(value: str) -> bool:
    """Whether `value` reads back as the same string when written unquoted in YAML."""
    import yaml

    try:
        return yaml.safe_load(f"k: {value}\n") == {"k": value}
    except yaml.YAMLError:
        return False


class ConfigEnvKey(ConfigRule):
    """An OpenAI environment variable set or referenced in a config file.

    ## What it does
    Finds `OPENAI_API_KEY`, `OPENAI_BASE_URL`, `OPENAI_API_BASE` and the other `OPENAI_*` /
    `AZURE_OPENAI_*` variables as keys in .env, YAML, TOML and JSON files, as docker compose
    list items (`- OPENAI_API_KEY=...`), as Kubernetes/ECS `name:` entries, and as references
    such as `${OPENAI_API_KEY}` or `${{ secrets.OPENAI_API_KEY }}`.

    ## Why
    Migrated code reads the provider's variables (`api_key_env`, `base_url_env`), so
    deployments must set those instead. The OpenAI key is never copied into them: it would not
    work on another provider, and moving secrets around is how they leak.

    ## Fix
    In `.env` files, `apply` adds the provider's key variable, empty, after the OpenAI key line
    (which it never touches), and renames an `OPENAI_BASE_URL` / `OPENAI_API_BASE` line that is
    empty or points at OpenAI to the provider's variable and URL. A base URL pointing elsewhere
    (a proxy) is left alone. In other files the variables are for a person to change.

    ## Example
    ```
    OPENAI_API_KEY=sk-...        # -> set ACME_API_KEY to your Acme Cloud key
    OPENAI_BASE_URL=https://api.openai.com/v1
    ```
    """

    code = "ML501"
    name = "config-env-key"
    category = "config"
    severity = Severity.WARNING
    fix = FixClass.SAFE
    examples = (
        Example(
            "OPENAI_API_KEY=sk-test\n",
            path=".env",
            message="OPENAI_API_KEY is OpenAI's key variable; set the provider's key variable "
            "instead (pass --provider to name it)",
        ),
        Example(
            "export OPENAI_API_KEY=sk-test\nOPENAI_BASE_URL=https://api.openai.com/v1\n",
            path=".env",
            provider="acme",
            after="export OPENAI_API_KEY=sk-test\nexport ACME_API_KEY=\n"
            "ACME_BASE_URL=https://api.acme.example/v1\n",
        ),
        Example(
            "services:\n  app:\n    environment:\n      OPENAI_API_KEY: ${OPENAI_API_KEY}\n",
            path="docker-compose.yml",
            provider="acme",
            message="OPENAI_API_KEY is OpenAI's key variable; Acme Cloud reads ACME_API_KEY "
            "(apply adds it empty; the OpenAI key is never copied)",
        ),
        Example(
            "services:\n  app:\n    environment:\n      - OPENAI_API_BASE=https://proxy.local/v1\n",
            path="compose.yaml",
            provider="acme",
            message="OPENAI_API_BASE is OpenAI's base-URL variable; Acme Cloud reads "
            "ACME_BASE_URL (default https://api.acme.example/v1)",
        ),
        Example(
            "env:\n  - name: OPENAI_ORG_ID\n    value: org-123\n",
            path="deployment.yaml",
            provider="acme",
            message="OPENAI_ORG_ID is an OpenAI-only setting; Acme Cloud has no equivalent, "
            "so remove it once the code is migrated",
        ),
        Example('{"llm": {"api_key": "${OPENAI_API_KEY}"}}\n', path="config.json"),
        Example("ACME_API_KEY=\nOPENAI_LOG=debug\n", path=".env", provider="acme", finds=False),
        Example("[tool.app]\nkey_env = 'MY_KEY'\n", path="settings.toml", finds=False),
    )

    def check(self, doc: ConfigDocument) -> Iterator[Finding]:
        plan = _dotenv_plan(self.ctx, doc)
        for entry in doc.entries:
            found = self._variable(entry)
            if found is None:
                continue
            name, span = found
            advice = self._advice(name)
            if advice is None:
                continue
            message, severity, fix = advice
            edit = None
            if doc.kind != "dotenv":
                fix = FixClass.MANUAL  # deployment manifests and app config are for a person
            elif _migrating(self.ctx):
                edit = plan.get(span)
                if edit is None:
                    setting = span == entry.key_span
                    message, severity, fix = self._left_alone(name, setting, span in plan, message)
            yield self.finding_at(doc, span, message, severity=severity, fix=fix, edit=edit)

    def _left_alone(
        self, name: str, setting: bool, superseded: bool, message: str
    ) -> tuple[str, Severity | None, FixClass]:
        """The advice for a .env line that apply does not edit.

        `setting`: the line sets `name` (rather than referring to it); `superseded`: the file
        sets the provider's own variable already.
        """
        provider = self.ctx.provider
        assert provider is not None
        if superseded:
            message = (
                f"{name} is no longer read after the migration; remove it once "
                f"{provider.name} works"
            )
            return message, Severity.NOTE, FixClass.MANUAL
        if setting and name in _BASE_VARS:
            message = (
                f"{name} points at a server other than OpenAI (a proxy?), so it is left alone; "
                f"migrated code reads {provider.base_url_env}: set it to that server if it "
                f"serves {provider.name}'s API"
            )
        return message, None, FixClass.MANUAL

    def _variable(self, entry: Entry) -> tuple[str, Span] | None:
        """The OpenAI variable an entry sets or names, and where to report it."""
        key, key_span = entry.key, entry.key_span
        if key is not None and key_span is not None and _is_openai_var(self.ctx, key):
            return key, key_span
        value, span = entry.value, entry.value_span
        if value is None or span is None:
            return None
        name = value.split("=", 1)[0].strip()
        if ("=" in value or entry.key == "name") and _is_openai_var(self.ctx, name):
            return name, span
        reference = _ENV_REFERENCE.search(value)
        if reference is not None and _is_openai_var(self.ctx, reference.group(1)):
            return reference.group(1), span
        return None

    def _advice(self, name: str) -> tuple[str, Severity | None, FixClass | None] | None:
        provider = self.ctx.provider
        if _is_target(self.ctx):
            if name not in _LEGACY_ENV:
                return None
            return (
                f"{name} is read only by openai<1.0; rename it to {_LEGACY_ENV[name]}",
                None,
                None,
            )
        if provider is not None and name in (provider.api_key_env, provider.base_url_env):
            return None
        owner = "Azure OpenAI's" if name.startswith("AZURE_") else "OpenAI's"
        if name in sdk.KEY_ENV_VARS:
            if provider is None:
                where = "set the provider's key variable instead (pass --provider to name it)"
            else:
                where = (
                    f"{provider.name} reads {provider.api_key_env} "
                    "(apply adds it empty; the OpenAI key is never copied)"
                )
            return f"{name} is {owner} key variable; {where}", None, None
        if name in sdk.BASE_URL_ENV_VARS:
            if provider is None:
                where = "set the provider's base-URL variable instead (pass --provider to name it)"
            else:
                where = (
                    f"{provider.name} reads {provider.base_url_env} (default {self.ctx.base_url})"
                )
            return f"{name} is {owner} base-URL variable; {where}", None, None
        if name in self.ctx.openai.env_vars:
            where = f"{provider.name} has no equivalent, so remove it" if provider else "remove it"
            message = f"{name} is an OpenAI-only setting; {where} once the code is migrated"
            return message, None, FixClass.MANUAL
        target = provider.name if provider else "the provider"
        return (
            f"{name} is named after OpenAI; check what reads it before pointing it at {target}",
            Severity.NOTE,
            FixClass.MANUAL,
        )


class ConfigBaseUrl(ConfigRule):
    """An OpenAI endpoint URL (`https://api.openai.com/v1`) in a config value.

    ## What it does
    Finds string values in .env, YAML, TOML and JSON files that contain an OpenAI API host.

    ## Why
    OpenAI's endpoint is blocked from mainland China, and a provider key sent there fails
    anyway. The value must point at the provider's OpenAI-compatible base URL.

    ## Fix
    Safe where the value is OpenAI's plain base URL: `apply` puts the provider's in its place,
    quoting kept. Manual where a path follows the base URL, and where the value sets an
    `OPENAI_*` variable (pointing it at the provider would send the OpenAI key there).

    ## Example
    ```yaml
    llm:
      base_url: https://api.openai.com/v1   # -> https://api.acme.example/v1
    ```
    """

    code = "ML502"
    name = "config-base-url"
    category = "config"
    severity = Severity.ERROR
    fix = FixClass.SAFE
    examples = (
        Example(
            "llm:\n  base_url: https://api.openai.com/v1\n",
            path="config.yaml",
            provider="acme",
            message="https://api.openai.com/v1 is OpenAI's endpoint; use Acme Cloud's base URL "
            "https://api.acme.example/v1 instead",
            after="llm:\n  base_url: https://api.acme.example/v1\n",
        ),
        Example(
            '[llm]\nendpoint = "https://api.openai.com/v1/chat/completions"\n',
            path="settings.toml",
            message="https://api.openai.com/v1/chat/completions is OpenAI's endpoint; point it "
            "at the provider's base URL (pass --provider to name it) and check the path after it",
        ),
        Example("OPENAI_BASE_URL=https://api.openai.com/v1\n", path=".env"),
        Example('{"base_url": "https://api.acme.example/v1"}', path="config.json", finds=False),
        Example('{"docs": "https://platform.openai.com/docs"}', path="config.json", finds=False),
    )

    def __init__(self, ctx: RuleContext) -> None:
        super().__init__(ctx)
        hosts = "|".join(re.escape(h) for h in ctx.openai.hosts) or r"(?!)"
        self.pattern = re.compile(
            rf"(?i)(?<![A-Za-z0-9.-])(?:[A-Za-z0-9-]+\.)*(?:{hosts})(?![A-Za-z0-9-]|\.[A-Za-z0-9])"
        )

    def check(self, doc: ConfigDocument) -> Iterator[Finding]:
        if _is_target(self.ctx):
            return
        plan = _dotenv_plan(self.ctx, doc)
        # Kubernetes / ECS `{name: OPENAI_BASE_URL, value: ...}`: the variable each value sets.
        names = {e.path[:-1]: e.value for e in doc.entries if e.key == "name" and e.value}
        for entry in doc.entries:
            if entry.value is None or entry.value_span is None:
                continue
            if self.pattern.search(entry.value) is None:
                continue
            variable = names.get(entry.path[:-1]) if entry.key == "value" else entry.key
            if variable is not None and not _is_openai_var(self.ctx, variable):
                variable = None
            renamed = plan.get(entry.key_span) if entry.key in _BASE_VARS else None
            yield self._report(doc, entry, variable, renamed)

    def _report(
        self, doc: ConfigDocument, entry: Entry, variable: str | None, renamed: Edit | None
    ) -> Finding:
        assert entry.value is not None and entry.value_span is not None
        url = _shown(entry.value.strip())
        plain = _is_openai_base(self.ctx, entry.value)
        provider, base = self.ctx.provider, self.ctx.base_url
        if provider is None or base is None:
            where = "point it at the provider's base URL (pass --provider to name it)"
            if plain:
                return self.finding_at(
                    doc, entry.value_span, f"{url} is OpenAI's endpoint; {where}"
                )
            message = f"{url} is OpenAI's endpoint; {where} and check the path after it"
            return self.finding_at(doc, entry.value_span, message, fix=FixClass.MANUAL)
        use = f"{url} is OpenAI's endpoint; use {provider.name}'s base URL {base} instead"
        if renamed is not None:  # ML501 replaces the whole assignment
            return self.finding_at(doc, entry.value_span, use, edit=renamed)
        if variable is not None:
            # Pointing an OpenAI variable at the provider would send the OpenAI key there.
            message = (
                f"{url} is OpenAI's endpoint, set as {variable}, which migrated code no longer "
                f"reads; left alone: set {provider.base_url_env} instead"
            )
            return self.finding_at(doc, entry.value_span, message, fix=FixClass.MANUAL)
        if plain:
            if "://" not in entry.value:
                base = base.split("://", 1)[-1]
            if entry.value.endswith("/"):
                base = base.rstrip("/") + "/"
            edit = _replace_value(doc, entry.value_span, entry.value, base)
            fix = None if edit is not None else FixClass.MANUAL
            return self.finding_at(doc, entry.value_span, use, fix=fix, edit=edit)
        message = (
            f"{url} is OpenAI's endpoint but not its plain base URL; replace the OpenAI part "
            f"with {provider.name}'s base URL {base} by hand and check the path after it"
        )
        return self.finding_at(doc, entry.value_span, message, fix=FixClass.MANUAL)


class ConfigModel(ConfigRule):
    """An OpenAI model name (`gpt-4o`, `text-embedding-3-small`) as a config value.

    ## What it does
    Finds string values in .env, YAML, TOML and JSON files that are exactly an OpenAI model
    name. Names that are also plain words (`ada`, `davinci`) count only under a key that
    mentions a model, engine or deployment.

    ## Why
    Providers reject OpenAI's model names. The provider file maps each to the provider's
    closest model; a name it does not map needs a person to choose.

    ## Fix (review)
    `apply` writes the mapped name (`--model` overrides first) in place, quoting kept.

    ## Example
    ```yaml
    model: gpt-4o-mini   # -> acme-small on Acme Cloud
    ```
    """

    code = "ML503"
    name = "config-model"
    category = "model"
    severity = Severity.WARNING
    fix = FixClass.REVIEW
    examples = (
        Example(
            "llm:\n  model: gpt-4o-mini\n",
            path="config.yaml",
            provider="acme",
            message="gpt-4o-mini is an OpenAI model; it maps to acme-small on Acme Cloud",
            after="llm:\n  model: acme-small\n",
        ),
        Example(
            '[llm]\nmodel = "o3-mini"\n',
            path="settings.toml",
            provider="acme",
            message="o3-mini is an OpenAI model with no Acme Cloud mapping; choose one of "
            "acme-large, acme-medium, acme-small (or pass --model o3-mini=NAME)",
        ),
        Example(
            '{"models": ["gpt-4o", "text-embedding-3-small"]}',
            path="config.json",
            message="gpt-4o is an OpenAI model; pass --provider to see what replaces it",
        ),
        Example("MODEL=acme-large\n", path=".env", provider="acme", finds=False),
        Example("author: ada\n", path="config.yaml", finds=False),
    )

    def check(self, doc: ConfigDocument) -> Iterator[Finding]:
        provider = self.ctx.provider
        for entry in doc.entries:
            model, span = entry.value, entry.value_span
            if model is None or span is None or not self.ctx.openai.serves(model):
                continue
            if model.isalpha() and not _MODEL_KEY.search(entry.key or ""):
                continue
            if provider is None:
                yield self.finding_at(
                    doc,
                    span,
                    f"{model} is an OpenAI model; pass --provider to see what replaces it",
                )
                continue
            mapped = self.ctx.map_model(model)
            if mapped == model or provider.serves(model):
                continue
            if mapped is not None:
                message = f"{model} is an OpenAI model; it maps to {mapped} on {provider.name}"
                edit = _replace_value(doc, span, model, mapped) if _migrating(self.ctx) else None
                if edit is None:
                    message += "; change it by hand"
                fix = None if edit is not None else FixClass.MANUAL
                yield self.finding_at(doc, span, message, fix=fix, edit=edit)
            else:
                yield self.finding_at(doc, span, _unmapped(model, provider), fix=FixClass.MANUAL)


def _unmapped(model: str, provider: Provider) -> str:
    choices = ", ".join(provider.candidates(_surface(model)))
    pick = f"choose one of {choices}" if choices else f"choose a model from {provider.docs}"
    return (
        f"{model} is an OpenAI model with no {provider.name} mapping; {pick} "
        f"(or pass --model {model}=NAME)"
    )


def _surface(model: str) -> str:
    """The API surface a model name belongs to, for picking candidates of the same kind."""
    if "embedding" in model:
        return "embeddings"
    if model.startswith(("dall-e", "gpt-image")):
        return "images"
    if model.startswith(("whisper", "tts")) or "transcribe" in model or model.endswith("-tts"):
        return "audio"
    return "chat"


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
    kinds = frozenset({"requirements", "toml", "setup"})
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
        if doc.kind == "setup":
            for match in _SETUP_REQUIREMENT.finditer(doc.text):
                if pins_legacy(match.group("spec")):
                    shown = "".join(match.group(0).split())
                    spec = Span(match.start("spec"), match.end("spec"))
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


class ConfigSecret(ConfigRule):
    """An API key written into a YAML, TOML or JSON config file.

    ## What it does
    Finds `sk-...`-shaped secret keys in string values. `.env` files are left alone: they are
    the designated place for keys and are normally kept out of version control.

    ## Why
    A key in a committed config file is a leaked key. Migrating is a good moment to move it
    into an environment variable and rotate it; migrate-llm never copies it anywhere.

    ## Example
    ```yaml
    openai:
      api_key: sk-proj-...   # -> read it from an environment variable; rotate the key
    ```
    """

    code = "ML505"
    name = "config-secret"
    category = "secret"
    severity = Severity.ERROR
    fix = FixClass.MANUAL
    kinds = frozenset({"yaml", "toml", "json"})
    examples = (
        Example(
            "openai:\n  api_key: sk-proj-ABCDEFGHIJKLMNOPQRSTUVWXYZabcd\n",
            path="config.yaml",
            message="hard-coded API key sk-pr…cd in a config file; move it to an environment "
            "variable and rotate it",
        ),
        Example('{"auth": {"token": "Bearer sk-1234567890abcdefghijKL"}}', path="config.json"),
        Example(
            '[llm]\nkey = "sk-abcdefghijklmnopqrstuvwxyz"\n', path="settings.toml", provider="acme"
        ),
        Example("OPENAI_API_KEY=sk-abcdefghijklmnopqrstuvwxyz\n", path=".env", finds=False),
        Example(
            "llm:\n  api_key: ${ACME_API_KEY}\n", path="config.yaml", provider="acme", finds=False
        ),
    )

    def check(self, doc: ConfigDocument) -> Iterator[Finding]:
        for entry in doc.entries:
            if entry.value is None or entry.value_span is None:
                continue
            raw = doc.text[entry.value_span.start : entry.value_span.end]
            for secret in find_secrets(entry.value):
                key = secret.group(0)
                offset = raw.find(key)
                span = entry.value_span
                if offset != -1:
                    span = Span(span.start + offset, span.start + offset + len(key))
                message = (
                    f"hard-coded API key {mask(key)} in a config file; "
                    "move it to an environment variable and rotate it"
                )
                yield self.finding_at(doc, span, message)


CONFIG_RULES: tuple[type[ConfigRule], ...] = (
    ConfigEnvKey,
    ConfigBaseUrl,
    ConfigModel,
    DependencyPin,
    ConfigSecret,
)


def check_config(
    path: str,
    text: str,
    ctx: RuleContext,
    rules: tuple[type[ConfigRule], ...] = CONFIG_RULES,
) -> list[Finding]:
    """Read `text` as the config kind of `path` and run the rules for that kind.

    Returns findings sorted by position; raises FormatError when the file does not parse, and
    returns nothing for a path that is not a config file.
    """
    kind = classify(path)
    if kind is None:
        return []
    entries = tuple(read_entries(kind, text))
    doc = ConfigDocument(path, kind, text, entries, LineIndex(text))
    findings = [f for rule in rules if kind in rule.kinds for f in rule(ctx).check(doc)]
    return sorted(findings, key=lambda f: (f.line, f.column, f.rule))
