"""What alpaca_eval (tatsu-lab) looks like in its annotator config files (ML503): the
completion functions a config's `fn_completions` names, where each sends its requests, and
what picks the endpoint of the one that builds an OpenAI client.

Checked against alpaca-eval 0.6.6 (PyPI wheel, checked 2026-12-07); each entry names the file.
"""

from __future__ import annotations

PACKAGE = "alpaca-eval"

# An annotator config (`annotators_config=` of `alpaca_eval.main.evaluate`): a mapping per
# annotator with the function (`fn_completions`) and its keyword arguments
# (`completions_kwargs`), which name the model (`model_name`).
FUNCTION_KEY = "fn_completions"
KWARGS_KEY = "completions_kwargs"
MODEL_KEY = "model_name"

# alpaca_eval/decoders/__init__.py `get_fn_completions`: each function a config may name and
# where its requests go. Only "openai" ones build an `openai.OpenAI` client.
FUNCTIONS = {
    "openai_completions": "openai",
    "anthropic_completions": "anthropic",
    "bedrock_anthropic_completions": "bedrock",
    "google_completions": "google",
    "cohere_completions": "cohere",
    "replicate_completions": "replicate",
    "jina_chat_completions": "jina",
    "huggingface_api_completions": "huggingface",
    "huggingface_local_completions": "local",
    "vllm_local_completions": "local",
    "cache_completions": "cache",
    "test_completions": "none",
}
OPENAI = "openai"

# How `openai_completions` picks its endpoint (decoders/openai.py `_openai_completion_helper`,
# utils.py `get_all_clients`, constants.py): from the YAML file of client configs that
# OPENAI_CLIENT_CONFIG_PATH (or `client_config_path` in completions_kwargs) names, a list of
# `openai.OpenAI` keyword arguments (`api_key`, `base_url`) per model or under `default`;
# where there is no such file, from OPENAI_API_KEYS or OPENAI_API_KEY and OPENAI_API_BASE
# (unset: the openai SDK's own default, OPENAI_BASE_URL or api.openai.com). `client_kwargs`
# in completions_kwargs is passed to the client too: it chooses the endpoint only where it
# holds `base_url` (`timeout` alone leaves the client on OPENAI_API_BASE or OpenAI's host).
CLIENT_CONFIG_VARIABLE = "OPENAI_CLIENT_CONFIG_PATH"
KEY_VARIABLES = ("OPENAI_API_KEY", "OPENAI_API_KEYS")
BASE_VARIABLE = "OPENAI_API_BASE"
# completions_kwargs entries that choose the endpoint in the config itself
CONFIG_PATH_KWARG = "client_config_path"
CLIENT_KWARGS = "client_kwargs"
CLIENT_BASE_KWARG = "base_url"
ENDPOINT_KWARGS = frozenset({CONFIG_PATH_KWARG, CLIENT_KWARGS, "openai_api_base"})
# the key of a client config file read for every model without entries of its own
DEFAULT_CLIENTS = "default"
