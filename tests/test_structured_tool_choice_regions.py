"""TradingAgents on Qwen (trial t52b).

- `ChatOpenAI(...).with_structured_output(Plan, method="function_calling")` sends the schema
  as a tool named in `tool_choice`, which Qwen's file says it does not take (its thinking
  models refuse one): nothing said so (D5). ML604 does, as ML111 does of an SDK call.
- The project serves both of Qwen's regions (its `qwen` and `qwen-cn` entries): each run said
  to pass the other `--region` (D7). A module writing both regions' URLs is left alone.
- The Next line said DASHSCOPE_BASE_URL overrides the base URL where only a table row apply
  rewrote reads it (D6): it says where.
"""

from __future__ import annotations

from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python
from migrate_llm.run_facts import RunFacts

from .conftest import ACME_DIR


def scan(registry, text, provider="qwen", region=None, facts=None):
    ctx = RuleContext(registry, registry.get(provider), region=region, facts=facts or RunFacts())
    return check_python(text, ctx, PYTHON_RULES, path="app.py")


def rows(found, *rules):
    return [
        (f.line, f.rule, f.severity.value, f.fix.value, f.message) for f in found if f.rule in rules
    ]


PLANNER = """from langchain_openai import ChatOpenAI
from pydantic import BaseModel


class Plan(BaseModel):
    action: str


llm = ChatOpenAI(model="gpt-5.5")
planner = llm.with_structured_output(Plan, method="function_calling")
"""

QWEN_UNCONFIRMED = (
    "(unconfirmed: older models only none/auto (2025-03); thinking mode rejects "
    "required/object (2026); no Alibaba page found)"
)


def test_function_calling_structured_output_sends_a_named_tool_choice_qwen_refuses(registry):
    found = scan(registry, PLANNER)
    assert rows(found, "ML604", "ML111") == [
        (
            10,
            "ML604",
            "warning",
            "manual",
            "with_structured_output(Plan) of ChatOpenAI() sends the schema as a tool named in "
            'tool_choice (method="function_calling"), which Alibaba Qwen (DashScope / Model '
            f"Studio) does not accept (accepted: none, auto) {QWEN_UNCONFIRMED}; pass "
            'method="json_schema" where the model serves it (Alibaba Qwen (DashScope / Model '
            "Studio)'s structured_outputs support is partial (providers/qwen.toml: json_schema "
            "documented for qwen4-max; third-party list for qwen3.8-max / qwen3.7; older models "
            'json_object only)), or method="json_mode" with the JSON described in the prompt, '
            "by hand",
        )
    ]
    assert found[-1].data == {
        "framework": "langchain",
        "class": "ChatOpenAI",
        "method_from": "function_calling",
        "certain": True,
    }


def test_a_provider_taking_a_named_tool_choice_is_not_told(registry):
    assert rows(scan(registry, PLANNER, provider="deepseek"), "ML604") == []


def test_a_tool_choice_of_the_call_replaces_the_named_one(registry):
    text = PLANNER.replace(
        'method="function_calling")', 'method="function_calling", tool_choice=None)'
    )
    assert rows(scan(registry, text), "ML604") == []


def test_the_default_of_an_old_langchain_openai_is_a_named_tool_choice(registry):
    text = PLANNER.replace(', method="function_calling"', "")
    facts = RunFacts(langchain_openai_function_calling=True)
    found = scan(registry, text, provider="zhipu", facts=facts)
    assert rows(found, "ML604") == [
        (
            10,
            "ML604",
            "warning",
            "manual",
            "with_structured_output(Plan) of ChatOpenAI() sends the schema as a tool named in "
            "tool_choice (langchain-openai<0.3.0's default method), which Zhipu AI (GLM) does "
            'not accept (accepted: auto); pass method="json_mode" with the JSON described in '
            "the prompt, by hand",
        )
    ]


REGIONS = """from openai import OpenAI

PROVIDERS = {
    "qwen": "https://dashscope-intl.aliyuncs.com/compatible-mode/v1",
    "qwen-cn": "https://dashscope.aliyuncs.com/compatible-mode/v1",
}


def make(name, key):
    return OpenAI(base_url=PROVIDERS[name], api_key=key)
"""


def test_a_module_writing_both_regions_urls_serves_both_on_purpose(registry):
    intl = "https://dashscope-intl.aliyuncs.com/compatible-mode/v1"
    cn = "https://dashscope.aliyuncs.com/compatible-mode/v1"
    for region, line, url, other, at in (("cn", 4, intl, cn, 5), ("intl", 5, cn, intl, 4)):
        found = scan(registry, REGIONS, region=region)
        assert [r for r in rows(found, "ML003") if r[0] == line] == [
            (
                line,
                "ML003",
                "note",
                "none",
                "this URL points at Alibaba Qwen (DashScope / Model Studio), in its region "
                f"{'intl' if region == 'cn' else 'cn'} ({url}), and the module writes its other "
                f"region's URL ({other}, line {at}) too: the program serves both regions on "
                "purpose; left as it is",
            )
        ]


def test_the_runs_region_as_apply_writes_it_is_not_the_programs_own(registry):
    text = (
        "import os\n\nfrom openai import OpenAI\n\n"
        'INTL = "https://dashscope-intl.aliyuncs.com/compatible-mode/v1"\n'
        "c = OpenAI(base_url=os.environ.get(\n"
        '    "DASHSCOPE_BASE_URL", "https://dashscope.aliyuncs.com/compatible-mode/v1"\n'
        "))\n"
    )
    found = scan(registry, text)
    assert [(r[0], r[3]) for r in rows(found, "ML003") if r[0] == 5] == [(5, "manual")]
    assert "pass --region intl" in rows(found, "ML003")[0][4]


KEYS = 'import os\n\nKEY = os.environ["OPENAI_API_KEY"]\n'
URLS = 'OPENAI_URL = "https://api.openai.com/v1"\n'


def test_next_says_where_the_base_url_variable_is_read_when_only_urls_read_it(
    tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "keys.py").write_text(KEYS)
    (tmp_path / "urls.py").write_text(URLS)
    done = CliRunner().invoke(
        app,
        ["apply", ".", "--providers-dir", str(ACME_DIR), "--provider", "acme", "--yes",
         "--allow-dirty"],
    )  # fmt: skip
    assert done.exit_code == 0, done.stderr
    assert done.stderr.splitlines()[-1] == (
        "Next: export ACME_API_KEY=<your Acme Cloud key> (the OpenAI key does not work there). "
        "ACME_BASE_URL overrides the base URL https://api.acme.example/v1 only where apply "
        "wrote its read, in urls.py:1 (a proxy, a region, a test server): code that takes its "
        "URL elsewhere does not read it."
    )
