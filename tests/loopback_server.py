"""A small OpenAI-compatible HTTP server on 127.0.0.1 that records every request it gets.

It answers chat completions (plain, streamed as server-sent events, with a tool call when
tools are offered and the last message is the user's, and with a `function_call` when the
legacy `functions=` are) and embeddings, under any path
prefix, so a provider's base URL such as `/api/paas/v4` can be served as it is.

With `azure=AzureRoutes(key, deployments)` it also speaks Azure OpenAI's paths and header: the
classic `/openai/deployments/<name>/...?api-version=...` with `api-key: <key>`, the v1
`/openai/v1/...` with `api-key` or `Authorization: Bearer <key>`, `GET .../models`, and 404 for
a deployment it does not have or any other path. Without it nothing changes. With
`thinking=True` it answers a tool call, and streams, with `reasoning_content`, and rejects (400)
a request whose assistant turn with tool calls lacks it, as DeepSeek's thinking mode does, unless
the request sends `"thinking": {"type": "disabled"}`. With `token_input=False` it refuses (400,
an OpenAI-style error body) an embeddings request whose `input` holds token ids (an array of
integers, or of such arrays), as a provider whose file says `[params] embedding_token_input =
false` (text only) does: `LoopbackServer.for_provider(provider)` reads it from there. With
`json_schema=False` it refuses (400) a chat request whose `response_format` is of type
json_schema, as a provider whose file lists `[params] response_format` without it does
(`for_provider` reads that too; a file not listing the parameter is served as OpenAI is).
With `key="k"` it answers 401 to a request not carrying `Authorization: Bearer k`.
With `functions=False` it refuses (400) a chat request holding any of the legacy function
calling (`functions=`, `function_call=`, a message with the role "function" or carrying a
`function_call`), as a provider whose file says `[params] functions = false` (`for_provider`)
may (`for_provider` reads it there; DeepSeek's and Zhipu's files mark unconfirmed whether
they refuse it or ignore it).
"""

from __future__ import annotations

import hashlib
import json
import sys
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs


class QuietServer(ThreadingHTTPServer):
    """A server whose handler finding its client gone (a request the client timed out on or
    stopped reading) is no error of the test: the traceback would be printed by the
    handler's thread at any moment, into the stderr another test is capturing."""

    def handle_error(self, request: object, client_address: object) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


@dataclass
class Recorded:
    method: str
    path: str
    headers: dict[str, str]
    body: dict


@dataclass(frozen=True)
class AzureRoutes:
    """An Azure OpenAI resource: its key and the deployment names it serves."""

    key: str
    deployments: frozenset[str]

    def refusal(self, method: str, path: str, headers: dict[str, str], body: dict):
        """(status, error body) Azure would answer instead of serving; None to serve."""
        route, _, query = path.partition("?")
        bearer = headers.get("authorization") == f"Bearer {self.key}"
        keyed = headers.get("api-key") == self.key
        if route.startswith("/openai/deployments/"):
            name = route[len("/openai/deployments/") :].split("/", 1)[0]
            if not parse_qs(query).get("api-version"):
                return 404, _azure_error("404", "Resource not found")
            if not (keyed or bearer):
                return 401, _azure_error("401", "Access denied due to invalid subscription key")
            if name not in self.deployments:
                return 404, _azure_error("DeploymentNotFound", f"no deployment {name}")
            return None
        if route.startswith("/openai/v1/") or route == "/openai/models":
            if route == "/openai/models" and not parse_qs(query).get("api-version"):
                return 404, _azure_error("404", "Resource not found")
            if not (keyed or bearer):
                return 401, _azure_error("401", "Access denied due to invalid subscription key")
            model = body.get("model")
            if method == "POST" and model not in self.deployments:
                return 404, _azure_error("DeploymentNotFound", f"no deployment {model}")
            return None
        return 404, _azure_error("404", "Resource not found")

    def models(self) -> dict:
        data = [
            {"id": d, "object": "model", "created": 0, "owned_by": "system"}
            for d in sorted(self.deployments)
        ]
        return {"object": "list", "data": data}


def _azure_error(code: str, message: str) -> dict:
    return {"error": {"code": code, "message": message}}


