"""The key beside a base URL chosen with a None branch (`None if base == "default" else base`,
ML003's `sentinel_branch`), which apply points at the provider (s59).

Before, a key the program hands the client got no fallback where the other branch was a read
of a variable or another module's setting, so with that key None the SDK sent OPENAI_API_KEY
to the provider while `check` passed; elsewhere it got an untied `key or <provider's key>`,
which sent the provider's key to the server the other branch names. Now the fallback holds on
the provider's URL only: that branch taken, or the other branch equal to the provider's URL.

Exact findings, text on disk, `check`'s exit code, and what two loopback servers receive (one
standing in for DashScope, one for the user's own server): the path and the name of the key
the Authorization header carries (never the key)."""

from __future__ import annotations

import json
from pathlib import Path

from .cli_findings import invoke
from .loopback_run import run_guarded
from .loopback_server import LoopbackServer

QWEN = ["--provider", "qwen", "--no-cache"]
NAME = "Alibaba Qwen (DashScope / Model Studio)"
URL = "https://dashscope.aliyuncs.com/compatible-mode/v1"
OPENAI_KEY = "openai-loopback-0000"
DASHSCOPE_KEY = "ds-loopback-0000"
LOCAL_KEY = "local-loopback-0000"

# the key a caller passes, the URL the program's own variable with a "default" sentinel
PARAM = """import os

from openai import OpenAI


def make(key):
    base = os.getenv("LLM_BASE_URL", "default")
    return OpenAI(base_url=None if base == "default" else base, api_key=key)
"""
PARAM_AFTER = f"""import os

from openai import OpenAI


def make(key):
    base = os.getenv("LLM_BASE_URL", "default")
    return OpenAI(
        base_url=os.environ.get(
            "DASHSCOPE_BASE_URL", "{URL}"
        )
        if base == "default"
        else base,
        api_key=os.environ.get("DASHSCOPE_API_KEY", "unset")
        if base == "default"
        else (
            key
            or (
                os.environ.get("DASHSCOPE_API_KEY", "unset")
                if str(base).rstrip("/").lower()
                in (
                    os.environ.get(
                        "DASHSCOPE_BASE_URL",
                        "{URL}",
                    )
                    .rstrip("/")
                    .lower(),
                    "{URL}",
                    "https://dashscope-intl.aliyuncs.com/compatible-mode/v1",
                    "https://dashscope-us.aliyuncs.com/compatible-mode/v1",
                    "https://cn-hongkong.dashscope.aliyuncs.com/compatible-mode/v1",
                )
                else key
            )
        ),
    )
"""
# the key read from a variable of the program's own
OWN_VARIABLE = """import os

from openai import OpenAI

base = os.getenv("LLM_BASE_URL", "default")
client = OpenAI(base_url=None if base == "default" else base, api_key=os.environ.get("LLM_KEY"))
"""
OWN_VARIABLE_AFTER = f"""import os

from openai import OpenAI

base = os.getenv("LLM_BASE_URL", "default")
client = OpenAI(
    base_url=os.environ.get(
        "DASHSCOPE_BASE_URL", "{URL}"
    )
    if base == "default"
    else base,
    api_key=os.environ.get("DASHSCOPE_API_KEY", "unset")
    if base == "default"
    else (
        os.environ.get("LLM_KEY")
        or (
            os.environ.get("DASHSCOPE_API_KEY", "unset")
            if str(base).rstrip("/").lower()
            in (
                os.environ.get(
                    "DASHSCOPE_BASE_URL",
                    "{URL}",
                )
                .rstrip("/")
                .lower(),
                "{URL}",
                "https://dashscope-intl.aliyuncs.com/compatible-mode/v1",
                "https://dashscope-us.aliyuncs.com/compatible-mode/v1",
                "https://cn-hongkong.dashscope.aliyuncs.com/compatible-mode/v1",
            )
            else os.environ.get("LLM_KEY")
        )
    ),
)
"""
# the None branch second, the setting from a file of the program's
FROM_FILE = """import json

from openai import OpenAI

cfg = json.load(open("config.json"))
client = OpenAI(
    api_key=cfg.get("key"),
    base_url=cfg["url"] if cfg["url"] != "default" else None,
)
"""
FROM_FILE_AFTER = f"""import json
import os

from openai import OpenAI

cfg = json.load(open("config.json"))
client = OpenAI(
    api_key=(
        cfg.get("key")
        or (
            os.environ.get("DASHSCOPE_API_KEY", "unset")
            if str(cfg["url"]).rstrip("/").lower()
            in (
                os.environ.get(
                    "DASHSCOPE_BASE_URL",
                    "{URL}",
                )
                .rstrip("/")
                .lower(),
                "{URL}",
                "https://dashscope-intl.aliyuncs.com/compatible-mode/v1",
                "https://dashscope-us.aliyuncs.com/compatible-mode/v1",
                "https://cn-hongkong.dashscope.aliyuncs.com/compatible-mode/v1",
            )
            else cfg.get("key")
        )
    )
    if cfg["url"] != "default"
    else os.environ.get("DASHSCOPE_API_KEY", "unset"),
    base_url=cfg["url"]
    if cfg["url"] != "default"
    else os.environ.get(
        "DASHSCOPE_BASE_URL", "{URL}"
    ),
)
"""
ASK = """from app import {call}

reply = client.chat.completions.create(model="qwen-plus", messages=[{{"role": "user", "content": "hi"}}])
print(reply.choices[0].message.content)
"""


