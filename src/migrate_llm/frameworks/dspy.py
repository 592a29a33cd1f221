"""What DSPy looks like: its language-model classes and their keywords.

Checked against dspy 3.4.1 (installed from PyPI; github.com/stanfordnlp/dspy) and, for the
legacy class, dspy 2.4 (dsp/modules/gpt3.py).
"""

from __future__ import annotations

import re

# Where a Python file imports DSPy, whose `dspy.LM` hands its model to litellm (ML641 reads
# a lock's litellm there)
IMPORT = re.compile(rb"^[ \t]*\"?(?:import|from)[ \t]+dspy\b", re.MULTILINE)

# `dspy.LM(model: str, model_type=..., ..., **kwargs)` (dspy/clients/lm.py): a litellm-style
# "provider/model" string; `api_key`, `api_base` are client settings it accepts
# (dspy/clients/backend_selection.py NATIVE_CLIENT_KEYS = {"api_key", "api_base", "base_url",
# "timeout"}). qualified name -> whether the model string carries a litellm prefix.
LM_CLASSES: dict[str, bool] = {
    "dspy.LM": True,
    "dspy.clients.LM": True,
    "dspy.clients.lm.LM": True,
    # dspy<2.5: `dspy.OpenAI(model="gpt-3.5-turbo-instruct", api_key=None,
    # api_provider="openai", api_base=None, model_type=None, **kwargs)` (dsp/modules/gpt3.py
    # `class GPT3`, exported as dspy.OpenAI): a bare OpenAI model name.
    "dspy.OpenAI": False,
}
# `dspy.Embedder(model, batch_size=200, caching=True, **kwargs)` (dspy/clients/embedding.py,
# exported by dspy/clients/__init__.py): a model string goes to
# `litellm.embedding(model=model, input=..., **kwargs)`, so `api_key` and `api_base` given
# here reach litellm; a callable model is the application's own embedding function.
EMBEDDER_CLASSES = frozenset(
    {"dspy.Embedder", "dspy.clients.Embedder", "dspy.clients.embedding.Embedder"}
)
# The legacy class (dspy_ai 2.4.9, dsp/modules/gpt3.py `GPT3.__init__`; dspy 3 has none, and
# its `dspy.LM` defaults to `model_type="chat"`): without `model_type` a model goes to the chat
# API only if its name holds one of CHAT_MARKERS and not TEXT_MARKER (a later release adds
# "o1"); any other model (`deepseek-v4-pro`) is sent to the legacy /completions endpoint.
# class -> the keyword choosing the API, and its chat value.
LEGACY_CLASSES: dict[str, tuple[str, str]] = {"dspy.OpenAI": ("model_type", "chat")}
CHAT_MARKERS = ("gpt-3.5", "turbo", "gpt-4")
TEXT_MARKER = "instruct"
# The legacy class hands `api_base` to the openai module's client as it is (dspy_ai 2.4.9
# dsp/modules/gpt3.py: `openai.base_url = api_base` on openai>=1, `openai.api_base = api_base`
# on openai<1). openai>=1's module client joins a request's path to it as written (`.../v1` and
# `chat/completions` make `.../v1chat/completions`: 404, checked against a loopback server), so
# there the base URL must end with a slash; openai<1 joins `/chat/completions` to it. The
# classes whose `api_base` must end so:
SLASHED_BASE = frozenset(LEGACY_CLASSES)


def legacy_chat(model: str) -> bool:
    """Whether the legacy class sends `model` to the chat API without `model_type`."""
    return any(m in model for m in CHAT_MARKERS) and TEXT_MARKER not in model


MODEL_KEYWORD = "model"
MODEL_POSITION = 0
API_KEY = "api_key"
API_BASE = "api_base"
# DSPy 3's default engine ("auto": lm15, else litellm) reaches an OpenAI-compatible endpoint
# with "openai/<model>" and `api_base` (dspy/clients/lm.py docstring: `"openai/gpt-4o"`); the
# providers' own litellm routes are left to litellm itself.
PREFIX = "openai"
