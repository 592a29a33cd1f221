"""A small OpenAI-compatible HTTP server on 127.0.0.1 that records every request it gets.

It answers chat completions (plain, streamed as server-sent events, with a tool call when
tools are offered and the last message is the user's, and with a `function_call` when the
legacy `functions=` are), embeddings and audio transcriptions and translations (a multipart
upload, recorded with its text fields and the file as `{"filename", "size"}`, answered with
`{"text": "transcript of <file> by <model>"}`, or that text alone for `response_format` text,
srt or vtt), under any path prefix, so a provider's base URL such as `/api/paas/v4` can be
served as it is.

A tool call names the tool `tool_choice` names, else the first one offered, and its arguments
fit that tool's own JSON schema: every required property gets a value of its declared type
(a string "42", an integer or number 42, true, a list of one such item, an object filled the
same way; an enum's or const's first value; the first choice of anyOf/oneOf; `$ref`s into
`$defs` followed); a property not required is left out. Streamed (`stream=True` with tools), the
call comes as OpenAI sends it: a first delta with the call's index, id, type and name and empty
arguments, then deltas adding pieces of the arguments, then `finish_reason` "tool_calls".

With `azure=AzureRoutes(key, deployments)` it also speaks Azure OpenAI's paths and header: the
classic `/openai/deployments/<name>/...?api-version=...` with `api-key: <key>`, the v1
`/openai/v1/...` with `api-key` or `Authorization: Bearer <key>`, `GET .../models`, and 404 for
a deployment it does not have or any other path. Without it nothing changes.

Thinking: a request thinks where `thinking=True` (every model), its model matches a glob of
`thinking_models`, unless the body carries the `thinking_off` switch (default `"thinking":
{"type": "disabled"}`), or of `always_thinking` (the switch changes nothing). A thinking reply
carries `reasoning_content` (in its message, with text or a tool call; streamed, in a delta
before the content or the tool call), and a thinking request is refused (400) when an assistant turn with
tool calls lacks one of `tool_turn_fields` (default `reasoning_content`), as DeepSeek's and
Kimi's thinking mode do.

With `token_input=False` it refuses (400,
an OpenAI-style error body) an embeddings request whose `input` holds token ids (an array of
integers, or of such arrays), as a provider whose file says `[params] embedding_token_input =
false` (text only) does. With
`json_schema=False` it refuses (400) a chat request whose `response_format` is of type
json_schema, as a provider whose file lists `[params] response_format` without it does (a file
not listing the parameter is served as OpenAI is), but from a model `structured_models` (globs)
names, as Qwen takes it from the models its file lists there (`for_provider` reads them).
With `key="k"` it answers 401 to a request not carrying `Authorization: Bearer k`.
With `functions=False` it refuses (400) a chat request holding any of the legacy function
calling (`functions=`, `function_call=`, a message with the role "function" or carrying a
`function_call`), as a provider whose file says `[params] functions = false` (`for_provider`)
may (`for_provider` reads it there; DeepSeek's and Zhipu's files mark unconfirmed whether
they refuse it or ignore it).

`LoopbackServer.for_provider(provider)` answers as the provider's file says by default: those two
`[params]`, and its thinking: `thinking_models`, `always_thinking`, the switch
`thinking_off_extra_body` and `tool_turn_fields` (no 400 where the file lists none). OpenAI's
file lists its reasoning models, whose reasoning its chat API never returns: served without.
`for_provider(provider, thinking=False)` serves no model thinking (for a test not about it);
`thinking=True` every model.
"""

from __future__ import annotations

