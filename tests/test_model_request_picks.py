"""A model-family check that picks chat or legacy completions requests (babyagi's `if not
model.startswith("gpt-"):` before `openai.Completion.create`, chat otherwise): once apply mapped
the default to `qwen-flash`, every request went to `/completions`, which Qwen serves for Qwen
Coder only, and babyagi retried the 400 forever. ML205 widens such a `startswith` test with
what the family's models map to (review) and ML204 maps the default with it; a test it cannot
widen is an error naming the requests; a check that only prints is a note (t48c)."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.engine import migrate_text
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.prefix_lists import glob_starts
from migrate_llm.rules.python import check_python

from .loopback_run import run_guarded

# t48c's repro: the test reads a parameter whose default is the module's setting
BRANCHED = """import os
import openai

LLM_MODEL = os.getenv("LLM_MODEL", "gpt-3.5-turbo")


def call(prompt, model=LLM_MODEL):
    if not model.lower().startswith("gpt-"):
        r = openai.Completion.create(engine=model, prompt=prompt, max_tokens=50)
        return r.choices[0].text
    r = openai.ChatCompletion.create(model=model, messages=[{"role": "user", "content": prompt}])
    return r.choices[0].message.content


print(call("hi"))
"""
QWEN_MODELS = ("qwen-flash", "qwen4-max", "qwen-plus", "qwen3-vl-plus")
PICKS = (
    ".startswith('gpt-') picks chat requests (openai.ChatCompletion.create() on line 11) for "
    "the models passing it and legacy completions requests (openai.Completion.create() on line "
    "9) for the others: what apply maps OpenAI's 'gpt-' models to ('qwen-flash', 'qwen4-max', "
    "'qwen-plus' and 1 more) never matches it"
)


def found(registry, text, rules=("ML204", "ML205"), provider="qwen"):
    ctx = RuleContext(registry, registry.get(provider))
    return [f for f in check_python(text, ctx, PYTHON_RULES) if f.rule in rules]


def test_a_prefix_test_picking_the_request_kind_gains_the_mapped_models(registry):
    setting, family = found(registry, BRANCHED)
    assert (setting.rule, setting.line, setting.fix.value) == ("ML204", 4, "review")
    assert (family.rule, family.line, family.fix.value, family.severity.value) == (
        "ML205",
        8,
        "review",
        "warning",
    )
    assert family.message == (
        f"{PICKS}, so once mapped they would get legacy completions requests; apply adds the "
        "starts of Alibaba Qwen (DashScope / Model Studio)'s model ids ('qwen', 'qwq-', 'qvq-') "
        "to the prefixes it tests, so any of its models set at run time gets chat requests too"
    )
    assert family.data == {
        "family": "gpt-",
        "request_passing": "chat",
        "request_failing": "completions",
        "models_to": list(QWEN_MODELS),
    }
    after, _ = migrate_text(BRANCHED, "python", "app.py", [setting, family])
    assert after == BRANCHED.replace('"gpt-3.5-turbo"', '"qwen-flash"').replace(
        'model.lower().startswith("gpt-")',
        'model.lower().startswith(("gpt-", "qwen", "qwq-", "qvq-"))',
    )
    assert [f for f in found(registry, after) if f.edit is not None] == []


def test_a_default_the_test_reads_directly_is_mapped_with_the_widened_test(registry):
    text = (
        "import os\n\nfrom openai import OpenAI\n\nclient = OpenAI()\n"
        'M = os.getenv("LLM_MODEL", "gpt-3.5-turbo").lower()\n\n\n'
        "def ask(prompt):\n"
        "    return (\n"
        "        client.chat.completions.create(model=M, messages=prompt)\n"
        '        if M.strip().startswith(("gpt-3", "gpt-4"))\n'
        "        else client.completions.create(model=M, prompt=prompt)\n"
        "    )\n"
    )
    setting, family = found(registry, text, provider="acme")
    assert (setting.line, setting.fix.value, family.line, family.fix.value) == (
        6,
        "review",
        12,
        "review",
    )
    # one finding for the test, its two OpenAI families together
    assert family.data["models_to"] == ["acme-small", "acme-large"]
    after, _ = migrate_text(text, "python", "app.py", [setting, family])
    assert after == text.replace('"gpt-3.5-turbo"', '"acme-small"').replace(
        '("gpt-3", "gpt-4")', '("gpt-3", "gpt-4", "acme-small", "acme-large")'
    )
    assert [f for f in found(registry, after, provider="acme") if f.edit is not None] == []


def test_a_test_it_cannot_widen_is_an_error_naming_the_requests(registry):
    text = BRANCHED.replace('not model.lower().startswith("gpt-")', '"gpt" not in model')
    (family,) = found(registry, text, rules=("ML205",))
    assert (family.line, family.severity.value, family.fix.value, family.edit) == (
        8,
        "error",
        "manual",
        None,
    )
    assert family.message == (
        "'gpt' in ... picks chat requests (openai.ChatCompletion.create() on line 11) for the "
        "models passing it and legacy completions requests (openai.Completion.create() on line "
        "9) for the others: what apply maps OpenAI's 'gpt' models to ('qwen-flash', "
        "'qwen4-max', 'qwen-plus' and 1 more) never matches it, so once mapped they are sent as "
        "legacy completions requests, which Alibaba Qwen (DashScope / Model Studio) serves only "
        "in part; apply cannot widen this test: make it accept them by hand"
    )
    assert family.data["request_failing"] == "completions"


def test_a_test_giving_chat_to_the_models_failing_it_is_a_note(registry):
    text = BRANCHED.replace("if not model.lower()", "if model.lower()").replace(
        'startswith("gpt-")', 'startswith("gpt-4")'
    )
    (family,) = found(registry, text, rules=("ML205",))
    assert (family.severity.value, family.fix.value, family.edit) == ("note", "none", None)
    assert family.message == (
        ".startswith('gpt-4') picks legacy completions requests (openai.Completion.create() on "
        "line 9) for the models passing it and chat requests (openai.ChatCompletion.create() on "
        "line 11) for the others: Alibaba Qwen (DashScope / Model Studio)'s models fail it and "
        "get chat requests; leave it"
    )


def test_a_check_that_only_prints_is_a_note(registry):
    text = (
        "import os\n\n"
        'M = os.getenv("M", "gpt-3.5-turbo").lower()\n'
        'if M.startswith("gpt-4"):\n    print("expensive")\n'
        'if "gpt-4" in M:\n    logger.warning("expensive")\nelse:\n    print("cheap")\n'
        'if M.startswith("gpt-4"):\n    sys.exit("expensive")\n'
    )
    checks = found(registry, text, rules=("ML205",))
    assert [(f.line, f.severity.value, f.fix.value) for f in checks] == [
        (4, "note", "none"),
        (6, "note", "none"),
        (10, "warning", "manual"),  # exit: more than a message
    ]
    assert checks[0].message == (
        ".startswith('gpt-4') is an OpenAI model-family check that only decides what the "
        "program shows (print() on line 5): Alibaba Qwen (DashScope / Model Studio)'s models "
        "never match it, so once mapped that message changes, and no request does; leave it, or "
        "make it accept them by hand"
    )
    assert checks[0].data == {"family": "gpt-4"}


def test_the_applied_program_sends_chat_requests_and_a_second_apply_changes_nothing(
    registry, server, tmp_path, monkeypatch
):
    (tmp_path / "app.py").write_text(BRANCHED, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    scan = CliRunner().invoke(app, ["scan", ".", "--provider", "qwen", "--format", "json"])
    [picked] = [f for f in json.loads(scan.stdout)["findings"] if f["rule"] == "ML205"]
    assert (picked["line"], picked["fix"], picked["data"]["models_to"]) == (
        8,
        "review",
        list(QWEN_MODELS),
    )
    done = CliRunner().invoke(app, ["apply", ".", "--provider", "qwen", "--yes"])
    assert done.exit_code == 0, done.stderr
    applied = (tmp_path / "app.py").read_text(encoding="utf-8")
    assert '"qwen-flash")\n' in applied and '("gpt-", "qwen", "qwq-", "qvq-")' in applied
    again = CliRunner().invoke(app, ["apply", ".", "--provider", "qwen", "--diff"])
    assert again.stdout == ""
    check = CliRunner().invoke(app, ["check", ".", "--provider", "qwen", "--format", "json"])
    # the completions branch stays for the models the program is given otherwise
    assert [f["rule"] for f in json.loads(check.stdout)["findings"]] == ["ML101"]

    provider = registry.get("qwen")
    env = {provider.api_key_env: "qwen-key", provider.base_url_env: server.base + "/v1"}
    proc, blocked = run_guarded("app.py", tmp_path, env)
    assert blocked == [] and proc.returncode == 0, proc.stderr
    [request] = server.requests
    assert (request.path, request.body["model"]) == ("/v1/chat/completions", "qwen-flash")


# t51d's r8: SiliconFlow's ids are mixed case, the test lowercases what it tests
MIXED = """import openai


