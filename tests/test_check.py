"""`migrate-llm check`: exit codes, thresholds, formats, and that it never writes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app

from .conftest import ACME_DIR

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "chat-app"
SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text())
ACME = ["--providers-dir", str(ACME_DIR), "--provider", "acme"]
CLIENT = "from openai import OpenAI\nclient = OpenAI()\n"


def invoke(*args, env=None):
    return CliRunner().invoke(app, [str(a) for a in args], env=env)


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def project(tmp_path, monkeypatch):
    (tmp_path / "app.py").write_text(
        CLIENT
        + 'client.chat.completions.create(model="gpt-4o", messages=[])\n'
        + "client.embeddings.create(model=settings.embedder, input=[])\n"
    )
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_findings_fail_and_nothing_is_written(project):
    before = snapshot(project)
    result = invoke("check", *ACME)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "app.py:2:10 ML001 OpenAI() talks to OpenAI (key from OPENAI_API_KEY); for Acme Cloud read "
        "the key from ACME_API_KEY and the base URL from ACME_BASE_URL (default https://api.acme.example/v1)",
        "app.py:3:38 ML201 model 'gpt-4o' maps to 'acme-large' on Acme Cloud",
        "2 findings for acme in 1 of 1 file; 1 error, 1 warning, 0 note",
    ]
    after = snapshot(project)
    # only the result cache, which ignores itself in git
    assert sorted(k for k in after if k not in before) == [
        ".migrate-llm-cache/.gitignore",
        ".migrate-llm-cache/results.sqlite3",
    ]
    assert {k: v for k, v in after.items() if k in before} == before


@pytest.mark.parametrize(
    ("fail_on", "code", "count"), [("error", 1, 1), ("warning", 1, 2), ("note", 1, 4)]
)
def test_fail_on_sets_the_threshold(project, fail_on, code, count):
    result = invoke("check", *ACME, "--fail-on", fail_on, "--format", "json")
    assert result.exit_code == code
    assert len(json.loads(result.stdout)["findings"]) == count


@pytest.mark.parametrize(
    ("configured", "flag", "count"), [("note", None, 4), ("error", "warning", 2)]
)
def test_fail_on_in_the_config_is_the_default_the_flag_wins(project, configured, flag, count):
    (project / "pyproject.toml").write_text(f'[tool.migrate-llm]\nfail-on = "{configured}"\n')
    given = ["--fail-on", flag] if flag else []
    result = invoke("check", *ACME, *given, "--format", "json")
    assert result.exit_code == 1
    assert len(json.loads(result.stdout)["findings"]) == count


def test_a_bad_fail_on_in_the_config_is_a_one_line_error(project):
    (project / "pyproject.toml").write_text('[tool.migrate-llm]\nfail-on = "warnings"\n')
    result = invoke("check", *ACME)
    assert result.exit_code == 2
    assert result.stderr == (
        "migrate-llm: error: pyproject.toml: [tool.migrate-llm] 'fail-on' must be 'error', "
        "'warning' or 'note', not 'warnings'\n"
    )


def test_information_alone_passes_even_with_fail_on_note(project):
    (project / "app.py").write_text(
        "import os\nfrom openai import OpenAI\n"
        'c = OpenAI(api_key=os.environ["ACME_API_KEY"], '
        'base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"))\n'
        'c.chat.completions.create(model="acme-large", messages=[])\n'
    )
    result = invoke("check", *ACME)
    assert result.exit_code == 0
    assert result.stdout == "0 findings for acme in 0 of 1 file\n"
    assert invoke("check", *ACME, "--fail-on", "note").exit_code == 0


def test_a_file_that_does_not_parse_fails_the_check(project):
    (project / "app.py").write_text("import openai\ndef f(:\n")
    result = invoke("check", *ACME)
    assert result.exit_code == 1
    assert result.stdout.startswith("app.py:2: error: syntax error")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["check"], "migrate-llm: error: check needs a provider: pass --provider ID"),
        (
            ["check", "nowhere", "-p", "qwen"],
            "migrate-llm: error: nowhere: no such file or directory",
        ),
        (["check", "-p", "nope"], "migrate-llm: error: unknown provider 'nope'; known providers: "),
        (["check", "-p", "qwen", "--fail-on", "fatal"], ""),
    ],
)
def test_usage_errors_exit_2(project, args, message):
    result = invoke(*args)
    assert result.exit_code == 2
    assert result.stderr.startswith(message)
    assert "Traceback" not in result.stderr


def test_sarif_validates_and_points_at_the_rules(project):
    result = invoke("check", *ACME, "--format", "sarif")
    assert result.exit_code == 1
    log = json.loads(result.stdout)
    jsonschema.Draft4Validator(SCHEMA).validate(log)
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [(r["ruleId"], rules[r["ruleIndex"]]["id"]) for r in run["results"]] == [
        ("ML001", "ML001"),
        ("ML201", "ML201"),
    ]


def test_github_annotations_and_step_summary(project, tmp_path):
    summary = tmp_path / "summary.md"
    result = invoke("check", *ACME, "--format", "github", env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith(
        "::error file=app.py,line=2,col=10,endLine=2,endColumn=18,title=ML001::"
    )
    assert lines[1].startswith("::warning file=app.py,line=3,col=38,")
    assert summary.read_text().startswith("### migrate-llm check\n")


def test_output_file(project):
    result = invoke("check", *ACME, "--format", "json", "--output", "report.json")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == "wrote report to report.json\n"
    assert json.loads((project / "report.json").read_text())["provider"] == "acme"


def test_check_passes_after_apply_on_the_example_once_its_manual_finding_is_followed(
    tmp_path, monkeypatch
):
    project = tmp_path / "app"
    shutil.copytree(EXAMPLE, project)
    monkeypatch.chdir(project)
    assert invoke("check", "-p", "zhipu").exit_code == 1
    assert invoke("apply", "-p", "zhipu", "--yes").exit_code == 0
    # apply leaves ML118's warning (manual): glm-5.3 always thinks, and its reasoning counts
    # against max_tokens=80 (t49b: it no longer goes quiet once apply wrote the model)
    left = invoke("check", "-p", "zhipu")
    assert left.exit_code == 1
    assert [line.split(" ")[:2] for line in left.stdout.splitlines()[:-1]] == [
        ["chat_app/async_worker.py:14:22", "ML118"]
    ]
    worker = project / "chat_app" / "async_worker.py"
    text = worker.read_text()
    worker.write_text(
        text.replace("max_tokens=80,", 'max_tokens=80,\n        reasoning_effort="low",')
    )
    after = invoke("check", "-p", "zhipu")
    assert (after.exit_code, after.stdout.splitlines()[-1]) == (
        0,
        "0 findings for zhipu in 0 of 12 files",
    )


def test_baseline_adoption_flow(project):
    assert invoke("check", *ACME, "--write-baseline", "baseline.json").exit_code == 0
    assert invoke("check", *ACME, "--baseline", "baseline.json").exit_code == 0
    text = (project / "app.py").read_text()
    (project / "app.py").write_text(
        "# a new first line moves everything down\n" + text + "other = OpenAI()\n"
    )
    result = invoke("check", *ACME, "--baseline", "baseline.json")
    assert result.exit_code == 1
    assert [line.split(" ")[:2] for line in result.stdout.splitlines()[:-1]] == [
        ["app.py:6:9", "ML001"]
    ]


def test_baseline_for_other_files_is_not_reported_gone(project):
    (project / "other.py").write_text(CLIENT)
    assert invoke("check", *ACME, "--write-baseline", "baseline.json").exit_code == 0
    result = invoke("check", "other.py", *ACME, "--baseline", "baseline.json")
    assert (result.exit_code, result.stderr) == (0, "")


def test_config_provides_the_provider_and_ignores(project):
    (project / "pyproject.toml").write_text(
        '[tool.migrate-llm]\nprovider = "acme"\nprovider-paths = ["' + str(ACME_DIR) + '"]\n'
        'ignore = ["ML201"]\n'
    )
    result = invoke("check")
    assert result.exit_code == 1
    assert [line.split(" ")[1] for line in result.stdout.splitlines()[:-1]] == ["ML001"]
    flag_wins = invoke("check", "-p", "qwen", "--format", "json")
    assert json.loads(flag_wins.stdout)["provider"] == "qwen"


def test_bad_config_is_exit_2_naming_the_key(project):
    (project / "pyproject.toml").write_text('[tool.migrate-llm]\nprovder = "acme"\n')
    result = invoke("check")
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "migrate-llm: error: pyproject.toml: [tool.migrate-llm] unknown key 'provder' (known: "
    )


def test_an_embeddings_batch_of_unknown_size_keeps_check_failing_until_batched(
    tmp_path, monkeypatch
):
    # camel's embed_list sent twelve texts in one request; DashScope takes ten
    monkeypatch.chdir(tmp_path)
    app = tmp_path / "app.py"
    app.write_text(
        CLIENT + "\n\ndef embed(texts):\n"
        '    return client.embeddings.create(input=texts, model="text-embedding-3-small")\n'
    )
    assert invoke("apply", "-p", "qwen", "--yes", "--allow-dirty").exit_code == 0
    warning = (
        "ML114 input=texts may hold more than 10 texts; Alibaba Qwen (DashScope / Model "
        "Studio) embeds at most 10 inputs per request: send batches of 10"
    )
    after = invoke("check", "-p", "qwen")
    assert (after.exit_code, after.stdout.splitlines()) == (
        1,
        [
            f"app.py:14:32 {warning}",
            "1 finding for qwen in 1 of 1 file; 0 error, 1 warning, 0 note",
        ],
    )
    app.write_text(
        app.read_text()
        .replace(
            "    return client.embeddings.create(\n",
            "    for start in range(0, len(texts), 10):\n"
            "        batch = texts[start : start + 10]\n"
            "        client.embeddings.create(\n"
            "            input=batch, dimensions=1536, model='text-embedding-v4'\n"
            "        )\n"
            "    return client.embeddings.create(\n",
        )
        .replace("input=texts", 'input=["one text"]')
    )
    assert invoke("check", "-p", "qwen").exit_code == 0


def test_an_enum_members_env_default_sent_as_model_is_mapped(tmp_path, monkeypatch):
    # camel's ModelType.DEFAULT = os.getenv("DEFAULT_MODEL_TYPE", "gpt-4.1-mini")
    monkeypatch.chdir(tmp_path)
    app = tmp_path / "app.py"
    app.write_text(
        "import os\nfrom enum import Enum\n\n" + CLIENT + "\n\nclass Model(Enum):\n"
        '    DEFAULT = os.getenv("DEFAULT_MODEL_TYPE", "gpt-4.1-mini")\n'
        '    GPT4 = "gpt-4"\n\n\n'
        "client.chat.completions.create(model=Model.DEFAULT.value, messages=[])\n"
    )
    qwen = "Alibaba Qwen (DashScope / Model Studio)"
    enum = (
        f"app.py:10:12 ML205 'gpt-4' in the enum Model is an OpenAI model id: code that "
        f"checks models against it may reject {qwen}'s models; add them or change the check "
        "by hand"
    )
    before = invoke("check", "-p", "qwen")
    assert (before.exit_code, before.stdout.splitlines()) == (
        1,
        [
            "app.py:5:10 ML001 OpenAI() talks to OpenAI (key from OPENAI_API_KEY); for "
            f"{qwen} read the key from DASHSCOPE_API_KEY and the base URL from "
            "DASHSCOPE_BASE_URL (default https://dashscope.aliyuncs.com/compatible-mode/v1)",
            "app.py:9:47 ML204 env default 'gpt-4.1-mini' of enum member Model.DEFAULT (sent "
            f"as model= on line 13) maps to 'qwen-plus' on {qwen}",
            enum,
            "3 findings for qwen in 1 of 1 file; 1 error, 2 warning, 0 note",
        ],
    )
    assert invoke("apply", "-p", "qwen", "--yes", "--allow-dirty").exit_code == 0
    assert '    DEFAULT = os.getenv("DEFAULT_MODEL_TYPE", "qwen-plus")\n' in app.read_text()
    after = invoke("check", "-p", "qwen")
    assert (after.exit_code, after.stdout.splitlines()) == (
        1,
        [
            enum.replace(":10:", ":15:"),
            "1 finding for qwen in 1 of 1 file; 0 error, 1 warning, 0 note",
        ],
    )


def test_an_enum_on_a_base_of_its_module_is_left_and_check_fails(tmp_path, monkeypatch):
    """`ChatModel(ModelName)` with `ModelName(str, Enum)`: both members became kimi-k2.6 and
    `ChatModel.BIG is ChatModel.SMALL`, while check passed."""
    monkeypatch.chdir(tmp_path)
    app = tmp_path / "app.py"
    source = (
        "from enum import Enum\n\n" + CLIENT + "\n\nclass ModelName(str, Enum):\n    pass\n\n\n"
        'class ChatModel(ModelName):\n    SMALL = "gpt-4o-mini"\n    BIG = "gpt-4o"\n\n\n'
        "LIMITS = {ChatModel.SMALL.value: 4096, ChatModel.BIG.value: 16384}\n"
        "client.chat.completions.create(model=ChatModel.BIG.value, messages=[])\n"
    )
    app.write_text(source)
    assert invoke("apply", "-p", "moonshot", "--yes", "--allow-dirty").exit_code == 0
    assert 'SMALL = "gpt-4o-mini"\n    BIG = "gpt-4o"\n' in app.read_text()
    after = invoke("check", "-p", "moonshot")
    assert (after.exit_code, after.stdout.splitlines()) == (
        1,
        [
            "app.py:16:13 ML205 'gpt-4o-mini', 'gpt-4o' in the enum ChatModel are OpenAI model "
            "ids: code that checks models against them may reject Moonshot AI (Kimi)'s models, "
            "and ChatModel.BIG is the model sent (as model= on line 21): it maps to 'kimi-k2.6' "
            "on Moonshot AI (Kimi); add them or change the check by hand",
            "1 finding for moonshot in 1 of 1 file; 0 error, 1 warning, 0 note",
        ],
    )


def test_an_autogen_config_list_built_by_a_helper_fails_until_apply_moves_it(tmp_path, monkeypatch):
    # the trial's AG2 app: a Zhipu model and key went to api.openai.com, and check passed
    monkeypatch.chdir(tmp_path)
    app = tmp_path / "agents.py"
    app.write_text(
        'from autogen import AssistantAgent\n\nFALLBACK = "gpt-4o-mini"\n\n\n'
        "def agent_settings(token, model=FALLBACK):\n"
        '    return {"config_list": [{"api_type": "openai", "model": model, "api_key": token}]}\n'
        '\n\nplanner = AssistantAgent(name="planner", llm_config=agent_settings("t"))\n'
    )
    entry = (  # one finding: the key the helper is handed is kept, ZAI_API_KEY its fallback
        "a config_list entry sends the request to OpenAI; apply keeps the key your code passes "
        "(`token`), with ZAI_API_KEY when it is empty, and passes the base URL from ZAI_BASE_URL "
        "(default https://open.bigmodel.cn/api/paas/v4)"
    )
    before = invoke("check", "-p", "zhipu")
    assert (before.exit_code, before.stdout.splitlines()) == (
        1,
        [
            "agents.py:3:12 ML204 constant FALLBACK = 'gpt-4o-mini' maps to "
            "'glm-4-air-250414' on Zhipu AI (GLM)",
            f"agents.py:7:29 ML660 {entry}",
            "2 findings for zhipu in 1 of 1 file; 1 error, 1 warning, 0 note",
        ],
    )
    assert invoke("apply", "-p", "zhipu", "--yes", "--allow-dirty").exit_code == 0
    text = app.read_text()
    assert 'FALLBACK = "glm-4-air-250414"\n' in text
    assert '"base_url": os.environ.get(\n' in text
    assert '"api_key": token or os.environ.get("ZAI_API_KEY", "unset"),\n' in text
    after = invoke("check", "-p", "zhipu")
    assert (after.exit_code, after.stdout.splitlines()) == (
        0,
        ["0 findings for zhipu in 0 of 1 file"],
    )


DOUBAO_APP = (
    "import os\n\nfrom openai import OpenAI\n\n"
    "client = OpenAI(\n"
    '    api_key=os.environ["ARK_API_KEY"],\n'
    '    base_url=os.environ.get("ARK_BASE_URL", "https://ark.cn-beijing.volces.com/api/v3"),\n'
    ")\n"
    'client.responses.create(model="doubao-seed-2-1-pro-260628", input="x")\n'
)


def test_an_openai_only_api_keeps_check_failing_on_a_migrated_program(
    registry, tmp_path, monkeypatch
):
    # f34: openai-python's video.py and responses/background.py, migrated to doubao, passed
    doubao = registry.get("doubao")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "app.py").write_text(DOUBAO_APP)
    passed = invoke("check", "app.py", "--provider", "doubao")
    assert (passed.exit_code, passed.stdout) == (0, "0 findings for doubao in 0 of 1 file\n")

    (tmp_path / "app.py").write_text(
        DOUBAO_APP
        + 'client.responses.create(model="doubao-seed-2-1-pro-260628", input="x", background=True)\n'
        + 'client.videos.create_and_poll(model="sora-2", prompt="x")\n'
    )
    failed = invoke("check", "app.py", "--provider", "doubao")
    unconfirmed = "support is unconfirmed (its provider file does not state it); test this call"
    assert failed.exit_code == 1
    assert failed.stdout.splitlines() == [
        f"app.py:10:1 ML101 responses.create() through an OpenAI client; {doubao.name}'s "
        f"responses_background {unconfirmed} (see {doubao.docs})",
        f"app.py:11:1 ML101 videos.create_and_poll() through an OpenAI client; {doubao.name}'s "
        f"videos {unconfirmed} (see {doubao.docs})",
        f"app.py:11:37 ML201 {doubao.name} has no mapping for model 'sora-2'; choose a model "
        f"from {doubao.docs} (or pass --model sora-2=NAME)",
        "3 findings for doubao in 1 of 1 file; 0 error, 3 warning, 0 note",
    ]


def test_structured_output_helpers_keep_check_failing_after_apply(registry, tmp_path, monkeypatch):
    # the SDK helpers that send a JSON schema, beside chat.completions.parse: a provider whose
    # structured outputs are partial is to be tested by hand (ML101), before apply and after
    monkeypatch.chdir(tmp_path)
    app_file = tmp_path / "app.py"
    app_file.write_text(
        CLIENT + "\n"
        "with client.chat.completions.stream(\n"
        '    model="gpt-4o", messages=[], response_format=Answer\n'
        ") as stream:\n"
        "    pass\n"
        'reply = client.responses.parse(model="gpt-4o", input="x", text_format=Answer)\n'
    )
    assert invoke("apply", "--provider", "doubao", "--yes").exit_code == 0
    migrated = app_file.read_bytes()
    result = invoke("check", "--provider", "doubao", "--format", "json")
    assert result.exit_code == 1
    found = [
        (f["line"], f["rule"], f["severity"], f["fix"], f["data"])
        for f in json.loads(result.stdout)["findings"]
    ]
    doubt = "providers/doubao.toml: "
    doubt += registry.get("doubao").uncertain["supports.structured_outputs"]
    assert found == [
        (
            9,
            "ML101",
            "warning",
            "manual",
            {
                "surface": "structured_outputs",
                "call": "chat.completions.stream",
                "unconfirmed": doubt,
            },
        ),
        (
            14,
            "ML101",
            "warning",
            "manual",
            {"surface": "structured_outputs", "call": "responses.parse", "unconfirmed": doubt},
        ),
    ]
    assert invoke("apply", "--provider", "doubao", "--yes").exit_code == 0
    assert app_file.read_bytes() == migrated


def test_check_fails_on_a_temperature_kimi_fixes_in_autogen_config_after_apply(
    tmp_path, monkeypatch
):
    # t59d D1/D2: apply turns thinking off in the entry it maps to kimi-k2.6; the temperature
    # of the entry and of llm_config (Kimi answers HTTP 400) keeps check red until removed
    app = tmp_path / "agents.py"
    app.write_text(
        "import os\n\nfrom autogen import ConversableAgent\n\n"
        'a = ConversableAgent("a", llm_config={"config_list": [{"model": "gpt-4", '
        '"api_key": os.environ["OPENAI_API_KEY"]}], "temperature": 0})\n'
    )
    monkeypatch.chdir(tmp_path)
    assert invoke("apply", "-p", "moonshot", "--yes").exit_code == 0
    text = app.read_text()
    assert text == (
        "import os\n\nfrom autogen import ConversableAgent\n\na = ConversableAgent(\n"
        '    "a",\n    llm_config={\n        "config_list": [\n            {\n'
        '                "model": "kimi-k2.6",\n'
        '                "api_key": os.environ.get("MOONSHOT_API_KEY", "unset"),\n'
        '                "base_url": os.environ.get(\n'
        '                    "MOONSHOT_BASE_URL", "https://api.moonshot.cn/v1"\n'
        "                ),\n"
        '                "extra_body": {"thinking": {"type": "disabled"}},\n'
        '            }\n        ],\n        "temperature": 0,\n    },\n)\n'
    )
    result = invoke("check", "-p", "moonshot", "--format", "json")
    assert result.exit_code == 1
    found = json.loads(result.stdout)["findings"]
    assert [(f["path"], f["line"], f["rule"], f["severity"], f["fix"]) for f in found] == [
        ("agents.py", 18, "ML660", "error", "manual")
    ]
    assert found[0]["message"] == (
        "kimi-k2.6 fixes temperature on Moonshot AI (Kimi) (0.6 as this entry runs) and rejects "
        'another (HTTP 400): AutoGen sends "temperature": 0 with each request; remove it, by hand'
    )
    fixed = text.replace('        "temperature": 0,\n', "")
    app.write_text(fixed)
    assert invoke("check", "-p", "moonshot").exit_code == 0
    assert invoke("apply", "-p", "moonshot", "--yes").exit_code == 0
    assert app.read_text() == fixed


def test_a_responses_api_its_provider_file_doubts_keeps_check_failing_after_apply(
    registry, tmp_path, monkeypatch
):
    # t64f: DeepSeek's file says `responses = true` but marks it uncertain; the program's only
    # request went to /responses while `check` was green (a note)
    deepseek = registry.get("deepseek")
    reason = deepseek.uncertain["supports.responses"]
    monkeypatch.chdir(tmp_path)
    (tmp_path / "app.py").write_text(
        CLIENT + 'client.responses.create(model="gpt-4o", input="hi")\n'
    )
    applied = invoke("apply", "app.py", "--provider", "deepseek", "--yes")
    assert applied.exit_code == 0
    migrated = (
        "import os\n\nfrom openai import OpenAI\nclient = OpenAI(\n"
        '    api_key=os.environ.get("DEEPSEEK_API_KEY", "unset"),\n'
        '    base_url=os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com"),\n'
        ")\n"
    )
    assert (tmp_path / "app.py").read_text() == (
        migrated + 'client.responses.create(model="deepseek-v4-pro", input="hi")\n'
    )
    failed = invoke("check", "app.py", "--provider", "deepseek", "--format", "json")
    assert failed.exit_code == 1
    [finding] = json.loads(failed.stdout)["findings"]
    assert {k: finding[k] for k in ("line", "rule", "severity", "fix", "data")} == {
        "line": 8,
        "rule": "ML101",
        "severity": "warning",
        "fix": "manual",
        "data": {
            "surface": "responses",
            "call": "responses.create",
            "unconfirmed": f"providers/deepseek.toml: {reason}",
        },
    }
    assert finding["message"] == (
        "responses.create() through an OpenAI client; supported by DeepSeek, unconfirmed "
        f"(providers/deepseek.toml: {reason}); test this call (see {deepseek.docs}); the call "
        "goes to /responses, and without it there use chat.completions.create instead, with "
        'response_format={"type": "json_object"} for structured output (which DeepSeek takes)'
    )
    # a surface its file states without doubt stays a note, and `check` passes
    (tmp_path / "app.py").write_text(
        migrated + 'client.chat.completions.create(model="deepseek-v4-pro", messages=[])\n'
    )
    passed = invoke("check", "app.py", "--provider", "deepseek")
    assert (passed.exit_code, passed.stdout) == (0, "0 findings for deepseek in 0 of 1 file\n")
