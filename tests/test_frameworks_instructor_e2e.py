"""End to end with instructor: tests/frameworks_apps/instructor_functions_app sends the legacy
`functions=` request and parses its response with `OpenAISchema.from_response`, whose default
mode (Mode.TOOLS) fails on it in instructor 0.4.7 to 1.15.1 (smol-ai/developer, trial 48h).
Migrated with `apply`, the call reads the response in `Mode.FUNCTIONS` (ML654), and the app
runs against tests/loopback_server.py with no OPENAI_* variable set.

Marked `frameworks`: it needs `instructor` (the `frameworks` extra).
"""

from __future__ import annotations

import pytest

from .test_frameworks_agents_e2e import migrated_copy, needs, run_app

pytestmark = pytest.mark.frameworks


def test_a_functions_request_parsed_in_functions_mode_runs(registry, server, tmp_path, monkeypatch):
    needs("instructor")
    provider = registry.get("doubao")
    project = migrated_copy("instructor_functions_app", "doubao", tmp_path, monkeypatch)
    source = (project / "orders.py").read_text()
    assert "from instructor import Mode, OpenAISchema\n" in source
    assert "    return Order.from_response(completion, mode=Mode.FUNCTIONS)\n" in source

    proc, path, key = run_app(registry, provider, project, "orders.py", server, tmp_path)
    assert proc.stdout.splitlines() == ["order: 42"]
    [request] = server.requests
    assert (request.path, request.body["model"]) == (
        f"{path}/chat/completions",
        provider.map_model("gpt-4o-mini"),
    )
    assert [f["name"] for f in request.body["functions"]] == ["Order"]
    assert request.body["function_call"] == {"name": "Order"}
    assert "tools" not in request.body
    assert request.headers.get("authorization") == f"Bearer {key}"
