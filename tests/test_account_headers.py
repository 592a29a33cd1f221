"""OpenAI's account ids (`organization=` / `project=`, OPENAI_ORG_ID / OPENAI_PROJECT_ID) never
reach the provider from what `apply` writes, and what still sends them is reported (t64f).

A v1 client given no organization or project reads the variables and sends them as headers to
whatever base URL it has (`openai_sdk.ACCOUNT_ENV_HEADERS`): on chatgpt-retrieval-plugin the
user's OpenAI organization id went to DashScope after a green `check`. ML001 drops the
arguments from the clients it moves (and says so), ML401 says a read given there goes with
that edit, and ML501 reports a file setting the variables (warning: `check` fails until it
is removed). The requests the loopback server receives show each.
"""

from __future__ import annotations

import json

from typer.testing import CliRunner

from migrate_llm import openai_sdk as sdk
from migrate_llm.cli import app

from . import network_guard
from .program_runner import run_python
from .test_e2e import clean_env

QWEN = "Alibaba Qwen (DashScope / Model Studio)"
URL = "https://dashscope.aliyuncs.com/compatible-mode/v1"

BOT = """import os

from openai import OpenAI

client = OpenAI(
    organization=os.environ["OPENAI_ORG_ID"],
    project=os.environ["OPENAI_PROJECT_ID"],
    max_retries=0,
)
reply = client.chat.completions.create(
    model="gpt-4o-mini", messages=[{"role": "user", "content": "ping"}]
)
print(reply.choices[0].message.content)
"""

MIGRATED = f"""import os

from openai import OpenAI

client = OpenAI(
    api_key=os.environ.get("DASHSCOPE_API_KEY", "unset"),
    base_url=os.environ.get(
        "DASHSCOPE_BASE_URL", "{URL}"
    ),
    max_retries=0,
)
reply = client.chat.completions.create(
    model="qwen-plus", messages=[{{"role": "user", "content": "ping"}}]
)
print(reply.choices[0].message.content)
"""

DOTENV = "OPENAI_ORG_ID=org-test\nOPENAI_PROJECT_ID=proj_test\n"


def invoke(*args: str):
    return CliRunner().invoke(app, list(args))


def account_headers(request) -> dict[str, str]:
    return {
        k: v
        for k, v in request.headers.items()
        if k.lower() in ("openai-organization", "openai-project")
    }


def test_the_sdk_sends_the_variables_as_headers_and_only_omit_stops_it(server, monkeypatch):
    # what ACCOUNT_ENV_HEADERS says of the installed SDK: read where given none, sent to any
    # host; `""` still sends the header (empty); `Omit()` in default_headers leaves it out
    import openai

    monkeypatch.setenv("OPENAI_ORG_ID", "org-test")
    monkeypatch.setenv("OPENAI_PROJECT_ID", "proj_test")

    def sent(**kwargs) -> dict[str, str]:
        client = openai.OpenAI(api_key="k", base_url=server.base, max_retries=0, **kwargs)
        client.chat.completions.create(model="m", messages=[{"role": "user", "content": "x"}])
        return account_headers(server.requests[-1])

    assert {v: h.lower() for v, (_, h) in sdk.ACCOUNT_ENV_HEADERS.items()} == {
        "OPENAI_ORG_ID": "openai-organization",
        "OPENAI_PROJECT_ID": "openai-project",
    }
    assert sent() == {"openai-organization": "org-test", "openai-project": "proj_test"}
    assert sent(organization="", project="") == {"openai-organization": "", "openai-project": ""}
    omitted = {h: openai.Omit() for _, h in sdk.ACCOUNT_ENV_HEADERS.values()}
    assert sent(default_headers=omitted) == {}


