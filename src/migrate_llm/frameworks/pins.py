"""Framework releases that work only with the pre-1.0 openai SDK.

A project that pins one of these cannot take `openai>=1` without upgrading the framework too,
so `apply` leaves both pins to a person (rule ML504).

Each entry: normalised project name -> the first release that works with openai>=1. Checked
on the wheels published on PyPI (`pip download --no-deps NAME==VERSION`, then the METADATA's
`Requires-Dist: openai` and the framework's OpenAI module):
- langchain: 0.0.331 and older call `openai.ChatCompletion` and catch `openai.error.*`
  (langchain/chat_models/openai.py; `Requires-Dist: openai (>=0,<1)` in the `openai` extra);
  0.0.332 is the first whose langchain/chat_models/openai.py checks `is_openai_v1()` and
  builds `openai.OpenAI(...)` clients.
- llama-index: 0.8.62 declares `Requires-Dist: openai (<1)`; 0.8.64 (0.8.63 was not
  published) declares `openai (>=1.1.0)` and llama_index/llms/openai.py uses the v1 client.
"""

from __future__ import annotations

FIRST_OPENAI_V1: dict[str, tuple[int, ...]] = {
    "langchain": (0, 0, 332),
    "llama-index": (0, 8, 64),
}


def version_text(version: tuple[int, ...]) -> str:
    return ".".join(str(p) for p in version)
