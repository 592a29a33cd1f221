"""What a person writes instead of a pydantic-ai `openai:` model string (ML671), and why: the
same advice wherever such a string is found (ML206 on a call it cannot follow, ML503 in a
config file of a run that imports pydantic-ai)."""

from __future__ import annotations

from typing import Any

from migrate_llm.frameworks.pydantic_ai import PrefixedModels
from migrate_llm.registry import Provider
from migrate_llm.rules.code_templates import base_url_expr, key_expr, literal, python_literal
from migrate_llm.rules.models import article

# the provider's base URL and key where no provider is named
_ANY_PROVIDER = (
    'os.environ.get("<its base URL variable>", "<its URL>")',
    'os.environ["<its key variable>"]',
)


def why_openai(library: PrefixedModels, prefix: str) -> str:
    """Why a model string written after `prefix` goes to OpenAI."""
    return (
        f"the {prefix} prefix makes {library.package} use its {library.provider_class}, which "
        f"reads {' and '.join(library.variables)}, so another model name after it still goes "
        "to OpenAI"
    )


def rejects_forced_tools(provider: Provider | None) -> bool:
    """Whether the provider file says the provider rejects `tool_choice: "required"` (its
    accepted values listed without it)."""
    choices = provider.params.get("tool_choice") if provider is not None else None
    return choices is not None and "required" not in choices


def profile_code(library: PrefixedModels) -> str:
    """`OpenAIModelProfile(openai_supports_tool_choice_required=False)`."""
    return f"{library.profile_class}({library.forced_tool_field}=False)"


def profile_reason(library: PrefixedModels, provider: Provider) -> str:
    """Why the model gets that profile."""
    return (
        f'{provider.name} rejects tool_choice "required", which {library.package} sends for a '
        "structured output"
    )


def provider_args(
    library: PrefixedModels, provider: Provider | None, url: str | None, at_import: bool
) -> str:
    """`base_url=..., api_key=...` reading the provider's variables (placeholders without
    one)."""
    if provider is None or url is None:
        base, key = _ANY_PROVIDER
    else:
        base, key = base_url_expr(provider, url), key_expr(provider, at_import)
    return f"{library.base_url_keyword}={base}, {library.key_keyword}={key}"


def built_model(
    library: PrefixedModels,
    provider: Provider | None,
    url: str | None,
    model: str,
    at_import: bool = False,
    switch: dict[str, Any] | None = None,
) -> str:
    """The model a person builds instead: `OpenAIChatModel("m", provider=OpenAIProvider(...))`,
    with the profile where the provider rejects a forced tool call (`at_import`: built when
    the module is imported, see `key_expr`) and `switch`, the `extra_body` entries that turn
    thinking off (`thinking_switch`), in its settings."""
    made = (
        f"{library.model_class}({model}, {library.provider_keyword}={library.provider_class}("
        f"{provider_args(library, provider, url, at_import)})"
    )
    if rejects_forced_tools(provider):
        made += f", {library.profile_keyword}={profile_code(library)}"
    if switch:
        made += f", {library.settings_keyword}={settings_code(switch)}"
    return made + ")"


def settings_code(switch: dict[str, Any]) -> str:
    """`{"extra_body": {"thinking": {"type": "disabled"}}}`: model settings sending `switch`."""
    return python_literal({"extra_body": switch})


def model_text(provider: Provider | None, mapped: str | None) -> str:
    """The model argument of `built_model`: the mapped model's literal, else a placeholder."""
    if mapped:
        return literal(mapped)
    if provider is None:
        return literal("<its model>")
    return f"<{article(provider.name)} {provider.name} model>"


def build_advice(
    library: PrefixedModels,
    provider: Provider | None,
    url: str | None,
    mapped: str | None,
    where: str,
    switch: dict[str, Any] | None = None,
) -> str:
    """`for <provider> build <model> and pass that model <where>, by hand`, with why the
    profile where it has one (and the thinking `switch`); for another provider, with
    placeholders, without one."""
    made = built_model(library, provider, url, model_text(provider, mapped), switch=switch)
    if provider is None:
        return (
            f"for another provider build {made} and pass that model {where}, by hand "
            "(`migrate-llm scan --provider ID` names them)"
        )
    advice = f"for {provider.name} build {made} and pass that model {where}, by hand"
    reasons = []
    if rejects_forced_tools(provider):
        reasons.append(f"{library.profile_keyword}=: {profile_reason(library, provider)}")
    if switch and mapped:
        reasons.append(f"{library.settings_keyword}=: {thinks_reason(mapped)}")
    return advice + (f" ({'; '.join(reasons)})" if reasons else "")


def thinks_reason(mapped: str) -> str:
    """Why a model built for the provider gets the thinking switch in its settings."""
    return f"{mapped} thinks before it answers unless told not to (ML118)"