import hashlib
import json
import sys
import threading
import time
from dataclasses import dataclass, field
from email.parser import BytesParser
from email.policy import default
from fnmatch import fnmatchcase
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
    # every model thinks (see the module's docstring), or those these globs take
    thinking: bool = False
    thinking_models: tuple[str, ...] = ()
    always_thinking: tuple[str, ...] = ()  # no switch turns their thinking off
    # the body entries turning thinking off (`extra_body={"thinking": {"type": "disabled"}}`)
    thinking_off: dict | None = field(default_factory=lambda: dict(THINKING_SWITCH))
    # what a thinking request's assistant turns with tool calls must give back, else 400
    tool_turn_fields: tuple[str, ...] = ("reasoning_content",)
    # take token ids as an embeddings input (OpenAI does); False: refuse them with 400
    token_input: bool = True
    # take `response_format={"type": "json_schema", ...}` (OpenAI does); False: refuse it
    json_schema: bool = True
    # the models (globs) taking json_schema where `json_schema` is False (`[params]
    # structured_models`)
    structured_models: tuple[str, ...] = ()
    # the one key a request may carry (`Authorization: Bearer <key>`), else 401; None: any
    key: str | None = None
    # take the legacy function calling (OpenAI does); False: refuse it
    functions: bool = True

    @classmethod
    def for_provider(cls, provider, thinking: bool | None = None, **settings) -> LoopbackServer:
        """A server answering as the provider's file says it does: token ids refused where
        it takes text only, a json_schema response_format where its accepted formats leave
        it out (a provider file not saying is served as OpenAI is), its models thinking as
        the file says (`thinking=False`: none; `True`: every model)."""
        params = provider.params
        token_input = params.get("embedding_token_input") is not False
        formats = params.get("response_format")
        json_schema = formats is None or JSON_SCHEMA in formats
        functions = params.get("functions") is not False
        # OpenAI's chat API never returns its reasoning models' reasoning
        stated = thinking is None and getattr(provider, "id", None) != "openai"
        turn_fields = tuple(params.get("tool_turn_fields") or ())
        return cls(
            token_input=token_input,
            json_schema=json_schema,
            structured_models=tuple(params.get("structured_models") or ()),
            functions=functions,
            thinking=bool(thinking),
            thinking_models=tuple(params.get("thinking_models") or ()) if stated else (),
            always_thinking=tuple(params.get("always_thinking") or ()) if stated else (),
            thinking_off=params.get("thinking_off_extra_body") or dict(THINKING_SWITCH),
            tool_turn_fields=turn_fields or ((THOUGHT_FIELD,) if thinking else ()),
            **settings,
        )

    def thinks(self, body: dict) -> bool:
        """Whether a chat request thinks: its model thinks always, or by default (or every
        model does) and the body does not carry the switch turning it off."""
        model = str(body.get("model", ""))
        if any(fnmatchcase(model, g) for g in self.always_thinking):
            return True
        by_default = self.thinking or any(fnmatchcase(model, g) for g in self.thinking_models)
        return by_default and not (self.thinking_off and _carries(body, self.thinking_off))

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
THINKING_SWITCH = {"thinking": THINKING_OFF}
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


def _form(kind: str, raw: bytes) -> dict:
    """The fields of a multipart/form-data body (an audio upload): each text field by its
    name, a file as `{"filename": ..., "size": ...}`."""
    message = BytesParser(policy=default).parsebytes(f"Content-Type: {kind}\r\n\r\n".encode() + raw)
    fields: dict = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        data = part.get_payload(decode=True) or b""
        filename = part.get_filename()
        if filename is not None:
            fields[str(name)] = {"filename": filename, "size": len(data)}
        else:
            fields[str(name)] = data.decode()
    return fields


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


def _carries(body: object, entries: dict) -> bool:
    """Whether `body` holds every entry of `entries`, nested tables compared entry by entry."""
    if not isinstance(body, dict):
        return False
    return all(
        _carries(body.get(k), v) if isinstance(v, dict) else k in body and body[k] == v
        for k, v in entries.items()
    )


_SAMPLES: dict[str, object] = {"string": "42", "integer": 42, "number": 42, "boolean": True}


def _sample(schema: object, defs: dict) -> object:
    """A value of the type a JSON schema declares (see the module's docstring)."""
    if not isinstance(schema, dict):
        return "42"
    ref = schema.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/"):
        return _sample(defs.get(ref.rsplit("/", 1)[-1], {}), defs)
    if "const" in schema:
        return schema["const"]
    if schema.get("enum"):
        return schema["enum"][0]
    for choices in ("anyOf", "oneOf", "allOf"):
        if schema.get(choices):
            return _sample(schema[choices][0], defs)
    kind = schema.get("type", "object" if "properties" in schema else "string")
    if isinstance(kind, list):  # ["string", "null"]
        kind = next((k for k in kind if k != "null"), "null")
    if kind == "object":
        return _arguments(schema, defs)
    if kind == "array":
        return [_sample(schema.get("items", {}), defs)]
    return _SAMPLES.get(kind)


def _arguments(schema: object, defs: dict | None = None) -> dict:
    """Arguments fitting a tool's `parameters` schema: each required property filled."""
    if not isinstance(schema, dict):
        return {}
    defs = {**(defs or {}), **schema.get("$defs", {}), **schema.get("definitions", {})}
    properties = schema.get("properties") or {}
    return {name: _sample(properties.get(name), defs) for name in schema.get("required") or ()}