def ml003(root: Path) -> list[tuple[int, str, str, str]]:
    code, out = invoke("scan", str(root), *QWEN, "--format", "json")
    assert code == 0, out
    return [
        (f["line"], f["severity"], f["fix"], f["message"])
        for f in json.loads(out)["findings"]
        if f["rule"] == "ML003"
    ]


def applied(root: Path) -> None:
    assert invoke("apply", str(root), *QWEN, "--yes", "--allow-dirty")[0] == 0
    assert invoke("check", str(root), *QWEN)[0] == 0
    assert invoke("apply", str(root), *QWEN, "--diff")[1] == ""  # a second apply: nothing


def key_name(header: str | None) -> str:
    return {
        f"Bearer {OPENAI_KEY}": "OPENAI_API_KEY",
        f"Bearer {DASHSCOPE_KEY}": "DASHSCOPE_API_KEY",
        f"Bearer {LOCAL_KEY}": "the local server's key",
    }.get(header or "", "another")


def received(*servers: LoopbackServer) -> list[list[tuple[str, str]]]:
    """What each server got since the last call (path, key name), then forget it."""
    seen = [
        [(r.path, key_name(r.headers.get("authorization"))) for r in s.requests] for s in servers
    ]
    for server in servers:
        server.requests.clear()
    return seen


def tail(key: str) -> str:
    return (
        f"for {NAME} apply makes that branch read DASHSCOPE_BASE_URL (default {URL}), its key "
        f"DASHSCOPE_API_KEY on that branch in place of `{key}` (given for OpenAI's URL, it must "
        f"not go to {NAME}'s), and DASHSCOPE_API_KEY when `{key}` is empty where the other is "
        f"{NAME}'s (its variable's value or any of its regions' URLs in any spelling); another server keeps the key "
        "the program gives it, which must be "
        f"an {NAME} key on {NAME}'s URL"
    )


def test_a_key_handed_in_falls_back_on_the_providers_branch_only(tmp_path):
    (tmp_path / "app.py").write_text(PARAM)
    assert ml003(tmp_path) == [
        (
            8,
            "warning",
            "review",
            'OpenAI() takes its base URL from `None if base == "default" else base` at run time, '
            'None (OpenAI\'s URL) where `base == "default"` and its key from `key` '
            f"(OPENAI_API_KEY when that is None); {tail('key')}",
        )
    ]
    applied(tmp_path)
    assert (tmp_path / "app.py").read_text() == PARAM_AFTER
    dashscope, local = LoopbackServer().start(), LoopbackServer().start()
    provider = {"DASHSCOPE_API_KEY": DASHSCOPE_KEY, "DASHSCOPE_BASE_URL": dashscope.base + "/v1"}
    try:
        # no key handed in, OpenAI's set: DashScope gets its own key (before: OpenAI's)
        (tmp_path / "run.py").write_text(ASK.format(call="make\n\nclient = make(None)"))
        proc, blocked = run_guarded("run.py", tmp_path, {"OPENAI_API_KEY": OPENAI_KEY, **provider})
        assert (proc.returncode, blocked) == (0, []), proc.stderr
        assert received(dashscope, local) == [[("/v1/chat/completions", "DASHSCOPE_API_KEY")], []]
        # the program's own server with no key: never DashScope's (the SDK asks for one)
        env = {**provider, "LLM_BASE_URL": local.base + "/v1"}
        proc, blocked = run_guarded("run.py", tmp_path, env)
        assert proc.returncode == 1 and "OpenAIError" in proc.stderr and blocked == []
        assert received(dashscope, local) == [[], []]
        # ... and with its own key: that key, there
        (tmp_path / "run.py").write_text(ASK.format(call=f"make\n\nclient = make({LOCAL_KEY!r})"))
        proc, blocked = run_guarded("run.py", tmp_path, env)
        assert (proc.returncode, blocked) == (0, []), proc.stderr
        assert received(dashscope, local) == [
            [],
            [("/v1/chat/completions", "the local server's key")],
        ]
    finally:
        dashscope.stop()
        local.stop()