@dataclass
class LoopbackServer:
    """Start with `start()`, read `base` and `requests`, stop with `stop()`."""

    requests: list[Recorded] = field(default_factory=list)
    unsupported: frozenset[str] = frozenset()  # path endings answered with 404
    # a chat request whose messages contain this text is answered 429 (rate limited)
    rate_limit_marker: str = "RATE-LIMIT"
    # ...this one 400 (a rejected request), this one 500 (a server error)
    bad_request_marker: str = "BAD-REQUEST"
    server_error_marker: str = "SERVER-ERROR"
    azure: AzureRoutes | None = None  # speak Azure OpenAI's paths and header (see above)
    # answer a tool call with `reasoning_content`, and 400 a request whose assistant turn with
    # tool calls does not give it back (DeepSeek's and Kimi's thinking mode)
    thinking: bool = False
    # take token ids as an embeddings input (OpenAI does); False: refuse them with 400
    token_input: bool = True
    # take `response_format={"type": "json_schema", ...}` (OpenAI does); False: refuse it
    json_schema: bool = True
    # the one key a request may carry (`Authorization: Bearer <key>`), else 401; None: any
    key: str | None = None
    # take the legacy function calling (OpenAI does); False: refuse it
    functions: bool = True

    @classmethod
    def for_provider(cls, provider, **settings) -> LoopbackServer:
        """A server answering as the provider's file says it does: token ids refused where
        it takes text only, a json_schema response_format where its accepted formats leave
        it out (a provider file not saying is served as OpenAI is)."""
        token_input = provider.params.get("embedding_token_input") is not False
        formats = provider.params.get("response_format")
        json_schema = formats is None or JSON_SCHEMA in formats
        functions = provider.params.get("functions") is not False
        return cls(
            token_input=token_input, json_schema=json_schema, functions=functions, **settings
        )

    def start(self) -> LoopbackServer:
        handler = _make_handler(self)
        self._server = QuietServer(("127.0.0.1", 0), handler)
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )
        self._thread.start()
        return self

    @property
    def base(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)


THOUGHT_FIELD = "reasoning_content"
THOUGHT = "The user asks about an order: call the tool."
THINKING_OFF = {"type": "disabled"}  # `"thinking": ...` in a request's body turns it off
THOUGHT_MISSING = "The reasoning_content in the thinking mode must be passed back to the API."


FUNCTIONS_REFUSED = "The legacy function calling is not supported: use tools and tool messages."


def _legacy_functions(body: dict) -> bool:
    """Whether a chat request holds any of the legacy function calling."""
    if "functions" in body or "function_call" in body:
        return True
    return any(
        isinstance(m, dict) and (m.get("role") == "function" or m.get("function_call"))
        for m in body.get("messages", [])
    )


def _completion(model: str, message: dict, finish: str) -> dict:
    return {
        "id": "chatcmpl-loopback",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [{"index": 0, "message": message, "finish_reason": finish}],
        "usage": {"prompt_tokens": 3, "completion_tokens": 3, "total_tokens": 6},
    }


JSON_SCHEMA = "json_schema"
JSON_SCHEMA_REFUSED = "response_format type json_schema is not supported"
TOKEN_INPUT_REFUSED = "input must be a string or an array of strings; token ids are not supported"


def _token_ids(raw: object) -> bool:
    """Whether an embeddings `input` holds token ids: an array of integers, or of such arrays."""
    if not isinstance(raw, list) or not raw:
        return False
    first = raw[0]
    return isinstance(first, int) or (
        isinstance(first, list) and bool(first) and isinstance(first[0], int)
    )


def _vector(text: object) -> list[float]:
    return [(b - 128) / 128 for b in hashlib.sha256(str(text).encode()).digest()[:8]]


