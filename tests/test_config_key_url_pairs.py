"""A key and a base URL openai<1.0's module settings take from one configuration the program
reads (t53c D1: ChatPaper's apikey.ini, read with configparser). ML301 deleted
`openai.api_base = config.get(...)` as safe and kept the key from the same file on the client
it built: the file's key (a proxy's, an Azure resource's, a placeholder) went to DeepSeek, and
the proxy URL beside it was ignored. Now both move onto the client together (review), or
both are left (manual) where apply cannot move both; ML401 says where the option's value goes
(t53c D4). The runs use a loopback server for the configuration's proxy and another for the
provider's variable, with no OPENAI_* variable set."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.engine import migrate_text
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

from . import network_guard
from .loopback_server import LoopbackServer
from .program_runner import run_python
from .test_e2e_app import clean_env

# a program reading its endpoint and keys from an INI file, in our words
APP = """import configparser

import openai

config = configparser.ConfigParser()
config.read("settings.ini")
openai.api_base = config.get("llm", "OPENAI_API_BASE")
keys = [k.strip() for k in config.get("llm", "OPENAI_API_KEYS").split(",") if k.strip()]


def ask(text):
    openai.api_key = keys[0] if keys else ""
    r = openai.ChatCompletion.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])
    return r.choices[0].message.content


if __name__ == "__main__":
    print(ask("hi"))
"""
APP_AFTER = """import configparser
import os

import openai

client = openai.OpenAI(
    api_key=os.environ.get("DEEPSEEK_API_KEY", "unset"),
    base_url=os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com"),
)

config = configparser.ConfigParser()
config.read("settings.ini")
client.base_url = config.get("llm", "OPENAI_API_BASE") or os.environ.get(
    "DEEPSEEK_BASE_URL", "https://api.deepseek.com"
)
keys = [k.strip() for k in config.get("llm", "OPENAI_API_KEYS").split(",") if k.strip()]


def ask(text):
    client.api_key = (keys[0] if keys else "") or (
        os.environ.get("DEEPSEEK_API_KEY", "unset")
        if str(client.base_url).rstrip("/").lower()
        in (
            os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com")
            .rstrip("/")
            .lower(),
            "https://api.deepseek.com",
            "https://api.deepseek.com/v1",
            "https://api.deepseek.com/beta",
        )
        else "unset"
    )
    r = client.chat.completions.create(
        extra_body={"thinking": {"type": "disabled"}},
        model="deepseek-flash",
        messages=[{"role": "user", "content": text}],
    )
    return r.choices[0].message.content


if __name__ == "__main__":
    print(ask("hi"))
