"""A table of defaults the program writes to a file under the user's home (t56d D2, shell_gpt).

shell_gpt writes `DEFAULT_CONFIG` to `~/.config/shell_gpt/.sgptrc` on its first run and reads
that file over the table afterwards: once apply maps the table's model, a file written before
the switch still sends OpenAI's. ML204 on that entry names the file, and apply's Next line says
to update it.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from migrate_llm.config_tables import defaults_of, home_path

from .cli_findings import cli as invoke

SETTINGS = """import os
from pathlib import Path

SETTINGS_DIR = Path(os.path.expanduser("~/.config")) / "askbot"
SETTINGS_PATH = SETTINGS_DIR / "askbot.rc"

DEFAULTS = {{
    "MODEL": os.getenv("MODEL", "gpt-4o-mini"),
    "TIMEOUT": os.getenv("TIMEOUT", "30"),
}}


class Settings(dict):
    def __init__(self, path, **defaults):
        self.path = path
        if path.exists():
            for line in path.read_text().splitlines():
                key, value = line.split("=", 1)
                self[key] = value
            for key, value in defaults.items():
                if key not in self:
                    self[key] = value
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            super().__init__(**defaults)
{write}

    def get(self, key):
        return os.getenv(key) or super().get(key)


settings = Settings(SETTINGS_PATH, **DEFAULTS)
"""
WRITES = (
    '            with open(path, "w", encoding="utf-8") as out:\n'
    '                out.write("".join(f"{k}={v}\\n" for k, v in self.items()))'
)
ASK = """from openai import OpenAI

from app.settings import settings

client = OpenAI()


def ask(prompt):
    reply = client.chat.completions.create(
        model=settings.get("MODEL"),
        messages=[{"role": "user", "content": prompt}],
    )
    return reply.choices[0].message.content
"""
ML204 = (
    "app/settings.py:8:33 ML204 env default 'gpt-4o-mini' of entry 'MODEL' maps to 'kimi-k2.6' "
    "on Moonshot AI (Kimi)"
)
KEPT = (
    "; Settings writes DEFAULTS to ~/.config/askbot/askbot.rc (`SETTINGS_PATH`) on the program's "
    "first run and reads that file over these defaults afterwards: where it exists, it still "
    "holds the MODEL it was written with; set it there too"
)
NEXT = (
    "Where ~/.config/askbot/askbot.rc (`SETTINGS_PATH`) exists, set MODEL=kimi-k2.6 in it: the "
    "program wrote it from its defaults on its first run and reads it over them, so it keeps "
    "the values it was written with."
)


def project(tmp_path: Path, write: str = WRITES) -> Path:
    files = {
        "app/__init__.py": "",
        "app/settings.py": SETTINGS.format(write=write),
        "app/ask.py": ASK,
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    return tmp_path


def test_the_entry_and_apply_name_the_file_under_home_to_update(tmp_path, monkeypatch):
    monkeypatch.chdir(project(tmp_path))
    done = invoke("apply", ".", "--provider", "moonshot", "--yes", "--no-cache")
    assert done.exit_code == 0, done.stderr
    review = [line.strip() for line in done.stderr.splitlines() if " ML204 " in line]
    assert review == [ML204 + KEPT]
    assert done.stderr.rstrip().endswith(f"(a proxy, a region, a test server). {NEXT}")
    assert '"MODEL": os.getenv("MODEL", "kimi-k2.6"),' in (tmp_path / "app/settings.py").read_text()


def test_a_class_that_never_writes_its_file_gets_no_such_words(tmp_path, monkeypatch):
    monkeypatch.chdir(project(tmp_path, write="            pass"))
    done = invoke("apply", ".", "--provider", "moonshot", "--yes", "--no-cache")
    assert done.exit_code == 0, done.stderr
    review = [line.strip() for line in done.stderr.splitlines() if " ML204 " in line]
    assert review == [ML204]
    assert "askbot.rc" not in done.stderr


def test_the_facts_name_the_home_path_only_where_the_class_writes_it():
    written = defaults_of("s.py", "s.py", SETTINGS.format(write=WRITES).encode())
    assert {(e.key, e.file, e.home) for e in written} == {
        ("MODEL", "SETTINGS_PATH", "~/.config/askbot/askbot.rc"),
        ("TIMEOUT", "SETTINGS_PATH", "~/.config/askbot/askbot.rc"),
    }
    read_only = defaults_of("s.py", "s.py", SETTINGS.format(write="            pass").encode())
    assert {(e.key, e.home) for e in read_only} == {("MODEL", ""), ("TIMEOUT", "")}


@pytest.mark.parametrize(
    ("code", "home"),
    [
        ('os.path.expanduser("~/.config") / "app" / ".rc"', "~/.config/app/.rc"),
        ('Path("~/.apprc").expanduser()', "~/.apprc"),
        ('Path.home() / ".app" / "settings.ini"', "~/.app/settings.ini"),
        ('os.path.join(os.path.expanduser("~"), ".apprc")', "~/.apprc"),
        ('Path(BASE) / "rc"', "~/.cfg/rc"),
        # not under the home directory, or not known
        ('Path("/etc/app.rc")', None),
        ('Path("~/.apprc")', None),  # never expanded: a directory named "~" in the cwd
        ('Path(os.environ["APP_HOME"]) / "rc"', None),
        ('os.path.expanduser(f"~/{NAME}")', None),
    ],
)
def test_home_path_follows_the_modules_names(code, home):
    values = {"BASE": ast.parse('os.path.expanduser("~/.cfg")', mode="eval").body}
    assert home_path(ast.parse(code, mode="eval").body, values) == home