def _make_handler(server: LoopbackServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _send(self, status: int, body: dict | bytes, kind: str = "application/json") -> None:
            data = body if isinstance(body, bytes) else json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", 0))
            body = json.loads(self.rfile.read(length) or b"{}")
            server.requests.append(
                Recorded("POST", self.path, {k.lower(): v for k, v in self.headers.items()}, body)
            )
            route = self.path.split("?", 1)[0]  # Azure adds ?api-version=...
            refused = None
            if server.azure is not None:
                headers = server.requests[-1].headers
                refused = server.azure.refusal("POST", self.path, headers, body)
            if refused is not None:
                self._send(*refused)
            elif server.key is not None and self.headers.get("Authorization") != (
                f"Bearer {server.key}"
            ):
                self._send(401, {"error": {"message": "Invalid token", "type": "auth_error"}})
            elif any(route.endswith(end) for end in server.unsupported):
                self._send(404, {"error": {"message": "not supported", "type": "not_found"}})
            elif route.endswith("/embeddings"):
                self._embeddings(body)
            elif route.endswith("/chat/completions"):
                self._chat(body)
            else:
                self._send(404, {"error": {"message": f"no route {self.path}"}})

        def do_GET(self) -> None:
            if server.azure is None:  # as BaseHTTPRequestHandler answers a missing do_GET
                self.send_error(501, f"Unsupported method ({self.command!r})")
                return
            headers = {k.lower(): v for k, v in self.headers.items()}
            server.requests.append(Recorded("GET", self.path, headers, {}))
            refused = server.azure.refusal("GET", self.path, headers, {})
            if refused is not None:
                self._send(*refused)
            elif self.path.split("?", 1)[0].endswith("/models"):
                self._send(200, server.azure.models())
            else:
                self._send(404, _azure_error("404", "Resource not found"))

        def _embeddings(self, body: dict) -> None:
            raw = body.get("input", [])
            if not server.token_input and _token_ids(raw):
                error = {
                    "message": TOKEN_INPUT_REFUSED,
                    "type": "invalid_request_error",
                    "param": "input",
                    "code": "invalid_value",
                }
                self._send(400, {"error": error})
                return
            # one text, or one array of token ids, is one input
            one = isinstance(raw, str) or (bool(raw) and isinstance(raw[0], int))
            inputs = [raw] if one else raw
            data = [
                {"object": "embedding", "index": i, "embedding": _vector(t)}
                for i, t in enumerate(inputs)
            ]
            usage = {"prompt_tokens": 1, "total_tokens": 1}
            self._send(
                200, {"object": "list", "model": body["model"], "data": data, "usage": usage}
            )

        def _chat(self, body: dict) -> None:
            model = body.get("model", "?")
            messages = body.get("messages", [])
            last = messages[-1] if messages else {}
            errors = {
                server.rate_limit_marker: (429, "Rate limit reached", "rate_limit_error"),
                server.bad_request_marker: (400, "Invalid request", "invalid_request_error"),
                server.server_error_marker: (500, "The server had an error", "server_error"),
            }
            failing = [e for marker, e in errors.items() if marker in json.dumps(messages)]
            asked = body.get("response_format")
            if (
                not server.json_schema
                and isinstance(asked, dict)
                and asked.get("type") == JSON_SCHEMA
            ):
                failing.append((400, JSON_SCHEMA_REFUSED, "invalid_request_error"))
            if not server.functions and _legacy_functions(body):
                failing.append((400, FUNCTIONS_REFUSED, "invalid_request_error"))
            thinks = server.thinking and body.get("thinking") != THINKING_OFF
            if thinks and any(
                m.get("role") == "assistant" and m.get("tool_calls") and not m.get(THOUGHT_FIELD)
                for m in messages
            ):
                failing.append((400, THOUGHT_MISSING, "invalid_request_error"))
            if failing:
                status, text, kind = failing[0]
                error = {"message": text, "type": kind}
                self.send_response(status)
                data = json.dumps({"error": error}).encode()
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                # 1 ms: the SDK ignores 0 and backs off for half a second and more instead
                self.send_header("retry-after-ms", "1")
                self.end_headers()
                self.wfile.write(data)
            elif body.get("stream"):
                deltas = [{"role": "assistant", "content": ""}, {"content": "streamed "}, {}]
                if thinks:
                    deltas.insert(1, {THOUGHT_FIELD: THOUGHT})
                chunks = b"".join(
                    b"data: "
                    + json.dumps(
                        {
                            "id": "chatcmpl-loopback",
                            "object": "chat.completion.chunk",
                            "created": int(time.time()),
                            "model": model,
                            "choices": [
                                {"index": 0, "delta": d, "finish_reason": None if d else "stop"}
                            ],
                        }
                    ).encode()
                    + b"\n\n"
                    for d in deltas
                )
                self._send(200, chunks + b"data: [DONE]\n\n", "text/event-stream")
            elif body.get("tools") and last.get("role") == "user":
                name = body["tools"][0]["function"]["name"]
                call = {
                    "id": "call_1",
                    "type": "function",
                    "function": {"name": name, "arguments": json.dumps({"order_id": "42"})},
                }
                message = {"role": "assistant", "content": None, "tool_calls": [call]}
                if thinks:
                    message[THOUGHT_FIELD] = THOUGHT
                self._send(200, _completion(model, message, "tool_calls"))
            elif body.get("functions") and last.get("role") == "user":
                # the legacy function calling: the call in `message.function_call`
                name = body["functions"][0]["name"]
                call = {"name": name, "arguments": json.dumps({"order_id": "42"})}
                message = {"role": "assistant", "content": None, "function_call": call}
                self._send(200, _completion(model, message, "function_call"))
            else:
                text = f"reply from {model}"
                self._send(200, _completion(model, {"role": "assistant", "content": text}, "stop"))

        def log_message(self, format: str, *args: object) -> None:
            return

    return Handler
