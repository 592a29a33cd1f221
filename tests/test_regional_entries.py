"""A program with an entry per region for the provider (trial t52h, N1).

TradingAgents names Qwen twice: `"qwen"` at dashscope-intl (Singapore) with DASHSCOPE_API_KEY,
`"qwen-cn"` at dashscope (Beijing) with DASHSCOPE_CN_API_KEY. `apply --region cn` set
`llm_provider` to "qwen", so a Beijing key went to Singapore. The entry set is the one whose
URL (or key variable) is the run's region's; where the entries cannot be told apart so, the
provider's own name, as before.
"""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.registry import load_registry
from migrate_llm.service_names import ServiceName, known_services, service_names

QWEN = "Alibaba Qwen (DashScope / Model Studio)"
INTL = "https://dashscope-intl.aliyuncs.com/compatible-mode/v1"
CN = "https://dashscope.aliyuncs.com/compatible-mode/v1"
# the shape of the trial's repros/n1/config.py
CONFIG = f"""import os

from openai import OpenAI

CONFIG = {{"llm_provider": "openai", "model": "gpt-4o-mini"}}
KEY_ENV = {{"openai": "OPENAI_API_KEY", "qwen": "DASHSCOPE_API_KEY", "qwen-cn": "DASHSCOPE_CN_API_KEY"}}
URLS = {{"openai": None, "qwen": "{INTL}", "qwen-cn": "{CN}"}}


def ask(q):
    p = CONFIG["llm_provider"]
    client = OpenAI(base_url=URLS[p], api_key=os.environ[KEY_ENV[p]])
    return client.chat.completions.create(model=CONFIG["model"], messages=[])
"""
HEAD = (
    "llm_provider = \"openai\" beside the model settings on line 5 ('gpt-4o-mini') picks the "
    "service their models go to, OpenAI, with its key; the program picks its services by such "
    "names and "
)


@pytest.fixture(scope="module")
def registry():
    return load_registry()


def test_a_region_is_told_by_a_url_host_or_a_region_key_variable(registry):
    qwen, siliconflow = registry.get("qwen"), registry.get("siliconflow")
    assert qwen.region_named_by(INTL) == "intl"
    assert qwen.region_named_by(CN + "/") == "cn"
    assert qwen.region_named_by("https://dashscope.aliyuncs.com") == "cn"
    assert qwen.region_named_by("https://cn-hongkong.dashscope.aliyuncs.com/x") == "hk"
    assert qwen.region_named_by("https://example.com/v1") is None
    # no [region_env]: DashScope's key variable names no region
    assert qwen.region_named_by("DASHSCOPE_API_KEY") is None
    assert siliconflow.region_named_by("SILICONFLOW_CN_API_KEY") == "cn"
    assert siliconflow.region_named_by("SILICONFLOW_API_KEY") == "intl"


def test_a_modules_service_names_carry_the_urls_and_variables_of_their_entries(registry):
    found = service_names("m.py", "m.py", CONFIG.encode(), known_services(registry))
    assert found == [
        ServiceName("openai", "m.py", "m.py", ("OPENAI_API_KEY",)),
        ServiceName("qwen", "m.py", "m.py", ("DASHSCOPE_API_KEY", INTL)),
        ServiceName("qwen-cn", "m.py", "m.py", ("DASHSCOPE_CN_API_KEY", CN)),
    ]


def test_rows_give_their_names_the_rest_of_the_row(registry):
    text = f'ROWS = [("OpenAI", "openai", None), ("Qwen", "qwen", "{INTL}")]\n'
    found = service_names("m.py", "m.py", text.encode(), known_services(registry))
    assert found == [
        ServiceName("OpenAI", "m.py", "m.py"),
        ServiceName("Qwen", "m.py", "m.py", (INTL,)),
        ServiceName("openai", "m.py", "m.py"),
        ServiceName("qwen", "m.py", "m.py", (INTL,)),
    ]


def scan(tmp_path, monkeypatch, region: str, text: str = CONFIG):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "config.py").write_text(text)
    args = ["--provider", "qwen", "--region", region, "--no-cache"]
    done = CliRunner().invoke(app, ["check", "config.py", *args, "--format", "json"])
    return [
        (f["line"], f["severity"], f["fix"], f["message"], f["data"])
        for f in json.loads(done.stdout)["findings"]
        if f["rule"] == "ML204"
    ]


