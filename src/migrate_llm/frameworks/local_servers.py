"""Keys that servers of one's own take and OpenAI refuses.

A local OpenAI-compatible server (LM Studio, Ollama, vLLM, llama.cpp, FastChat) ignores the
key, but the OpenAI SDK will not build a client without one, so code talking to such a server
passes a word in its place. OpenAI's API refuses such a key. So a client given one of these
as a literal, whose base URL is decided at run time, is meant for a server of the program's
own, not for OpenAI (ML003 leaves it, and calls through it are left).

Sources (checked 2026-12-03):
- LM Studio: "lm-studio" in its OpenAI-compatibility examples
  (https://lmstudio.ai/docs/api/openai-api); its earlier examples, and code written from
  them (devika's LM Studio client), pass "not-needed".
- Ollama: `api_key='ollama'`, "required but ignored"
  (https://github.com/ollama/ollama/blob/main/docs/openai.md).
- vLLM and FastChat: "EMPTY" (vLLM's quickstart for its OpenAI-compatible server,
  https://docs.vllm.ai/en/latest/getting_started/quickstart.html).
- Uncertain, seen in code rather than in a server's documentation: "sk-no-key-required"
  (llama.cpp's server), "no-key", "not-used", "unused", "none", "null", "vllm-api-key"
  (mem0's vLLM client, after vLLM's own VLLM_API_KEY).
Only whole values count (compared without case), never words inside a longer key.

A library that runs such a server for the program gives its URL as an attribute of its own
object (`LOCAL_MANAGERS`): a client built with that URL talks to the server on this machine
whatever key it is given.

A base URL on the machine the program runs on (`http://localhost:11434/v1`, Ollama's;
`127.0.0.1`, `::1`, `0.0.0.0`) is such a server too: given as the default of a value decided
at run time (`kwargs.pop("base_url", "http://localhost:11434/v1")`), it says the same.
"""

from __future__ import annotations

from dataclasses import dataclass

LOCAL_SERVER_KEYS = frozenset(
    {
        "lm-studio",
        "not-needed",
        "ollama",
        "empty",
        "sk-no-key-required",
        "no-key",
        "no-key-required",
        "not-used",
        "unused",
        "none",
        "null",
        "vllm-api-key",
    }
)


def local_server_key(value: str) -> bool:
    """Whether a key passed as a literal is one that only a server of one's own takes."""
    return value.strip().lower() in LOCAL_SERVER_KEYS


# The hosts that name the machine the program runs on (and 127.0.0.0/8, `*.localhost`).
LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1", "0.0.0.0"})


# The words of a client of a server of one's own, in lower case: Ollama's Python client
# (`ollama.Client(host=...)`, `ollama.chat(model=...)`, github.com/ollama/ollama-python)
# takes the name of a model pulled into that server, not an OpenAI model.
LOCAL_CLIENT_WORDS = ("ollama",)


def local_host(host: str) -> bool:
    """Whether a URL's host is the machine the program runs on."""
    host = host.strip("[]").lower()
    return host in LOCAL_HOSTS or host.startswith("127.") or host.endswith(".localhost")


@dataclass(frozen=True)
class LocalManager:
    """A class of a library that runs an OpenAI-compatible server on this machine: its name
    for messages, and the attributes of its instances that hold the server's URL."""

    name: str
    url: frozenset[str]


# By qualified name. Sources (checked 2026-12-05):
# - Foundry Local's Python SDK (foundry-local-sdk, `foundry_local/api.py`):
#   `FoundryLocalManager(...).endpoint` is `f"{self.service_uri}/v1"`, the service it starts
#   on this machine; its `api_key` is `os.getenv("OPENAI_API_KEY") or "OPENAI_API_KEY"`, a
#   word the local service ignores (Semantic Kernel's foundry_local_chatbot.py sample).
_FOUNDRY_LOCAL = LocalManager("Foundry Local", frozenset({"endpoint"}))
LOCAL_MANAGERS = {
    "foundry_local.FoundryLocalManager": _FOUNDRY_LOCAL,
    "foundry_local.api.FoundryLocalManager": _FOUNDRY_LOCAL,
}


# The methods of web frameworks' application and router objects that register a route, given
# the path first (by position or as `path=`/`rule=`): FastAPI / Starlette `@app.post("/v1/...")`
# and `@router.api_route(path, methods=[...])`, Flask `@app.route(rule, methods=[...])` and its
# `@app.post` (Flask 2.0), aiohttp's `@routes.post(path)`, Quart and Sanic likewise. A module
# registering an OpenAI REST path under /v1 (`openai_sdk.REST_PATHS`: `/v1/chat/completions`)
# is itself an OpenAI-compatible server (FastChat's `openai_api_server.py`, vLLM's): the model
# names it handles come from its own clients' requests, not from OpenAI.
# Sources (read 2026-12-07): https://fastapi.tiangolo.com/tutorial/first-steps/ ("path
# operation decorator"), https://flask.palletsprojects.com/en/stable/api/#flask.Flask.route,
# https://docs.aiohttp.org/en/stable/web_reference.html#aiohttp.web.RouteTableDef.
ROUTE_METHODS = frozenset(
    {"route", "api_route", "get", "post", "put", "patch", "delete", "websocket"}
)
ROUTE_PATH_KEYWORDS = ("path", "rule")
