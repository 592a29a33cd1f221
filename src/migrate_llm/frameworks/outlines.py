"""What Outlines looks like: its OpenAI model, the calls that send its requests, and the output
types it turns into `response_format` (ML696).

Knowledge of the framework only; what a provider serves is in `providers/*.toml`.

Checked against outlines 1.3.2 (PyPI wheel; github.com/dottxt-ai/outlines) and 0.1.14, file
and line named beside each entry.
"""

from __future__ import annotations

PACKAGE = "outlines"
LABEL = "Outlines"

# 1.x, models/openai.py: `from_openai(client, model_name=None)` (L472-479) wraps an
# `openai.OpenAI` / `AsyncOpenAI` client it is given in `OpenAI(client, model_name)` /
# `AsyncOpenAI(client, model_name)` (L212-235, L342-365); `generate()` sends `model_name` as
# the request's `model=` (L266-267) through `client.chat.completions.create`. Re-exported by
# `outlines/models/__init__.py` (L20) and `outlines/__init__.py` (`from outlines.models import
# *`, L17).
FROM_OPENAI: frozenset[str] = frozenset(
    f"outlines.{module}{name}"
    for module in ("", "models.", "models.openai.")
    for name in ("from_openai", "OpenAI", "AsyncOpenAI")
)
MODEL_KEYWORD = "model_name"
MODEL_POSITION = 1

# 1.x: the calls that take an output type after the prompt: the model itself (`model(prompt,
# output_type, **kwargs)`, models/base.py `Model.__call__`), its `stream` and `batch`, its
# `generate`, `generate_stream` and `generate_batch` (models/openai.py L238, L289, L299), and
# `outlines.Generator(model, output_type)` (generator.py).
MODEL_METHODS = frozenset({"stream", "batch", "generate", "generate_stream", "generate_batch"})
OUTPUT_KEYWORD = "output_type"
GENERATORS: frozenset[str] = frozenset({"outlines.Generator", "outlines.generator.Generator"})

# 1.x, models/openai.py `OpenAITypeAdapter.format_output_type` (L141-182): no output type sends
# no response_format; the builtin `dict` sends `{"type": "json_object"}` (L171-172); a JSON
# schema type (a Pydantic model, a TypedDict, a dataclass, `JsonSchema(...)`, L173-176) sends
# `{"type": "json_schema", "json_schema": {..., "strict": True}}` (L184-201); any other type
# raises TypeError before a request.
JSON_MODE_TYPE = "dict"

# 0.x, models/openai.py: `openai(model_or_client, ...)` (L250) given a model name
# (`openai_model(model_name, config=None, **openai_client_params)`, L255-274) builds
# `openai.AsyncOpenAI(**openai_client_params)` itself: without `base_url=` / `api_key=` the
# SDK reads OPENAI_BASE_URL, else api.openai.com, and OPENAI_API_KEY. In 1.x
# `outlines.models.openai` is a module, not a function.
V0_FUNCTIONS: frozenset[str] = frozenset({"outlines.models.openai"})
V0_CLIENT_KEYWORDS = ("base_url", "api_key")
