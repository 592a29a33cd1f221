"""Open Interpreter hands its model to litellm (t61c A and D).

An app on Open Interpreter's Python API (`interpreter.llm.model = "gpt-4o"`) or a profile
(`llm: {model: gpt-4o}`) got the bare `glm-5.3`, which litellm rejects ("LLM Provider NOT
provided"), under a green check; and the OpenAI key in the app's `.env`, which litellm's `zai/`
route sends where ZAI_API_KEY is unset, stayed unreported. Now both models are written on
litellm's route (`zai/glm-5.3`), the Next line names the route's base-URL variable, and the
`.env` line holding the OpenAI key keeps check red (ML501)."""

from __future__ import annotations

from .apply_summary import summary_lines
from .cli_findings import cli, finding_rows, run_json, write_here

APP = """from interpreter import interpreter

interpreter.llm.model = "gpt-4o"
print(interpreter.chat("hi", display=False))
"""
PROFILE = "llm:\n  model: gpt-4o\n  temperature: 0\n"
OPENAI_KEY = "sk-proj-abcdefghijklmnopqrstuvwxyz0123456789ABCD"
ROUTE_NOTE = (
    "Open Interpreter hands its llm.model to litellm as it is, which sends a model without a "
    "provider prefix to OpenAI; that route reads ZAI_API_KEY and ZAI_API_BASE (Open "
    "Interpreter passes api_key and api_base only where its llm sets them): export "
    "ZAI_API_BASE=https://open.bigmodel.cn/api/paas/v4"
)


def test_the_api_model_and_the_profiles_go_on_litellms_route(tmp_path, monkeypatch):
    write_here(tmp_path, monkeypatch, {"app.py": APP, "profiles/mine.yaml": PROFILE})
    code, report = run_json("scan", ".", "--provider", "zhipu")
    assert code == 0
    assert finding_rows(report, "path", "line", "rule", "severity", "fix", "message") == [
        (
            "app.py",
            3,
            "ML204",
            "warning",
            "review",
            "attribute interpreter.llm.model = 'gpt-4o' maps to 'zai/glm-5.3' on Zhipu AI (GLM), "
            f"on litellm's route for it: {ROUTE_NOTE}",
        ),
        (
            "profiles/mine.yaml",
            2,
            "ML503",
            "warning",
            "review",
            "gpt-4o is an OpenAI model; it maps to zai/glm-5.3 on Zhipu AI (GLM), on litellm's "
            "route for it: an Open Interpreter profile's llm.model, which it hands to litellm "
            "(litellm sends a model without a provider prefix to OpenAI)",
        ),
    ]
    assert [f["data"]["litellm_route"] for f in report["findings"]] == ["zai", "zai"]
    done = cli("apply", ".", "--provider", "zhipu", "--yes")
    assert done.exit_code == 0, done.output
    assert (tmp_path / "app.py").read_text() == APP.replace('"gpt-4o"', '"zai/glm-5.3"')
    assert (tmp_path / "profiles/mine.yaml").read_text() == PROFILE.replace("gpt-4o", "zai/glm-5.3")
    assert run_json("check", ".", "--provider", "zhipu")[0] == 0


def test_the_next_line_names_the_routes_base_url_variable(tmp_path, monkeypatch):
    lines = summary_lines(tmp_path, monkeypatch, {"app.py": APP}, "zhipu")
    assert lines[-1] == (
        "Next: write it (`git apply`, or apply again with --yes), then export "
        "ZAI_API_KEY=<your Zhipu AI (GLM) key> and "
        "ZAI_API_BASE=https://open.bigmodel.cn/api/paas/v4 (the OpenAI key does not work "
        "there): litellm's zai/ route reads them where a call passes no api_key or api_base. "
        "Where ZAI_API_KEY is unset or empty it sends OPENAI_API_KEY instead: unset "
        "OPENAI_API_KEY (and remove it from .env files) wherever it runs."
    )