def test_a_key_read_from_the_programs_own_variable_falls_back_there_too(tmp_path):
    (tmp_path / "app.py").write_text(OWN_VARIABLE)
    [(line, severity, fix, message)] = ml003(tmp_path)
    assert (line, severity, fix) == (6, "warning", "review")
    assert message.endswith(tail('os.environ.get("LLM_KEY")'))
    applied(tmp_path)
    assert (tmp_path / "app.py").read_text() == OWN_VARIABLE_AFTER
    dashscope = LoopbackServer().start()
    try:
        (tmp_path / "run.py").write_text(ASK.format(call="client"))
        env = {
            "OPENAI_API_KEY": OPENAI_KEY,
            "DASHSCOPE_API_KEY": DASHSCOPE_KEY,
            "DASHSCOPE_BASE_URL": dashscope.base + "/v1",
        }
        proc, blocked = run_guarded("run.py", tmp_path, env)  # LLM_KEY unset
        assert (proc.returncode, blocked) == (0, []), proc.stderr
        assert received(dashscope) == [[("/v1/chat/completions", "DASHSCOPE_API_KEY")]]
    finally:
        dashscope.stop()


def test_the_server_the_settings_name_never_gets_the_providers_key(tmp_path):
    (tmp_path / "app.py").write_text(FROM_FILE)
    [(_, _, fix, message)] = ml003(tmp_path)
    assert fix == "review" and message.endswith(tail('cfg.get("key")'))
    applied(tmp_path)
    assert (tmp_path / "app.py").read_text() == FROM_FILE_AFTER
    dashscope, local = LoopbackServer().start(), LoopbackServer().start()
    env = {"DASHSCOPE_API_KEY": DASHSCOPE_KEY, "DASHSCOPE_BASE_URL": dashscope.base + "/v1"}
    (tmp_path / "run.py").write_text(ASK.format(call="client"))
    try:
        # before: `cfg.get("key") or <DashScope's key>` sent DashScope's key to this server
        (tmp_path / "config.json").write_text(json.dumps({"url": local.base + "/v1"}))
        proc, blocked = run_guarded("run.py", tmp_path, env)
        assert proc.returncode == 1 and "OpenAIError" in proc.stderr and blocked == []
        assert received(dashscope, local) == [[], []]
        (tmp_path / "config.json").write_text(json.dumps({"url": "default"}))
        proc, blocked = run_guarded("run.py", tmp_path, env)
        assert (proc.returncode, blocked) == (0, []), proc.stderr
        assert received(dashscope, local) == [[("/v1/chat/completions", "DASHSCOPE_API_KEY")], []]
    finally:
        dashscope.stop()
        local.stop()


def test_a_test_running_the_programs_code_leaves_the_branch(tmp_path):
    text = PARAM.replace('None if base == "default"', "None if settings.is_default(base)")
    text = text.replace("def make(key):", "def make(key, settings):")
    (tmp_path / "app.py").write_text(text)
    assert ml003(tmp_path) == [
        (
            8,
            "warning",
            "manual",
            "OpenAI() takes its base URL from `None if settings.is_default(base) else base` at "
            "run time, None (OpenAI's URL) where `settings.is_default(base)` and its key from "
            "`key` (OPENAI_API_KEY when that is None); make sure they are "
            f"{NAME}'s ({URL}, the key from DASHSCOPE_API_KEY) in place of OpenAI's; a "
            f"server of your own needs no change; for {NAME} make that branch "
            f'os.getenv("DASHSCOPE_BASE_URL", "{URL}")',
        )
    ]
    assert invoke("apply", str(tmp_path), *QWEN, "--yes", "--allow-dirty")[0] == 0
    assert (tmp_path / "app.py").read_text() == text
    assert invoke("check", str(tmp_path), *QWEN)[0] == 1
