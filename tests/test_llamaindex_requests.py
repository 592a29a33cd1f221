"""What a LlamaIndex OpenAI LLM sends the provider, checked as an SDK request's parameters
(t55b D1): its `max_tokens=` (ML112), the entries of its `additional_kwargs` and the keys a
subclass's `_get_model_kwargs` sets (ML111), and what its structured output asks for (ML111);
and ML612 on a `**self.X` mapping (t55b D2). Exact findings; `apply` changes none of them."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app

from .cli_findings import finding_rows, run_json

QWEN = "Alibaba Qwen (DashScope / Model Studio)"
LIKE = "from llama_index.llms.openai_like import OpenAILike\n"
HEAD = "import os\n\n" + LIKE
AT_QWEN = (
    '    model="qwen-plus",\n'
    '    api_base=os.environ.get("DASHSCOPE_BASE_URL", '
    '"https://dashscope.aliyuncs.com/compatible-mode/v1"),\n'
    '    api_key=os.environ["DASHSCOPE_API_KEY"],\n'
    "    is_chat_model=True,\n"
)
SCHEMA = '{"type": "json_schema", "json_schema": {"name": "r", "schema": {"type": "object"}}}'
# qwen.toml names the models that take json_schema (`structured_models`): qwen-plus is not
# one of them; a model not known here may be (s62)
REFUSED = (
    f'response_format type "json_schema" is not accepted by {QWEN} (accepted: text, '
    "json_object), nor by qwen-plus (the models taking it: qwen4-max, qwen3.8-max); use "
    "json_object and describe the schema in the prompt"
)
UNKNOWN_MODEL = (
    f'response_format type "json_schema" is not accepted by {QWEN} (accepted: text, '
    "json_object) but by the models qwen4-max, qwen3.8-max; use json_object and describe the "
    "schema in the prompt"
)
STRUCTURED_INSTEAD = (
    "use LlamaIndex's LLMTextCompletionProgram.from_defaults(output_cls=..., "
    "prompt_template_str=..., llm=llm) (from llama_index.core.program), which describes the "
    "schema in the prompt and sends neither"
)
REQUIRED_UNCONFIRMED = (
    " (unconfirmed: older models only none/auto (2025-03); thinking mode rejects "
    "required/object (2026); no Alibaba page found)"
)


def _check(root: Path, provider: str = "qwen") -> tuple[int, list[tuple[int, int, str, str, str]]]:
    code, report = run_json("check", str(root), "-p", provider, "--no-cache")
    return code, finding_rows(report, "line", "column", "rule", "fix", "message")


def _write(tmp_path: Path, text: str) -> Path:
    (tmp_path / "app.py").write_text(text, encoding="utf-8")
    return tmp_path


def test_additional_kwargs_sending_a_json_schema_fails_check(tmp_path):
    """t55b app2.py: 0 findings, rc 0 before; Qwen answered 400."""
    text = (
        HEAD
        + f'llm = OpenAILike(\n{AT_QWEN}    additional_kwargs={{"response_format": {SCHEMA}}},\n)\n'
    )
    assert _check(_write(tmp_path, text)) == (1, [(9, 43, "ML111", "manual", REFUSED)])


def test_the_max_tokens_field_is_sent_under_that_name(tmp_path):
    """t55b app5.py: the SDK's `max_tokens=` got ML112 while the class's got nothing."""
    text = HEAD + f"llm = OpenAILike(\n{AT_QWEN}    max_tokens=64,\n)\n"
    message = (
        f"{QWEN} takes max_completion_tokens=, not max_tokens=; LlamaIndex sends its max_tokens "
        "field under that name and has no field of the other: remove it and pass "
        'additional_kwargs={"max_completion_tokens": ...}, by hand'
    )
    assert _check(_write(tmp_path, text)) == (1, [(9, 5, "ML112", "manual", message)])
    # given the provider's name in additional_kwargs instead: nothing to say
    fixed = (
        HEAD
        + f'llm = OpenAILike(\n{AT_QWEN}    additional_kwargs={{"max_completion_tokens": 64}},\n)\n'
    )
    assert _check(_write(tmp_path, fixed)) == (0, [])


MAX_TOKENS = (
    f"{QWEN} takes max_completion_tokens=, not max_tokens=; LlamaIndex sends its max_tokens "
    "field under that name and has no field of the other: remove it and pass "
    'additional_kwargs={"max_completion_tokens": ...}, by hand'
)
# a subclass of OpenAILike in a module of its own, as private-gpt's PatchedOpenAILikeLLM
MYLM = LIKE + '\n\nclass MyLLM(OpenAILike):\n    """Our patched LLM."""\n'
BUILT = f"(\n{AT_QWEN}    max_tokens=100,\n)\n"


def test_a_base_imported_at_run_time_by_importlib(tmp_path):
    """t66a dyn.py: `importlib.import_module("llama_index.llms.openai_like").OpenAILike` as the
    base of the module's class (no TYPE_CHECKING import): 0 findings, rc 0 before."""
    text = (
        "import importlib\nimport os\n\n"
        'Base = importlib.import_module("llama_index.llms.openai_like").OpenAILike\n\n\n'
        "class MyLLM(Base):\n    pass\n\n\nllm = MyLLM" + BUILT
    )
    assert _check(_write(tmp_path, text)) == (1, [(16, 5, "ML112", "manual", MAX_TOKENS)])


