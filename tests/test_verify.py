"""`migrate-llm verify` against OpenAI-compatible servers on 127.0.0.1 started by the tests."""

from __future__ import annotations

import json
import socket
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.model import Finding, FixClass, Severity
from migrate_llm.registry import load_registry
from migrate_llm.verify import choose_models, scanned_models

from .loopback_server import QuietServer

KEY = "zai-test-key.Verify7Q2xK9"  # distinctive: it must never appear in any output
PREFIX = "/api/paas/v4"
TIERS = ["glm-5.3", "glm-4-air-250414", "glm-4.7-flash"]


@dataclass
class Endpoint:
    """A loopback endpoint: `reject` maps a model to (status, body); `delay` stalls every
    answer; `list_models` False answers `GET /models` with 404."""

    reject: dict[str, tuple[int, object]] = field(default_factory=dict)
    delay: float = 0.0
    list_models: bool = True
    requests: list[tuple[str, str, dict, dict]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.released = threading.Event()
        self.server = QuietServer(("127.0.0.1", 0), _handler(self))
        serve = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)
        serve.start()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}{PREFIX}"

    def stop(self) -> None:
        self.released.set()
        self.server.shutdown()
        self.server.server_close()

    def posted(self, ending: str) -> list[dict]:
        return [b for m, p, _, b in self.requests if m == "POST" and p.endswith(ending)]


def _handler(endpoint: Endpoint) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def send(self, status: int, body: object, kind: str = "application/json") -> None:
            data = body if isinstance(body, bytes) else json.dumps(body).encode()
            if isinstance(body, str):
                data, kind = body.encode(), "text/plain"
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def record(self, body: dict) -> None:
            headers = {k.lower(): v for k, v in self.headers.items()}
            endpoint.requests.append((self.command, self.path, headers, body))
            endpoint.released.wait(endpoint.delay)

        def do_GET(self) -> None:
            self.record({})
            if endpoint.list_models and self.path == f"{PREFIX}/models":
                data = [{"id": m, "object": "model", "created": 0, "owned_by": "x"} for m in TIERS]
                self.send(200, {"object": "list", "data": data})
            else:
                self.send(404, {"error": {"message": "no such route"}})

        def do_POST(self) -> None:
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            self.record(body)
            model = body.get("model", "")
            if model in endpoint.reject:
                self.send(*endpoint.reject[model])
            elif self.path.endswith("/embeddings"):
                data = [{"object": "embedding", "index": 0, "embedding": [0.1, 0.2]}]
                usage = {"prompt_tokens": 1, "total_tokens": 1}
                self.send(200, {"object": "list", "model": model, "data": data, "usage": usage})
            elif body.get("stream"):
                chunk = {
                    "id": "c",
                    "object": "chat.completion.chunk",
                    "created": 0,
                    "model": model,
                    "choices": [{"index": 0, "delta": {"content": "p"}, "finish_reason": None}],
                }
                events = f"data: {json.dumps(chunk)}\n\ndata: [DONE]\n\n".encode()
                self.send(200, events, "text/event-stream")
            else:
                message = {"role": "assistant", "content": "pong"}
                if body.get("tools"):
                    call = {"id": "1", "type": "function"}
                    call["function"] = {"name": "get_time", "arguments": "{}"}
                    message = {"role": "assistant", "content": None, "tool_calls": [call]}
                choice = {"index": 0, "message": message, "finish_reason": "stop"}
                completion = {"object": "chat.completion", "created": 0, "model": model}
                self.send(200, {"id": "c", **completion, "choices": [choice]})

        def log_message(self, format: str, *args: object) -> None:
            return

    return Handler


