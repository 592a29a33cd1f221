"""ML102 configures openai's module-level client in a module that configures nothing.

xiaogpt's mail summary (`examples/email/mail_box.py`) imported openai in the method asking for
the summary and called `openai.chat.completions.create(model=...)`, relying on OPENAI_API_KEY:
ML102 left it (manual), so after apply the provider's model went to OpenAI, or the call
failed without OPENAI_API_KEY. apply now sets `openai.api_key` and `openai.base_url` from the
provider's variables after the imports, where the provider serves every request through the
module-level client in the project, nothing else configures it, and the module runs as a
program.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app

from .loopback_run import run_guarded

MAILBOX = """import re


class Mailbox:
    prompt = "Summarise each mail in one line."

    def summary_by_ai(self, mails: str) -> str:
        import openai

        print("Asking for a summary...")
        reply = openai.chat.completions.create(
            model="gpt-4o-mini",
            messages=[
                {"role": "system", "content": self.prompt},
                {"role": "user", "content": re.sub(r"\\s+", " ", mails)},
            ],
        )
        return reply.choices[0].message.content
"""

# what apply writes after the method's import (DeepSeek)
SETUP = """        import os

        import openai

        openai.api_key = os.environ.get("DEEPSEEK_API_KEY", "unset")
        openai.base_url = (
            os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com").rstrip("/")
            + "/"
        )

        print("Asking for a summary...")
"""

RUNNER = "from mailbox_tools import Mailbox\n\nprint(Mailbox().summary_by_ai('two  mails'))\n"

SCRIPT = """import sys

import openai


def summarise(text):
    reply = openai.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": text}]
    )
    return reply.choices[0].message.content


if __name__ == "__main__":
    print(summarise(" ".join(sys.argv[1:]) or "two mails"))
