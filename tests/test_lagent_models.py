"""lagent's GPTAPI (ML697, t66c): a `model_type` it builds no request for (not starting with
gpt, internlm or qwen) is left with an error, in a `dict(type=GPTAPI, ...)` config and in a
construction, where apply would have mapped an OpenAI model to it (ML204's edit, ML206's
advice) or a person wrote it; a mapping lagent takes (Qwen's) keeps ML204's edit. Exact
findings with every rule running, bytes after `apply`, exit codes of `check`."""

from __future__ import annotations

from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

from .cli_findings import cli, write_here

REFUSED = (
    "a name lagent refuses: {cls} builds a request only for a model_type starting with gpt, "
    "internlm or qwen (lagent 0.2.4 to 0.5.0rc3, lagent/llms/openai.py, "
    "{cls}.generate_request_data) and raises NotImplementedError for any other before sending "
    "one{left}: subclass {cls} and override generate_request_data to send that model in the "
    'OpenAI chat body ({{"model": model_type, "messages": messages, **gen_params}}), or give it '
    "a model lagent accepts (none of Zhipu AI (GLM)'s models starts so), by hand"
)
CONFIG = (
    "import os\n\nfrom lagent.llms import GPTAPI\nfrom lagent.utils import create_object\n\n"
    "cfg = dict(\n    type=GPTAPI,\n    model_type={model},\n"
    '    key=os.environ.get("ZAI_API_KEY", "none"),\n'
    '    api_base=os.environ.get("ZAI_BASE_URL", "https://open.bigmodel.cn/api/paas/v4")\n'
    '    + "/chat/completions",\n)\nllm = create_object(cfg)\n'
)


def found(registry, text: str, provider: str = "zhipu") -> list[tuple[int, str, str, str, str]]:
    """(line, rule, severity, fix, message) of every finding on `text` but the notes."""
    ctx = RuleContext(registry, registry.get(provider))
    return [
        (f.line, f.rule, f.severity.value, f.fix.value, f.message)
        for f in check_python(text, ctx, PYTHON_RULES)
        if f.severity.value != "note"
    ]


def test_an_openai_model_of_a_config_is_left_where_its_mapping_is_refused(
    registry, tmp_path, monkeypatch
):
    text = CONFIG.format(model='"gpt-4o-mini"')
    message = "model_type='gpt-4o-mini' of the dict(type=GPTAPI) config maps to " + (
        "'glm-4-air-250414' on Zhipu AI (GLM), "
        + REFUSED.format(cls="GPTAPI", left=", so apply leaves it")
    )
    assert found(registry, text) == [(8, "ML697", "error", "manual", message)]
    write_here(tmp_path, monkeypatch, {"bot.py": text})
    assert cli("apply", ".", "--provider", "zhipu", "--yes", "--allow-dirty").exit_code == 0
    assert (tmp_path / "bot.py").read_bytes() == text.encode()  # ML204 wrote glm-4-air-250414
    assert cli("check", ".", "--provider", "zhipu").exit_code == 1  # it was 0


def test_a_refused_name_written_in_a_config_keeps_check_red(registry, tmp_path, monkeypatch):
    text = CONFIG.format(model='"glm-4-air-250414"')  # what apply wrote before (t66c)
    message = "model_type='glm-4-air-250414' of the dict(type=GPTAPI) config, " + REFUSED.format(
        cls="GPTAPI", left=""
    )
    assert found(registry, text) == [(8, "ML697", "error", "manual", message)]
    write_here(tmp_path, monkeypatch, {"bot.py": text})
    assert cli("check", ".", "--provider", "zhipu").exit_code == 1


def test_a_construction_and_a_constant_get_the_error_not_ml206s_advice(registry):
    text = (
        "from lagent.llms.openai import AsyncGPTAPI, GPTAPI\n\n"
        'MODEL = "gpt-4o-mini"\n'
        "sync = GPTAPI(MODEL)\n"
        'aio = AsyncGPTAPI(model_type="glm-4-flash", key="none")\n'
        'cfg = dict(type="lagent.llms.GPTAPI", model_type="gpt-4o")\n'
    )
    assert found(registry, text) == [
        (
            3,
            "ML697",
            "error",
            "manual",
            "constant MODEL = 'gpt-4o-mini' (the model_type of GPTAPI()) maps to "
            "'glm-4-air-250414' on Zhipu AI (GLM), "
            + REFUSED.format(cls="GPTAPI", left=", so apply leaves it"),
        ),
        (
            5,
            "ML697",
            "error",
            "manual",
            "model_type='glm-4-flash' of AsyncGPTAPI(), "
            + REFUSED.format(cls="AsyncGPTAPI", left=""),
        ),
        (
            6,
            "ML697",
            "error",
            "manual",
            "model_type='gpt-4o' of the dict(type=GPTAPI) config maps to 'glm-5.3' on Zhipu AI "
            "(GLM), " + REFUSED.format(cls="GPTAPI", left=", so apply leaves it"),
        ),
    ]


def test_a_mapping_lagent_accepts_keeps_ml204s_edit(registry, tmp_path, monkeypatch):
    text = CONFIG.replace("ZAI_API_KEY", "DASHSCOPE_API_KEY").replace(
        "ZAI_BASE_URL", "DASHSCOPE_BASE_URL"
    )
    text = text.replace(
        "https://open.bigmodel.cn/api/paas/v4", "https://dashscope.aliyuncs.com/compatible-mode/v1"
    )
    write_here(tmp_path, monkeypatch, {"bot.py": text.format(model='"gpt-4o-mini"')})
    assert [r[1] for r in found(registry, text.format(model='"gpt-4o-mini"'), "qwen")] == ["ML204"]
    assert cli("apply", ".", "--provider", "qwen", "--yes", "--allow-dirty").exit_code == 0
    after = text.format(model='"qwen-plus"')
    assert (tmp_path / "bot.py").read_text(encoding="utf-8") == after
    assert found(registry, after, "qwen") == []


def test_names_lagent_accepts_and_other_classes_are_left(registry):
    text = (
        "from lagent.llms import GPTAPI, LMDeployClient\n\n"
        'a = GPTAPI(model_type="internlm2.5-latest")\n'
        'b = GPTAPI(model_type="Qwen-Max")\n'
        'c = dict(type=LMDeployClient, model_name="glm-4")\n'
        'd = dict(type=Other, model_type="glm-4")\n'
    )
    assert found(registry, text) == []