def _chosen_tool(body: dict) -> dict:
    """The function of the tool a request's `tool_choice` names, else of its first tool."""
    choice = body.get("tool_choice")
    named = choice.get("function", {}).get("name") if isinstance(choice, dict) else None
    functions = [t.get("function", {}) for t in body["tools"]]
    return next((f for f in functions if f.get("name") == named), functions[0])


def _stream(model: str, deltas: list[dict], finish: str) -> bytes:
    """Server-sent events: one chunk for each delta, then one with `finish`, then [DONE]."""
    choices = [{"index": 0, "delta": d, "finish_reason": None} for d in deltas]
    choices.append({"index": 0, "delta": {}, "finish_reason": finish})
    events = (
        {
            "id": "chatcmpl-loopback",
            "object": "chat.completion.chunk",
            "created": int(time.time()),
            "model": model,
            "choices": [c],
        }
        for c in choices
    )
    return b"".join(b"data: " + json.dumps(e).encode() + b"\n\n" for e in events) + (
        b"data: [DONE]\n\n"
    )


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
            raw = self.rfile.read(length)
            kind = self.headers.get("Content-Type", "")
            body = _form(kind, raw) if kind.startswith("multipart/") else json.loads(raw or b"{}")
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
            elif route.endswith(("/audio/transcriptions", "/audio/translations")):
                self._transcription(body)
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

        def _transcription(self, body: dict) -> None:
            upload = body.get("file")
            name = upload.get("filename") if isinstance(upload, dict) else None
            if not name:
                self._send(400, {"error": {"message": "no file", "type": "invalid_request_error"}})
                return
            text = f"transcript of {name} by {body.get('model', '?')}"
            if body.get("response_format") in ("text", "srt", "vtt"):
                self._send(200, text.encode(), "text/plain")
            else:
                self._send(200, {"text": text})

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
                and not any(fnmatchcase(model, g) for g in server.structured_models)
            ):
                failing.append((400, JSON_SCHEMA_REFUSED, "invalid_request_error"))
            if not server.functions and _legacy_functions(body):
                failing.append((400, FUNCTIONS_REFUSED, "invalid_request_error"))
            thinks = server.thinks(body)
            if thinks and any(
                m.get("role") == "assistant"
                and m.get("tool_calls")
                and not all(m.get(f) for f in server.tool_turn_fields)
                for m in messages
            ):
                failing.append((400, THOUGHT_MISSING, "invalid_request_error"))
            thought = dict.fromkeys((THOUGHT_FIELD, *server.tool_turn_fields), THOUGHT)
            calls = bool(body.get("tools")) and last.get("role") == "user"
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
                deltas: list[dict] = [{"role": "assistant", "content": ""}]
                if thinks:
                    deltas.append(thought)
                if calls:
                    tool = _chosen_tool(body)
                    arguments = json.dumps(_arguments(tool.get("parameters")))
                    cut = len(arguments) // 2
                    deltas[0]["content"] = None
                    head = {"id": "call_1", "type": "function"}
                    head["function"] = {"name": tool["name"], "arguments": ""}
                    deltas += [
                        {"tool_calls": [{"index": 0, **head}]},
                        *(
                            {"tool_calls": [{"index": 0, "function": {"arguments": part}}]}
                            for part in (arguments[:cut], arguments[cut:])
                        ),
                    ]
                else:
                    deltas.append({"content": "streamed "})
                finish = "tool_calls" if calls else "stop"
                self._send(200, _stream(model, deltas, finish), "text/event-stream")
            elif calls:
                tool = _chosen_tool(body)
                arguments = json.dumps(_arguments(tool.get("parameters")))
                call = {
                    "id": "call_1",
                    "type": "function",
                    "function": {"name": tool["name"], "arguments": arguments},
                }
                message = {"role": "assistant", "content": None, "tool_calls": [call]}
                if thinks:
                    message |= thought
                self._send(200, _completion(model, message, "tool_calls"))
            elif body.get("functions") and last.get("role") == "user":
                # the legacy function calling: the call in `message.function_call`
                function = body["functions"][0]
                arguments = json.dumps(_arguments(function.get("parameters")))
                call = {"name": function["name"], "arguments": arguments}
                message = {"role": "assistant", "content": None, "function_call": call}
                self._send(200, _completion(model, message, "function_call"))
            else:
                text = f"reply from {model}"
                message = {"role": "assistant", "content": text}
                if thinks:
                    message |= thought
                self._send(200, _completion(model, message, "stop"))

        def log_message(self, format: str, *args: object) -> None:
            return

    return Handler
