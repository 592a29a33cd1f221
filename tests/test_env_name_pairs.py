"""A read of OpenAI's variable beside another use of the same name as a key (a config
object's `get`, a subscript, a dict entry, a comparison): the two are renamed together or not
at all. apply renames neither: ML401 leaves the read, manual, naming the other use and its
line (shell_gpt's `Config.get` reads the environment by its key: with only the read renamed,
the prompt for a key was skipped and the program stopped on a missing key)."""

from __future__ import annotations

import pytest

from .test_key_reads_left import migrated


def findings(change) -> list[tuple[int, str, str, str]]:
    return [(f.line, f.rule, f.fix.value, f.message) for f in change.findings]


def paired(line: int, use: str) -> str:
    return (
        f"not switched: the module also uses the name as a key on line {line} (`{use}`), which "
        "apply does not rename: renamed alone, this read and that key would name different "
        "variables; make both use DEEPSEEK_API_KEY, by hand"
    )


UNNAMED = (
    "names OPENAI_API_KEY, but the module does not show how it is used (the module reads it on "
    "line {}: if this names it for a check that it is set, that check stops the program until "
    "both name the same variable); make it name DEEPSEEK_API_KEY by hand"
)

SETTINGS_PROMPT = """import os
from getpass import getpass


class Settings(dict):
    def get(self, key):
        return os.getenv(key) or super().get(key)


settings = Settings()
if not settings.get("OPENAI_API_KEY") and not os.getenv("OPENAI_API_KEY"):
    settings["OPENAI_API_KEY"] = getpass("key: ")
key = settings.get("OPENAI_API_KEY")
"""


def test_a_key_test_beside_a_settings_key_of_that_name_is_left(registry, tmp_path):
    change = migrated(registry, tmp_path, SETTINGS_PROMPT)
    assert change.after == SETTINGS_PROMPT
    use = 'settings.get("OPENAI_API_KEY")'
    assert findings(change) == [
        (11, "ML401", "manual", UNNAMED.format(11)),
        (11, "ML401", "manual", f"reads OPENAI_API_KEY; {paired(11, use)}"),
        (12, "ML401", "manual", UNNAMED.format(11)),
        (13, "ML401", "manual", UNNAMED.format(11)),
    ]


@pytest.mark.parametrize(
    ("text", "use"),
    [
        (
            'import os\n\nconf = {"OPENAI_API_KEY": None}\nkey = os.environ["OPENAI_API_KEY"]\n',
            '"OPENAI_API_KEY"',
        ),
        (
            'import os\n\nconf["OPENAI_API_KEY"] = os.getenv("OPENAI_API_KEY")\n',
            'conf["OPENAI_API_KEY"]',
        ),
        (
            'import os\n\nif "OPENAI_API_KEY" in conf:\n    key = os.getenv("OPENAI_API_KEY")\n',
            '"OPENAI_API_KEY" in conf',
        ),
        (
            'import os\n\nkey = os.getenv("OPENAI_API_KEY") or store.load("OPENAI_API_KEY")\n',
            'store.load("OPENAI_API_KEY")',
        ),
    ],
)
def test_each_use_as_a_key_leaves_the_read(registry, tmp_path, text, use):
    change = migrated(registry, tmp_path, text)
    assert change.after == text
    read = [f for f in change.findings if f.message.startswith("reads OPENAI_API_KEY")]
    assert [(f.fix.value, f.message) for f in read] == [
        ("manual", f"reads OPENAI_API_KEY; {paired(3, use)}")
    ]


def test_a_name_through_a_constant_is_left_beside_a_key_use(registry, tmp_path):
    text = (
        'import os\n\nKEY = "OPENAI_API_KEY"\nkey = os.getenv(KEY) or conf.get("OPENAI_API_KEY")\n'
    )
    change = migrated(registry, tmp_path, text)
    assert change.after == text
    assert findings(change)[0] == (
        3,
        "ML401",
        "manual",
        "names OPENAI_API_KEY, read from the environment on line 4 (through KEY); "
        + paired(4, 'conf.get("OPENAI_API_KEY")'),
    )


def test_a_base_url_read_beside_a_key_use_is_left(registry, tmp_path):
    text = 'import os\n\nurl = os.getenv("OPENAI_BASE_URL") or conf["OPENAI_BASE_URL"]\n'
    change = migrated(registry, tmp_path, text)
    assert change.after == text
    read = [f for f in change.findings if f.message.startswith("reads OPENAI_BASE_URL")]
    assert [(f.fix.value, f.message) for f in read] == [
        (
            "manual",
            "reads OPENAI_BASE_URL; "
            + paired(3, 'conf["OPENAI_BASE_URL"]').replace("DEEPSEEK_API_KEY", "DEEPSEEK_BASE_URL"),
        )
    ]


def test_a_guarded_write_is_left_with_its_test(registry, tmp_path):
    text = (
        "import os\n\n"
        'if not os.getenv("OPENAI_API_KEY"):\n'
        '    os.environ["OPENAI_API_KEY"] = settings.get("OPENAI_API_KEY")\n'
    )
    change = migrated(registry, tmp_path, text)
    assert change.after == text
    assert [(f.line, f.rule, f.fix.value) for f in change.findings] == [
        (3, "ML401", "manual"),
        (4, "ML404", "manual"),
        (4, "ML401", "manual"),
    ]


