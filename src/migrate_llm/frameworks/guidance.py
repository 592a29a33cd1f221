"""What guidance looks like: its OpenAI model class and its Azure OpenAI helper (ML688).

Knowledge of the framework only; what a provider serves is in `providers/*.toml`.

Checked against guidance 0.3.1 (PyPI wheel; github.com/guidance-ai/guidance), file and line
named beside each entry. `guidance/models/__init__.py` re-exports both (L2, L7); the package
itself exports `models` (`guidance/__init__.py` L6), not the class.
"""

from __future__ import annotations

from migrate_llm.frameworks import FrameworkClass

FRAMEWORK = "guidance"
LABEL = "guidance"

KEY = "api_key"
BASE_URL = "base_url"
MODEL = "model"

# models/_openai.py `OpenAI(Model)` (L34): `__init__(self, model, sampling_params=None,
# echo=True, *, api_key=None, reasoning_effort=None, **kwargs)` (L35-44); `model` has no
# default and comes first. `OpenAIInterpreter` (L15-31) builds `openai.OpenAI(api_key=api_key,
# **kwargs)`: `base_url=`, `organization=` and `project=` reach the SDK client through
# `**kwargs` (its docstring names `base_url` and `organization`, L56-58), so without
# `base_url=` the SDK reads OPENAI_BASE_URL, else api.openai.com, and without `api_key=`
# OPENAI_API_KEY.
CHAT = FrameworkClass(
    FRAMEWORK,
    "OpenAI",
    "chat",
    (MODEL,),
    (KEY,),
    (BASE_URL,),
    "",
    drop=frozenset({"organization", "project"}),
    model_position=0,
)
CLASSES: dict[str, FrameworkClass] = {
    f"guidance.models.{module}OpenAI": CHAT for module in ("", "_openai.")
}

# models/_azureai.py `create_azure_openai_model(azure_endpoint, azure_deployment, echo=True,
# *, model_name, api_version=None, api_key=None, azure_ad_token=None,
# azure_ad_token_provider=None, ...)` (L76-91): its interpreter builds
# `openai.AzureOpenAI(azure_endpoint=..., azure_deployment=..., api_key=..., **kwargs)`
# (L52-60), Azure OpenAI whatever it is given.
AZURE_FUNCTIONS = frozenset(
    f"guidance.models.{module}create_azure_openai_model" for module in ("", "_azureai.")
)
AZURE_NAME = "create_azure_openai_model"
AZURE_MODEL = "model_name"  # keyword-only (L81)
CHAT_IMPORT = "from guidance import models"  # the class to build instead (`CHAT`)
CHAT_CALL = "models.OpenAI"