def test_a_class_returned_by_a_loader_of_the_module(tmp_path):
    """t66a: private-gpt's `PatchedOpenAILikeLLM = _load_patched_openai_like()`, the loader
    importing the subclass from another module of the project inside a `try`."""
    (tmp_path / "mylm.py").write_text(MYLM, encoding="utf-8")
    loader = (
        "import os\n\nfrom llama_index.core.llms import LLM\n\n\n"
        "def _load_llm_class():\n    try:\n        from mylm import MyLLM\n\n"
        "        return MyLLM\n    except ImportError as e:\n"
        '        raise ImportError("pip install llama-index-llms-openai-like") from e\n\n\n'
        "def build() -> LLM:\n    cls = _load_llm_class()\n    return cls" + BUILT
    )
    assert _check(_write(tmp_path, loader)) == (1, [(22, 5, "ML112", "manual", MAX_TOKENS)])
    # a loader also returning another class, or given arguments: not followed
    two = loader.replace("        return MyLLM\n", "        return MyLLM if e else LLM\n")
    assert _check(_write(tmp_path, two)) == (0, [])
    # the class of the other module imported by name at the top, through a re-export
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "__init__.py").write_text("from .mylm import MyLLM\n", encoding="utf-8")
    (tmp_path / "pkg" / "mylm.py").write_text(MYLM, encoding="utf-8")
    (tmp_path / "mylm.py").unlink()
    text = (
        "import os\n\nfrom llama_index.core.llms import LLM\n\nfrom pkg import MyLLM\n\n"
        "llm: LLM = MyLLM" + BUILT
    )
    assert _check(_write(tmp_path, text)) == (1, [(12, 5, "ML112", "manual", MAX_TOKENS)])


def test_an_entry_under_the_old_name_in_additional_kwargs(tmp_path):
    text = HEAD + f'llm = OpenAILike(\n{AT_QWEN}    additional_kwargs={{"max_tokens": 64}},\n)\n'
    message = (
        f'{QWEN} takes max_completion_tokens=, not max_tokens=; rename the entry "max_tokens" '
        "by hand (apply leaves the dict: LlamaIndex sends it as it is)"
    )
    assert _check(_write(tmp_path, text)) == (1, [(9, 24, "ML112", "manual", message)])


def test_a_class_pointed_at_another_server_is_not_read(tmp_path):
    text = (
        LIKE + 'llm = OpenAILike(model="llama3", api_base="http://localhost:11434/v1", '
        f'api_key="ollama", max_tokens=64, additional_kwargs={{"response_format": {SCHEMA}}})\n'
    )
    assert _check(_write(tmp_path, text)) == (0, [])


SUBCLASS = (
    HEAD + "\n\nclass JsonLLM(OpenAILike):\n"
    "    def _get_model_kwargs(self, **kwargs):\n"
    "        all_kwargs = super()._get_model_kwargs(**kwargs)\n"
    '        all_kwargs["response_format"] = {value}\n'
    "        return all_kwargs\n"
)