def test_an_instance_built_from_the_class_is_followed(tmp_path, monkeypatch):
    app = (
        "from interpreter import OpenInterpreter\n\n"
        "agent = OpenInterpreter()\n"
        'agent.llm.model = "gpt-4o-mini"\n'
    )
    write_here(tmp_path, monkeypatch, {"app.py": app})
    done = cli("apply", ".", "--provider", "zhipu", "--yes")
    assert done.exit_code == 0, done.output
    assert (tmp_path / "app.py").read_text() == app.replace(
        '"gpt-4o-mini"', '"zai/glm-4-air-250414"'
    )


def test_a_profile_beside_no_open_interpreter_code_keeps_the_bare_model(tmp_path, monkeypatch):
    """An `llm: {model: ...}` YAML in a project that neither calls litellm nor uses Open
    Interpreter is no profile of it: mapped as any config's model."""
    write_here(tmp_path, monkeypatch, {"settings.yaml": PROFILE})
    done = cli("apply", ".", "--provider", "zhipu", "--yes")
    assert done.exit_code == 0, done.output
    assert (tmp_path / "settings.yaml").read_text() == PROFILE.replace("gpt-4o", "glm-5.3")


def test_the_openai_key_in_the_apps_env_keeps_check_red_until_removed(tmp_path, monkeypatch):
    """t61c D: the model fixed on the route, `.env` still holding the OpenAI key, which
    litellm's zai/ route sends where ZAI_API_KEY is unset."""
    app = (
        "from dotenv import load_dotenv\nfrom interpreter import interpreter\n\n"
        'load_dotenv()\ninterpreter.llm.model = "zai/glm-5.3"\n'
    )
    write_here(tmp_path, monkeypatch, {"app.py": app, ".env": f"OPENAI_API_KEY={OPENAI_KEY}\n"})
    code, report = run_json("check", ".", "--provider", "zhipu")
    assert (code, finding_rows(report, "path", "line", "rule", "severity", "fix")) == (
        1,
        [(".env", 1, "ML501", "error", "review")],
    )
    assert report["findings"][0]["message"] == (
        "OPENAI_API_KEY holds an OpenAI key here (apply adds `# ZAI_API_KEY=` after it, "
        "commented out: an empty line would override the key the environment sets), and "
        "litellm's zai/ route sends OPENAI_API_KEY where ZAI_API_KEY is unset or empty and a "
        "call passes no api_key, or an empty one: the OpenAI key would go to Zhipu AI (GLM); "
        "remove this line "
        "by hand (apply never edits a key) and set ZAI_API_KEY to your Zhipu AI (GLM) key"
    )
    assert OPENAI_KEY not in str(report)
    done = cli("apply", ".", "--provider", "zhipu", "--yes")
    assert done.exit_code == 0, done.output
    assert (tmp_path / ".env").read_text() == f"OPENAI_API_KEY={OPENAI_KEY}\n# ZAI_API_KEY=\n"
    code, report = run_json("check", ".", "--provider", "zhipu")
    assert (code, finding_rows(report, "rule", "severity", "fix")) == (
        1,
        [("ML501", "error", "manual")],
    )
    (tmp_path / ".env").write_text("# ZAI_API_KEY=\n")
    assert run_json("check", ".", "--provider", "zhipu")[0] == 0


CLI_SENDS = (
    "on litellm's route for it: Open Interpreter's command sets its llm.model to it and hands "
    "it to litellm (litellm sends a model without a provider prefix to OpenAI); change it by "
    "hand"
)
SCRIPT = (
    "#!/bin/sh\npip install open-interpreter\n"
    "interpreter --model gpt-4o --auto_run\n"
    "interpreter \\\n  -m gpt-4o-mini -y\n"
    "interpreter --model=gpt-4o && mytool --model gpt-4o\n"
)