"""


def scan(project: Path, provider: str = "deepseek") -> list[dict]:
    """The ML102 findings of `scan --format json` over `project` (run from it)."""
    done = CliRunner().invoke(app, ["scan", ".", "--provider", provider, "--format", "json"])
    assert done.exit_code == 0, done.stderr
    return [f for f in json.loads(done.stdout)["findings"] if f["rule"] == "ML102"]


def apply(provider: str = "deepseek") -> str:
    done = CliRunner().invoke(app, ["apply", ".", "--provider", provider, "--yes"])
    assert done.exit_code == 0, done.stderr
    return done.stderr


def test_the_method_importing_openai_gets_the_setup(tmp_path, monkeypatch):
    (tmp_path / "mailbox_tools.py").write_text(MAILBOX)
    (tmp_path / "run.py").write_text(RUNNER)
    monkeypatch.chdir(tmp_path)
    (found,) = scan(tmp_path)
    assert found["fix"] == "review"
    assert found["message"].endswith(
        "supported by DeepSeek; apply sets openai.api_key from DEEPSEEK_API_KEY and "
        "openai.base_url from DEEPSEEK_BASE_URL (default https://api.deepseek.com) after the "
        "imports of summary_by_ai(): nothing configures the module-level client, and DeepSeek "
        "serves each of the project's requests through it"
    )
    diff = CliRunner().invoke(app, ["apply", ".", "--provider", "deepseek", "--diff"]).stdout
    apply()
    after = (tmp_path / "mailbox_tools.py").read_text()
    assert SETUP in after
    assert after.count("openai.base_url") == 1
    assert "+        openai.base_url = (\n" in diff  # scan's fix is apply's edit
    assert "Changed 0 files" in apply()  # the calls need nothing more
    assert scan(tmp_path) == []


def test_a_script_gets_the_setup_after_its_imports(tmp_path, monkeypatch):
    (tmp_path / "summarise.py").write_text(SCRIPT)
    monkeypatch.chdir(tmp_path)
    apply()
    assert (
        (tmp_path / "summarise.py")
        .read_text()
        .startswith(
            "import os\nimport sys\n\nimport openai\n\n"
            'openai.api_key = os.environ.get("DEEPSEEK_API_KEY", "unset")\n'
            "openai.base_url = (\n"
            '    os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com").rstrip("/") + "/"\n'
            ")\n\n\ndef summarise(text):\n"
        )
    )


def test_the_setup_goes_below_a_load_of_the_env_file(tmp_path, monkeypatch):
    (tmp_path / "bot.py").write_text(
        "import openai\nfrom dotenv import load_dotenv\n\nload_dotenv()\n\n"
        'print(openai.chat.completions.create(model="gpt-4o", messages=[]))\n'
    )
    monkeypatch.chdir(tmp_path)
    (found,) = scan(tmp_path)
    assert "below the load of the .env file on line 4" in found["message"]
    apply()
    assert (
        (tmp_path / "bot.py")
        .read_text()
        .startswith(
            "import os\n\nimport openai\nfrom dotenv import load_dotenv\n\nload_dotenv()\n"
            'openai.api_key = os.environ.get("DEEPSEEK_API_KEY", "unset")\n'
        )
    )


@pytest.mark.parametrize(
    ("files", "reason"),
    [
        (  # a request the provider does not serve, in another module of the project
            {
                "search.py": "import openai\n\n\ndef embed(t):\n"
                '    return openai.embeddings.create(model="text-embedding-3-small", input=t)\n'
            },
            "search.py:5 asks it for embeddings, which DeepSeek does not serve",
        ),
        (  # another module configures the module-level client
            {"settings.py": 'import openai\n\nopenai.base_url = "http://localhost:8000/v1/"\n'},
            "a module of the project configures it (openai.api_key = ...)",
        ),
        (  # openai<1 kept by a framework pin: openai.base_url would not be read
            {"requirements.txt": "openai==0.27.8\nlangchain==0.0.184\n"},
            "the project's requirements keep openai<1 (ML504), which has no openai.base_url: "
            "the provider's key would go to OpenAI",
        ),
        (  # a request of its own the provider does not serve
            {"summarise.py": SCRIPT + "openai.moderations.create(input='x')\n"},
            "its request on line 15 asks for moderations, which DeepSeek does not serve",
        ),
    ],
)
def test_the_setup_waits_for_what_would_break(tmp_path, monkeypatch, files, reason):
    for name, text in {"summarise.py": SCRIPT, **files}.items():
        (tmp_path / name).write_text(text)
    monkeypatch.chdir(tmp_path)
    found = [f for f in scan(tmp_path) if f["path"] == "summarise.py"]
    assert [f["fix"] for f in found] == ["manual"] * len(found)
    assert found[0]["message"].endswith(
        f"; apply leaves the module-level client unconfigured: {reason}"
    )
    apply()
    assert "openai.api_key" not in (tmp_path / "summarise.py").read_text()


@pytest.mark.parametrize(
    ("name", "text", "reason"),
    [
        (
            "pkg/__init__.py",
            SCRIPT,
            "it is a package's __init__.py, which every importer of it runs",
        ),
        (
            "tools.py",
            MAILBOX + "\n    def again(self):\n        import openai\n\n"
            "        return openai.chat.completions.create(model='gpt-4o', messages=[])\n",
            "it imports openai in more than one place",
        ),
    ],
)
def test_a_module_others_import_is_left(tmp_path, monkeypatch, name, text, reason):
    (tmp_path / name).parent.mkdir(exist_ok=True)
    (tmp_path / name).write_text(text)
    monkeypatch.chdir(tmp_path)
    found = scan(tmp_path)
    assert {f["fix"] for f in found} == {"manual"}
    assert found[0]["message"].endswith(f": {reason}")


@pytest.mark.parametrize("layout", ["method", "script"])
def test_the_migrated_module_client_reaches_the_provider(registry, server, tmp_path, layout):
    """Run with the real SDK against the loopback server, no OPENAI_* variable set."""
    if layout == "method":
        (tmp_path / "mailbox_tools.py").write_text(MAILBOX)
        (tmp_path / "run.py").write_text(RUNNER)
    else:
        (tmp_path / "run.py").write_text(SCRIPT)
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(tmp_path)
        apply()
    provider = registry.get("deepseek")
    path = urlsplit(provider.base_url).path.rstrip("/")
    env = {"DEEPSEEK_API_KEY": "test-key-deepseek", "DEEPSEEK_BASE_URL": server.base + path}
    proc, blocked = run_guarded("run.py", tmp_path, env)
    assert (proc.returncode, blocked) == (0, []), proc.stderr
    (request,) = server.requests
    assert (request.method, request.path) == ("POST", f"{path}/chat/completions")
    assert request.headers["authorization"] == "Bearer test-key-deepseek"
    assert request.body["model"] == provider.map_model("gpt-4o-mini")


def test_an_openai_key_left_set_is_not_sent_to_the_provider(server, tmp_path, monkeypatch):
    # given None, the SDK would read OPENAI_API_KEY: the setting reads "unset" instead
    (tmp_path / "run.py").write_text(SCRIPT)
    monkeypatch.chdir(tmp_path)
    apply()
    env = {"OPENAI_API_KEY": "sk-openai-secret", "DEEPSEEK_BASE_URL": server.base}
    proc, blocked = run_guarded("run.py", tmp_path, env)
    assert blocked == [], proc.stderr
    (request,) = server.requests
    assert request.headers["authorization"] == "Bearer unset"
