"""A client whose base URL reads a table of defaults another module of the project holds
(ML003, `config_tables`, `rules/table_reads.py`).

shell_gpt's handler builds `OpenAI(base_url=None if base_url == "default" else base_url,
...)` from `base_url = cfg.get("API_BASE_URL")`, `cfg` a dict class of its config module built
from `DEFAULT_CONFIG`, which reads the environment, then the user's file, then the table. Once
the table's default was the provider's URL, by hand, `check` still failed on the client (t47g).
The read is followed into the table where its form is known: the provider's default points
the client there (a note; manual where the class also reads a file, which may keep OpenAI's
values), OpenAI's stays a warning that says which default to change, anything unknown is
reported as before.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.config_tables import TableDefault, defaults_of, holds_table

ZHIPU = "Zhipu AI (GLM)"
URL = "https://open.bigmodel.cn/api/paas/v4"
OWN = f'os.getenv("ZAI_BASE_URL", "{URL}")'
SENTINEL = 'os.getenv("API_BASE_URL", "default")'

CONFIG = """import os
from pathlib import Path

CONFIG_PATH = Path("~/.config/app/.apprc").expanduser()

DEFAULT_CONFIG = {{
    "DEFAULT_MODEL": os.getenv("DEFAULT_MODEL", "{model}"),
    "API_BASE_URL": {url},
    "REQUEST_TIMEOUT": int(os.getenv("REQUEST_TIMEOUT", "60")),
}}


class Config({base}):
    def __init__(self, config_path, **defaults):
        self.config_path = config_path
        if config_path.exists():
            self._read()
            for key, value in defaults.items():
                if key not in self:
                    self[key] = value
        else:
            if not defaults.get("ZAI_API_KEY") and not os.getenv("ZAI_API_KEY"):
                defaults["ZAI_API_KEY"] = input("key: ")
            super().__init__(**defaults)

    def _read(self):
        with open(self.config_path, encoding="utf-8") as file:
            for line in file:
                key, value = line.strip().split("=", 1)
                self[key] = value

    def get(self, key):
        value = {lookup}
        if not value:
            raise KeyError(key)
        return value


cfg = Config(CONFIG_PATH, **DEFAULT_CONFIG)
{after}"""

HANDLER = """from openai import OpenAI

from ..config import cfg

base_url = cfg.get("API_BASE_URL")
client = OpenAI(
    base_url=None if base_url == "default" else base_url,
    api_key=cfg.get("ZAI_API_KEY"),
)
"""

TODAY = (
    'OpenAI() takes its base URL from `None if base_url == "default" else base_url` at run '
    'time and its key from `cfg.get("ZAI_API_KEY")` (OPENAI_API_KEY when that is None); make '
    f"sure they are {ZHIPU}'s ({URL}, the key from ZAI_API_KEY) if it is meant to reach "
    "OpenAI; a server of your own needs no change"
)
FILE = (
    "Config also takes values from the file it reads (`CONFIG_PATH`), which may override "
    "these defaults: one written before the switch may still hold OpenAI's API_BASE_URL"
)


def config(
    url: str = OWN,
    model: str = "glm-4-air-250414",
    base: str = "dict",
    lookup: str = "os.getenv(key) or super().get(key)",
    after: str = "",
) -> str:
    return CONFIG.format(url=url, model=model, base=base, lookup=lookup, after=after)


def project(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, text in {"app/__init__.py": "", "app/handlers/__init__.py": "", **files}.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return tmp_path


def ml003(tmp_path: Path, files: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> list:
    """ML003's findings (line, severity, fix, message, data) from `scan --format json` for
    zhipu, run in the project's directory."""
    monkeypatch.chdir(project(tmp_path, files))
    result = CliRunner().invoke(app, ["scan", ".", "-p", "zhipu", "--format", "json", "--no-cache"])
    assert result.exit_code == 0, result.output
    return [
        (f["path"], f["line"], f["severity"], f["fix"], f["message"], f["data"])
        for f in json.loads(result.stdout)["findings"]
        if f["rule"] == "ML003"
    ]