"""
MOVED = (
    "openai.api_{0} is openai<1.0 configuration; the clients of openai>=1 do not read it: apply "
    "sets the {1} your code sets (`{2}`) on the client it builds instead (client.{3} = ...), "
    "with DEEPSEEK_{4} when it is empty{7}, as it does the {5} set from the same configuration "
    "(`config`) on line {6}: that configuration must name DeepSeek's base URL "
    "(https://api.deepseek.com, or a proxy for it) and a DeepSeek key"
)


def migrate(registry, text: str, provider: str = "deepseek"):
    """(findings, text after apply); a second run finds nothing to edit."""
    ctx = RuleContext(registry, registry.get(provider))
    found = check_python(text, ctx, PYTHON_RULES)
    after, _ = migrate_text(text, "python", "app.py", found)
    again = check_python(after, ctx, PYTHON_RULES)
    assert [f.message for f in again if f.edit is not None] == []
    return found, after


def rows(found, rule: str):
    return [(f.line, f.severity.value, f.fix.value, f.message) for f in found if f.rule == rule]


# the provider's key goes only with the provider's URL (t62 fF: an empty key entry beside the
# file's proxy URL sent DEEPSEEK_API_KEY to that proxy)
TIED = ' and the base URL is DeepSeek\'s (else "unset")'


def test_the_base_url_moves_onto_the_client_with_the_key_from_the_same_configuration(registry):
    found, after = migrate(registry, APP)
    assert after == APP_AFTER
    assert rows(found, "ML301") == [
        (
            7,
            "error",
            "review",
            MOVED.format(
                "base",
                "base URL",
                'config.get("llm", "OPENAI_API_BASE")',
                "base_url",
                "BASE_URL",
                "key",
                12,
                "",
            ),
        ),
        (
            12,
            "error",
            "review",
            MOVED.format(
                "key",
                "key",
                'keys[0] if keys else ""',
                "api_key",
                "API_KEY",
                "base URL",
                7,
                TIED,
            ),
        ),
    ]
    said = (
        "names {0}, an option of the configuration `config` the module reads, not an "
        "environment variable: its value is the {1} set on line {2} (openai.{3}), which apply "
        "sets on the client it builds together with the {4} from that configuration (ML301): "
        "the requests go where that configuration says; make it hold DeepSeek's base URL "
        "(https://api.deepseek.com, or a proxy for it) and a DeepSeek key (never an OpenAI key), "
        "then record that with `# migrate-llm: ignore[ML401]` at the end of this line"
    )
    assert rows(found, "ML401") == [
        (
            7,
            "warning",
            "manual",
            said.format("OPENAI_API_BASE", "base URL", 7, "api_base", "key"),
        ),
        (
            8,
            "warning",
            "manual",
            said.format("OPENAI_API_KEYS", "key", 12, "api_key", "base URL"),
        ),
    ]


def test_after_apply_the_options_say_where_their_values_go(registry):
    ctx = RuleContext(registry, registry.get("deepseek"))
    record = "then record that with `# migrate-llm: ignore[ML401]` at the end of this line"
    head = (
        "names {0}, an option of the configuration `config` the module reads, not an "
        "environment variable: its value is the {1} set on line {2} (client.{3}), "
    )
    assert rows(check_python(APP_AFTER, ctx, PYTHON_RULES), "ML401") == [
        (
            13,
            "warning",
            "manual",
            head.format("OPENAI_API_BASE", "base URL", 13, "base_url")
            + "where the client sends its requests: make it hold DeepSeek's base URL "
            f"(https://api.deepseek.com, or a proxy for it), {record}",
        ),
        (
            16,
            "warning",
            "manual",
            head.format("OPENAI_API_KEYS", "key", 20, "api_key")
            + "which the client sends with its requests: make it hold a DeepSeek key (never "
            f"an OpenAI key), {record}",
        ),
    ]


LEFT = (
    "openai.api_{0} is openai<1.0 configuration, set from the configuration `self.config` as "
    "the {1} is on {2} (openai.api_{3}): apply cannot set both on the clients it builds ({4}), "
    "and one alone would send that configuration's key where DeepSeek's URL is, or DeepSeek's "
    "key to that configuration's URL, so it leaves both; the clients it builds read neither "
    "(DEEPSEEK_BASE_URL, DEEPSEEK_API_KEY): set both on the client by hand (client.base_url = "
    "..., client.api_key = ...), or delete both"
)
# ChatPaper's shape: the OpenAI section's endpoint, Azure's when no key is given
AZURE = """import configparser

import openai


class Reader:
    def __init__(self):
        self.config = configparser.ConfigParser()
        self.config.read("apikey.ini")
        openai.api_base = self.config.get("OpenAI", "OPENAI_API_BASE")
        self.keys = self.config.get("OpenAI", "OPENAI_API_KEYS").split(",")
        if not self.keys:
            self.keys.append(self.config.get("Azure", "OPENAI_API_KEYS"))
            openai.api_base = self.config.get("Azure", "OPENAI_API_BASE")
            openai.api_type = "azure"

    def ask(self, messages):
        openai.api_key = self.keys[0]
        return openai.ChatCompletion.create(model="gpt-4o-mini", messages=messages)
