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

But the choice's None branch stays: shell_gpt wrote `API_BASE_URL=default` into the user's
file on its first run, before the switch, so with the table's default the provider's, by
hand, the provider's key went to api.openai.com while `check` passed (t51d). A choice one
branch of which is None keeps ML003 whatever the default, and apply makes that branch read
the provider's variable (review), or the message says to, where the client takes it from a
mapping. A default that reads the program's variable, then the provider's
(`os.getenv("API_BASE_URL", os.getenv("ZAI_BASE_URL", URL))`), is the provider's. A `get`
that raises where the value is empty never gives None: no "OPENAI_API_KEY when that is None",
and no fallback that would never run.
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
# what apply makes of it
HANDLED = f"""import os

from openai import OpenAI

from ..config import cfg

base_url = cfg.get("API_BASE_URL")
client = OpenAI(
    base_url=os.environ.get("ZAI_BASE_URL", "{URL}")
    if base_url == "default"
    else base_url,
    api_key=cfg.get("ZAI_API_KEY"),
)
"""
# the client reads the entry itself
DIRECT = """from openai import OpenAI

from ..config import cfg

client = OpenAI(base_url=cfg.get("API_BASE_URL"), api_key=cfg.get("ZAI_API_KEY"))
"""
# shell_gpt's own shape: the choice in a mapping the client takes
KWARGS = """from openai import OpenAI

from ..config import cfg

base_url = cfg.get("API_BASE_URL")
kwargs = {
    "api_key": cfg.get("OPENAI_API_KEY"),
    "base_url": None if base_url == "default" else base_url,
}
client = OpenAI(**kwargs)
"""
NESTED = f'os.getenv("API_BASE_URL", os.getenv("ZAI_BASE_URL", "{URL}"))'

CHOICE = (
    'OpenAI() takes its base URL from `None if base_url == "default" else base_url` at run '
    'time, None (OpenAI\'s URL) where `base_url == "default"`'
)
# `Config.get` raises where the key is empty: it is never None
SENTINEL_FIX = (
    f"{CHOICE}; for {ZHIPU} apply makes that branch read ZAI_BASE_URL (default {URL}); "
    f'`cfg.get("ZAI_API_KEY")` must hold a {ZHIPU} key'
)
FILE = (
    "Config also takes values from the file it reads (`CONFIG_PATH`), which may override "
    "these defaults: one written before the switch may still hold OpenAI's API_BASE_URL"
)
TABLE = "app/config.py:DEFAULT_CONFIG['API_BASE_URL']"


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


def applied(tmp_path: Path) -> str:
    """`apply --yes` for zhipu in the current directory; the handler's text after it."""
    result = CliRunner().invoke(app, ["apply", ".", "-p", "zhipu", "--yes", "--no-cache"])
    assert result.exit_code == 0, result.output
    return (tmp_path / "app/handlers/handler.py").read_text()


def test_provider_default_points_the_client_there(tmp_path, monkeypatch):
    files = {"app/config.py": config(), "app/handlers/handler.py": DIRECT}
    assert ml003(tmp_path, files, monkeypatch) == [
        (
            "app/handlers/handler.py",
            5,
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
                "table": TABLE,
            },
        )
    ]
    assert checked(tmp_path) == (0, "0 findings for zhipu in 0 of 4 files\n")


@pytest.mark.parametrize(
    "url",
    [OWN, SENTINEL, NESTED],
    ids=["provider-default", "sentinel-default", "nested-default"],
)
def test_a_none_branch_stays_a_warning_and_apply_points_it_at_the_provider(
    tmp_path, monkeypatch, url
):
    # t51d: the user's file, written before the switch, holds API_BASE_URL=default, which
    # the choice turns into None (OpenAI's URL), whatever the table's default
    files = {"app/config.py": config(url=url), "app/handlers/handler.py": HANDLER}
    assert ml003(tmp_path, files, monkeypatch) == [
        (
            "app/handlers/handler.py",
            6,
            "warning",
            "review",
            SENTINEL_FIX,
            {"client": "OpenAI", "endpoint": "dynamic", "table": TABLE},
        )
    ]
    assert checked(tmp_path)[0] == 1
    assert applied(tmp_path) == HANDLED
    assert checked(tmp_path) == (0, "0 findings for zhipu in 0 of 4 files\n")
    assert applied(tmp_path) == HANDLED  # a second apply changes nothing