def test_a_subclass_setting_response_format_in_get_model_kwargs(tmp_path):
    """t55b app.py: the override returns the request's arguments; nothing was said before."""
    text = SUBCLASS.format(value=SCHEMA) + f"\n\nllm = JsonLLM(\n{AT_QWEN})\n"
    # the model the class is built with is not read there: the list of those taking it
    assert _check(_write(tmp_path, text)) == (1, [(9, 41, "ML111", "manual", UNKNOWN_MODEL)])
    accepted = (
        SUBCLASS.format(value='{"type": "json_object"}') + f"\n\nllm = JsonLLM(\n{AT_QWEN})\n"
    )
    assert _check(_write(tmp_path, accepted)) == (0, [])


def test_a_subclass_built_only_for_another_server_is_not_read(tmp_path):
    text = SUBCLASS.format(value=SCHEMA) + (
        '\n\nllm = JsonLLM(model="llama3", api_base="http://localhost:11434/v1", api_key="x")\n'
    )
    assert _check(_write(tmp_path, text)) == (0, [])


def test_a_format_built_by_a_method_is_judged_where_each_is_returned(tmp_path):
    """private-gpt's PatchedOpenAILLM: `self._build_format(...)` returns json_schema or
    json_object; the class is built in other modules (not known where: read as the
    provider's, as ML611 asks it to be)."""
    text = (
        "from llama_index.llms.openai import OpenAI\n\n\nclass Patched(OpenAI):\n"
        "    @staticmethod\n"
        "    def _build_format(schema):\n"
        "        if schema is None:\n"
        '            return {"type": "json_object"}\n'
        '        return {"type": "json_schema", "json_schema": {"name": "r", "schema": schema}}\n\n'
        "    def _get_model_kwargs(self, **kwargs):\n"
        "        all_kwargs = super()._get_model_kwargs(**kwargs)\n"
        '        schema = all_kwargs.pop("schema", None)\n'
        "        if schema is not None:\n"
        '            all_kwargs["response_format"] = self._build_format(schema)\n'
        "        return all_kwargs\n"
    )
    code, found = _check(_write(tmp_path, text))
    assert code == 1
    assert [f[:4] for f in found] == [(4, 7, "ML611", "manual"), (9, 16, "ML111", "manual")]
    assert found[1][4] == UNKNOWN_MODEL


STRUCTURED = (
    HEAD + "from pydantic import BaseModel\n\n\nclass Answer(BaseModel):\n    a: str\n\n\n"
    "llm = OpenAILike(\n" + AT_QWEN + "{fields})\n"
    "{call}\n"
)
PREDICT = 'answer = llm.structured_predict(Answer, "{{x}}", x="JSON"{more})'
PROGRAM = (
    "answer = FunctionCallingProgram.from_defaults(\n"
    '    output_cls=Answer, prompt_template_str="{{x}}", llm=llm{more}\n)(x="JSON")\n'
)


def _required(at: tuple[int, int], method: str) -> tuple[int, int, str, str, str]:
    return (
        *at,
        "ML111",
        "manual",
        f'tool_choice="required" ({method}() on OpenAILike (LlamaIndex) asks for it) is not '
        f"accepted by {QWEN} (accepted: none, auto); {STRUCTURED_INSTEAD}{REQUIRED_UNCONFIRMED}",
    )


SCHEMA_ASKED = (
    18,
    14,
    "ML111",
    "manual",
    'response_format type "json_schema" (structured_predict() on OpenAILike (LlamaIndex) asks '
    f"for it) is not accepted by {QWEN} (accepted: text, json_object); {STRUCTURED_INSTEAD}",
)