@pytest.mark.parametrize(
    ("region", "name", "url", "key"),
    [("cn", "qwen-cn", CN, "DASHSCOPE_CN_API_KEY"), ("intl", "qwen", INTL, "DASHSCOPE_API_KEY")],
)
def test_the_runs_regions_entry_is_set(tmp_path, monkeypatch, region, name, url, key):
    found = scan(tmp_path, monkeypatch, region)
    assert found[0] == (
        5,
        "error",
        "review",
        f"{HEAD}has {name!r} (this module), its entry for the {region} region ({url}; key from "
        f"{key}): apply sets it to {name!r}, for the {QWEN} models",
        {
            "provider_setting": "llm_provider",
            "value_from": "openai",
            "value_to": name,
            "entry_key_env": key,
        },
    )
    args = ["--provider", "qwen", "--region", region, "--no-cache"]
    done = CliRunner().invoke(app, ["apply", "config.py", *args, "--yes", "--allow-dirty"])
    assert done.exit_code == 0, done.output
    written = (tmp_path / "config.py").read_text()
    assert written == CONFIG.replace(
        '{"llm_provider": "openai", "model": "gpt-4o-mini"}',
        f'{{"llm_provider": "{name}", "model": "qwen-plus"}}',
    )
    if region == "cn":
        assert done.stderr.splitlines()[-1] == (
            f"Next: export DASHSCOPE_CN_API_KEY=<your {QWEN} key> (the program's entry apply "
            "selected reads it; the OpenAI key does not work there)."
        )
    else:
        assert done.stderr.splitlines()[-1] == (
            f"Next: export DASHSCOPE_API_KEY=<your {QWEN} key> (the OpenAI key does not work "
            "there)."
        )
    checked = CliRunner().invoke(app, ["check", "config.py", *args])
    assert checked.exit_code == 0, checked.stdout


def test_no_entry_for_the_runs_region_leaves_the_setting(tmp_path, monkeypatch):
    found = scan(tmp_path, monkeypatch, "us")
    assert [f[:4] for f in found] == [
        (
            5,
            "error",
            "manual",
            f"{HEAD}has entries for {QWEN}, but those are for other regions ('qwen' the intl "
            "region's, 'qwen-cn' the cn region's), none for us: apply leaves it and those "
            f"models; make the program pick {QWEN} there (key from DASHSCOPE_API_KEY, base URL "
            "https://dashscope-us.aliyuncs.com/compatible-mode/v1) and select it here, by hand",
        ),
        (
            5,
            "warning",
            "manual",
            f"entry 'model' = 'gpt-4o-mini' maps to 'qwen-plus' on {QWEN}, but apply leaves it: "
            'llm_provider = "openai" on line 5 beside it picks OpenAI, where the model would go, '
            f"and the program has no {QWEN} entry for the us region to pick there; change the "
            "two together, by hand",
        ),
    ]


def test_entries_that_cannot_be_told_apart_keep_the_providers_own_name(tmp_path, monkeypatch):
    text = CONFIG.replace(f'"{CN}"', f'"{INTL}"')  # both entries at Singapore
    found = scan(tmp_path, monkeypatch, "cn", text)
    assert found[0][3] == (
        f"{HEAD}has 'qwen' (this module): apply sets it to 'qwen', for the {QWEN} models"
    )


# TradingAgents' layout: the URLs in one module, the key variables in another, the setting
# and an example .env in others
MODULES = {
    "pyproject.toml": '[project]\nname = "app"\n',
    "app/__init__.py": "",
    "app/config.py": (
        'DEFAULT_CONFIG = {\n    "llm_provider": "openai",\n    "deep_think_llm": "gpt-4o",\n}\n'
    ),
    "app/specs.py": (
        "class Spec:\n    def __init__(self, base_url=None):\n        self.base_url = base_url\n\n\n"
        "SPECS = {\n"
        '    "openai": Spec(),\n'
        f'    "qwen": Spec(base_url="{INTL}"),\n'
        f'    "qwen-cn": Spec(base_url="{CN}"),\n'
        "}\n"
    ),
    "app/keys.py": (
        'KEYS = {"openai": "OPENAI_API_KEY", "qwen": "DASHSCOPE_API_KEY", '
        '"qwen-cn": "DASHSCOPE_CN_API_KEY"}\n'
    ),
    ".env.example": "#APP_LLM_PROVIDER=openai\n#APP_DEEP_THINK_LLM=gpt-4o\n",
}


def test_the_entries_of_other_modules_are_told_apart(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for name, text in MODULES.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    args = ["--provider", "qwen", "--no-cache"]  # Qwen's default region: cn
    done = CliRunner().invoke(app, ["apply", ".", *args, "--yes", "--allow-dirty"])
    assert done.exit_code == 0, done.output
    assert (tmp_path / "app/config.py").read_text() == (
        'DEFAULT_CONFIG = {\n    "llm_provider": "qwen-cn",\n    "deep_think_llm": "qwen4-max",\n}\n'
    )
    assert (tmp_path / ".env.example").read_text() == (
        "#APP_LLM_PROVIDER=qwen-cn\n#APP_DEEP_THINK_LLM=qwen4-max\n"
    )
    said = (
        "has 'qwen-cn' (app/keys.py, app/specs.py), its entry for the cn region "
        f"({CN}; key from DASHSCOPE_CN_API_KEY): apply sets it to 'qwen-cn', for the {QWEN} "
        "models"
    )
    head = HEAD.replace("line 5", "line 3").replace("gpt-4o-mini", "gpt-4o")
    assert f"app/config.py:2:21 ML204 {head}{said}\n" in done.stderr
    assert done.stderr.splitlines()[-1].startswith("Next: export DASHSCOPE_CN_API_KEY=")