def test_scan_says_what_apply_drops_and_what_the_env_file_still_sends(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bot.py").write_text(BOT)
    (tmp_path / ".env").write_text(DOTENV)
    scanned = invoke("scan", ".", "--provider", "qwen", "--format", "json")
    assert scanned.exit_code == 0
    found = [
        (f["path"], f["line"], f["rule"], f["severity"], f["fix"], f["message"], f["data"])
        for f in json.loads(scanned.stdout)["findings"]
        if f["rule"] in ("ML001", "ML401", "ML501")
    ]
    assert found == [
        (
            ".env",
            1,
            "ML501",
            "warning",
            "manual",
            "OPENAI_ORG_ID is OpenAI's organization id: the openai SDK's clients given no "
            "organization= read it and send it as the OpenAI-Organization header to whatever "
            f"host they call, {QWEN} too; remove it",
            {"variable_from": "OPENAI_ORG_ID"},
        ),
        (
            ".env",
            2,
            "ML501",
            "warning",
            "manual",
            "OPENAI_PROJECT_ID is OpenAI's project id: the openai SDK's clients given no "
            "project= read it and send it as the OpenAI-Project header to whatever host they "
            f"call, {QWEN} too; remove it",
            {"variable_from": "OPENAI_PROJECT_ID"},
        ),
        (
            "bot.py",
            5,
            "ML001",
            "error",
            "safe",
            f"OpenAI() talks to OpenAI (key from OPENAI_API_KEY); for {QWEN} read the key from "
            f"DASHSCOPE_API_KEY and the base URL from DASHSCOPE_BASE_URL (default {URL}); apply "
            "drops organization= and project= (OpenAI's account ids, which the SDK sends as the "
            "OpenAI-Organization and OpenAI-Project headers)",
            {
                "client": "OpenAI",
                "key_from": "OPENAI_API_KEY",
                "key_env": "DASHSCOPE_API_KEY",
                "base_url_env": "DASHSCOPE_BASE_URL",
                "base_url": URL,
                "dropped": ["organization", "project"],
            },
        ),
        (
            "bot.py",
            6,
            "ML401",
            "note",
            "none",
            f"reads OPENAI_ORG_ID for organization= of OpenAI() on line 5, which apply points at "
            f"{QWEN}: that argument goes with the rewrite",
            {"variable_from": "OPENAI_ORG_ID"},
        ),
        (
            "bot.py",
            7,
            "ML401",
            "note",
            "none",
            f"reads OPENAI_PROJECT_ID for project= of OpenAI() on line 5, which apply points at "
            f"{QWEN}: that argument goes with the rewrite",
            {"variable_from": "OPENAI_PROJECT_ID"},
        ),
    ]


def test_the_migrated_program_sends_no_account_id_once_the_variables_are_gone(
    server, tmp_path, monkeypatch
):
    project = tmp_path / "app"
    project.mkdir()
    monkeypatch.chdir(project)
    (project / "bot.py").write_text(BOT)
    (project / ".env").write_text(DOTENV)
    applied = invoke("apply", ".", "--provider", "qwen", "--yes")
    assert applied.exit_code == 0, applied.stderr
    assert (project / "bot.py").read_text() == MIGRATED
    assert (project / ".env").read_bytes() == DOTENV.encode()  # left for a person (manual)
    # the file still sets them: `check` fails on it
    failed = invoke("check", ".", "--provider", "qwen", "--format", "json")
    assert failed.exit_code == 1
    assert [(f["path"], f["line"], f["rule"]) for f in json.loads(failed.stdout)["findings"]] == [
        (".env", 1, "ML501"),
        (".env", 2, "ML501"),
    ]

    guard = tmp_path / "guard"
    env = {**clean_env(), "DASHSCOPE_API_KEY": "test-key-qwen", "DASHSCOPE_BASE_URL": server.base}

    def run(extra: dict[str, str]):
        proc = run_python(
            ["bot.py"],
            cwd=project,
            env=network_guard.subprocess_env({**env, **extra}, guard),
            timeout=60,
        )
        assert (network_guard.blocked_hosts(guard), proc.returncode) == ([], 0), proc.stderr
        return server.requests[-1]

    # the variables set where it runs (the .env loaded, the user's shell) still go as headers
    # to the provider: why ML501 says to remove them
    sent = run({"OPENAI_ORG_ID": "org-test", "OPENAI_PROJECT_ID": "proj_test"})
    assert sent.headers["authorization"] == "Bearer test-key-qwen"
    assert account_headers(sent) == {
        "openai-organization": "org-test",
        "openai-project": "proj_test",
    }
    # removed, nothing of OpenAI's account goes there, and the program no longer needs them
    sent = run({})
    assert sent.headers["authorization"] == "Bearer test-key-qwen"
    assert account_headers(sent) == {}
    assert len(server.requests) == 2

    (project / ".env").write_text("")
    passed = invoke("check", ".", "--provider", "qwen")
    assert (passed.exit_code, passed.stdout) == (0, "0 findings for qwen in 0 of 2 files\n")


def test_apply_says_to_unset_the_ids_the_shell_sets(tmp_path, monkeypatch):
    # chatgpt-retrieval-plugin: no file of the project sets them, the user's shell does; the
    # values are not shown
    monkeypatch.chdir(tmp_path)
    unset = (
        "Unset OPENAI_ORG_ID and OPENAI_PROJECT_ID where the program runs: this shell sets "
        f"them, and the openai SDK's clients send them to {QWEN} as the OpenAI-Organization "
        "and OpenAI-Project headers of every request."
    )
    for env, said in (
        ({"OPENAI_ORG_ID": "org-secret-ish", "OPENAI_PROJECT_ID": "proj_x"}, True),
        ({"OPENAI_ORG_ID": "", "OPENAI_PROJECT_ID": ""}, False),
    ):
        (tmp_path / "bot.py").write_text(BOT)
        applied = CliRunner().invoke(app, ["apply", ".", "--provider", "qwen", "--yes"], env=env)
        assert applied.exit_code == 0, applied.stderr
        assert (tmp_path / "bot.py").read_text() == MIGRATED
        assert applied.stderr.rstrip().endswith(unset) is said
        assert "org-secret-ish" not in applied.stderr + applied.stdout


def test_an_openai_v0_call_rewritten_onto_a_client_gets_the_same_step(tmp_path, monkeypatch):
    # the plugin's case: `openai.Embedding.create` becomes a v1 client, which reads the id
    monkeypatch.chdir(tmp_path)
    (tmp_path / "v0.py").write_text(
        "import openai\n\n\ndef embed(texts):\n"
        '    return openai.Embedding.create(input=texts, model="text-embedding-ada-002")\n'
    )
    applied = CliRunner().invoke(
        app, ["apply", ".", "--provider", "qwen", "--yes"], env={"OPENAI_PROJECT_ID": "proj_x"}
    )
    assert applied.exit_code == 0, applied.stderr
    assert "openai.OpenAI(" in (tmp_path / "v0.py").read_text()
    assert applied.stderr.rstrip().endswith(
        "Unset OPENAI_PROJECT_ID where the program runs: this shell sets it, and the openai "
        f"SDK's clients send it to {QWEN} as the OpenAI-Project header of every request."
    )
