"""A client whose base URL is a choice with a None branch (ML003, `clients.sentinel_branch`).

shell_gpt maps its setting's value "default" to None, `base_url=None if base_url == "default"
else base_url`, and the SDK then uses OpenAI's URL. Its config file, written on the first run
before the switch, holds `API_BASE_URL=default`, so with the setting's default pointed at the
provider by hand the provider's key still went to api.openai.com, and `check` passed where the
setting was another module's (t51d). The choice keeps ML003 wherever the value comes from, and
apply makes the None branch read the provider's variable (review); where it cannot (the key is
OpenAI's, the other branch another service's), the message says to.
"""

from __future__ import annotations

from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.engine import migrate_text
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

from .loopback_run import run_guarded

ARK = "ByteDance Doubao (Volcengine Ark)"
URL = "https://ark.cn-beijing.volces.com/api/v3"
READ = f'os.environ.get("ARK_BASE_URL", "{URL}")'

# t51d's r5: the program's own variable defaults to the provider's URL, "default" to None
CHOSEN = f"""import os

from openai import OpenAI

base_url = os.getenv("API_BASE_URL", "{URL}")
client = OpenAI(
    api_key=os.environ["ARK_API_KEY"],
    base_url=None if base_url == "default" else base_url,
)
reply = client.chat.completions.create(
    model="doubao-seed-2-1-turbo-260628", messages=[{{"role": "user", "content": "hi"}}]
)
print(reply.choices[0].message.content)
"""
CHOSEN_AFTER = CHOSEN.replace(
    '    base_url=None if base_url == "default" else base_url,\n',
    f'    base_url={READ}\n    if base_url == "default"\n    else base_url,\n',
)


def ml003(registry, text: str, provider: str = "doubao") -> list:
    ctx = RuleContext(registry, registry.get(provider))
    return [f for f in check_python(text, ctx, PYTHON_RULES) if f.rule == "ML003"]


def test_apply_points_the_none_branch_at_the_provider(registry):
    [found] = ml003(registry, CHOSEN)
    assert (found.line, found.severity.value, found.fix.value) == (6, "warning", "review")
    assert found.message == (
        'OpenAI() takes its base URL from `None if base_url == "default" else base_url` at run '
        'time, None (OpenAI\'s URL) where `base_url == "default"`; for '
        f"{ARK} apply makes that branch read ARK_BASE_URL (default {URL})"
    )
    assert found.data == {"client": "OpenAI", "endpoint": "dynamic"}
    after, _ = migrate_text(CHOSEN, "python", "app.py", [found])
    assert after == CHOSEN_AFTER
    [again] = ml003(registry, after)  # the provider's, either way
    assert (again.severity.value, again.fix.value, again.edit) == ("note", "none", None)
    assert again.message == f"OpenAI() already points at {ARK}"


def test_a_key_the_program_hands_the_client_falls_back_with_it(registry):
    text = (
        "import json\nimport os\n\nfrom openai import OpenAI\n\n"
        'cfg = json.load(open("config.json"))\n'
        "client = OpenAI(\n"
        '    api_key=cfg.get("key"),\n'
        '    base_url=cfg["url"] if cfg["url"] != "default" else None,\n'
        ")\n"
    )
    [found] = ml003(registry, text)
    assert (found.severity.value, found.fix.value) == ("warning", "review")
    assert found.message == (
        'OpenAI() takes its base URL from `cfg["url"] if cfg["url"] != "default" else None` at '
        'run time, None (OpenAI\'s URL) unless `cfg["url"] != "default"` and its key from '
        '`cfg.get("key")` (OPENAI_API_KEY when that is None); for '
        f"{ARK} apply makes that branch read ARK_BASE_URL (default {URL}), its key ARK_API_KEY "
        f'on that branch in place of `cfg.get("key")` (given for OpenAI\'s URL, it must not go '
        f'to {ARK}\'s), and ARK_API_KEY when `cfg.get("key")` is empty where the other is '
        f"{ARK}'s (its variable's value or any of its regions' URLs in any spelling); another server keeps the key "
        "the program gives it, which must be a "
        f"{ARK} key on {ARK}'s URL"
    )
    assert found.data["program_key"] == 'cfg.get("key")'
    after, _ = migrate_text(text, "python", "app.py", [found])
    # s59: tied to that branch; on `cfg["url"]`'s server the key the program gives, never Ark's
    assert after == text.replace(
        '    api_key=cfg.get("key"),\n'
        '    base_url=cfg["url"] if cfg["url"] != "default" else None,\n',
        "    api_key=(\n"
        '        cfg.get("key")\n'
        "        or (\n"
        '            os.environ.get("ARK_API_KEY", "unset")\n'
        '            if str(cfg["url"]).rstrip("/").lower()\n'
        "            in (\n"
        "                os.environ.get(\n"
        f'                    "ARK_BASE_URL", "{URL}"\n'
        "                )\n"
        '                .rstrip("/")\n'
        "                .lower(),\n"
        f'                "{URL}",\n'
        '                "https://ark.ap-southeast.bytepluses.com/api/v3",\n'
        "            )\n"
        '            else cfg.get("key")\n'
        "        )\n"
        "    )\n"
        '    if cfg["url"] != "default"\n'
        '    else os.environ.get("ARK_API_KEY", "unset"),\n'
        '    base_url=cfg["url"]\n'
        '    if cfg["url"] != "default"\n'
        f"    else {READ},\n",
    )