def test_a_none_branch_in_a_mapping_names_the_branch_to_change(tmp_path, monkeypatch):
    files = {
        "app/config.py": config(url=SENTINEL, model="gpt-4o-mini"),
        "app/handlers/handler.py": KWARGS,
    }
    assert ml003(tmp_path, files, monkeypatch) == [
        (
            "app/handlers/handler.py",
            10,
            "warning",
            "manual",
            # `cfg.get` raises where the key is empty: no "OPENAI_API_KEY when that is None"
            f'{CHOICE} and its key from `cfg.get("OPENAI_API_KEY")`; make sure they are '
            f"{ZHIPU}'s ({URL}, the key from ZAI_API_KEY) in place of OpenAI's; a "
            f"server of your own needs no change; for {ZHIPU} make that branch "
            f'os.getenv("ZAI_BASE_URL", "{URL}"); it takes that branch by default: '
            '`cfg.get("API_BASE_URL")` falls back to API_BASE_URL of DEFAULT_CONFIG in '
            "app/config.py, which reads API_BASE_URL (default 'default'); "
            f"{FILE} and DEFAULT_MODEL; check them there",
            {"client": "OpenAI", "endpoint": "dynamic", "table": TABLE},
        )
    ]
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["apply", ".", "-p", "zhipu", "--yes", "--no-cache"])
    assert result.exit_code == 0, result.output
    left = " ".join(result.output.partition("Left for you")[2].split())
    assert "app/handlers/handler.py:10:10 ML003 warning OpenAI() takes its base URL from" in left
    # apply mapped the table's model; the branch is left for a person
    assert (
        '"DEFAULT_MODEL": os.getenv("DEFAULT_MODEL", "glm-4-air-250414"),'
        in (tmp_path / "app/config.py").read_text()
    )
    assert (tmp_path / "app/handlers/handler.py").read_text() == KWARGS
    assert checked(tmp_path)[0] == 1
    # the change the message names, with the key's (ML401), turns it green
    fixed = KWARGS.replace(
        '"base_url": None if', f'"base_url": os.getenv("ZAI_BASE_URL", "{URL}") if'
    ).replace("OPENAI_API_KEY", "ZAI_API_KEY")
    (tmp_path / "app/handlers/handler.py").write_text(f"import os\n\n{fixed}")
    assert checked(tmp_path)[0] == 0


def test_a_default_reading_the_programs_variable_then_the_providers(tmp_path, monkeypatch):
    files = {"app/config.py": config(url=NESTED), "app/handlers/handler.py": DIRECT}
    [(_, line, severity, fix, message, data)] = ml003(tmp_path, files, monkeypatch)
    assert (line, severity, fix, data["endpoint"], data["table"]) == (
        5,
        "note",
        "manual",
        "provider",
        TABLE,
    )
    assert message == (
        f'OpenAI() already points at {ZHIPU} by default: `cfg.get("API_BASE_URL")` falls '
        "back to API_BASE_URL of DEFAULT_CONFIG in app/config.py, which reads API_BASE_URL, "
        f"then ZAI_BASE_URL (default {URL}); {FILE}; check it there"
    )
    assert checked(tmp_path)[0] == 0


def test_the_hand_fix_turns_check_green_with_the_cache(tmp_path, monkeypatch):
    openai = config(url='"https://api.openai.com/v1"')
    files = {"app/config.py": openai, "app/handlers/handler.py": DIRECT}
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


# the class is known, and its `get` raises where the value is empty: never None
ALWAYS = (
    'OpenAI() takes its base URL from `cfg.get("API_BASE_URL")` at run time (always set: '
    "Config.get raises where the value is empty; no fallback is added, it would never run); "
    f"make sure it names {ZHIPU} ({URL}) in place of OpenAI's; a server of your own "
    "needs no change"
)
# the class is not known: a dict's `get`, None for a missing key
UNKNOWN = (
    'OpenAI() takes its base URL from `cfg.get("API_BASE_URL")` at run time (OpenAI\'s when '
    'that is None) and its key from `cfg.get("ZAI_API_KEY")` (OPENAI_API_KEY when that is '
    f"None); for {ZHIPU} it falls back to ZAI_BASE_URL (default {URL}); "
    '`cfg.get("ZAI_API_KEY")` gets no fallback to ZAI_API_KEY (the URL is another module\'s '
    f"setting and may name another service), ZAI_API_KEY in its place where no URL is given "
    f"(given for OpenAI's URL, it must not go to {ZHIPU}'s); on {ZHIPU}'s URL given it must be "
    f"a {ZHIPU} key"
)


