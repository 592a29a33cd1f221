"""ML401 renames a program's own `OPENAI_*` variable holding OpenAI's key or base URL as it
renames the SDK's (`rules.env_roles`): by its name (`OPENAI_BASEURL`, `OPENAI_KEY`), by its use
(the `api_key=`/`base_url=` of an SDK client, also through a class constant) or by its default
(OpenAI's base URL). PentestGPT read `os.getenv("OPENAI_BASEURL", "https://api.openai.com/v1")`,
which its README has users export; apply switched the key beside it to ZAI_API_KEY and kept the
read, so that key went to the OpenAI relay the variable named (t52d). Every migration here is
checked: safe/review findings are exactly its edits, and a second run edits nothing."""

from __future__ import annotations

from typer.testing import CliRunner

from migrate_llm.cli import app

from .loopback_run import run_guarded
from .test_key_reads_left import key_reads, migrated

# t52d's repro (r1_env_name.py)
CONFIG_CLASS = """import os
from openai import OpenAI

class Config:
    model = "gpt-4o"
    api_base = os.getenv("OPENAI_BASEURL", "https://api.openai.com/v1")
    openai_key = os.getenv("OPENAI_API_KEY")

client = OpenAI(api_key=Config.openai_key, base_url=Config.api_base)
"""
ZHIPU_URL = "https://open.bigmodel.cn/api/paas/v4"


def test_a_base_url_variable_named_so_is_renamed_with_the_key(registry, tmp_path):
    change = migrated(registry, tmp_path, CONFIG_CLASS, "zhipu")
    assert change.after == CONFIG_CLASS.replace('"gpt-4o"', '"glm-5.3"').replace(
        '"OPENAI_BASEURL", "https://api.openai.com/v1"', f'"ZAI_BASE_URL", "{ZHIPU_URL}"'
    ).replace('"OPENAI_API_KEY"', '"ZAI_API_KEY"')
    assert key_reads(change) == [
        (
            6,
            "safe",
            "reads OPENAI_BASEURL, OpenAI's base URL by its name; Zhipu AI (GLM)'s base URL is "
            f"in ZAI_BASE_URL (default {ZHIPU_URL})",
        ),
        (
            7,
            "safe",
            "reads OPENAI_API_KEY; Zhipu AI (GLM)'s key is in ZAI_API_KEY (the OpenAI key is not "
            "copied)",
        ),
    ]
    (read,) = [f for f in change.findings if f.rule == "ML401" and f.line == 6]
    assert read.data == {"variable_from": "OPENAI_BASEURL", "variable_to": "ZAI_BASE_URL"}


def test_variables_given_to_a_client_take_its_keywords_roles(registry, tmp_path):
    """As OPENAI_API_KEY and OPENAI_BASE_URL would be: the key read handed to the client
    gets "unset" (ML001 rewrites the client, which reads the provider's variables)."""
    text = (
        "import os\n\nfrom openai import OpenAI\n\n"
        'key = os.getenv("OPENAI_TOKEN")\n'
        'client = OpenAI(api_key=key, base_url=os.environ.get("OPENAI_ENDPOINT"))\n'
    )
    change = migrated(registry, tmp_path, text, "acme")
    assert change.after == (
        "import os\n\nfrom openai import OpenAI\n\n"
        'key = os.getenv("ACME_API_KEY", "unset")\n'
        "client = OpenAI(\n"
        '    api_key=os.environ.get("ACME_API_KEY", "unset"),\n'
        '    base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
        ")\n"
    )
    assert [m for _, _, m in key_reads(change)] == [
        "reads OPENAI_TOKEN, OpenAI's key as the api_key= of OpenAI() on line 6; Acme Cloud's "
        'key is in ACME_API_KEY (the OpenAI key is not copied); with the default "unset": '
        "given None, OpenAI() on line 6 would read OPENAI_API_KEY and send the OpenAI key to "
        "Acme Cloud",
        "reads OPENAI_ENDPOINT, OpenAI's base URL as the base_url= of OpenAI() on line 6; Acme "
        "Cloud's base URL is in ACME_BASE_URL (default https://api.acme.example/v1)",
    ]


def test_a_class_constant_given_to_a_client_takes_its_role(registry, tmp_path):
    text = (
        "import os\n\nfrom openai import OpenAI\n\n\nclass Settings:\n"
        '    host = os.getenv("OPENAI_API_HOST")\n'
        '    key = os.getenv("OPENAI_API_KEY")\n\n\n'
        "client = OpenAI(api_key=Settings.key, base_url=Settings.host)\n"
    )
    change = migrated(registry, tmp_path, text, "acme")
    assert change.after == (
        "import os\n\nfrom openai import OpenAI\n\n\nclass Settings:\n"
        '    host = os.getenv("ACME_BASE_URL", "https://api.acme.example/v1")\n'
        '    key = os.getenv("ACME_API_KEY")\n\n\n'
        "client = OpenAI(\n"
        '    api_key=os.environ.get("ACME_API_KEY", "unset")\n'
        "    if not Settings.host\n"
        "    else (\n"
        "        Settings.key\n"
        "        or (\n"
        '            os.environ.get("ACME_API_KEY", "unset")\n'
        '            if str(Settings.host).rstrip("/").lower()\n'
        "            in (\n"
        '                os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1")\n'
        '                .rstrip("/")\n'
        "                .lower(),\n"
        '                "https://api.acme.example/v1",\n'
        "            )\n"
        "            else Settings.key\n"
        "        )\n"
        "    ),\n"
        "    base_url=Settings.host\n"
        '    or os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
        ")\n"
    )
    assert key_reads(change)[0] == (
        7,
        "safe",
        "reads OPENAI_API_HOST, OpenAI's base URL as the base_url= of OpenAI() on line 11; Acme "
        "Cloud's base URL is in ACME_BASE_URL (default https://api.acme.example/v1)",
    )