@pytest.mark.parametrize(
    ("fields", "call", "expected"),
    [
        # OpenAI's structured_predict sets tool_choice="required" in every program mode
        ("", PREDICT.format(more=""), [_required((17, 14), "structured_predict")]),
        (
            "    is_function_calling_model=True,\n",
            PREDICT.format(more=""),
            [_required((18, 14), "structured_predict")],
        ),
        (
            '    pydantic_program_mode="llm",\n',
            PREDICT.format(more=""),
            [_required((18, 14), "structured_predict")],
        ),
        ("    should_use_structured_outputs=True,\n", PREDICT.format(more=""), [SCHEMA_ASKED]),
        # a tool_choice of the call's own is sent instead
        ("", PREDICT.format(more=', llm_kwargs={"tool_choice": "auto"}'), []),
        ("", "sllm = llm.as_structured_llm(Answer)\n", [_required((17, 12), "as_structured_llm")]),
        (
            "",
            "from llama_index.core.program import FunctionCallingProgram\n\n"
            + PROGRAM.format(more=""),
            [_required((19, 33), "FunctionCallingProgram.from_defaults")],
        ),
        (
            "",
            "from llama_index.core.program import FunctionCallingProgram\n\n"
            + PROGRAM.format(more=', tool_choice="auto"'),
            [],
        ),
    ],
)
def test_structured_output_asks_for_what_the_class_sends(tmp_path, fields, call, expected):
    text = STRUCTURED.format(fields=fields, call=call)
    assert _check(_write(tmp_path, text)) == (1 if expected else 0, expected)


def test_apply_leaves_the_requests_parameters(tmp_path, monkeypatch):
    """LlamaIndex's OpenAI class becomes OpenAILike with `max_tokens=` kept (ML611); the
    request's token limit is left to a person (ML112, manual, also before apply)."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "app.py").write_text(
        'from llama_index.llms.openai import OpenAI\nllm = OpenAI(model="gpt-4o", max_tokens=256)\n',
        encoding="utf-8",
    )
    before = _check(tmp_path)[1]
    assert [(f[0], f[2], f[3]) for f in before] == [(2, "ML611", "review"), (2, "ML112", "manual")]
    result = CliRunner().invoke(app, ["apply", ".", "-p", "qwen", "--yes"])
    assert result.exit_code == 0, result.stderr
    assert "    max_tokens=256,\n" in (tmp_path / "app.py").read_text()
    after = _check(tmp_path)[1]
    assert [(f[0], f[2], f[3]) for f in after] == [(12, "ML112", "manual")]


INDEXER = (
    "from llama_index.core import StorageContext, VectorStoreIndex\n\n\n"
    "class Indexer:\n"
    "    def __init__(self{params}) -> None:\n"
    "        self._kwargs = {value}\n\n"
    "    def build(self):\n"
    "        return VectorStoreIndex.from_documents(\n"
    "            documents=[], storage_context=StorageContext.from_defaults(), **self._kwargs\n"
    "        )\n"
)


@pytest.mark.parametrize(
    ("params", "value", "reported"),
    [
        # t55b index_a.py: rc 0 before; LlamaIndex asked for OpenAI's key
        ("", '{"show_progress": False}', True),
        ("", '{"show_progress": False, "embed_model": make_embedding()}', False),
        ("", "make_options()", True),
        # what the class's callers give: theirs to decide
        (", **kwargs", "kwargs", False),
    ],
)
def test_a_mapping_an_attribute_holds_is_read_for_embed_model(
    tmp_path, monkeypatch, params, value, reported
):
    monkeypatch.chdir(tmp_path)
    text = INDEXER.format(params=params, value=value)
    code, found = _check(_write(tmp_path, text))
    if not reported:
        assert (code, found) == (0, [])
        return
    assert code == 1
    assert [(f[0], f[1], f[2]) for f in found] == [(9, 16, "ML612")]
    assert found[0][4].startswith(
        "VectorStoreIndex.from_documents() uses LlamaIndex's default embedding model: it is "
        "given no embed_model= (nor in **self._kwargs) and no file of this project sets "
        "Settings.embed_model"
    )


def test_a_key_set_on_the_attribute_gives_the_model(tmp_path):
    text = INDEXER.format(params="", value="{}").replace(
        "    def build(self):\n",
        '    def set_model(self, model):\n        self._kwargs["embed_model"] = model\n\n'
        "    def build(self):\n",
    )
    assert _check(_write(tmp_path, text)) == (0, [])
