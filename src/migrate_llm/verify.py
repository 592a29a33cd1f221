"""A live check of a provider's endpoint with the openai SDK: does the key work, does each
model answer, and (with `features`) do streaming, tools, JSON mode and embeddings?

Pure logic: it returns Checks and never prints. The openai SDK is imported inside
`run_checks` so that the rest of the command line never pays for it. No detail ever holds
the API key.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit, urlunsplit

from migrate_llm.model import Finding
from migrate_llm.registry import Provider
from migrate_llm.secrets import mask_secrets

if TYPE_CHECKING:
    from openai.types.chat import ChatCompletionToolParam

NOT_LISTED = "the endpoint does not list models"
DEFAULT_TIERS = ("flagship", "balanced", "fast")
# Tiers no chat or embeddings request can probe cheaply: skipped, with a note.
UNPROBED_TIERS = ("image", "transcription", "speech")
DETAIL_MAX = 200
_ERRNO = re.compile(r"^\[Errno -?\d+\]\s*")


@dataclass(frozen=True)
class Check:
    """One probe of one model (`model` is "" for the models list)."""

    model: str
    name: str
    ok: bool
    latency_ms: int | None
    detail: str

    @property
    def failed(self) -> bool:
        """Whether this check fails the command. An endpoint without `GET /models` (404) is
        reported but does not: the chat checks say whether the models work."""
        return not self.ok and not (self.name == "models" and self.detail == NOT_LISTED)


def failures(checks: Iterable[Check]) -> list[Check]:
    return [c for c in checks if c.failed]


def shown_url(url: str) -> str:
    """`url` without any user:password part."""
    parts = urlsplit(url)
    if parts.username is None and parts.password is None:
        return url
    return urlunsplit(parts._replace(netloc=parts.hostname or ""))


def summary_line(checks: list[Check], provider: Provider, base_url: str) -> str:
    failed = len(failures(checks))
    passed = sum(c.ok for c in checks)
    unsupported = len(checks) - passed - failed
    counts = f"{passed} passed" + (f", {failed} failed" if failed else "")
    counts += f", {unsupported} not supported" if unsupported else ""
    return f"{len(checks)} checks of {provider.name} at {shown_url(base_url)}: {counts}"


def scanned_models(findings: Iterable[Finding]) -> list[str]:
    """The models the scanned code uses after mapping, in order of appearance: the new name
    of each model mapping (`data["model_to"]`) and each model the target already serves
    (`data["model"]`, as in code that `apply` has migrated). Messages are never parsed."""
    models: list[str] = []
    for finding in findings:
        value = finding.data.get("model_to", finding.data.get("model"))
        if isinstance(value, str) and value.strip() and value.strip() not in models:
            models.append(value.strip())
    return models


def choose_models(
    provider: Provider,
    given: Iterable[str],
    scanned: Iterable[str] | None,
    overrides: Mapping[str, str] | None = None,
) -> tuple[list[str], list[str]]:
    """The models to check, and notes for the person.

    `given` (`--model`) wins; OpenAI names among them are mapped (config overrides first).
    Else `scanned` (None: no paths were given); else the flagship, balanced and fast tiers.
    Image and audio models are skipped: no cheap request probes them.
    """
    overrides = overrides or {}
    notes: list[str] = []
    wanted: list[str] = []
    for model in given:
        new = model
        if not provider.serves(model):
            new = overrides.get(model) or provider.map_model(model) or model
        if new != model:
            notes.append(f"{model} is an OpenAI model; checking {new}, its {provider.name} model")
        wanted.append(new)
    if not wanted and scanned is not None:
        wanted = list(scanned)
        if not wanted:
            notes.append("no OpenAI model names found in the scanned code; checking the tiers")
    if not wanted:
        wanted = [provider.tiers[t] for t in DEFAULT_TIERS if t in provider.tiers]
        if not wanted:
            wanted = provider.candidates()[:1]
        if not wanted and provider.azure is not None:
            notes.append(
                f"{provider.name} serves deployments you name: pass --model DEPLOYMENT to "
                "check one (only the models list is checked now)"
            )
    unprobed = {provider.tiers[t] for t in UNPROBED_TIERS if t in provider.tiers}
    chosen: list[str] = []
    for model in wanted:
        if model in unprobed:
            notes.append(f"skipping {model}: verify checks chat and embedding models only")
        elif model not in chosen:
            chosen.append(model)
    return chosen, notes


def make_client(
    openai: Any,
    provider: Provider,
    base_url: str,
    api_key: str,
    timeout: float,
    region: str | None = None,
    environ: Mapping[str, str] | None = None,
    azure_api: str | None = None,
) -> Any:
    """The client migrated code builds for `provider`: a plain `OpenAI` on `base_url`; for
    Azure OpenAI (`[azure]`), `base_url` is the resource endpoint and the client is a plain
    one on `<endpoint><v1_path>` (v1 API) or `AzureOpenAI` (classic API: the `api-key`
    header, `/openai/deployments/<name>/...?api-version=` paths), as `azure_api` or the
    region says."""
    azure = provider.azure_client(region, azure_api)
    common: dict[str, Any] = {
        "api_key": api_key,
        "timeout": timeout,
        "max_retries": 0,
        "default_headers": dict(provider.default_headers) or None,
    }
    if azure is None:
        return openai.OpenAI(base_url=base_url, **common)
    if azure.api == "v1":
        return openai.OpenAI(base_url=base_url.rstrip("/") + azure.v1_path, **common)
    env = os.environ if environ is None else environ
    version = env.get(azure.api_version_env, "").strip() or azure.api_version
    return openai.AzureOpenAI(azure_endpoint=base_url, api_version=version, **common)


def run_checks(
    provider: Provider,
    base_url: str,
    api_key: str,
    models: Iterable[str],
    features: bool,
    timeout: float,
    region: str | None = None,
    azure_api: str | None = None,
) -> list[Check]:
    """List the models, then send each model one minimal request (the embedding tier model
    gets an embeddings request, any other a chat completion with max_tokens=1). `features`
    adds streaming, tools and JSON mode per chat model (unless the provider file says the
    provider lacks them) and one embeddings request.

    A connection failure or a timeout on the first request means the endpoint is down: each
    model then gets one failing check with the same detail, without waiting again.
    """
    import openai

    client = make_client(openai, provider, base_url, api_key, timeout, region, azure_api=azure_api)
    models = list(models)
    embedding = provider.tiers.get("embedding")

    def probe(model: str, name: str, call: Callable[[], str]) -> Check:
        start = time.monotonic()
        try:
            detail, ok = call(), True
        except Exception as exc:  # every failure becomes one line of its row
            detail, ok = _describe(exc, openai, base_url, api_key, timeout), False
        answered = ok or not _is_unreachable(detail)
        latency = round((time.monotonic() - start) * 1000) if answered else None
        return Check(model, name, ok, latency, detail)

    def list_models() -> str:
        count = sum(1 for _ in client.models.list())
        return f"{count} models listed"

    listed = probe("", "models", list_models)
    if not listed.ok and _is_not_found(listed.detail):
        listed = Check("", "models", False, listed.latency_ms, NOT_LISTED)
    checks = [listed]
    if not listed.ok and _is_unreachable(listed.detail):
        for model in models:
            kind = "embeddings" if model == embedding else "chat"
            checks.append(Check(model, kind, False, None, listed.detail))
        return checks

    limit = _token_limit(provider, 1)

    def chat(model: str, **extra: Any) -> Callable[[], str]:
        def call() -> str:
            client.chat.completions.create(
                model=model, messages=[{"role": "user", "content": "ping"}], **limit, **extra
            )
            return ""

        return call

    def stream(model: str) -> Callable[[], str]:
        def call() -> str:
            response = client.chat.completions.create(
                model=model,
                messages=[{"role": "user", "content": "ping"}],
                stream=True,
                **limit,
            )
            try:
                next(iter(response))
            except StopIteration:
                raise _Failed("the stream ended before its first chunk") from None
            finally:
                response.close()
            return "first chunk received"

        return call

    def tools(model: str) -> Callable[[], str]:
        tool: ChatCompletionToolParam = {
            "type": "function",
            "function": {
                "name": "get_time",
                "description": "The current time.",
                "parameters": {"type": "object", "properties": {}},
            },
        }

        def call() -> str:
            response = client.chat.completions.create(
                model=model,
                messages=[{"role": "user", "content": "What time is it? Use the tool."}],
                tools=[tool],
                **_token_limit(provider, 32),
            )
            choices = response.choices or []
            called = bool(choices and choices[0].message.tool_calls)
            return "tool call returned" if called else "accepted; no tool call in the reply"

        return call

    def json_mode(model: str) -> Callable[[], str]:
        def call() -> str:
            client.chat.completions.create(
                model=model,
                messages=[{"role": "user", "content": 'Reply with the JSON object {"ok": true}.'}],
                response_format={"type": "json_object"},
                **_token_limit(provider, 16),
            )
            return ""

        return call

    def embed(model: str) -> Callable[[], str]:
        def call() -> str:
            response = client.embeddings.create(model=model, input="ping")
            return f"{len(response.data[0].embedding)} dimensions" if response.data else ""

        return call

    embedded = False
    for model in models:
        if model == embedding:
            checks.append(probe(model, "embeddings", embed(model)))
            embedded = True
            continue
        checks.append(probe(model, "chat", chat(model)))
        if not features:
            continue
        for name, surface, make in (
            ("stream", "stream", stream),
            ("tools", "tools", tools),
            ("json", "json_mode", json_mode),
        ):
            if provider.support(surface) is not False:
                checks.append(probe(model, name, make(model)))
    if features and embedding and not embedded and provider.support("embeddings") is True:
        checks.append(probe(embedding, "embeddings", embed(embedding)))
    return checks


class _Failed(Exception):
    """A check that got an answer it cannot accept."""


def _token_limit(provider: Provider, n: int) -> dict[str, Any]:
    """The reply cap in the field the provider reads (through extra_body: openai<1.45 does
    not know max_completion_tokens)."""
    if provider.params.get("max_tokens_param") == "max_completion_tokens":
        return {"extra_body": {"max_completion_tokens": n}}
    return {"max_tokens": n}


def _is_not_found(detail: str) -> bool:
    return detail.startswith("HTTP 404")


def _is_unreachable(detail: str) -> bool:
    return detail.startswith(("cannot connect", "timed out"))


def _describe(exc: Exception, openai: Any, base_url: str, api_key: str, timeout: float) -> str:
    """One line for a failed request: the provider's own message where it gave one."""
    if isinstance(exc, openai.APITimeoutError):
        text = f"timed out after {timeout:g} s"
    elif isinstance(exc, openai.APIConnectionError):
        cause: BaseException = exc
        while cause.__cause__ is not None:
            cause = cause.__cause__
        reason = _ERRNO.sub("", str(cause)) or type(cause).__name__
        text = f"cannot connect to {shown_url(base_url)}: {reason}"
    elif isinstance(exc, openai.APIStatusError):
        text = f"HTTP {exc.status_code}: {_error_message(exc)}"
    elif isinstance(exc, (openai.APIError, _Failed)):
        text = str(exc)
    else:
        text = f"unexpected answer: {type(exc).__name__}: {exc}"
    return _one_line(text, api_key)