def call(model, prompt):
    if not model.lower().startswith("gpt-"):
        return openai.Completion.create(engine=model, prompt=prompt)
    return openai.ChatCompletion.create(model=model, messages=[{"role": "user", "content": prompt}])


call("gpt-4", "hi")
"""
# the provider's chat models only: not what its transcription and speech tiers name
# (`gpt-4o-transcribe` and `gpt-4o-mini-tts` map to FunAudioLLM's)
SILICONFLOW_CHAT = (
    "deepseek-ai/DeepSeek-V3.2",
    "Qwen/Qwen3-235B-A22B-Instruct-2507",
    "zai-org/GLM-4.6V",
    "Qwen/Qwen3-8B",
)


def test_what_apply_wrote_is_not_reported_again(registry, tmp_path, monkeypatch):
    (family,) = found(registry, MIXED, rules=("ML205",), provider="siliconflow")
    assert (family.severity.value, family.fix.value) == ("warning", "review")
    assert family.data["models_to"] == list(SILICONFLOW_CHAT)
    (tmp_path / "app.py").write_text(MIXED, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(app, ["apply", ".", "-p", "siliconflow", "--yes", "--no-cache"])
    assert done.exit_code == 0, done.output
    applied = (tmp_path / "app.py").read_text(encoding="utf-8")
    assert applied.split("def call")[1].split("return")[0] == (
        "(model, prompt):\n"
        "    if not model.lower().startswith(\n"
        "        (\n"
        '            "gpt-",\n'
        '            "deepseek-ai/deepseek-v3.2",\n'
        '            "qwen/qwen3-235b-a22b-instruct-2507",\n'
        '            "zai-org/glm-4.6v",\n'
        '            "qwen/qwen3-8b",\n'
        "        )\n"
        "    ):\n        "
    )
    # apply's own output is a fixed point: check does not report what it wrote
    check = CliRunner().invoke(app, ["check", ".", "-p", "siliconflow", "--no-cache"])
    assert (check.exit_code, check.output) == (0, "0 findings for siliconflow in 0 of 1 file\n")
    again = CliRunner().invoke(app, ["apply", ".", "-p", "siliconflow", "--diff", "--no-cache"])
    assert again.stdout == ""


def test_a_lowercased_test_widened_by_hand_counts_as_fixed(registry):
    text = MIXED.replace('startswith("gpt-")', 'startswith(("gpt-", "qwen/"))')
    (family,) = found(registry, text, rules=("ML205",), provider="siliconflow")
    # "Qwen/Qwen3-8B" passes it as the test reads it (`.lower()`): a note, not an error
    assert (family.severity.value, family.fix.value) == ("note", "manual")
    assert family.message == (
        "'gpt-' in .startswith(...) is an OpenAI model-family check beside 'qwen/', which "
        "SiliconFlow's models match: apply leaves it, as fixed by hand; what apply maps "
        "OpenAI's 'gpt-' models to does not all match it ('deepseek-ai/DeepSeek-V3.2', "
        "'zai-org/GLM-4.6V'): make it accept them if the program uses them"
    )
    assert family.data == {
        "family": "gpt-",
        "models_to": ["deepseek-ai/DeepSeek-V3.2", "zai-org/GLM-4.6V"],
    }


# t65f: Doubao's `model=` may be an Ark Endpoint ID (`ep-2025...`); [detect] models lists
# `doubao-*`, `Doubao-*`, `Skylark*` and `ep-20[0-9][0-9]*`
DOUBAO = BRANCHED.replace("model.lower().startswith", "model.startswith")
DOUBAO_STARTS = ("doubao-", "Doubao-", "Skylark", "ep-20")


def test_glob_starts_are_the_literal_starts_of_wildcard_globs():
    assert glob_starts(["doubao-*", "ep-20[0-9][0-9]*", "o1", "qwen?x", "*-x", "o1-*"]) == [
        "doubao-",
        "ep-20",
        "qwen",
        "o1-",
    ]


def test_the_provider_files_model_starts_widen_the_test(registry, server, tmp_path, monkeypatch):
    (family,) = found(registry, DOUBAO, rules=("ML205",), provider="doubao")
    assert family.message == (
        ".startswith('gpt-') picks chat requests (openai.ChatCompletion.create() on line 11) for "
        "the models passing it and legacy completions requests (openai.Completion.create() on "
        "line 9) for the others: what apply maps OpenAI's 'gpt-' models to "
        "('doubao-seed-2-0-mini-260215', 'doubao-seed-2-1-pro-260628', "
        "'doubao-seed-2-1-turbo-260628') never matches it, so once mapped they would get legacy "
        "completions requests; apply adds the starts of ByteDance Doubao (Volcengine Ark)'s "
        "model ids ('doubao-', 'Doubao-', 'Skylark', 'ep-20') to the prefixes it tests, so any "
        "of its models set at run time gets chat requests too"
    )
    (tmp_path / "app.py").write_text(DOUBAO, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(app, ["apply", ".", "-p", "doubao", "--yes", "--no-cache"])
    assert done.exit_code == 0, done.output
    applied = (tmp_path / "app.py").read_text(encoding="utf-8")
    tuple_text = ", ".join(f'"{s}"' for s in ("gpt-", *DOUBAO_STARTS))
    assert f"    if not model.startswith(({tuple_text})):\n" in applied
    again = CliRunner().invoke(app, ["apply", ".", "-p", "doubao", "--diff", "--no-cache"])
    assert again.stdout == ""
    check = CliRunner().invoke(app, ["check", ".", "-p", "doubao", "--format", "json"])
    assert [f["rule"] for f in json.loads(check.stdout)["findings"]] == ["ML101"]

    provider = registry.get("doubao")
    for model in ("ep-20250101123456-abcde", "doubao-seed-1-6-250615", "davinci-002"):
        env = {
            provider.api_key_env: "ark-key",
            provider.base_url_env: server.base + "/v1",
            "LLM_MODEL": model,
        }
        proc, blocked = run_guarded("app.py", tmp_path, env)
        assert blocked == [] and proc.returncode == (model == "davinci-002"), proc.stderr
    # an endpoint id and another Doubao model get chat requests; another id still goes to
    # /completions, which the test server, as Ark is not known to, does not serve (ML101)
    assert "Error code: 404 - no route /v1/completions" in proc.stderr
    assert [(r.path, r.body["model"]) for r in server.requests] == [
        ("/v1/chat/completions", "ep-20250101123456-abcde"),
        ("/v1/chat/completions", "doubao-seed-1-6-250615"),
        ("/v1/completions", "davinci-002"),
    ]


def test_a_family_mapping_to_some_provider_models_gains_those_ids_only(registry):
    # `o1`'s models map to qwen4-max only: `qwen` would send qwen-flash, the default apply
    # maps gpt-3.5-turbo to, down the chat branch too, so the mapped id alone is added
    text = BRANCHED.replace('model.lower().startswith("gpt-")', 'model.startswith("o1")')
    (family,) = found(registry, text, rules=("ML205",))
    assert family.data["models_to"] == ["qwen4-max"]
    assert family.message.endswith("; apply adds them to the prefixes it tests")
    after, _ = migrate_text(text, "python", "app.py", [family])
    assert after == text.replace('startswith("o1")', 'startswith(("o1", "qwen4-max"))')
