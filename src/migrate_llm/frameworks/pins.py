"""Framework releases that work only with the pre-1.0 openai SDK.

A project that pins one of these (or depends on a framework none of whose releases works
with openai>=1) cannot take `openai>=1` without upgrading or replacing the framework too, so
`apply` leaves both pins to a person (rule ML504).

Each entry: normalised project name -> the first release that works with openai>=1. Checked
on the wheels published on PyPI (`pip download --no-deps NAME==VERSION`, then the METADATA's
`Requires-Dist: openai` and the framework's OpenAI module):
- langchain: 0.0.331 and older call `openai.ChatCompletion` and catch `openai.error.*`
  (langchain/chat_models/openai.py; `Requires-Dist: openai (>=0,<1)` in the `openai` extra);
  0.0.332 is the first whose langchain/chat_models/openai.py checks `is_openai_v1()` and
  builds `openai.OpenAI(...)` clients.
- llama-index: 0.8.62 declares `Requires-Dist: openai (<1)`; 0.8.64 (0.8.63 was not
  published) declares `openai (>=1.1.0)` and llama_index/llms/openai.py uses the v1 client.
- instructor: 0.2.11 declares `Requires-Dist: openai (>=0.28.0,<0.29.0)`, 0.3.0
  `openai (>=1.1.0,<2.0.0)` (checked 2026-12-02); the release advised is 0.4.0, the first that
  exports `instructor.Mode` (0.3.5's __init__.py has none; checked 2026-12-03), which the
  rewrites of ML650 write.
"""

from __future__ import annotations

FIRST_OPENAI_V1: dict[str, tuple[int, ...]] = {
    "langchain": (0, 0, 332),
    "llama-index": (0, 8, 64),
    "instructor": (0, 4, 0),
}

# Releases before these build their OpenAI chat class without a base-URL field: the
# `openai_api_base=` apply passes (ML601) is swept into `model_kwargs` and the request goes
# to OpenAI with the provider's key (thinkgpt pins langchain 0.0.141). langchain 0.0.157's
# langchain/chat_models/openai.py has no `openai_api_base`, 0.0.158's has (wheels on PyPI,
# checked 2026-12-03; OpenAIEmbeddings gained it in 0.0.155).
FIRST_WITH_BASE_URL: dict[str, tuple[int, ...]] = {"langchain": (0, 0, 158)}

# Projects no release of which works with openai>=1, by normalised name: the project that
# replaced each, and that project's first release requiring openai>=1. Checked the same way:
# - openai-function-call: every release on PyPI, 0.0.1 to 0.2.6, declares
#   `Requires-Dist: openai (>=0.27.8,<0.28.0)` (0.0.5, 0.1.2 and 0.2.6 checked); the project
#   was renamed instructor, whose 0.2.11 declares `openai (>=0.28.0,<0.29.0)` and 0.3.0
#   `openai (>=1.1.0,<2.0.0)`. 0.3.1 is the first whose `OpenAISchema.from_response` reads a
#   v1 response (`completion.choices[0].message.function_call`; 0.3.0 still subscripts it);
#   its `openai_function.from_response` reads a dict through 0.4.0 at least (ML651).
#   Checked 2026-12-02.
REPLACED_FOR_OPENAI_V1: dict[str, tuple[str, tuple[int, ...]]] = {
    "openai-function-call": ("instructor", (0, 3, 1)),
}


def version_text(version: tuple[int, ...]) -> str:
    return ".".join(str(p) for p in version)
