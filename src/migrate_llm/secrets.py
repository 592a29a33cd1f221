"""Recognising API keys in text, and masking them so no output ever shows one."""

from __future__ import annotations

import re

# OpenAI-style secret keys (`sk-...`, `sk-proj-...`); DeepSeek, Moonshot and DashScope keys
# share the `sk-` shape, so any of them in source is a leak worth reporting. Slovak voice
# names of Azure / Edge text-to-speech (`sk-SK-ViktoriaNeural`) share the prefix too. Its
# `\bsk-` is written `sk-(?<=\bsk-)`, the same matches: an expression led by `\b` is tried at
# every position, one led by a literal only where `re` finds the literal.
SECRET_KEY = re.compile(r"sk-(?<=\bsk-)(?!SK-[A-Za-z]+Neural\b)[A-Za-z0-9_\-]{16,}")

# What only a stand-in for a key looks like, after its `sk-`. A real key is random letters
# and digits, which show one of these by chance about once in 100,000 keys (mostly as a
# tail of three x's). A key of one repeated character other than x (`sk-aaaa...`) still
# counts as a key: test suites use such keys to stand for real ones.
PLACEHOLDER_BODY = re.compile(
    r"(?:x{3,}|X{3,})$"  # filler x's at the end: sk-abc123xxx
    r"|x{6,}|X{6,}"  # or anywhere: sk-123xxxxxxxx789, sk-xxxxxxxx
    r"|(.)(?!\1)(.)\2{5,}$"  # a start padded with one character: sk-abc123000000
    r"|(?i:(?:^|[-_])your)"  # sk-your-key-here, sk-YOUR_API_KEY
)
# Text right after a key that shows it cut short or templated: sk-abcdefghijklmnop...
PLACEHOLDER_AFTER = ("...", "…", "<")
# What only OpenAI's keys show after `sk-`: the prefix of a project, service-account, admin or
# project-less user key, or `T3BlbkFJ` ("OpenAI" in base64) inside a legacy user key. The
# `sk-` keys of DeepSeek, Moonshot or DashScope show neither.
OPENAI_KEY_BODY = re.compile(r"(?:proj|svcacct|admin|None)-|.*T3BlbkFJ")

# The `sk-` keys of services other than OpenAI and the providers, by their prefix, with the
# variable each service's SDK reads it from: such a key is that service's, never one to read
# from OpenAI's or the provider's variable. Sources (2026-12-05): Anthropic's console keys
# `sk-ant-api03-...` (docs.anthropic.com, API overview), OpenRouter's `sk-or-v1-...`
# (openrouter.ai/docs, authentication); (2026-12-12) Langfuse's secret keys `sk-lf-...`,
# beside the public `pk-lf-...` (langfuse.com/docs, get started: LANGFUSE_SECRET_KEY).
OTHER_SERVICE_KEYS = (
    ("sk-ant-", "Anthropic", "ANTHROPIC_API_KEY"),
    ("sk-or-", "OpenRouter", "OPENROUTER_API_KEY"),
    ("sk-lf-", "Langfuse", "LANGFUSE_SECRET_KEY"),
)
# Words of a variable's name (`stability_api_key`, `STABILITY_KEY`) that name a service other
# than OpenAI and the providers whose keys share the `sk-` shape: a key held there is that
# service's. Sources (2026-12-07): Stability AI's keys `sk-...` (platform.stability.ai/docs,
# authentication: `Authorization: Bearer sk-MYAPIKEY`; DreamStudio is its web app, where
# gpt-author asks for the key); for the others, `OTHER_SERVICE_KEYS` above.
SERVICE_NAME_WORDS = {
    "stability": "Stability AI",
    "stabilityai": "Stability AI",
    "dreamstudio": "Stability AI",
    "anthropic": "Anthropic",
    "claude": "Anthropic",
    "openrouter": "OpenRouter",
    "langfuse": "Langfuse",
}
# Words in a key's body that make it a stand-in in test code (`sk-test-...`,
# `sk-or-test-...`, `sk-fake-...`).
STAND_IN_WORDS = re.compile(r"test|fake|dummy|mock|example|sample|invalid|bogus", re.IGNORECASE)


def find_secrets(text: str) -> list[re.Match[str]]:
    """Every secret-key-shaped token in `text`."""
    # the plain substring test first: on a notebook's outputs (megabytes of logs) it spares
    # building the expression's search state for most texts
    return list(SECRET_KEY.finditer(text)) if "sk-" in text else []


def is_placeholder(found: re.Match[str]) -> bool:
    """Whether a key `find_secrets` found is unmistakably a stand-in, not a secret."""
    body = found.group(0)[3:]
    return PLACEHOLDER_BODY.search(body) is not None or found.string.startswith(
        PLACEHOLDER_AFTER, found.end()
    )


def is_openai_key(found: re.Match[str]) -> bool:
    """Whether a key `find_secrets` found is unmistakably OpenAI's, not another provider's."""
    return OPENAI_KEY_BODY.match(found.group(0), 3) is not None


def other_service(found: re.Match[str]) -> tuple[str, str] | None:
    """The service other than OpenAI whose key `find_secrets` found, by its prefix
    (`OTHER_SERVICE_KEYS`), with the variable its SDK reads the key from; None for any
    other key."""
    key = found.group(0)
    return next(
        (
            (name, variable)
            for prefix, name, variable in OTHER_SERVICE_KEYS
            if key.startswith(prefix)
        ),
        None,
    )


def stand_in_words(found: re.Match[str]) -> bool:
    """Whether a key's body holds a word only a stand-in has (`sk-test-...`)."""
    return STAND_IN_WORDS.search(found.group(0), 3) is not None


def looks_like_secret(value: str) -> bool:
    return SECRET_KEY.search(value) is not None


def mask(secret: str) -> str:
    """`sk-proj-abcdef...XYZCD` -> `sk-pr…CD`: enough to recognise, never enough to use."""
    if len(secret) <= 8:
        return "…"
    return f"{secret[:5]}…{secret[-2:]}"


def mask_secrets(text: str) -> str:
    """`text` with every secret-key-shaped token masked."""
    return SECRET_KEY.sub(lambda m: mask(m.group(0)), text)


# The random part of a key: a run of letters and digits at least this long
_RANDOM_RUN = re.compile(r"[A-Za-z0-9]{8,}")


def key_shape(example: str) -> str:
    """The shape of a key, never the key: `"sk-" + 32 characters` for an `sk-` key with 32
    random characters, `32 characters + "." + 16 characters` for `<id>.<secret>`. A run of
    eight or more letters and digits counts as random; what stands between runs is written
    out as it is."""
    parts: list[str] = []
    at = 0
    for run in _RANDOM_RUN.finditer(example):
        if run.start() > at:
            parts.append(f'"{example[at : run.start()]}"')
        parts.append(f"{len(run.group(0))} characters")
        at = run.end()
    if at < len(example):
        parts.append(f'"{example[at:]}"')
    return " + ".join(parts)
