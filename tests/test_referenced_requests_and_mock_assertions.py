"""Fixes from the DocsGPT trial (t49e): an SDK request method handed uncalled to a helper,
stored or kept as a callback is a request ML101 checks where the provider lacks its API (D1),
and the arguments of a mock assertion are what the code under test passes, never a client ML402
rewrites (D4). Exact findings, before/after text and `check` exit codes."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.engine import migrate_text
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

MOONSHOT = "Moonshot AI (Kimi)"
DOCS = "https://platform.kimi.ai/docs/guide/migrating-from-openai-to-kimi"
NO_RESPONSES = (
    f"{MOONSHOT} has no OpenAI-compatible responses API; this call fails after the switch "
    f"(see {DOCS}); azure, deepseek, doubao, qwen offer it"
)
NO_EMBEDDINGS = (
    f"{MOONSHOT} has no OpenAI-compatible embeddings API; this call fails after the switch "
    f"(see {DOCS}); acme, azure, baichuan, doubao, ernie, hunyuan, qwen, siliconflow, zhipu offer it"
)
MIGRATED_CLIENT = (
    "import os\n\nfrom openai import OpenAI\n\n\nclass LLM:\n    def __init__(self):\n"
    "        self.client = OpenAI(\n"
    '            api_key=os.environ["MOONSHOT_API_KEY"],\n'
    '            base_url=os.environ.get("MOONSHOT_BASE_URL", "https://api.moonshot.cn/v1"),\n'
    "        )\n\n"
)
# repro/resp of the trial: DocsGPT's `_create_with_tool_fallback(self.client.responses.create,
# ...)`, already pointed at Moonshot
HELPER = (
    MIGRATED_CLIENT + "    def _call(self, fn, params):\n        return fn(**params)\n\n"
    "    def gen(self, model, text):\n"
    '        return self._call(self.client.responses.create, {"model": model, "input": text})\n'
)


def found(registry, text: str, rule: str, provider: str = "moonshot") -> list[tuple]:
    """(line, column, severity, fix, message, data) of the findings of `rule` on `text`."""
    ctx = RuleContext(registry, registry.get(provider))
    return [
        (f.line, f.column, f.severity.value, f.fix.value, f.message, f.data)
        for f in check_python(text, ctx, PYTHON_RULES)
        if f.rule == rule
    ]


def migrated(registry, text: str, path: str = "app.py") -> str:
    ctx = RuleContext(registry, registry.get("moonshot"))
    after, _ = migrate_text(text, "python", path, check_python(text, ctx, PYTHON_RULES))
    again = check_python(after, ctx, PYTHON_RULES)
    assert [f for f in again if f.edit is not None] == []  # a second apply changes nothing
    return after


def check(path: Path) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["check", str(path), "--provider", "moonshot"])
    return result.exit_code, result.output


# --- D1: an SDK request method referenced uncalled ---------------------------------------------


def test_a_method_passed_to_a_helper_without_keywords_is_the_request_it_makes(registry):
    assert found(registry, HELPER, "ML101") == [
        (
            17,
            27,
            "error",
            "manual",
            f"responses.create() (passed to self._call()) through an OpenAI client; {NO_RESPONSES}",
            {"surface": "responses", "call": "responses.create"},
        )
    ]


def test_check_fails_on_the_trial_repro(tmp_path):
    (tmp_path / "a.py").write_text(HELPER)
    code, output = check(tmp_path)
    assert code == 1
    assert "a.py:17:27 ML101 responses.create() (passed to self._call())" in output


def test_stored_and_listed_references_are_reported_where_they_are(registry):
    text = (
        "from openai import OpenAI\n\nclient = OpenAI()\n"
        "send = client.embeddings.create\n"
        'ROUTES = {"chat": client.chat.completions.create, "embed": client.embeddings.create}\n'
        "run(fn=client.embeddings.create)\n\n\n"
        "def pick():\n    return client.embeddings.create\n"
    )
    said = "embeddings.create() ({}) through an OpenAI client; " + NO_EMBEDDINGS
    data = {"surface": "embeddings", "call": "embeddings.create"}
    elsewhere = "referenced here, called elsewhere"
    assert found(registry, text, "ML101") == [
        (4, 8, "error", "manual", said.format(elsewhere), data),
        (5, 60, "error", "manual", said.format(elsewhere), data),
        (6, 8, "error", "manual", said.format("passed to run()"), data),
        (10, 12, "error", "manual", said.format(elsewhere), data),
    ]


def test_a_method_bound_to_a_name_it_calls_is_reported_at_the_call_only(registry):
    text = (
        "from openai import OpenAI\n\nclient = OpenAI()\n"
        "embed = client.embeddings.create\n"
        'vectors = embed(model=m, input="x")\n'
    )
    assert [f[:2] for f in found(registry, text, "ML101")] == [(5, 11)]
    assert found(registry, text, "ML101")[0][4] == (
        f"embeddings.create() (as embed()) through an OpenAI client; {NO_EMBEDDINGS}"
    )


def test_a_served_or_untraced_reference_says_nothing(registry, tmp_path):
    text = (
        "from openai import OpenAI\n\nclient = OpenAI()\n"
        "ask = with_timeout(client.chat.completions.create)\n"
        "ROUTES = [client.chat.completions.create, client.chat.completions.parse]\n\n\n"
        "def answer(other, params):\n"
        "    return call(other.responses.create, params)\n"
    )
    assert found(registry, text, "ML101") == []
    # pointed at Moonshot, the file is clean for check
    clean = MIGRATED_CLIENT + (
        "    def ask(self, params):\n"
        "        return self._retry(self.client.chat.completions.create, params)\n"
    )
    (tmp_path / "a.py").write_text(clean)
    assert check(tmp_path) == (0, "0 findings for moonshot in 0 of 1 file\n")


def test_a_reference_to_an_api_the_provider_serves_elsewhere_is_not_reported(registry):
    # DeepSeek marks responses as served (uncertain): the reference is no error there
    assert found(registry, HELPER, "ML101", provider="deepseek") == []


# --- D4: mock assertions ----------------------------------------------------------------------

MOD = (
    "from openai import OpenAI\n\n\nclass LLM:\n"
    "    def __init__(self, api_key=None, base_url=None):\n"
    '        self.client = OpenAI(api_key=api_key, base_url=base_url or "https://api.openai.com/v1")\n'
)
TEST = (
    "from unittest import mock\n\nimport mod\n\n\n"
    "def test_default_base_url(monkeypatch):\n"
    "    fake = mock.MagicMock()\n"
    '    monkeypatch.setattr(mod, "OpenAI", fake)\n'
    '    mod.LLM(api_key="k")\n'
    '    fake.assert_called_once_with(api_key="k", base_url="https://api.openai.com/v1")\n'
)
ASSERTED = (
    "OpenAI URL https://api.openai.com/v1 in a mock assertion ({}()): the test asserts what the "
    "code under test passes, so apply leaves it and the key beside it; where apply points that "
    f"code at {MOONSHOT}, the test asserts the old URL: expect https://api.moonshot.cn/v1 (or "
    "the read of MOONSHOT_BASE_URL the code makes) there by hand"
)


def test_a_mock_assertion_keeps_its_key_and_url(registry):
    assert migrated(registry, TEST, "test_mod.py") == TEST
    assert found(registry, TEST, "ML402") == [
        (10, 56, "warning", "manual", ASSERTED.format("fake.assert_called_once_with"), {})
    ]
    # the code under test is still migrated
    assert migrated(registry, MOD, "mod.py") == (
        "import os\n\nfrom openai import OpenAI\n\n\nclass LLM:\n"
        "    def __init__(self, api_key=None, base_url=None):\n"
        "        self.client = OpenAI(\n"
        '            api_key=os.environ.get("MOONSHOT_API_KEY", "unset")\n'
        "            if not base_url\n"
        "            else (\n"
        "                api_key\n"
        "                or (\n"
        '                    os.environ.get("MOONSHOT_API_KEY", "unset")\n'
        '                    if str(base_url).rstrip("/").lower()\n'
        "                    in (\n"
        "                        os.environ.get(\n"
        '                            "MOONSHOT_BASE_URL", "https://api.moonshot.cn/v1"\n'
        "                        )\n"
        '                        .rstrip("/")\n'
        "                        .lower(),\n"
        '                        "https://api.moonshot.cn/v1",\n'
        '                        "https://api.moonshot.ai/v1",\n'
        "                    )\n"
        "                    else api_key\n"
        "                )\n"
        "            ),\n"
        "            base_url=base_url\n"
        '            or os.environ.get("MOONSHOT_BASE_URL", "https://api.moonshot.cn/v1"),\n'
        "        )\n"
    )


def test_expected_calls_and_their_dicts_are_left_too(registry):
    text = (
        "import os\nfrom unittest import mock\nfrom unittest.mock import call\n\n\n"
        "def test_calls(fake):\n"
        '    fake.assert_has_calls([call(api_key="sk-proj-x", base_url="https://api.openai.com/v1")])\n'
        '    fake.assert_any_call(api_key=os.getenv("OPENAI_API_KEY"), '
        'base_url="https://api.openai.com/v1")\n'
        '    assert fake.call_args == mock.call(cfg={"api_key": "k", '
        '"base_url": "https://api.openai.com/v1"})\n'
    )
    assert migrated(registry, text, "test_calls.py") == text
    assert [(f[0], f[2], f[3], f[4]) for f in found(registry, text, "ML402")] == [
        (7, "warning", "manual", ASSERTED.format("call")),
        (8, "warning", "manual", ASSERTED.format("fake.assert_any_call")),
        (9, "warning", "manual", ASSERTED.format("mock.call")),
    ]


def test_check_stays_red_on_the_asserted_url_and_the_test_passes_before_apply(tmp_path):
    (tmp_path / "mod.py").write_text(MOD)
    (tmp_path / "test_mod.py").write_text(TEST)
    result = CliRunner().invoke(app, ["apply", str(tmp_path), "--provider", "moonshot", "--yes"])
    assert result.exit_code == 0
    assert (tmp_path / "test_mod.py").read_text() == TEST
    code, output = check(tmp_path)
    assert code == 1
    assert "test_mod.py:10:56 ML402 OpenAI URL https://api.openai.com/v1 in a mock assertion" in (
        output
    )


# --- t58b: a method passed to a helper where the provider's file does not confirm its API ----

QWEN = "Alibaba Qwen (DashScope / Model Studio)"
QWEN_DOCS = (
    "https://www.alibabacloud.com/help/en/model-studio/compatibility-of-openai-with-dashscope"
)
FORWARD = (
    "import os\nimport openai\n\n"
    'client = openai.OpenAI(base_url=os.environ["DASHSCOPE_BASE_URL"], '
    'api_key=os.environ["DASHSCOPE_API_KEY"])\n\n\n'
    "def forward(method, body):\n    return method(**body)\n\n\n"
    "def complete(body):\n    return forward(client.completions.create, body)\n\n\n"
    "def draw(body):\n    return forward(client.images.generate, body)\n\n\n"
    "def direct(body):\n    return client.completions.create(**body)\n"
)
PARTIAL = f"{QWEN}'s completions support is partial; test this call (see {QWEN_DOCS})"


def test_a_partly_served_method_passed_to_a_helper_warns_as_its_call_does(registry):
    completions = {"surface": "completions", "call": "completions.create"}
    assert found(registry, FORWARD, "ML101", provider="qwen") == [
        (
            12,
            20,
            "warning",
            "manual",
            f"completions.create() (passed to forward()) through an OpenAI client; {PARTIAL}",
            completions,
        ),
        (
            16,
            20,
            "error",
            "manual",
            f"images.generate() (passed to forward()) through an OpenAI client; {QWEN} has no "
            f"OpenAI-compatible images API; this call fails after the switch (see {QWEN_DOCS}); "
            "doubao, ernie, siliconflow, zhipu offer it",
            {"surface": "images", "call": "images.generate"},
        ),
        (
            20,
            12,
            "warning",
            "manual",
            f"completions.create() through an OpenAI client; {PARTIAL}",
            completions,
        ),
    ]


def test_check_fails_on_a_partly_served_method_passed_to_a_helper(tmp_path):
    (tmp_path / "app.py").write_text(FORWARD.split("\n\n\ndef draw")[0] + "\n")
    result = CliRunner().invoke(app, ["check", str(tmp_path), "--provider", "qwen"])
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == (
        "1 finding for qwen in 1 of 1 file; 0 error, 1 warning, 0 note"
    )
    assert (
        "app.py:12:20 ML101 completions.create() (passed to forward()) through an OpenAI "
        f"client; {PARTIAL}"
    ) in result.output