def checked(tmp_path: Path, cache: bool = False) -> tuple[int, str]:
    """`check` for zhipu in the current directory: its exit code and output."""
    flags = [] if cache else ["--no-cache"]
    result = CliRunner().invoke(app, ["check", ".", "-p", "zhipu", *flags])
    return result.exit_code, result.output


def test_provider_default_points_the_client_there(tmp_path, monkeypatch):
    files = {"app/config.py": config(), "app/handlers/handler.py": HANDLER}
    assert ml003(tmp_path, files, monkeypatch) == [
        (
            "app/handlers/handler.py",
            6,
            "note",
            "manual",
            f'OpenAI() already points at {ZHIPU} by default: `cfg.get("API_BASE_URL")` falls '
            "back to API_BASE_URL of DEFAULT_CONFIG in app/config.py, which reads ZAI_BASE_URL "
            f"(default {URL}); {FILE}; check it there",
            {
                "client": "OpenAI",
                "endpoint": "provider",
                "url": URL,
                "endpoint_provider": "zhipu",
                "table": "app/config.py:DEFAULT_CONFIG['API_BASE_URL']",
            },
        )
    ]
    assert checked(tmp_path) == (0, "0 findings for zhipu in 0 of 4 files\n")


def test_sentinel_default_stays_a_warning_that_names_the_default(tmp_path, monkeypatch):
    # the original shell_gpt: "default" is mapped to None, OpenAI's URL
    files = {
        "app/config.py": config(url=SENTINEL, model="gpt-4o-mini"),
        "app/handlers/handler.py": HANDLER,
    }
    assert ml003(tmp_path, files, monkeypatch) == [
        (
            "app/handlers/handler.py",
            6,
            "warning",
            "manual",
            f'{TODAY}; by default it is OpenAI\'s: `cfg.get("API_BASE_URL")` falls back to '
            "API_BASE_URL of DEFAULT_CONFIG in app/config.py, which reads API_BASE_URL "
            f"(default 'default'): for {ZHIPU} make that default "
            f'os.getenv("ZAI_BASE_URL", "{URL}"); {FILE} and DEFAULT_MODEL; check them there',
            {
                "client": "OpenAI",
                "endpoint": "dynamic",
                "table": "app/config.py:DEFAULT_CONFIG['API_BASE_URL']",
            },
        )
    ]
    code, output = checked(tmp_path)
    assert code == 1 and "app/handlers/handler.py:6:10 ML003" in output


def test_apply_lists_the_file_caveat_under_left_for_you(tmp_path, monkeypatch):
    files = {
        "app/config.py": config(url=SENTINEL, model="gpt-4o-mini"),
        "app/handlers/handler.py": HANDLER,
    }
    monkeypatch.chdir(project(tmp_path, files))
    result = CliRunner().invoke(app, ["apply", ".", "-p", "zhipu", "--yes", "--no-cache"])
    assert result.exit_code == 0, result.output
    left = " ".join(result.output.partition("Left for you")[2].split())
    assert (
        "app/handlers/handler.py:6:10 ML003 warning OpenAI() takes its base URL from" in left
        and f"{FILE} and DEFAULT_MODEL; check them there" in left
    )
    # apply mapped the table's model; the URL's default is left for a person
    assert (
        '"DEFAULT_MODEL": os.getenv("DEFAULT_MODEL", "glm-4-air-250414"),'
        in (tmp_path / "app/config.py").read_text()
    )
    assert checked(tmp_path)[0] == 1


def test_the_hand_fix_turns_check_green_with_the_cache(tmp_path, monkeypatch):
    files = {"app/config.py": config(url=SENTINEL), "app/handlers/handler.py": HANDLER}
    monkeypatch.chdir(project(tmp_path, files))
    assert checked(tmp_path, cache=True)[0] == 1
    (tmp_path / "app/config.py").write_text(config())  # the handler's bytes are unchanged
    assert checked(tmp_path, cache=True) == (0, "0 findings for zhipu in 0 of 4 files\n")


