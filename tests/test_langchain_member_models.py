"""ML604 on `self.endpoint._llm.with_structured_output(...)`: the chat model another object
holds, built by that object's class in another module of the project (t67c: quivr's
`self.llm_endpoint._llm`, an LLMEndpoint's ChatOpenAI; `check` was green while every call sent
a json_schema response_format Zhipu refuses). Followed one step through the holder's class
(`rules/member_values.py`): a parameter's annotation, a construction, a class-body annotation."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app

ENDPOINT = """from langchain_openai import ChatOpenAI


class Endpoint:
    def __init__(self, model: str = "gpt-4o"):
        self._llm = ChatOpenAI(model=model)
"""

RAG = """from pydantic import BaseModel

from app.endpoint import Endpoint


class Answer(BaseModel):
    text: str


class Rag:
    def __init__(self, endpoint: Endpoint):
        self.endpoint = endpoint

    def split(self, q: str) -> Answer:
        return self.endpoint._llm.with_structured_output(Answer).invoke(q)
"""

# the line grows past 88 characters: the call is wrapped
FIXED = RAG.replace(
    "with_structured_output(Answer)",
    'with_structured_output(\n            Answer, method="function_calling"\n        )',
)


def project(tmp_path, monkeypatch, rag: str = RAG, endpoint: str = ENDPOINT) -> None:
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "__init__.py").write_text("")
    (tmp_path / "app" / "endpoint.py").write_text(endpoint)
    (tmp_path / "app" / "rag.py").write_text(rag)
    monkeypatch.chdir(tmp_path)


def rag_findings(provider: str) -> list[dict]:
    scan = CliRunner().invoke(app, ["scan", ".", "--provider", provider, "--format", "json"])
    assert scan.exit_code == 0, scan.output
    return [f for f in json.loads(scan.stdout)["findings"] if f["path"] == "app/rag.py"]


def test_zhipu_is_left_to_a_person_and_check_fails_after_apply(tmp_path, monkeypatch):
    project(tmp_path, monkeypatch)
    runner = CliRunner()
    assert runner.invoke(app, ["apply", ".", "--provider", "zhipu", "--yes"]).exit_code == 0
    assert (tmp_path / "app" / "rag.py").read_text() == RAG
    check = runner.invoke(app, ["check", ".", "--provider", "zhipu", "--format", "json"])
    assert check.exit_code == 1
    found = json.loads(check.stdout)["findings"]
    assert [(f["rule"], f["path"], f["line"], f["severity"], f["fix"]) for f in found] == [
        ("ML604", "app/rag.py", 15, "error", "manual")
    ]
    assert found[0]["message"] == (
        "with_structured_output(Answer) of ChatOpenAI() (held as Endpoint._llm in endpoint.py) "
        "asks for structured outputs by response_format json_schema (langchain-openai>=0.3.0's "
        "default method); Zhipu AI (GLM) has no OpenAI-compatible structured_outputs API; its "
        'file lists no named tool_choice either, so method="function_calling" may fail too: '
        'describe the JSON in the prompt and pass method="json_mode", by hand'
    )
    assert found[0]["data"] == {
        "framework": "langchain",
        "class": "ChatOpenAI",
        "method_from": "json_schema",
        "certain": True,
    }


def test_deepseek_gets_the_tool_method_and_a_second_apply_changes_nothing(tmp_path, monkeypatch):
    project(tmp_path, monkeypatch)
    runner = CliRunner()
    assert runner.invoke(app, ["apply", ".", "--provider", "deepseek", "--yes"]).exit_code == 0
    assert (tmp_path / "app" / "rag.py").read_text() == FIXED
    again = runner.invoke(app, ["apply", ".", "--provider", "deepseek", "--diff"])
    assert again.exit_code == 0
    assert "rag.py" not in again.stdout
    assert rag_findings("deepseek") == []


@pytest.mark.parametrize(
    "holder",
    [
        pytest.param("    def __init__(self, endpoint: Endpoint | None):\n", id="optional-bar"),
        pytest.param("    def __init__(self, endpoint: Optional[Endpoint]):\n", id="optional"),
    ],
)
def test_an_optional_annotation(tmp_path, monkeypatch, holder):
    rag = RAG.replace("    def __init__(self, endpoint: Endpoint):\n", holder)
    rag = "from typing import Optional\n\n" + rag
    project(tmp_path, monkeypatch, rag)
    assert [(f["rule"], f["line"]) for f in rag_findings("zhipu")] == [("ML604", 17)]


def test_a_construction_and_a_class_body_annotation(tmp_path, monkeypatch):
    built = RAG.replace(
        "    def __init__(self, endpoint: Endpoint):\n        self.endpoint = endpoint\n",
        "    def __init__(self):\n        self.endpoint = Endpoint()\n",
    )
    annotated = RAG.replace(
        "    def __init__(self, endpoint: Endpoint):\n        self.endpoint = endpoint\n",
        "    endpoint: Endpoint\n",
    )
    for rag, line in ((built, 15), (annotated, 14)):
        project(tmp_path, monkeypatch, rag)
        assert [(f["rule"], f["line"]) for f in rag_findings("zhipu")] == [("ML604", line)]
        for path in sorted((tmp_path / "app").iterdir()):
            path.unlink()
        (tmp_path / "app").rmdir()


@pytest.mark.parametrize(
    "endpoint",
    [
        pytest.param(
            ENDPOINT.replace(
                "ChatOpenAI(model=model)", "ChatOpenAI(model=model, base_url=URL)"
            ).replace("class Endpoint", 'URL = "http://localhost:11434/v1"\n\n\nclass Endpoint'),
            id="own-server",
        ),
        pytest.param(ENDPOINT.replace("ChatOpenAI(model=model)", "model"), id="not-a-build"),
    ],
)
def test_left_alone(tmp_path, monkeypatch, endpoint):
    project(tmp_path, monkeypatch, endpoint=endpoint)
    assert rag_findings("zhipu") == []


def test_a_method_other_than_json_schema_is_left(tmp_path, monkeypatch):
    rag = RAG.replace("(Answer)", '(Answer, method="json_mode")')
    project(tmp_path, monkeypatch, rag)
    assert rag_findings("deepseek") == []


# quivr's LLMEndpoint (t67e member_via_factory): `__init__` stores the chat model it is given,
# and a factory classmethod builds ChatOpenAI and hands it to `cls(...)`
FACTORY = """import os

