"""camel's model files (`ModelFactory.create_from_yaml` / `create_from_json`, `frameworks.camel`):
a mapping whose `model_platform` picks camel's OpenAI backend beside its `model_type` sends
that model to OpenAI, whatever model it names."""

from __future__ import annotations

from migrate_llm.formats.document import ConfigDocument, Entry
from migrate_llm.frameworks import camel
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.config_common import config_key, keyed_mappings


def camel_openai_blocks(doc: ConfigDocument) -> dict[tuple[str, ...], Entry]:
    """The mappings of a YAML or JSON file with a `model_type` beside a `model_platform` that
    picks camel's OpenAI platform (or its default one) and no `url` of their own, each with
    its `model_platform` entry. `model_type` alone is no model key (it is common elsewhere)."""
    found: dict[tuple[str, ...], Entry] = {}
    for block, keys in keyed_mappings(doc).items():
        platform = keys.get(config_key(camel.FILE_PLATFORM_KEY))
        model = keys.get(config_key(camel.FILE_MODEL_KEY))
        url = keys.get(config_key(camel.FILE_URL_KEY))
        if platform is None or model is None or not (model.value or "").strip():
            continue
        if url is not None and (url.value or "").strip().lower() not in ("", "null", "~"):
            continue  # it goes to that URL
        if file_platform(platform.value or "") in camel.OPENAI_FILE_PLATFORMS:
            found[block] = platform
    return found


def file_platform(value: str) -> str:
    """The ModelPlatformType member a model file's `model_platform` names, as camel reads it
    (`ModelPlatformType.QWEN` or `qwen`: the member's name, any case)."""
    value = value.strip().strip("\"'")
    return value.removeprefix(f"{camel.PLATFORM_ENUM}.").upper()


def file_advice(rules: RuleContext, file: str, model: str | None) -> str:
    """What to write in a camel model file (`file`: its name, "" for this one) for the
    provider of the run: camel's platform for it by its member's name, as create_from_yaml /
    create_from_json read it, and `model` (None: one of the provider's), its variables set
    where the program runs rather than a key written in the file."""
    provider = rules.provider
    assert provider is not None
    platform = camel.PLATFORMS.get(provider.id, camel.COMPATIBLE)
    choice = ""
    if model is None:
        choice = f" (<model> one of {', '.join(provider.candidates('chat'))})"
    where = f" in {file}" if file else ""
    name = platform.member.lower()
    note = ""
    if name != platform.value:
        note = f" (camel reads the {camel.PLATFORM_ENUM} member's name there, not {platform.value})"
    return (
        f"write {camel.FILE_PLATFORM_KEY}: {name}{note} and "
        f"{camel.FILE_MODEL_KEY}: {model or '<model>'}{where}{choice}, and set "
        f"{platform.api_key_env} (the {provider.name} key) and {platform.base_url_env}="
        f"{rules.base_url} where the program runs (given no api_key: or {camel.FILE_URL_KEY}: "
        f"entries, camel's {platform.member} platform reads them; keep the key out of the "
        "file)"
    )
