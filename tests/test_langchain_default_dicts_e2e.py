"""End to end with the real frameworks (marker `frameworks`): NeedleInAHaystack's evaluator
shape (t48b), a LangChain `ChatOpenAI(model=self.model_name, api_key=self.api_key,
**self.model_kwargs)` whose dict is a class constant `model_kwargs` defaults to. The dict holds
no base URL, so apply points the class at Kimi, and writes the temperature kimi-k2.6 takes while
it thinks (1.0) in place of 0, which Kimi refuses."""

from __future__ import annotations

import json

import pytest

from .test_frameworks_langchain_e2e import KEY, migrated, run_process

pytestmark = pytest.mark.frameworks

EVALUATOR = """import json
import os

from langchain_openai import ChatOpenAI


class Evaluator:
    DEFAULT_MODEL_KWARGS: dict = dict(temperature=0)

    def __init__(self, model_name="gpt-3.5-turbo", model_kwargs=DEFAULT_MODEL_KWARGS):
        self.model_name = model_name
        self.model_kwargs = model_kwargs
        self.api_key = os.getenv("EVALUATOR_API_KEY")
        self.llm = ChatOpenAI(model=self.model_name, api_key=self.api_key, **self.model_kwargs)


print(json.dumps({"answer": Evaluator().llm.invoke("Score this.").content}))
"""


def test_the_evaluators_class_and_dict_run_on_kimi(registry, server, tmp_path, monkeypatch):
    project = tmp_path / "evaluator"
    project.mkdir()
    (project / "assistant.py").write_text(EVALUATOR)
    migrated(project, "moonshot", monkeypatch)  # check passes, a second apply changes nothing
    source = (project / "assistant.py").read_text()
    assert "DEFAULT_MODEL_KWARGS: dict = dict(temperature=1.0)" in source
    assert (
        "        self.llm = ChatOpenAI(\n"
        '            base_url=os.environ.get("MOONSHOT_BASE_URL", "https://api.moonshot.cn/v1"),\n'
        "            model=self.model_name,\n"
        '            api_key=self.api_key or os.environ.get("MOONSHOT_API_KEY", "unset"),\n'
        "            **self.model_kwargs,\n"
        "        )\n"
    ) in source
    provider = registry.get("moonshot")
    proc = run_process(project, provider, server, registry, tmp_path)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert json.loads(proc.stdout.strip().splitlines()[-1]) == {"answer": "reply from kimi-k2.6"}
    [request] = server.requests
    assert request.path == "/v1/chat/completions"
    assert request.headers["authorization"] == f"Bearer {KEY}"
    assert {k: v for k, v in request.body.items() if k not in ("messages", "stream")} == {
        "model": "kimi-k2.6",
        "temperature": 1.0,
    }