def test_literal_default_of_a_plain_dict_class_absolute_import(tmp_path, monkeypatch):
    settings = (
        "DEFAULTS = {\n"
        f'    "base_url": "{URL}",\n'
        "}\n\n\n"
        "class Settings(dict):\n"
        "    def __init__(self, **defaults):\n"
        "        super().__init__(**defaults)\n\n\n"
        "settings = Settings(**DEFAULTS)\n"
    )
    handler = (
        "import os\n\nfrom openai import OpenAI\n\nfrom app.settings import settings\n\n"
        'client = OpenAI(base_url=settings["base_url"], api_key=os.environ["ZAI_API_KEY"])\n'
    )
    files = {"app/settings.py": settings, "app/handlers/handler.py": handler}
    assert ml003(tmp_path, files, monkeypatch) == [
        (
            "app/handlers/handler.py",
            7,
            "note",
            "none",
            f'OpenAI() already points at {ZHIPU} by default: `settings["base_url"]` falls '
            f"back to base_url of DEFAULTS in app/settings.py ({URL})",
            {
                "client": "OpenAI",
                "endpoint": "provider",
                "url": URL,
                "endpoint_provider": "zhipu",
                "table": "app/settings.py:DEFAULTS['base_url']",
            },
        )
    ]


def test_object_named_on_its_imported_module(tmp_path, monkeypatch):
    handler = (
        "from openai import OpenAI\n\nfrom .. import config\n\n"
        'client = OpenAI(base_url=config.cfg.get("API_BASE_URL"), '
        'api_key=config.cfg.get("ZAI_API_KEY"))\n'
    )
    files = {"app/config.py": config(), "app/handlers/handler.py": handler}
    [(_, line, severity, fix, message, data)] = ml003(tmp_path, files, monkeypatch)
    assert (line, severity, fix, data["endpoint"]) == (5, "note", "manual", "provider")
    assert message.startswith(
        f'OpenAI() already points at {ZHIPU} by default: `config.cfg.get("API_BASE_URL")` '
    )


@pytest.mark.parametrize(
    "changes",
    [
        # OpenAI's variable may be set: it would win over the provider's default
        {"url": f'os.getenv("OPENAI_BASE_URL", "{URL}")'},
        # another provider's URL: not the target's
        {"url": '"https://api.deepseek.com/v1"'},
        # a `get` that changes the value
        {"lookup": 'super().get(key, "").rstrip("/")'},
        # not a plain dict class
        {"base": "UserDict"},
        # the module writes the entry itself
        {"after": 'cfg["API_BASE_URL"] = "https://api.openai.com/v1"\n'},
        # ... or changes the object in a way the code does not name
        {"after": "cfg.update(load_overrides())\n"},
    ],
    ids=["openai-variable", "other-provider", "changed-get", "userdict", "written", "updated"],
)
def test_unknown_reads_are_reported_as_before(tmp_path, monkeypatch, changes):
    files = {"app/config.py": config(**changes), "app/handlers/handler.py": HANDLER}
    [(_, line, severity, fix, message, data)] = ml003(tmp_path, files, monkeypatch)
    assert (line, severity, fix, message, data) == (
        6,
        "warning",
        "manual",
        TODAY,
        {"client": "OpenAI", "endpoint": "dynamic"},
    )


def test_a_write_in_the_client_module_is_reported_as_before(tmp_path, monkeypatch):
    handler = HANDLER.replace(
        "\nbase_url =", '\ncfg["API_BASE_URL"] = "https://api.openai.com/v1"\nbase_url ='
    )
    files = {"app/config.py": config(), "app/handlers/handler.py": handler}
    [(_, line, severity, fix, message, data)] = ml003(tmp_path, files, monkeypatch)
    assert (line, severity, fix, message, data["endpoint"]) == (
        7,
        "warning",
        "manual",
        TODAY,
        "dynamic",
    )