from langchain_core.language_models.chat_models import BaseChatModel
from langchain_openai import ChatOpenAI


class Endpoint:
    def __init__(self, model: str, llm: BaseChatModel):
        self.model = model
        self._llm = llm

    @classmethod
    def from_config(cls, model: str = "gpt-4o") -> "Endpoint":
        _llm = ChatOpenAI(model=model, api_key=os.environ["OPENAI_API_KEY"])
        return cls(model=model, llm=_llm)
"""

TOOLS = RAG + (
    "\n    def cite(self, q: str):\n"
    '        return self.endpoint._llm.bind_tools([Answer], tool_choice="any").invoke(q)\n'
)


def test_a_factory_building_the_model_for_init_is_followed_and_check_fails_after_apply(
    tmp_path, monkeypatch
):
    project(tmp_path, monkeypatch, TOOLS, FACTORY)
    runner = CliRunner()
    assert runner.invoke(app, ["apply", ".", "--provider", "zhipu", "--yes"]).exit_code == 0
    assert "ZAI_API_KEY" in (tmp_path / "app" / "endpoint.py").read_text()
    assert (tmp_path / "app" / "rag.py").read_text() == TOOLS
    check = runner.invoke(app, ["check", ".", "--provider", "zhipu", "--format", "json"])
    assert check.exit_code == 1
    found = json.loads(check.stdout)["findings"]
    assert [(f["rule"], f["path"], f["line"], f["fix"]) for f in found] == [
        ("ML604", "app/rag.py", 15, "manual"),
        ("ML111", "app/rag.py", 18, "manual"),
    ]
    assert found[1]["message"] == (
        'tool_choice="any" of ChatOpenAI() (held as Endpoint._llm in endpoint.py).bind_tools() '
        'is sent by langchain-openai as "required", which Zhipu AI (GLM) does not accept '
        '(accepted: auto); use "auto" and check that the model calls a tool'
    )


@pytest.mark.parametrize(
    "built",
    [
        pytest.param("return cls(model, _llm)", id="by-position"),
        pytest.param("return Endpoint(model=model, llm=_llm)", id="by-class-name"),
        pytest.param(
            "if model:\n            return cls(model, llm=_llm)\n"
            "        return cls(model=model, llm=ChatOpenAI())",
            id="each-a-build",
        ),
    ],
)
def test_the_constructions_of_the_class_pass_the_model(tmp_path, monkeypatch, built):
    endpoint = FACTORY.replace("return cls(model=model, llm=_llm)", built)
    project(tmp_path, monkeypatch, TOOLS, endpoint)
    assert [(f["rule"], f["line"]) for f in rag_findings("zhipu")] == [
        ("ML604", 15),
        ("ML111", 18),
    ]


@pytest.mark.parametrize(
    "built",
    [
        pytest.param("return cls(**{'model': model, 'llm': _llm})", id="a-mapping"),
        pytest.param("return _llm", id="no-construction"),
        pytest.param(
            "return cls(model=model, llm=ChatOpenAI(base_url=os.environ['VLLM_BASE_URL'], "
            "api_key=os.environ['VLLM_API_KEY']))",
            id="own-server",
        ),
        pytest.param(
            "return cls(model=model, llm=ChatOpenAI(base_url='https://api.deepseek.com'))",
            id="another-provider",
        ),
    ],
)
def test_a_parameter_not_shown_to_be_a_build_is_left(tmp_path, monkeypatch, built):
    endpoint = FACTORY.replace("return cls(model=model, llm=_llm)", built)
    project(tmp_path, monkeypatch, TOOLS, endpoint)
    assert rag_findings("zhipu") == []


def test_a_base_url_chosen_at_run_time_reaches_the_provider(tmp_path, monkeypatch):
    # quivr's `base_url=config.llm_base_url`: ML601 says to make it the provider's
    endpoint = FACTORY.replace(
        'api_key=os.environ["OPENAI_API_KEY"]', "base_url=config.llm_base_url"
    ).replace('model: str = "gpt-4o"', 'model: str = "gpt-4o", config=None')
    project(tmp_path, monkeypatch, TOOLS, endpoint)
    assert [(f["rule"], f["line"]) for f in rag_findings("zhipu")] == [
        ("ML604", 15),
        ("ML111", 18),
    ]


def test_a_value_not_shown_to_be_a_build_beside_one_makes_a_warning(tmp_path, monkeypatch):
    # one construction passes ChatOpenAI, another what `make()` gives, and a method of the
    # class stores what it is given: the object may hold ChatOpenAI, so each call is reported,
    # as a warning left to a person (`tests/test_langchain_member_choices.py`)
    built = (
        "if model:\n            return cls(model, llm=_llm)\n"
        "        return cls(model=model, llm=make())"
    )
    swapped = ENDPOINT + "\n    def swap(self, llm):\n        self._llm = llm\n"
    held = "held as Endpoint._llm in endpoint.py, which may also hold other providers' classes"
    for endpoint, rag in (
        (FACTORY.replace("return cls(model=model, llm=_llm)", built), TOOLS),
        (swapped, RAG),
    ):
        project(tmp_path, monkeypatch, rag, endpoint)
        found = rag_findings("zhipu")
        expected = [("ML604", 15, "warning", "manual")]
        if rag is TOOLS:
            expected.append(("ML111", 18, "warning", "manual"))
        assert [(f["rule"], f["line"], f["severity"], f["fix"]) for f in found] == expected
        assert all(f"ChatOpenAI() ({held})" in f["message"] for f in found)
        for path in sorted((tmp_path / "app").iterdir()):
            path.unlink()
        (tmp_path / "app").rmdir()