@pytest.mark.parametrize(
    "other",
    [
        'SECRET_NAMES = ["OPENAI_API_KEY"]\n',  # no key of anything
        'if not key:\n    raise KeyError("OPENAI_API_KEY")\n',  # a message
        'log.warning("%s unset", "OPENAI_API_KEY")\n',
        'conf = {"ANTHROPIC_API_KEY": None}\n',  # another variable
    ],
)
def test_names_that_are_no_key_use_leave_the_read_renamed(registry, tmp_path, other):
    text = f'import os\n\nkey = os.getenv("OPENAI_API_KEY")\n{other}'
    change = migrated(registry, tmp_path, text)
    assert change.after.startswith('import os\n\nkey = os.getenv("DEEPSEEK_API_KEY")\n')
    assert change.after.endswith(other)


# AutoGen's `config_list_openai_aoai`: the base-URL read and the key read go to one call of the
# module's own; the key read is left (the module also names the variable as a config key), so
# renaming the base-URL read alone sent OpenAI's key to the provider's URL
CONFIG_LIST = (
    "import os\n\n\ndef get_config_list(api_keys, base_urls=None):\n"
    "    return [{'api_key': k, 'base_url': b} for k, b in zip(api_keys, base_urls or [])]\n\n\n"
    "def config_list_openai():\n"
    '    base_urls = os.environ.get("OPENAI_API_BASE", None)\n'
    "    return get_config_list(\n"
    '        api_keys=os.environ.get("OPENAI_API_KEY", "").split("\\n"), base_urls=base_urls\n'
    "    )\n\n\n"
    'def key_for(config):\n    return os.getenv(config.get("api_key_env_var", "OPENAI_API_KEY"))\n'
)


def url_paired(call: str, line: int, key: str, key_line: int) -> str:
    return (
        f"reads OPENAI_API_BASE; not switched: it goes to {call} on line {line} with the key read "
        f"`{key}` on line {key_line}, which apply leaves (see there): renamed alone, it would "
        "send OpenAI's key to DeepSeek; point both at DeepSeek (the key from DEEPSEEK_API_KEY) "
        "together, by hand"
    )


@pytest.mark.parametrize(
    ("text", "call"),
    [
        pytest.param(CONFIG_LIST, "get_config_list()", id="function-of-the-module"),
        pytest.param(
            CONFIG_LIST.replace(
                "import os\n\n\ndef get_config_list(api_keys, base_urls=None):\n"
                "    return [{'api_key': k, 'base_url': b} for k, b in zip(api_keys, base_urls or [])]"
                "\n\n\n",
                "import os\n\nfrom configs import get_config_list\n\n\n",
            ),
            "get_config_list()",
            id="function-imported",
        ),
        pytest.param(
            CONFIG_LIST.replace(
                '        api_keys=os.environ.get("OPENAI_API_KEY", "").split("\\n"), '
                "base_urls=base_urls\n",
                '        os.environ.get("OPENAI_API_KEY", "").split("\\n"), base_urls\n',
            ),
            "get_config_list()",
            id="positional",
        ),
    ],
)
def test_a_base_url_read_going_to_one_call_with_a_key_read_left_is_left(
    registry, tmp_path, text, call
):
    change = migrated(registry, tmp_path, text)
    assert change.after == text
    line = text.splitlines().index('    base_urls = os.environ.get("OPENAI_API_BASE", None)') + 1
    rows = [(f.line, f.fix.value, f.message) for f in change.findings if f.rule == "ML401"]
    assert rows[0] == (
        line,
        "manual",
        url_paired(call, line + 1, 'os.environ.get("OPENAI_API_KEY", "")', line + 2),
    )
    assert rows[1][:2] == (line + 2, "manual")
    assert rows[1][2].startswith("reads OPENAI_API_KEY; not switched: the module also uses")


def test_a_key_read_through_a_name_pairs_the_base_url_read_too(registry, tmp_path):
    text = CONFIG_LIST.replace(
        "    return get_config_list(\n"
        '        api_keys=os.environ.get("OPENAI_API_KEY", "").split("\\n"), base_urls=base_urls\n'
        "    )\n",
        '    keys = os.environ.get("OPENAI_API_KEY", "")\n'
        '    return get_config_list(api_keys=keys.split("\\n"), base_urls=base_urls)\n',
    )
    change = migrated(registry, tmp_path, text)
    assert change.after == text
    [url] = [f for f in change.findings if f.message.startswith("reads OPENAI_API_BASE")]
    assert (url.line, url.fix.value) == (9, "manual")
    key = 'os.environ.get("OPENAI_API_KEY", "")'
    assert url.message == url_paired("get_config_list()", 11, key, 10)


@pytest.mark.parametrize(
    "use",
    [
        'print(base_urls, os.environ.get("OPENAI_API_KEY"))',  # a message, not a pair
        'get_config_list(api_keys=os.environ["OPENAI_API_KEY"].split(), base_urls=base_urls)',
    ],
    ids=["printed", "key-renamed"],
)
def test_a_base_url_read_beside_no_left_key_read_is_renamed(registry, tmp_path, use):
    text = (
        "import os\n\nfrom configs import get_config_list\n\n"
        'base_urls = os.environ.get("OPENAI_API_BASE", None)\n'
        f"{use}\n"
    )
    change = migrated(registry, tmp_path, text)
    # the None default (OpenAI's URL to a client) becomes the provider's, as a missing one does
    assert change.after == text.replace(
        '"OPENAI_API_BASE", None', '"DEEPSEEK_BASE_URL", "https://api.deepseek.com"'
    ).replace("OPENAI_API_KEY", "DEEPSEEK_API_KEY")