def test_the_commands_model_in_a_script_is_named_on_litellms_route(tmp_path, monkeypatch):
    """`interpreter --model gpt-4o` (also `-m`, `--model=`, a continued line) in a script of a
    project with no Python of its own: the bare `glm-5.3` the finding named failed as the
    API's did ("LLM Provider NOT provided"). Another command's `--model` keeps the bare model;
    scripts are never written."""
    write_here(tmp_path, monkeypatch, {"run.sh": SCRIPT})
    code, report = run_json("scan", ".", "--provider", "zhipu")
    assert code == 0
    assert finding_rows(report, "line", "column", "rule", "fix", "message") == [
        (
            3,
            21,
            "ML503",
            "manual",
            f"gpt-4o is an OpenAI model; it maps to zai/glm-5.3 on Zhipu AI (GLM), {CLI_SENDS}",
        ),
        (
            5,
            6,
            "ML503",
            "manual",
            "gpt-4o-mini is an OpenAI model; it maps to "
            f"zai/glm-4-air-250414 on Zhipu AI (GLM), {CLI_SENDS}",
        ),
        (
            6,
            21,
            "ML503",
            "manual",
            f"gpt-4o is an OpenAI model; it maps to zai/glm-5.3 on Zhipu AI (GLM), {CLI_SENDS}",
        ),
        (
            6,
            46,
            "ML503",
            "manual",
            "gpt-4o is an OpenAI model; it maps to glm-5.3 on Zhipu AI (GLM); change it by hand",
        ),
    ]
    assert [f["data"].get("litellm_route") for f in report["findings"]] == [
        "zai",
        "zai",
        "zai",
        None,
    ]
    assert cli("apply", ".", "--provider", "zhipu", "--yes").exit_code == 0
    assert (tmp_path / "run.sh").read_text() == SCRIPT


def test_a_command_given_an_api_base_keeps_the_bare_model(tmp_path, monkeypatch):
    """With `--api_base` (`-ab`) the command writes `openai/` before the model: a model on
    the provider's route would become `openai/zai/glm-5.3` there."""
    makefile = (
        "chat:\n\tinterpreter -ab https://open.bigmodel.cn/api/paas/v4 -m gpt-4o\n"
        "local:\n\tinterpreter --model gpt-4o \\\n\t  --api_base=http://localhost:8000/v1\n"
    )
    write_here(tmp_path, monkeypatch, {"Makefile": makefile})
    code, report = run_json("scan", ".", "--provider", "zhipu")
    assert code == 0
    assert finding_rows(report, "line", "message") == [
        (2, "gpt-4o is an OpenAI model; it maps to glm-5.3 on Zhipu AI (GLM); change it by hand"),
        (4, "gpt-4o is an OpenAI model; it maps to glm-5.3 on Zhipu AI (GLM); change it by hand"),
    ]


def test_only_the_command_word_is_open_interpreters(tmp_path, monkeypatch):
    """The word `interpreter` in another command's arguments (simonw's llm given a system
    prompt) named the bare model on litellm's route (the review of session 62); the command
    word after an assignment, after `exec` as a path, or after a runner still is Open
    Interpreter's."""
    script = (
        '#!/bin/sh\nllm --system "act as a python interpreter" -m gpt-4o "print 1"\n'
        "echo interpreter -m gpt-4o\n"
        "LOG=debug interpreter -m gpt-4o -y\n"
        "cd app && exec ./venv/bin/interpreter --model gpt-4o\n"
        "poetry run interpreter -m gpt-4o\n"
    )
    write_here(tmp_path, monkeypatch, {"run.sh": script})
    code, report = run_json("scan", ".", "--provider", "zhipu")
    assert code == 0
    assert finding_rows(report, "line", "column") == [(2, 47), (3, 21), (4, 26), (5, 47), (6, 27)]
    assert [f["data"].get("litellm_route") for f in report["findings"]] == [
        None,
        None,
        "zai",
        "zai",
        "zai",
    ]