def test_a_default_says_which_a_variable_holds(registry, tmp_path):
    """OpenAI's base URL as the default makes the variable a base URL; a whole endpoint
    (`.../chat/completions`) does not: the provider's base URL would be no endpoint there."""
    text = (
        "import os\n\n"
        'BASE = os.environ.get("OPENAI_URL", "https://api.openai.com/v1/")\n'
        'CHAT = os.getenv("OPENAI_API_URL", "https://api.openai.com/v1/chat/completions")\n'
    )
    change = migrated(registry, tmp_path, text, "acme")
    assert change.after == text.replace(
        '"OPENAI_URL", "https://api.openai.com/v1/"',
        '"ACME_BASE_URL", "https://api.acme.example/v1"',
    )
    assert key_reads(change) == [
        (
            3,
            "safe",
            "reads OPENAI_URL, OpenAI's base URL by its default (https://api.openai.com/v1/); "
            "Acme Cloud's base URL is in ACME_BASE_URL (default https://api.acme.example/v1)",
        ),
        (4, "manual", "reads OPENAI_API_URL, an OpenAI-only setting; Acme Cloud has no equivalent"),
    ]


def test_two_reads_of_one_role_are_left_to_a_person(registry, tmp_path):
    """Renamed, both would read the provider's variable: the first of the chain no longer
    means what the program's user set (the existing rule for openai<1's OPENAI_API_BASE)."""
    text = (
        "import os\n\nfrom openai import OpenAI\n\n"
        'url = os.getenv("OPENAI_BASE_URL") or os.getenv("OPENAI_BASEURL")\n'
        'other = os.getenv("OPENAI_KEY") or os.getenv("ACME_API_KEY")\n'
    )
    change = migrated(registry, tmp_path, text, "acme")
    assert change.after == text.replace(
        'os.getenv("OPENAI_BASE_URL")', 'os.getenv("ACME_BASE_URL")'
    )
    assert [r for r in key_reads(change) if r[1] == "manual"] == [
        (
            5,
            "manual",
            "reads OPENAI_BASEURL, OpenAI's base URL by its name, beside OPENAI_BASE_URL, which "
            "this module also reads (renamed to ACME_BASE_URL): renamed too, both would read "
            "ACME_BASE_URL; keep one read of ACME_BASE_URL, by hand",
        ),
        (
            6,
            "manual",
            "reads OPENAI_KEY, OpenAI's key by its name, beside ACME_API_KEY, which this module "
            "also reads: renamed too, both would read ACME_API_KEY; keep one read of "
            "ACME_API_KEY, by hand",
        ),
    ]


def test_no_role_for_the_programs_own_names_or_mixed_uses(registry, tmp_path):
    """A variable not named like OpenAI's stays the user's; an `OPENAI_*` one given as the key
    of one client and the base URL of another (one of the program's own server), or whose words
    speak of something else (an organisation), takes no role."""
    text = (
        "import os\n\nfrom openai import OpenAI\n\n"
        'b = OpenAI(api_key=os.getenv("OPENAI_CRED"), base_url="http://localhost:8000/v1")\n'
        'c = OpenAI(api_key="local", base_url=os.getenv("OPENAI_CRED"))\n'
        'd = OpenAI(api_key=os.getenv("OPENAI_ORG"), base_url="http://localhost:8000/v1")\n'
        'e = OpenAI(api_key=os.getenv("OPENAI_API_KEY"), base_url=os.getenv("MY_LLM_URL"))\n'
    )
    change = migrated(registry, tmp_path, text, "acme")
    assert change.after.count("OPENAI_CRED") == 1  # ML001 rewrites `c`
    assert 'os.getenv("OPENAI_ORG")' in change.after
    assert 'base_url=os.getenv("MY_LLM_URL")' in change.after
    assert [(line, fix) for line, fix, _ in key_reads(change)] == [
        (5, "none"),
        (6, "none"),
        (7, "manual"),
        (8, "manual"),
    ]
    assert key_reads(change)[2][2] == (
        "reads OPENAI_ORG, an OpenAI-only setting; Acme Cloud has no equivalent"
    )


RUN = (
    CONFIG_CLASS
    + """print(client.chat.completions.create(
    model=Config.model, messages=[{"role": "user", "content": "hi"}]
).choices[0].message.content)
"""
)


def test_the_zhipu_key_goes_where_zai_base_url_says(server, tmp_path, monkeypatch):
    """t52d's run: migrated for zhipu, the program sends its key to ZAI_BASE_URL's host, with
    OPENAI_BASEURL unset and with it still exported as the README said (now read by nothing)."""
    (tmp_path / "bot.py").write_text(RUN)
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(app, ["apply", ".", "--provider", "zhipu", "--yes"])
    assert done.exit_code == 0, done.stderr
    env = {"ZAI_API_KEY": "zhipu-test-key", "ZAI_BASE_URL": server.base}
    for exported in ({}, {"OPENAI_BASEURL": "https://relay.example.com/v1"}):
        server.requests.clear()
        proc, blocked = run_guarded("bot.py", tmp_path, {**env, **exported})
        assert blocked == [], proc.stderr
        assert proc.returncode == 0, proc.stderr
        (request,) = server.requests
        assert request.path == "/chat/completions"
        assert request.headers["authorization"] == "Bearer zhipu-test-key"
        assert request.body["model"] == "glm-5.3"