def _error_message(exc: Any) -> str:
    """The message of an error body: `{"error": {"message": ...}}` (the SDK already unwraps
    `error`), `{"message": ...}`, `{"msg": ...}`, plain text, or the reason phrase."""
    body = exc.body
    if isinstance(body, Mapping):
        for key in ("message", "msg", "error_msg", "detail", "error"):
            value = body.get(key)
            if isinstance(value, str) and value.strip():
                return value
            if isinstance(value, Mapping) and isinstance(value.get("message"), str):
                return value["message"]
        import json

        return json.dumps(body, ensure_ascii=False)
    if isinstance(body, str) and body.strip():
        return body
    return exc.response.reason_phrase or "no message"


KEY_RUN = 8  # a run of this many characters of the key, echoed back, is masked too


def plain_http_elsewhere(base_url: str) -> bool:
    """Whether `base_url` would carry the key unencrypted to another machine."""
    from urllib.parse import urlsplit

    parts = urlsplit(base_url)
    host = (parts.hostname or "").lower()
    loopback = host in ("localhost", "::1") or host.startswith("127.")
    return parts.scheme == "http" and not loopback


def _without_key(text: str, api_key: str) -> str:
    """`text` with the key, and any run of KEY_RUN or more of its characters (a provider
    echoing `sk-abcd…wxyz` or part of it), replaced by `<key>`."""
    for length in range(len(api_key), KEY_RUN - 1, -1):
        for start in range(len(api_key) - length + 1):
            part = api_key[start : start + length]
            if part in text:
                text = text.replace(part, "<key>")
    return text


def _one_line(text: str, api_key: str) -> str:
    text = " ".join(text.split())
    if api_key:
        text = _without_key(text, api_key)
    text = mask_secrets(text)
    return text if len(text) <= DETAIL_MAX else text[: DETAIL_MAX - 1] + "…"
