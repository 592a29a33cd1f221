"""End to end with the real frameworks (marker `frameworks`): a LangChain chat class given
openai<1.0's `headers` in `model_kwargs` (AgentGPT's Helicone headers, t50g D2), migrated with
`apply --provider deepseek` and run against the loopback server: the renamed `extra_headers`
reaches the request as headers, where `headers` raised TypeError under openai>=1."""

from __future__ import annotations

import pytest

from .test_frameworks_langchain_e2e import migrated, run, run_process

pytestmark = pytest.mark.frameworks

APP = '''"""One chat answer through LangChain's older ChatOpenAI, with headers for a proxy."""

import json

from langchain_community.chat_models.openai import ChatOpenAI

HEADERS = {"Helicone-User-Id": "user-7"}
chat = ChatOpenAI(
    model="gpt-3.5-turbo", max_tokens=50, model_kwargs={"user": "a@b.c", "headers": HEADERS}
)


def main() -> None:
    answer = chat.invoke("Say hello in one word.")
    print(json.dumps({"answer": answer.content}))


if __name__ == "__main__":
    main()
'''


def test_headers_in_model_kwargs_reach_the_provider_as_headers(
    registry, server, tmp_path, monkeypatch
):
    pytest.importorskip("langchain_community")
    provider = registry.get("deepseek")
    project = tmp_path / "app"
    project.mkdir()
    (project / "assistant.py").write_text(APP)
    # as written, pointed at the loopback server by OpenAI's variables: under openai>=1 the
    # request never leaves
    at_openai = {"OPENAI_API_KEY": "sk-test", "OPENAI_API_BASE": server.base + "/v1"}
    failed = run_process(project, provider, server, registry, tmp_path, **at_openai)
    assert failed.returncode == 1
    assert "unexpected keyword argument 'headers'" in failed.stderr
    assert server.requests == []
    migrated(project, "deepseek", monkeypatch)
    source = (project / "assistant.py").read_text()
    assert '"extra_headers": HEADERS' in source and '"headers"' not in source
    assert run(project, provider, server, registry, tmp_path) == {
        "answer": "reply from deepseek-flash"
    }
    [request] = server.requests
    assert request.headers["helicone-user-id"] == "user-7"
    assert request.body["user"] == "a@b.c"
    assert "headers" not in request.body and "extra_headers" not in request.body
    assert request.body["thinking"] == {"type": "disabled"}