def test_openai_url_default_gets_no_fallback_that_would_never_run(tmp_path, monkeypatch):
    handler = (
        "from openai import OpenAI\n\nfrom ..config import cfg\n\n"
        'client = OpenAI(base_url=cfg.get("API_BASE_URL"), api_key=cfg.get("ZAI_API_KEY"))\n'
    )
    files = {
        "app/config.py": config(url='"https://api.openai.com/v1"'),
        "app/handlers/handler.py": handler,
    }
    assert ml003(tmp_path, files, monkeypatch) == [
        (
            "app/handlers/handler.py",
            5,
            "warning",
            "manual",
            'OpenAI() takes its base URL from `cfg.get("API_BASE_URL")` at run time and its key '
            'from `cfg.get("ZAI_API_KEY")` (OPENAI_API_KEY when that is None); make sure they '
            f"are {ZHIPU}'s ({URL}, the key from ZAI_API_KEY) if it is meant to reach OpenAI; a "
            "server of your own needs no change; by default it is OpenAI's: "
            '`cfg.get("API_BASE_URL")` falls back to API_BASE_URL of DEFAULT_CONFIG in '
            f"app/config.py (https://api.openai.com/v1): for {ZHIPU} make that default "
            f'os.getenv("ZAI_BASE_URL", "{URL}"); {FILE}; check it there',
            {
                "client": "OpenAI",
                "endpoint": "dynamic",
                "table": "app/config.py:DEFAULT_CONFIG['API_BASE_URL']",
            },
        )
    ]


def test_defaults_of_reads_the_entries_as_the_object_reads_them():
    data = config(url=SENTINEL, model="gpt-4o-mini").encode()
    assert holds_table(data)
    entries = defaults_of("app/config.py", "app/config.py", data)
    common = ("app/config.py", "app/config.py", "cfg", "Config", "DEFAULT_CONFIG")
    assert sorted(entries) == [
        TableDefault(*common, "API_BASE_URL", "API_BASE_URL", "default", True, "CONFIG_PATH"),
        TableDefault(*common, "DEFAULT_MODEL", "DEFAULT_MODEL", "gpt-4o-mini", True, "CONFIG_PATH"),
    ]


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        # a key the constructor writes in its defaults is not the table's
        (
            "class C(dict):\n    def __init__(self, **d):\n"
            '        d["url"] = "x"\n        super().__init__(**d)\n\n\n'
            'T = {"url": "u", "model": "m"}\nc = C(**T)\n',
            ["model"],
        ),
        # ... nor one given beside the table, nor one the class writes by name
        (
            "class C(dict):\n    def __init__(self, **d):\n        super().__init__(**d)\n"
            '        self["model"] = "n"\n\n\nT = {"url": "u", "model": "m"}\n'
            'c = C(**T, url="v")\n',
            [],
        ),
        # a `get` the class does not show reading the entry
        (
            "class C(dict):\n    def __init__(self, **d):\n        super().__init__(**d)\n\n"
            "    def get(self, key):\n        return lookup(key)\n\n\n"
            'T = {"url": "u"}\nc = C(**T)\n',
            None,
        ),
        # the defaults handed elsewhere
        (
            "class C(dict):\n    def __init__(self, **d):\n        super().__init__(**d)\n"
            "        keep(d)\n\n\n"
            'T = {"url": "u"}\nc = C(**T)\n',
            None,
        ),
        # the table bound twice
        (
            "class C(dict):\n    def __init__(self, **d):\n        super().__init__(**d)\n\n\n"
            'T = {"url": "u"}\nif X:\n    T = {}\nc = C(**T)\n',
            None,
        ),
    ],
    ids=["defaults-written", "given-and-written", "own-get", "handed-on", "rebound"],
)
def test_defaults_of_leaves_out_what_it_cannot_know(text, keys):
    entries = defaults_of("m.py", "m.py", text.encode())
    assert (sorted(e.key for e in entries) if entries else None) == (keys or None)