@pytest.mark.parametrize(
    ("changes", "message", "fix"),
    [
        # OpenAI's variable may be set: it would win over the provider's default
        ({"url": f'os.getenv("OPENAI_BASE_URL", "{URL}")'}, ALWAYS, "manual"),
        # ... also as the default of the program's own
        ({"url": f'os.getenv("API_URL", os.getenv("OPENAI_BASE_URL", "{URL}"))'}, ALWAYS, "manual"),
        # another provider's URL: not the target's
        ({"url": '"https://api.deepseek.com/v1"'}, ALWAYS, "manual"),
        # a `get` that changes the value
        ({"lookup": 'super().get(key, "").rstrip("/")'}, UNKNOWN, "review"),
        # not a plain dict class
        ({"base": "UserDict"}, UNKNOWN, "review"),
        # the module writes the entry itself
        ({"after": 'cfg["API_BASE_URL"] = "https://api.openai.com/v1"\n'}, ALWAYS, "manual"),
        # ... or changes the object in a way the code does not name
        ({"after": "cfg.update(load_overrides())\n"}, UNKNOWN, "review"),
    ],
    ids=[
        "openai-variable",
        "openai-variable-nested",
        "other-provider",
        "changed-get",
        "userdict",
        "written",
        "updated",
    ],
)
def test_unknown_reads_are_reported_as_before(tmp_path, monkeypatch, changes, message, fix):
    files = {"app/config.py": config(**changes), "app/handlers/handler.py": DIRECT}
    [(_, line, severity, found_fix, found, data)] = ml003(tmp_path, files, monkeypatch)
    assert (line, severity, found_fix, found) == (5, "warning", fix, message)
    assert data["endpoint"] == "dynamic" and "table" not in data


def test_a_write_in_the_client_module_is_reported_as_before(tmp_path, monkeypatch):
    handler = HANDLER.replace(
        "\nbase_url =", '\ncfg["API_BASE_URL"] = "https://api.openai.com/v1"\nbase_url ='
    )
    files = {"app/config.py": config(), "app/handlers/handler.py": handler}
    assert ml003(tmp_path, files, monkeypatch) == [
        (
            "app/handlers/handler.py",
            7,
            "warning",
            "review",
            SENTINEL_FIX,
            {"client": "OpenAI", "endpoint": "dynamic"},
        )
    ]


def test_openai_url_default_gets_no_fallback_that_would_never_run(tmp_path, monkeypatch):
    files = {
        "app/config.py": config(url='"https://api.openai.com/v1"'),
        "app/handlers/handler.py": DIRECT,
    }
    assert ml003(tmp_path, files, monkeypatch) == [
        (
            "app/handlers/handler.py",
            5,
            "warning",
            "manual",
            # `cfg.get` raises where the key is empty: it is never None
            'OpenAI() takes its base URL from `cfg.get("API_BASE_URL")` at run time; make sure '
            f"it names {ZHIPU} ({URL}) in place of OpenAI's; a server of your own "
            "needs no change; by default it is OpenAI's: "
            '`cfg.get("API_BASE_URL")` falls back to API_BASE_URL of DEFAULT_CONFIG in '
            f"app/config.py (https://api.openai.com/v1): for {ZHIPU} make that default "
            f'os.getenv("ZAI_BASE_URL", "{URL}"); {FILE}; check it there',
            {"client": "OpenAI", "endpoint": "dynamic", "table": TABLE},
        )
    ]


def test_defaults_of_reads_the_entries_as_the_object_reads_them():
    data = config(url=SENTINEL, model="gpt-4o-mini").encode()
    assert holds_table(data)
    entries = defaults_of("app/config.py", "app/config.py", data)
    common = ("app/config.py", "app/config.py", "cfg", "Config", "DEFAULT_CONFIG")
    path = "CONFIG_PATH"
    assert sorted(entries) == [
        TableDefault(*common, "API_BASE_URL", "API_BASE_URL", "default", True, path, "", True),
        TableDefault(
            *common, "DEFAULT_MODEL", "DEFAULT_MODEL", "gpt-4o-mini", True, path, "", True
        ),
    ]
    # the program's own variable, then the provider's; a `get` that does not raise
    data = config(url=NESTED, lookup="os.getenv(key) or super().get(key)").replace(
        "        if not value:\n            raise KeyError(key)\n", ""
    )
    entry = next(e for e in defaults_of("c.py", "c.py", data.encode()) if e.key == "API_BASE_URL")
    assert (entry.variable, entry.then, entry.default, entry.raises) == (
        "API_BASE_URL",
        "ZAI_BASE_URL",
        URL,
        False,
    )


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
