"""Whether a parameter, attribute, key, option or class name says it holds a model (or a
tokenizer's model): the words of `openai_sdk.MODEL_NAMES` and its kin."""

from __future__ import annotations

import re

from migrate_llm import openai_sdk as sdk

_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_WORD_BREAK = re.compile(r"[_.]")


def name_words(name: str) -> tuple[str, list[str]]:
    """A name in snake_case and its words (`modelName`: `model_name`, `model`, `name`)."""
    snake = _CAMEL.sub("_", name.strip("-").replace("-", "_")).lower()
    return snake, _WORD_BREAK.split(snake)


def model_like(name: str | None) -> bool:
    """Whether a parameter, attribute, key or option name holds a model (openai_sdk.MODEL_NAMES)."""
    if not name:
        return False
    snake, words = name_words(name)
    if not sdk.TOKENIZER_NAME_WORDS.isdisjoint(words):
        return False
    return snake in sdk.MODEL_NAMES or not sdk.MODEL_NAME_WORDS.isdisjoint(words)


def models_class(name: str) -> bool:
    """Whether a class is named for models (`Models`, `ModelNames`, `LLMModel`)."""
    return model_like(name) or "models" in name_words(name)[1]


def tokenizer_like(name: str | None) -> bool:
    """Whether a name holds the model a token counter is asked about (it stays OpenAI's)."""
    return bool(name) and not sdk.TOKENIZER_NAME_WORDS.isdisjoint(name_words(name or "")[1])