"""


def test_where_both_cannot_move_both_are_left_and_named(registry):
    found, after = migrate(registry, AZURE)
    for line in (
        '        openai.api_base = self.config.get("OpenAI", "OPENAI_API_BASE")\n',
        '            openai.api_base = self.config.get("Azure", "OPENAI_API_BASE")\n',
        "        openai.api_key = self.keys[0]\n",
    ):
        assert line in after
    azure = "the module also configures Azure OpenAI, openai.api_type on line 15"
    assert [r for r in rows(found, "ML301") if r[0] != 15] == [
        (10, "error", "manual", LEFT.format("base", "key", "line 18", "key", azure)),
        (14, "error", "manual", LEFT.format("base", "key", "line 18", "key", azure)),
        (
            18,
            "error",
            "manual",
            LEFT.format("key", "base URL", "line 10 and line 14", "base", azure),
        ),
    ]
    said = (
        "names {0}, an option of the configuration `self.config` the module reads, not an "
        "environment variable: its value is the {1} set on line {2} (openai.api_{3}), which "
        "apply leaves with the {4} set from that configuration (ML301): the clients it builds "
        "read neither until both are set on one, by hand"
    )
    assert rows(found, "ML401") == [
        (10, "warning", "manual", said.format("OPENAI_API_BASE", "base URL", 10, "base", "key")),
        (11, "warning", "manual", said.format("OPENAI_API_KEYS", "key", 18, "key", "base URL")),
        (13, "warning", "manual", said.format("OPENAI_API_KEYS", "key", 18, "key", "base URL")),
        (14, "warning", "manual", said.format("OPENAI_API_BASE", "base URL", 14, "base", "key")),
    ]
    # check after apply: still red on both, and on Azure's api_type, left for the
    # deployments to map (t62a)
    ctx = RuleContext(registry, registry.get("deepseek"))
    again = rows(check_python(after, ctx, PYTHON_RULES), "ML301")
    assert [(line, fix) for line, _, fix, _ in again] == [
        (16, "manual"),
        (20, "manual"),
        (21, "manual"),
        (24, "manual"),
    ]
    # it says what is left, not the state apply's own edits made (t53i N3)
    assert [r[3] for r in again if r[0] != 21] == [
        DONE.format("base", "key", "line 24", "key"),
        DONE.format("base", "key", "line 24", "key"),
        DONE.format("key", "base URL", "line 16 and line 20", "base"),
    ]


# ML301 in check after apply: no openai<1 call left for apply to move the pair onto
DONE = (
    "openai.api_{0} is openai<1.0 configuration, set from the configuration `self.config` as "
    "the {1} is on {2} (openai.api_{3}): the module calls no openai<1 API, so apply builds no "
    "client here to set them on, and a client built with its own key and base URL (as apply "
    "builds them, from DEEPSEEK_BASE_URL and DEEPSEEK_API_KEY) reads neither: set both on the "
    "client by hand (client.base_url = ..., client.api_key = ...), or delete both"
)


def test_once_both_are_deleted_by_hand_the_options_say_nothing_sends_them(registry):
    """t53i D4: after following ML301's "delete both", the key options' reads said "the module
    does not show how it is used; an OpenAI-only setting; DeepSeek has no equivalent"."""
    _, after = migrate(registry, AZURE)
    fixed = "".join(
        line
        for line in after.splitlines(keepends=True)
        if "openai.api_base =" not in line and "openai.api_key =" not in line
    )
    ctx = RuleContext(registry, registry.get("deepseek"))
    found = check_python(fixed, ctx, PYTHON_RULES)
    assert rows(found, "ML301") == []
    said = (
        "names OPENAI_API_KEYS, an option of the configuration `self.config` the module reads, "
        "not an environment variable: no key or base URL the module sets takes its value, and "
        "its clients read DEEPSEEK_API_KEY and DEEPSEEK_BASE_URL; if nothing else sends it, "
        "remove the read by hand, or record that with `# migrate-llm: ignore[ML401]` at the end "
        "of this line"
    )
    assert rows(found, "ML401") == [
        (16, "warning", "manual", said),
        (18, "warning", "manual", said),
    ]


def test_a_key_that_also_takes_another_value_leaves_both(registry):
    """ChatPaper's chat_arxiv.py: the keys of the file and the one of an environment variable
    in one list; moved with the file's URL, that variable's key would go there."""
    before = AZURE.replace(
        '            self.keys.append(self.config.get("Azure", "OPENAI_API_KEYS"))\n'
        '            openai.api_base = self.config.get("Azure", "OPENAI_API_BASE")\n'
        '            openai.api_type = "azure"\n',
        '            self.keys.append(os.environ.get("OPENAI_KEY", ""))\n',
    ).replace("import configparser\n", "import configparser\nimport os\n")
    found, after = migrate(registry, before)
    why = (
        'the key set on line 17 also takes `os.environ.get("OPENAI_KEY", "")`, which is not '
        "that configuration's"
    )
    assert rows(found, "ML301") == [
        (11, "error", "manual", LEFT.format("base", "key", "line 17", "key", why)),
        (17, "error", "manual", LEFT.format("key", "base URL", "line 11", "base", why)),
    ]
    assert "        openai.api_key = self.keys[0]\n" in after
    # check after apply does not call apply's own DEEPSEEK_API_KEY read the user's (t53i N3)
    ctx = RuleContext(registry, registry.get("deepseek"))
    assert rows(check_python(after, ctx, PYTHON_RULES), "ML301") == [
        (16, "error", "manual", DONE.format("base", "key", "line 22", "key")),
        (22, "error", "manual", DONE.format("key", "base URL", "line 16", "base")),
    ]