def test_an_openai_key_leaves_the_branch_to_a_person(registry):
    text = (
        "from openai import OpenAI\n\nurl = settings.url\n"
        'client = OpenAI(base_url=None if url == "default" else url)\n'
    )
    [found] = ml003(registry, text)
    assert (found.severity.value, found.fix.value, found.edit) == ("warning", "manual", None)
    assert found.message == (
        'OpenAI() takes its base URL from `None if url == "default" else url` at run time, None '
        '(OpenAI\'s URL) where `url == "default"` and its key from OPENAI_API_KEY; make sure '
        f"they are {ARK}'s ({URL}, the key from ARK_API_KEY) in place of OpenAI's; a "
        f"server of your own needs no change; for {ARK} make that branch "
        f'os.getenv("ARK_BASE_URL", "{URL}")'
    )


def test_another_services_branch_keeps_its_key(registry):
    text = (
        "import os\n\nfrom openai import OpenAI\n\n\ndef make(local):\n"
        "    return OpenAI(\n"
        '        api_key=os.environ["ARK_API_KEY"],\n'
        '        base_url=None if local else "https://api.deepseek.com/v1",\n'
        "    )\n"
    )
    [found] = ml003(registry, text)
    assert (found.severity.value, found.fix.value, found.edit) == ("warning", "manual", None)
    assert found.message.endswith(
        f'; for {ARK} make that branch os.getenv("ARK_BASE_URL", "{URL}")'
    )


def test_the_applied_program_reaches_the_provider_with_the_old_setting(
    registry, server, tmp_path, monkeypatch
):
    before, tmp_path = tmp_path / "before", tmp_path / "app"
    for directory in (before, tmp_path):
        directory.mkdir()
        (directory / "app.py").write_text(CHOSEN, encoding="utf-8")
    # the setting a file or a variable written before the switch still holds
    env = {"ARK_API_KEY": "ark-key", "API_BASE_URL": "default"}
    proc, blocked = run_guarded("app.py", before, env)
    assert blocked == ["api.openai.com"] and proc.returncode != 0  # the leak t51d saw
    monkeypatch.chdir(tmp_path)
    assert CliRunner().invoke(app, ["check", ".", "-p", "doubao", "--no-cache"]).exit_code == 1
    done = CliRunner().invoke(app, ["apply", ".", "-p", "doubao", "--yes", "--no-cache"])
    assert done.exit_code == 0, done.output
    assert (tmp_path / "app.py").read_text(encoding="utf-8") == CHOSEN_AFTER
    check = CliRunner().invoke(app, ["check", ".", "-p", "doubao", "--no-cache"])
    assert (check.exit_code, check.output) == (0, "0 findings for doubao in 0 of 1 file\n")
    again = CliRunner().invoke(app, ["apply", ".", "-p", "doubao", "--diff", "--no-cache"])
    assert again.stdout == ""

    proc, blocked = run_guarded("app.py", tmp_path, {**env, "ARK_BASE_URL": server.base + "/v1"})
    assert blocked == [] and proc.returncode == 0, proc.stderr
    [request] = server.requests
    assert (request.path, request.headers["authorization"]) == (
        "/v1/chat/completions",
        "Bearer ark-key",
    )


def test_the_branch_in_a_dict_the_client_is_given_is_pointed_there_too(registry):
    """The same choice in a dict display spread into the client (`OpenAI(**kwargs)`, as
    shell_gpt builds `additional_kwargs`), bound once and given to nothing else: the entries
    are edited in the dict as the keywords are in the call (before, ML003 stayed manual)."""
    text = (
        "from openai import OpenAI\n\n\n"
        "def make(cfg):\n"
        '    base_url = cfg.get("API_BASE_URL")\n'
        "    kwargs = {\n"
        '        "timeout": 10,\n'
        '        "api_key": cfg.get("API_KEY"),\n'
        '        "base_url": None if base_url == "default" else base_url,\n'
        "    }\n"
        "    return OpenAI(**kwargs)\n"
    )
    [found] = ml003(registry, text)
    assert (found.line, found.fix.value) == (11, "review")
    assert "apply makes that branch read ARK_BASE_URL" in found.message
    after, _ = migrate_text(text, "python", "app.py", [found])
    assert after == "import os\n\n" + text.replace(
        '"api_key": cfg.get("API_KEY"),\n        "base_url": None if',
        '"api_key": os.environ.get("ARK_API_KEY", "unset")\n'
        '        if base_url == "default"\n'
        "        else (\n"
        '            cfg.get("API_KEY")\n'
        "            or (\n"
        '                os.environ.get("ARK_API_KEY", "unset")\n'
        '                if str(base_url).rstrip("/").lower()\n'
        "                in (\n"
        "                    os.environ.get(\n"
        f'                        "ARK_BASE_URL", "{URL}"\n'
        "                    )\n"
        '                    .rstrip("/")\n'
        "                    .lower(),\n"
        f'                    "{URL}",\n'
        '                    "https://ark.ap-southeast.bytepluses.com/api/v3",\n'
        "                )\n"
        '                else cfg.get("API_KEY")\n'
        "            )\n"
        "        ),\n"
        '        "base_url": os.environ.get(\n'
        f'            "ARK_BASE_URL", "{URL}"\n'
        "        )\n"
        "        if",
    ).replace(' == "default" else base_url,', ' == "default"\n        else base_url,')
    # given to another call as well, or bound twice (shell_gpt's): left to a person
    shared = text.replace(
        "    return OpenAI(**kwargs)\n", "    print(kwargs)\n    return OpenAI(**kwargs)\n"
    )
    [left] = ml003(registry, shared)
    assert (left.fix.value, left.edit) == ("manual", None)