@pytest.fixture
def serve(monkeypatch, tmp_path):
    """Start an Endpoint and point zhipu at it through ZAI_BASE_URL."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ZAI_API_KEY", KEY)
    started: list[Endpoint] = []

    def start(**kwargs) -> Endpoint:
        endpoint = Endpoint(**kwargs)
        started.append(endpoint)
        monkeypatch.setenv("ZAI_BASE_URL", endpoint.base)
        return endpoint

    yield start
    for endpoint in started:
        endpoint.stop()


def verify(*args):
    result = CliRunner().invoke(app, ["verify", "-p", "zhipu", *map(str, args)])
    assert KEY not in result.stdout + result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result


def rows(result) -> dict[tuple[str, str], str]:
    """(model, check) -> "result latency detail" of the table row."""
    found = {}
    for line in result.stdout.splitlines():
        cells = [c.strip() for c in line.split("│")]
        if len(cells) == 5 and cells[1] != "check":
            found[(cells[0], cells[1])] = " ".join(c for c in cells[2:] if c)
    return found


def test_healthy_endpoint_passes_every_check(serve):
    endpoint = serve()
    result = verify()
    assert result.exit_code == 0, result.output
    assert endpoint.requests[0][:2] == ("GET", f"{PREFIX}/models")
    chats = endpoint.posted(f"{PREFIX}/chat/completions")
    assert [c["model"] for c in chats] == TIERS
    assert all(c["max_tokens"] == 1 and c["messages"][0]["role"] == "user" for c in chats)
    assert {r[2]["authorization"] for r in endpoint.requests} == {f"Bearer {KEY}"}
    table = rows(result)
    assert table[("-", "models")].startswith("✓")
    assert all(table[(m, "chat")].startswith("✓") for m in TIERS)
    assert result.stdout.splitlines()[-1].endswith(f"{endpoint.base}: 4 passed")


def test_features_probe_stream_tools_json_and_embeddings(serve):
    endpoint = serve()
    result = verify("--features", "--model", "glm-4-flash")
    assert result.exit_code == 0, result.output
    chats = endpoint.posted("/chat/completions")
    assert [c.get("stream", False) for c in chats] == [False, True, False, False]
    assert chats[2]["tools"][0]["function"]["name"] == "get_time"
    assert chats[3]["response_format"] == {"type": "json_object"}
    assert [e["model"] for e in endpoint.posted("/embeddings")] == ["embedding-3"]
    assert set(rows(result)) == {
        ("-", "models"),
        *(("glm-4-flash", c) for c in ("chat", "stream", "tools", "json")),
        ("embedding-3", "embeddings"),
    }
    assert "tool call returned" in rows(result)[("glm-4-flash", "tools")]


def test_rejected_model_shows_the_provider_message(serve):
    error = {"error": {"message": "model not found: x", "code": "1211"}}
    serve(reject={"x": (404, error)})
    result = verify("--model", "glm-4-flash", "--model", "x")
    assert result.exit_code == 1
    table = rows(result)
    assert table[("glm-4-flash", "chat")].startswith("✓")
    assert table[("x", "chat")].startswith("✗")
    assert table[("x", "chat")].endswith("HTTP 404: model not found: x")
    assert result.stdout.splitlines()[-1].endswith("2 passed, 1 failed")


@pytest.mark.parametrize(
    ("status", "body", "detail"),
    [
        (400, {"message": "max_tokens too small", "code": 400}, "HTTP 400: max_tokens too small"),
        (502, "upstream   overloaded\nretry later", "HTTP 502: upstream overloaded retry later"),
    ],
)
def test_other_error_body_shapes(serve, status, body, detail):
    serve(reject={"glm-4-flash": (status, body)})
    result = verify("--model", "glm-4-flash")
    assert result.exit_code == 1
    assert rows(result)[("glm-4-flash", "chat")].endswith(detail)


def test_down_endpoint_one_line_per_model(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    monkeypatch.setenv("ZAI_API_KEY", KEY)
    monkeypatch.setenv("ZAI_BASE_URL", f"http://127.0.0.1:{port}/v4")
    result = verify("--timeout", "5")
    assert result.exit_code == 1
    lines = [line for line in result.stdout.splitlines() if "cannot connect" in line]
    assert len(lines) == 4  # the models list and one per tier model
    assert all(f"cannot connect to http://127.0.0.1:{port}/v4: " in line for line in lines)


def test_slow_endpoint_times_out(serve):
    endpoint = serve(delay=10)
    result = verify("--timeout", "0.5", "--model", "glm-4-flash", "--model", "glm-5.1")
    assert result.exit_code == 1
    # no retries, and no request per model once the first one timed out
    assert [(method, path) for method, path, *_ in endpoint.requests] == [
        ("GET", f"{PREFIX}/models")
    ]
    table = rows(result)
    assert table[("glm-4-flash", "chat")].endswith("timed out after 0.5 s")
    assert table[("glm-5.1", "chat")].endswith("timed out after 0.5 s")


def test_missing_key_exits_2_with_one_line(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("ZAI_API_KEY", raising=False)
    result = verify()
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "migrate-llm: error: ZAI_API_KEY is not set: export ZAI_API_KEY=<your Zhipu AI (GLM) key>\n"
    )


def test_unknown_provider_exits_2(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["verify", "-p", "nope"])
    assert result.exit_code == 2
    assert result.stderr.startswith("migrate-llm: error: unknown provider 'nope'")


def test_key_never_printed_even_when_the_provider_echoes_it(serve):
    echoed = {"error": {"message": f"invalid api key {KEY} (sk-abcdefghijklmnop0123)"}}
    serve(reject={"glm-4-flash": (401, echoed)})
    result = verify("--model", "glm-4-flash")  # verify() asserts KEY is absent
    assert result.exit_code == 1
    assert rows(result)[("glm-4-flash", "chat")].endswith(
        "HTTP 401: invalid api key <key> (sk-ab…23)"
    )


def test_endpoint_without_model_list_still_passes(serve):
    serve(list_models=False)
    result = verify("--model", "glm-4-flash")
    assert result.exit_code == 0, result.output
    row = rows(result)[("-", "models")]
    assert row.startswith("- ") and row.endswith(" the endpoint does not list models")
    assert result.stdout.splitlines()[-1].endswith(": 1 passed, 1 not supported")


def test_models_come_from_the_scanned_code(serve, tmp_path):
    endpoint = serve()
    (tmp_path / "app.py").write_text(
        "from openai import OpenAI\nclient = OpenAI()\n"
        'client.chat.completions.create(model="gpt-4o-mini", messages=[])\n',
        encoding="utf-8",
    )
    result = verify(tmp_path)
    assert result.exit_code == 0, result.output
    assert [c["model"] for c in endpoint.posted("/chat/completions")] == ["glm-4-air-250414"]


def test_openai_model_given_is_mapped_with_a_note(serve):
    endpoint = serve()
    result = verify("--model", "gpt-4o-mini")
    assert result.exit_code == 0
    assert [c["model"] for c in endpoint.posted("/chat/completions")] == ["glm-4-air-250414"]
    assert "gpt-4o-mini is an OpenAI model; checking glm-4-air-250414" in result.stderr


def test_scanned_models_reads_data_not_messages():
    def finding(rule: str, data: dict) -> Finding:
        return Finding(rule, "model", Severity.WARNING, FixClass.REVIEW, "m", 1, 1, 1, 2, data=data)

    found = [
        finding("ML201", {"model_from": "gpt-4o-mini", "model_to": "glm-4-flash"}),
        finding("ML503", {"model_from": "gpt-4o", "model_to": "glm-5.1"}),
        finding("ML202", {"model_from": "gpt-3.5-turbo", "model_to": "glm-4-flash"}),
        finding("ML201", {"model_from": "dall-e-9"}),  # no mapping: nothing to check
        finding("ML201", {"model": "glm-4-long"}),  # already the provider's
        finding("ML001", {}),
    ]
    assert scanned_models(found) == ["glm-4-flash", "glm-5.1", "glm-4-long"]


def test_verify_after_apply_checks_the_models_the_code_now_uses(serve, tmp_path, monkeypatch):
    app_file = tmp_path / "app.py"
    app_file.write_text(
        "from openai import OpenAI\n\n\ndef ask(q):\n"
        "    client = OpenAI()\n"
        '    return client.chat.completions.create(model="gpt-4o-mini", messages=q)\n',
        encoding="utf-8",
    )
    applied = CliRunner().invoke(app, ["apply", str(app_file), "-p", "zhipu", "--yes"])
    assert applied.exit_code == 0, applied.stderr
    assert '"glm-4-air-250414"' in app_file.read_text(encoding="utf-8")
    endpoint = serve()
    result = verify(str(app_file))
    assert result.exit_code == 0, result.stderr
    assert [c["model"] for c in endpoint.posted("/chat/completions")] == ["glm-4-air-250414"]


def test_choose_models_skips_image_models_and_falls_back_to_tiers():
    zhipu = load_registry().get("zhipu")
    assert choose_models(zhipu, [], None) == (TIERS, [])
    models, notes = choose_models(zhipu, [], ["cogview-4", "embedding-3"])
    assert models == ["embedding-3"]
    assert notes == ["skipping cogview-4: verify checks chat and embedding models only"]
    models, notes = choose_models(zhipu, [], [])
    assert models == TIERS and "no OpenAI model names" in notes[0]