def test_a_base_url_from_the_configuration_alone_is_set_on_the_client_review(registry):
    # t62a: a base URL the program chooses (FastChat's `--openai-api-base`) was deleted, and
    # the requests silently went to the provider instead of the user's own server
    before = (
        "import configparser\nimport os\n\nimport openai\n\n"
        'config = configparser.ConfigParser()\nconfig.read("apikey.ini")\n'
        'openai.api_base = config["llm"]["base"]\nopenai.api_key = os.environ["OPENAI_API_KEY"]\n'
        'openai.ChatCompletion.create(model="gpt-4o-mini", messages=[])\n'
    )
    found, after = migrate(registry, before)
    assert after.split("config.read")[1] == (
        '("apikey.ini")\n'
        'client.base_url = config["llm"]["base"] or os.environ.get(\n'
        '    "DEEPSEEK_BASE_URL", "https://api.deepseek.com"\n)\n'
        # DeepSeek's key only with DeepSeek's URL: the file's server gets none of it
        "client.api_key = (\n"
        '    os.environ.get("DEEPSEEK_API_KEY", "unset")\n'
        '    if str(client.base_url).rstrip("/").lower()\n'
        "    in (\n"
        '        os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com")\n'
        '        .rstrip("/")\n'
        "        .lower(),\n"
        '        "https://api.deepseek.com",\n'
        '        "https://api.deepseek.com/v1",\n'
        '        "https://api.deepseek.com/beta",\n'
        "    )\n"
        '    else "unset"\n'
        ")\n"
        "client.chat.completions.create(\n"
        '    extra_body={"thinking": {"type": "disabled"}}, model="deepseek-flash", messages=[]\n'
        ")\n"
    )
    assert rows(found, "ML301")[0] == (
        8,
        "error",
        "review",
        "openai.api_base is openai<1.0 configuration; the clients of openai>=1 do not read it: "
        'apply sets the base URL your code sets (`config["llm"]["base"]`) on the client it '
        "builds instead (client.base_url = ...), with DEEPSEEK_BASE_URL when it is empty: it "
        "must name DeepSeek's base URL or a server of your own, which then gets the key your "
        'code sets, else "unset": DEEPSEEK_API_KEY goes only with DeepSeek\'s URL '
        "(client.api_key = ... if ... else ...)",
    )


INI = "[llm]\nOPENAI_API_BASE = {base}\nOPENAI_API_KEYS = {keys}\n"


