"""LangChain chat classes and `init_chat_model()` (ML601, ML603), LlamaIndex's LLM (ML611) and
`[model_params]`: a keyword the model the class sends
fixes or does not take is reported in ML115's words and removed as ML115 removes a request's
(its line, a comment after it, or it and its comma); a default the class sends anyway is left
to a person (LlamaIndex always sends a temperature). Exact messages and text, idempotence, and
`check` after `apply`."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.engine import FileScanner
from migrate_llm.model import FixClass
from migrate_llm.rules.base import RuleContext

from .conftest import ACME_DIR

CURRENT = "from langchain_openai import ChatOpenAI\n"
COMMUNITY = "from langchain_community.chat_models import ChatOpenAI\n"
IMPORTS = "import os\n\n"
KEY = '    api_key=os.environ.get("ACME_API_KEY", "unset"),\n'
URL = '    base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
THINKING_OFF = '    extra_body={"thinking": {"type": "disabled"}},\n'
OLD_KEY = '    openai_api_key=os.environ.get("ACME_API_KEY", "unset"),\n'
OLD_URL = '    openai_api_base=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
THINK_TEMPERATURE = (
    "acme-think fixes temperature on Acme Cloud: temperature= is removed (the model ignores "
    "or rejects it)"
)
GPT4O = {"gpt-4o": "acme-think"}
ACME_URL = "https://api.acme.example/v1"


def migrate(registry, text: str, provider: str = "acme", models=None):
    ctx = RuleContext(registry, registry.get(provider), None, dict(models or {}))
    return FileScanner(ctx, Path(".")).migrate_text(text, "python", "app.py", "app.py")


def parameters(change, rule: str = "ML601") -> list:
    """A rule's findings of request parameters (those with ML115's data)."""
    return [f for f in change.findings if f.rule == rule and "param" in f.data]


def said(change, rule: str = "ML601") -> list[tuple[int, int, FixClass, str]]:
    return [(f.line, f.column, f.fix, f.message) for f in parameters(change, rule)]


def applied(registry, before: str, provider: str = "acme", models=None) -> str:
    """The text `apply` writes; a second run edits nothing and says no parameter again."""
    change = migrate(registry, before, provider, models)
    assert change.error is None
    again = migrate(registry, change.after, provider, models)
    assert again.after == change.after
    assert [f for f in again.findings if f.edit is not None] == []
    assert parameters(again) == parameters(again, "ML603") == []
    return change.after


REMOVALS = [
    pytest.param(
        CURRENT + 'llm = ChatOpenAI(model="acme-think", temperature=0)\n',
        IMPORTS + CURRENT + f'llm = ChatOpenAI(\n{KEY}{URL}    model="acme-think",\n)\n',
        id="last-keyword-with-its-comma",
    ),
    pytest.param(
        CURRENT + 'llm = ChatOpenAI(temperature=0, model="acme-think")\n',
        IMPORTS + CURRENT + f'llm = ChatOpenAI(\n{KEY}{URL}    model="acme-think",\n)\n',
        id="first-keyword-where-the-new-ones-go",
    ),
    pytest.param(
        CURRENT
        + 'llm = ChatOpenAI(\n    model="acme-think",\n    temperature=0,  # same answer\n)\n',
        IMPORTS + CURRENT + f'llm = ChatOpenAI(\n{KEY}{URL}    model="acme-think",\n)\n',
        id="its-line-and-the-comment-after-it",
    ),
    pytest.param(
        CURRENT + "llm = ChatOpenAI(\n    temperature=0,\n    # the reasoning model\n"
        '    model="acme-think",\n)\n',
        IMPORTS + CURRENT + f"llm = ChatOpenAI(\n{KEY}{URL}    # the reasoning model\n"
        '    model="acme-think",\n)\n',
        id="a-comment-line-below-stays",
    ),
    pytest.param(
        CURRENT
        + 'llm = ChatOpenAI(\n    model="gpt-4o",\n    temperature=0,\n    organization="o")\n',
        IMPORTS + CURRENT + f"llm = ChatOpenAI(\n{KEY}{URL}{THINKING_OFF}"
        '    tiktoken_model_name="gpt-4o",\n    model="acme-think")\n',
        id="beside-a-dropped-keyword",
    ),
    pytest.param(
        CURRENT + 'llm = ChatOpenAI(\n    model="acme-think",\n    logit_bias={\n        "1": 2,\n'
        "    },\n    streaming=True,\n)\n",
        IMPORTS + CURRENT + f'llm = ChatOpenAI(\n{KEY}{URL}    model="acme-think",\n'
        "    streaming=True,\n)\n",
        id="a-value-over-several-lines",
    ),
    pytest.param(
        "from langchain_openai import AzureChatOpenAI\n"
        'llm = AzureChatOpenAI(azure_deployment="d", model="acme-think", temperature=0)\n',
        IMPORTS + CURRENT + f'llm = ChatOpenAI(\n{KEY}{URL}    model="acme-think",\n)\n',
        id="an-azure-class-made-plain",
    ),
]


@pytest.mark.parametrize(("before", "after"), REMOVALS)
def test_a_keyword_the_model_fixes_is_removed_as_ml115_removes_it(registry, before, after):
    assert applied(registry, before, models=GPT4O) == after


def test_the_finding_has_ml115s_words_and_data(registry):
    change = migrate(registry, CURRENT + 'llm = ChatOpenAI(model="gpt-4o", temperature=0)\n')
    assert said(change) == []  # acme-large fixes nothing
    change = migrate(
        registry, CURRENT + 'llm = ChatOpenAI(model="gpt-4o", top_p=0.5)\n', models=GPT4O
    )
    [finding] = parameters(change)
    assert (finding.line, finding.column, finding.fix, finding.severity.value) == (
        2,
        34,
        FixClass.REVIEW,
        "warning",
    )
    assert finding.edit is None
    assert finding.message == (
        "acme-think (mapped from gpt-4o) fixes top_p on Acme Cloud: top_p= is removed (the "
        "model ignores or rejects it)"
    )
    assert finding.data == {
        "model": "acme-think",
        "model_from": "gpt-4o",
        "param": "top_p",
        "fact": "fixed",
        "glob": "acme-think*",
    }
    assert finding in change.fixed  # inside the edit of the construction


def test_a_constant_model_and_an_uncertain_entry(registry):
    text = CURRENT + 'MODEL = "acme-think-pro"\nllm = ChatOpenAI(model=MODEL, presence_penalty=1)\n'
    assert said(migrate(registry, text)) == [
        (
            3,
            31,
            FixClass.REVIEW,
            "acme-think-pro does not take presence_penalty on Acme Cloud: presence_penalty= is "
            "removed (unconfirmed: one forum post)",
        )
    ]
    assert "presence_penalty" not in applied(registry, text)


def test_with_the_model_unknown_only_star_entries_apply(registry):
    text = (
        CURRENT + "def make(m):\n"
        '    return ChatOpenAI(model=m, temperature=0, logit_bias={"1": 2})\n'
    )
    assert said(migrate(registry, text)) == [
        (
            3,
            47,
            FixClass.REVIEW,
            "Acme Cloud's models do not take logit_bias: logit_bias= is removed",
        )
    ]
    after = applied(registry, text)
    assert "        model=m,\n        temperature=0,\n    )\n" in after
    assert "logit_bias" not in after


def test_a_parameter_default_is_not_a_known_model(registry):
    text = CURRENT + 'def make(m="acme-think"):\n    return ChatOpenAI(model=m, temperature=0)\n'
    assert said(migrate(registry, text)) == []


def test_several_choices_are_left_for_a_person(registry):
    text = CURRENT + 'llm = ChatOpenAI(model="kimi-k2.6", n=3, temperature=0)\n'
    change = migrate(registry, text, "moonshot")
    head = "kimi-k2.6 fixes {} on Moonshot AI (Kimi)"
    assert said(change) == [
        (
            2,
            37,
            FixClass.MANUAL,
            head.format("n") + ": the response holds one choice where the code asks for n=3; "
            "make that many requests by hand",
        ),
        (
            2,
            42,
            FixClass.REVIEW,
            head.format("temperature")
            + ": temperature=1.0 is written in place of 0, its value when thinking: ChatOpenAI "
            "from langchain_openai sends temperature=0.7 when not given before langchain-openai "
            "0.3.0, so removing it would not do",
        ),
    ]
    assert '    model="kimi-k2.6",\n    n=3,\n    temperature=1.0,\n)\n' in change.after


def test_the_deprecated_class_sends_its_temperature_anyway(registry):
    text = COMMUNITY + 'llm = ChatOpenAI(model="acme-think")\n'
    change = migrate(registry, text)
    [finding] = parameters(change)
    assert (finding.line, finding.column, finding.fix) == (2, 7, FixClass.MANUAL)
    assert finding.message == (
        "acme-think fixes temperature on Acme Cloud: ChatOpenAI from "
        "langchain_community.chat_models sends temperature=0.7 by default; use "
        "langchain_openai.ChatOpenAI (package langchain-openai), which sends it only when given"
    )
    assert finding.data["default"] == "0.7"
    # pointed at the provider, it is said again: `check` keeps failing
    again = migrate(registry, change.after)
    assert again.after == change.after
    assert [(f.fix, f.message) for f in parameters(again)] == [(FixClass.MANUAL, finding.message)]


def test_removing_the_keyword_of_the_deprecated_class_would_not_help(registry):
    text = "from langchain.chat_models import ChatOpenAI\n" + (
        'llm = ChatOpenAI(model="acme-think", temperature=0, n=1)\n'
    )
    change = migrate(registry, text)
    assert said(change) == [
        (
            2,
            38,
            FixClass.MANUAL,
            "acme-think fixes temperature on Acme Cloud: ChatOpenAI from langchain.chat_models "
            "sends temperature in every request, 0.7 when not given; use "
            "langchain_openai.ChatOpenAI (package langchain-openai), which sends it only when "
            "given, and remove temperature=",
        )
    ]
    assert change.after == IMPORTS + (
        "from langchain.chat_models import ChatOpenAI\n"
        f'llm = ChatOpenAI(\n{OLD_KEY}{OLD_URL}    model="acme-think",\n    temperature=0,\n'
        "    n=1,\n)\n"
    )


def test_one_choice_sent_by_default_is_what_a_model_fixing_n_gives(registry):
    change = migrate(registry, COMMUNITY + 'llm = ChatOpenAI(model="kimi-k2.6")\n', "moonshot")
    assert [f.data["param"] for f in parameters(change)] == ["temperature"]


def test_a_class_already_on_the_provider_loses_the_keyword(registry):
    # what apply wrote before it knew: Chainlit's cookbook on Kimi sent temperature 0.0
    call = f'llm = ChatOpenAI(\n{KEY}{URL}    model="acme-think",\n    temperature=0,  # exact\n)\n'
    text = IMPORTS + CURRENT + call
    change = migrate(registry, text)
    assert said(change) == [(8, 5, FixClass.REVIEW, THINK_TEMPERATURE)]
    [finding] = parameters(change)
    assert finding.edit is not None
    assert change.after == IMPORTS + CURRENT + (
        f'llm = ChatOpenAI(\n{KEY}{URL}    model="acme-think",\n)\n'
    )
    assert applied(registry, change.after) == change.after


def test_other_classes_and_providers_keep_their_keywords(registry):
    same = [
        # another host: not the provider's request
        CURRENT + 'llm = ChatOpenAI(base_url="http://localhost:8000/v1", model="acme-think", '
        "temperature=0)\n",
        # the text completions class
        'from langchain_openai import OpenAI\nllm = OpenAI(model="acme-think", temperature=0)\n',
    ]
    for text in same:
        assert said(migrate(registry, text)) == [], text
    kimi = CURRENT + 'llm = ChatOpenAI(model="moonshot-v1-8k", temperature=0)\n'
    assert said(migrate(registry, kimi, "moonshot")) == []


def test_kimi_after_apply_passes_check(tmp_path, monkeypatch):
    # Chainlit/cookbook: `ChatOpenAI(model="gpt-4o-mini", temperature=0)` moved to Kimi
    app_py = tmp_path / "app.py"
    app_py.write_text(CURRENT + 'llm = ChatOpenAI(model="gpt-4o-mini", temperature=0)\n')
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    before = runner.invoke(app, ["check", ".", "--provider", "moonshot"])
    assert before.exit_code == 1
    assert (
        "app.py:2:39 ML601 kimi-k2.6 (mapped from gpt-4o-mini) fixes temperature on Moonshot AI "
        "(Kimi): temperature=0.6 is written in place of 0, its value with thinking turned off: "
        "ChatOpenAI from langchain_openai sends temperature=0.7 when not given before "
        "langchain-openai 0.3.0, so removing it would not do (temperature=1.0 where the switch "
        "is dropped)"
    ) in before.stdout
    result = runner.invoke(app, ["apply", ".", "--provider", "moonshot", "--yes"])
    assert result.exit_code == 0, result.stderr
    assert app_py.read_text() == IMPORTS + CURRENT + (
        "llm = ChatOpenAI(\n"
        '    api_key=os.environ.get("MOONSHOT_API_KEY", "unset"),\n'
        '    base_url=os.environ.get("MOONSHOT_BASE_URL", "https://api.moonshot.cn/v1"),\n'
        f"{THINKING_OFF}"
        '    tiktoken_model_name="gpt-4o-mini",\n'
        '    model="kimi-k2.6",\n'
        "    temperature=0.6,\n)\n"
    )
    after = runner.invoke(app, ["check", ".", "--provider", "moonshot"])
    assert after.exit_code == 0, after.stdout


def test_check_fails_on_the_deprecated_class_until_it_is_replaced(tmp_path, monkeypatch):
    (tmp_path / "app.py").write_text(COMMUNITY + 'llm = ChatOpenAI(model="acme-think")\n')
    monkeypatch.chdir(tmp_path)
    acme = ["--providers-dir", str(ACME_DIR), "--provider", "acme"]
    runner = CliRunner()
    assert runner.invoke(app, ["apply", ".", *acme, "--yes"]).exit_code == 0
    result = runner.invoke(app, ["check", ".", *acme])
    assert result.exit_code == 1
    assert "ChatOpenAI from langchain_community.chat_models sends temperature=0.7" in result.stdout


INIT = "from langchain.chat_models import init_chat_model\n"
INIT_KEY = '    api_key=os.environ.get("ACME_API_KEY", "unset"),\n'


def test_init_chat_model_loses_a_keyword_the_model_fixes(registry):
    text = INIT + 'llm = init_chat_model("openai:gpt-4o", temperature=0, streaming=True)\n'
    change = migrate(registry, text, models=GPT4O)
    assert said(change, "ML603") == [
        (
            2,
            40,
            FixClass.REVIEW,
            "acme-think (mapped from gpt-4o) fixes temperature on Acme Cloud: temperature= is "
            "removed (the model ignores or rejects it)",
        )
    ]
    assert applied(registry, text, models=GPT4O) == IMPORTS + INIT + (
        f'llm = init_chat_model(\n    "openai:acme-think",\n{INIT_KEY}{URL}{THINKING_OFF}'
        "    streaming=True,\n)\n"
    )  # acme-think thinks unless told not to, gpt-4o did not (ML118's switch, in ML603's edit)


def test_init_chat_model_with_the_model_unknown_keeps_temperature(registry):
    text = (
        INIT + "def make(m):\n"
        '    return init_chat_model(m, model_provider="openai", temperature=0, logit_bias={})\n'
    )
    assert said(migrate(registry, text), "ML603") == [
        (
            3,
            71,
            FixClass.REVIEW,
            "Acme Cloud's models do not take logit_bias: logit_bias= is removed",
        )
    ]
    after = applied(registry, text)
    assert "        temperature=0,\n    )\n" in after
    assert "logit_bias" not in after


def test_init_chat_model_already_on_the_provider_loses_the_keyword(registry):
    call = f'llm = init_chat_model(\n    "openai:acme-think",\n{INIT_KEY}{URL}    top_p=0.5,\n)\n'
    change = migrate(registry, IMPORTS + INIT + call)
    assert said(change, "ML603") == [
        (
            8,
            5,
            FixClass.REVIEW,
            "acme-think fixes top_p on Acme Cloud: top_p= is removed (the model ignores or "
            "rejects it)",
        )
    ]
    assert change.after == IMPORTS + INIT + (
        f'llm = init_chat_model(\n    "openai:acme-think",\n{INIT_KEY}{URL})\n'
    )


LLAMA = "from llama_index.llms.openai import OpenAI\n"
LIKE = "from llama_index.llms.openai_like import OpenAILike\n"
LLAMA_SENDS = (
    "acme-think{} fixes temperature on Acme Cloud: {} from {} sends {}; LlamaIndex has no "
    "setting that leaves it out: pass temperature= the value Acme Cloud documents for the model"
)


def test_llamaindex_sends_its_default_temperature(registry):
    change = migrate(registry, LLAMA + 'llm = OpenAI(model="acme-think")\n')
    assert said(change, "ML611") == [
        (
            2,
            7,
            FixClass.MANUAL,
            LLAMA_SENDS.format(
                "", "OpenAI", "llama_index.llms.openai", "temperature=0.1 by default"
            ),
        )
    ]
    [finding] = parameters(change, "ML611")
    assert finding.data["default"] == "0.1"
    # as OpenAILike on the provider, it is said again: `check` keeps failing
    again = migrate(registry, change.after)
    assert again.after == change.after
    assert said(again, "ML611") == [
        (
            4,
            7,
            FixClass.MANUAL,
            LLAMA_SENDS.format(
                "", "OpenAILike", "llama_index.llms.openai_like", "temperature=0.1 by default"
            ),
        )
    ]


def test_llamaindex_keeps_a_temperature_given(registry):
    # removing it would send 0.1
    text = LLAMA + 'llm = OpenAI(model="gpt-4o", temperature=0, max_tokens=64)\n'
    change = migrate(registry, text, models=GPT4O)
    sent = "temperature in every request, 0.1 when not given"
    assert said(change, "ML611") == [
        (
            2,
            30,
            FixClass.MANUAL,
            LLAMA_SENDS.format(" (mapped from gpt-4o)", "OpenAI", "llama_index.llms.openai", sent),
        )
    ]
    assert '    model="acme-think",\n    temperature=0,\n    max_tokens=64,\n)\n' in change.after
    call = f'llm = OpenAILike(\n{KEY}    api_base="{ACME_URL}",\n    model="acme-think",\n'
    on_provider = IMPORTS + LIKE + call + "    temperature=1,\n)\n"
    again = migrate(registry, on_provider)
    assert again.after == on_provider
    assert said(again, "ML611") == [
        (
            8,
            5,
            FixClass.MANUAL,
            LLAMA_SENDS.format("", "OpenAILike", "llama_index.llms.openai_like", sent),
        )
    ]


def test_llamaindex_other_models_and_hosts_say_nothing(registry):
    same = [
        LLAMA + 'llm = OpenAI(model="gpt-4o", temperature=0)\n',  # acme-large fixes nothing
        LIKE + 'llm = OpenAILike(model="acme-think", api_base="http://localhost:8000/v1")\n',
        "from llama_index.llms.openai import OpenAIResponses\n"
        'llm = OpenAIResponses(model="acme-think", temperature=0)\n',
    ]
    for text in same:
        assert said(migrate(registry, text), "ML611") == [], text


def test_llamaindex_on_kimi_fails_check_after_apply(tmp_path, monkeypatch):
    app_py = tmp_path / "app.py"
    app_py.write_text(LLAMA + 'llm = OpenAI(model="gpt-4o-mini")\n')
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    assert runner.invoke(app, ["apply", ".", "--provider", "moonshot", "--yes"]).exit_code == 0
    assert "llm = OpenAILike(" in app_py.read_text()
    result = runner.invoke(app, ["check", ".", "--provider", "moonshot"])
    assert result.exit_code == 1
    assert (
        "app.py:4:7 ML611 kimi-k2.6 fixes temperature on Moonshot AI (Kimi): OpenAILike from "
        "llama_index.llms.openai_like sends temperature=0.1 by default; LlamaIndex has no setting "
        "that leaves it out: pass temperature= the value Moonshot AI (Kimi) documents for the "
        "model (https://platform.kimi.ai/docs/guide/migrating-from-openai-to-kimi)"
    ) in result.stdout