def test_the_configurations_key_goes_to_its_own_url(registry, tmp_path, monkeypatch):
    """Run as applied: the file's proxy gets the file's key; with both entries empty, the
    provider's variables are used together; the server behind DEEPSEEK_BASE_URL never sees
    the file's key. With the key entry empty beside the proxy's URL, the proxy gets "unset",
    never DEEPSEEK_API_KEY (t62 fF), which goes with the provider's URL however the file
    spells it."""
    project = tmp_path / "app"
    project.mkdir()
    (project / "main.py").write_text(APP)
    monkeypatch.chdir(project)
    result = CliRunner().invoke(app, ["apply", ".", "--provider", "deepseek", "--yes"])
    assert result.exit_code == 0, result.stderr
    assert (project / "main.py").read_text() == APP_AFTER
    assert (
        "DEEPSEEK_BASE_URL overrides the base URL https://api.deepseek.com (a proxy, a region, "
        "a test server), except where the program sets its own, with the key, from its "
        'configuration: `config.get("llm", "OPENAI_API_BASE")` (main.py:7:1), which wins '
        "wherever that configuration gives one."
    ) in " ".join(result.stderr.split())

    proxy, provider = LoopbackServer().start(), LoopbackServer().start()
    try:
        env = clean_env(registry) | {
            "DEEPSEEK_BASE_URL": provider.base + "/v1",
            "DEEPSEEK_API_KEY": "sk-deepseek-env",
        }
        guard = tmp_path / "guard"
        env = network_guard.subprocess_env(env, guard)
        runs = (
            (proxy.base + "/v1", "sk-proxy-key, "),
            ("", ""),
            (proxy.base + "/v1", ""),
            (provider.base.upper().replace("HTTP://", "http://") + "/V1/", ""),
        )
        for base, keys in runs:
            (project / "settings.ini").write_text(INI.format(base=base, keys=keys))
            proc = run_python(["main.py"], cwd=project, env=env, timeout=60)
            assert proc.returncode == 0, proc.stderr
            assert proc.stdout.strip() == "reply from deepseek-flash"
    finally:
        proxy.stop()
        provider.stop()
    assert network_guard.blocked_hosts(guard) == []
    sent = [
        (r.headers["host"], r.headers["authorization"])
        for server in (proxy, provider)
        for r in server.requests
    ]
    assert sent == [
        (proxy.base.removeprefix("http://"), "Bearer sk-proxy-key"),
        (proxy.base.removeprefix("http://"), "Bearer unset"),
        (provider.base.removeprefix("http://"), "Bearer sk-deepseek-env"),
        (provider.base.removeprefix("http://"), "Bearer sk-deepseek-env"),
    ]


def test_both_left_the_requests_carry_the_providers_key_and_check_fails(
    registry, tmp_path, monkeypatch
):
    """The Azure-shaped reader: both settings left, the clients apply builds read only the
    provider's variables, and check fails on ML301 until a person moves them."""
    project = tmp_path / "app"
    project.mkdir()
    program = AZURE + '\n\nprint(Reader().ask([{"role": "user", "content": "hi"}]).id)\n'
    (project / "main.py").write_text(program)
    monkeypatch.chdir(project)
    result = CliRunner().invoke(app, ["apply", ".", "--provider", "deepseek", "--yes"])
    assert result.exit_code == 0, result.stderr
    check = CliRunner().invoke(app, ["check", ".", "--provider", "deepseek", "--format", "json"])
    assert check.exit_code == 1
    left = [f["line"] for f in json.loads(check.stdout)["findings"] if f["rule"] == "ML301"]
    assert left == [16, 20, 21, 24]

    proxy, provider = LoopbackServer().start(), LoopbackServer().start()
    try:
        ini = INI.format(base=proxy.base + "/v1", keys="sk-file-key").replace("[llm]", "[OpenAI]")
        (project / "apikey.ini").write_text(ini)
        env = clean_env(registry) | {
            "DEEPSEEK_BASE_URL": provider.base + "/v1",
            "DEEPSEEK_API_KEY": "sk-deepseek-env",
        }
        guard = tmp_path / "guard"
        env = network_guard.subprocess_env(env, guard)
        proc = run_python(["main.py"], cwd=project, env=env, timeout=60)
        assert proc.returncode == 0, proc.stderr
    finally:
        proxy.stop()
        provider.stop()
    assert network_guard.blocked_hosts(guard) == []
    assert proxy.requests == []
    assert [(r.headers["host"], r.headers["authorization"]) for r in provider.requests] == [
        (provider.base.removeprefix("http://"), "Bearer sk-deepseek-env")
    ]


def test_while_the_pins_keep_openai_0_neither_moves(registry, tmp_path, monkeypatch):
    """The project's requirements keep openai<1 (a langchain pin ML504 leaves): ML301 leaves
    the base URL for openai<1 code, so the key from the same file stays with it."""
    (tmp_path / "app.py").write_text(APP)
    (tmp_path / "requirements.txt").write_text("openai==0.27.6\nlangchain==0.0.184\n")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["scan", ".", "--provider", "deepseek", "--format", "json"])
    rows = [
        (f["line"], f["fix"])
        for f in json.loads(result.stdout)["findings"]
        if f["rule"] == "ML301" and f["path"] == "app.py"
    ]
    assert rows == [(7, "manual"), (12, "manual")]
    diff = CliRunner().invoke(app, ["apply", ".", "--provider", "deepseek", "--diff"]).stdout
    assert ".api_key = " not in diff.replace("openai.api_key = ", "")
