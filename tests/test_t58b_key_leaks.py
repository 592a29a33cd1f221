"""Trial t58b (Langchain-Chatchat, provider qwen): keys that went to a host they do not belong
to after `apply`, or after following a finding's advice.

D1: a read of OPENAI_API_BASE feeding another service's own SDK client (`zhipuai.ZhipuAI`)
was switched to DashScope, and the Zhipu key went there. D2: a client whose base URL and key
both come from the program's settings got DASHSCOPE_API_KEY as its key fallback on any server,
so a local server configured with no key received it. D3: ML601 advised that same fallback for
a helper serving every platform of the settings, and ML401 advised renaming the key variable a
class reads for whatever server its caller names.

Exact findings, exact text on disk, `check`'s exit code, and the requests two loopback servers
receive (one stands in for DashScope, one for the user's local model server): the host, and
the name of the key the Authorization header carries (never the key)."""

from __future__ import annotations

import json
from pathlib import Path

from .cli_findings import cli, invoke
from .loopback_run import run_guarded
from .loopback_server import LoopbackServer

QWEN = ["--provider", "qwen", "--no-cache"]
QWEN_NAME = "Alibaba Qwen (DashScope / Model Studio)"
URL = "https://dashscope.aliyuncs.com/compatible-mode/v1"
DASHSCOPE_KEY = "ds-loopback-0000"
LOCAL_KEY = "local-loopback-0000"


def findings(root: Path) -> list[tuple[str, int, str, str, str, str]]:
    code, out = invoke("scan", str(root), *QWEN, "--format", "json")
    assert code == 0, out
    return [
        (Path(f["path"]).name, f["line"], f["rule"], f["severity"], f["fix"], f["message"])
        for f in json.loads(out)["findings"]
    ]


def key_name(header: str | None) -> str:
    """Which key an Authorization header carries, by the name the test gave it."""
    return {
        f"Bearer {DASHSCOPE_KEY}": "DASHSCOPE_API_KEY",
        f"Bearer {LOCAL_KEY}": "the local server's key",
    }.get(header or "", "another")


# --- D1: another service's SDK client ---------------------------------------------------------

ZHIPU = """import os

from zhipuai import ZhipuAI


def make_client(api_key, api_base=None):
    base = api_base or os.getenv("OPENAI_API_BASE")
    return ZhipuAI(api_key=api_key, base_url=base)
"""

# Langchain-Chatchat's ZhipuAIEmbeddings validator, in our words: an entry named with a prefix,
# then a dict spread into the client
ZHIPU_ENTRY = """import os


def validate(values):
    values["zhipuai_api_base"] = values["zhipuai_api_base"] or os.getenv(
        "OPENAI_API_BASE"
    )
    params = {"api_key": values["zhipuai_api_key"], "base_url": values["zhipuai_api_base"]}
    import zhipuai

    values["client"] = zhipuai.ZhipuAI(**params).embeddings
    return values
"""


def _zhipu_message(call: str, line: int) -> str:
    return (
        f"reads OPENAI_API_BASE; not switched: it is the base URL of {call}() on line {line}, a "
        "client of another service's own SDK (zhipuai.ZhipuAI), which sends that service's "
        f"key, not OpenAI's: switched, it would send that key to {QWEN_NAME}; leave it, or "
        f"point that client at {QWEN_NAME} (the key from DASHSCOPE_API_KEY) by hand"
    )


def test_a_base_url_read_for_another_services_client_is_left(tmp_path):
    (tmp_path / "emb.py").write_text(ZHIPU)
    (tmp_path / "validator.py").write_text(ZHIPU_ENTRY)
    assert findings(tmp_path) == [
        ("emb.py", 7, "ML401", "warning", "manual", _zhipu_message("ZhipuAI", 8)),
        ("validator.py", 5, "ML401", "warning", "manual", _zhipu_message("zhipuai.ZhipuAI", 11)),
    ]
    assert invoke("apply", str(tmp_path), *QWEN, "--yes", "--allow-dirty")[0] == 0
    assert (tmp_path / "emb.py").read_text() == ZHIPU
    assert (tmp_path / "validator.py").read_text() == ZHIPU_ENTRY
    assert invoke("check", str(tmp_path), *QWEN)[0] == 1


# --- D2: a client whose URL and key both come from the settings -------------------------------

ASK = """import openai


def ask(cfg, q):
    client = openai.OpenAI(base_url=cfg["api_base_url"], api_key=cfg["api_key"])
    r = client.chat.completions.create(model=cfg["model"], messages=[{"role": "user", "content": q}])
    return r.choices[0].message.content
"""
ASK_AFTER = f"""import os

import openai


def ask(cfg, q):
    client = openai.OpenAI(
        base_url=cfg["api_base_url"]
        or os.environ.get(
            "DASHSCOPE_BASE_URL", "{URL}"
        ),
        api_key=os.environ.get("DASHSCOPE_API_KEY", "unset")
        if not cfg["api_base_url"]
        else (
            cfg["api_key"]
            or (
                os.environ.get("DASHSCOPE_API_KEY", "unset")
                if str(cfg["api_base_url"]).rstrip("/").lower()
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
                else cfg["api_key"]
            )
        ),
    )
    r = client.chat.completions.create(model=cfg["model"], messages=[{{"role": "user", "content": q}}])
    return r.choices[0].message.content
"""
RUN = """import os

from app import ask

cfg = {"api_base_url": os.environ["CFG_URL"], "api_key": os.environ["CFG_KEY"], "model": "qwen-plus"}
print(ask(cfg, "hi"))
"""


ZHIPU_KEY = """import os

from zhipuai import ZhipuAI

client = ZhipuAI(api_key=os.getenv("OPENAI_API_KEY"))
"""


def test_a_key_read_for_another_services_client_is_left_and_reported(tmp_path):
    """The other direction of D1: renamed, DASHSCOPE_API_KEY would go to Zhipu's own SDK."""
    (tmp_path / "emb.py").write_text(ZHIPU_KEY, encoding="utf-8")
    expected = [
        (
            "emb.py",
            5,
            "ML401",
            "warning",
            "manual",
            "reads OPENAI_API_KEY, which goes to ZhipuAI() on line 5, a client of another "
            "service's own SDK (zhipuai.ZhipuAI), which sends it to that service: neither "
            f"OpenAI's key nor {QWEN_NAME}'s (DASHSCOPE_API_KEY) belongs there, and apply leaves "
            "the call; give it that service's key, by hand",
        )
    ]
    assert findings(tmp_path) == expected
    assert invoke("apply", str(tmp_path), *QWEN, "--yes")[0] == 0
    assert (tmp_path / "emb.py").read_text(encoding="utf-8") == ZHIPU_KEY
    assert invoke("check", str(tmp_path), *QWEN)[0] == 1


DATA_WORDS = (
    'its base URL and key come first from run-time data the tool cannot see (`cfg["api_base_url"]`, '
    '`cfg["api_key"]`: what the program hands it, such as records of its database): requests '
    f"reach {QWEN_NAME} only where that data is empty or already {QWEN_NAME}'s; where stored "
    "records hold OpenAI's URL, key or models, change them in the data: the URL to "
    f"{URL}, the key to an {QWEN_NAME} key (as DASHSCOPE_API_KEY holds), and the model names "
    f"stored with them to {QWEN_NAME}'s"
)


def test_the_key_fallback_holds_only_on_the_providers_url(tmp_path):
    (tmp_path / "app.py").write_text(ASK)
    [ml003] = [f for f in findings(tmp_path) if f[2] == "ML003"]
    assert ml003 == (
        "app.py",
        5,
        "ML003",
        "warning",
        "review",
        'OpenAI() takes its base URL from `cfg["api_base_url"]` at run time (OpenAI\'s when that '
        'is None) and its key from `cfg["api_key"]` (OPENAI_API_KEY when that is None); for '
        f"{QWEN_NAME} it falls back to DASHSCOPE_BASE_URL (default {URL}), its key "
        f'DASHSCOPE_API_KEY where no URL is given, in place of `cfg["api_key"]` (given for '
        f"OpenAI's URL, it must not go to {QWEN_NAME}'s), and DASHSCOPE_API_KEY when "
        '`cfg["api_key"]` is empty where the URL given is '
        f"{QWEN_NAME}'s (its variable's value or any of its regions' URLs in any spelling); another server "
        f"keeps the key the program gives it, which must be an {QWEN_NAME} key on {QWEN_NAME}'s "
        f"URL; {DATA_WORDS}",
    )
    assert invoke("apply", str(tmp_path), *QWEN, "--yes", "--allow-dirty")[0] == 0
    assert (tmp_path / "app.py").read_text() == ASK_AFTER
    # t64a: the settings `ask` is handed may still hold OpenAI's URL and key, which check
    # cannot see: the fallbacks run only where they are empty
    assert invoke("check", str(tmp_path), *QWEN)[0] == 1
    assert [f[1:5] for f in findings(tmp_path) if f[3] != "note"] == [
        (7, "ML003", "warning", "manual")
    ]
    (tmp_path / "run.py").write_text(RUN)

    def run(url: str, key: str, dashscope: LoopbackServer, local: LoopbackServer):
        env = {
            "DASHSCOPE_API_KEY": DASHSCOPE_KEY,
            "DASHSCOPE_BASE_URL": dashscope.base + "/v1",
            "CFG_URL": url,
            "CFG_KEY": key,
        }
        proc, blocked = run_guarded("run.py", tmp_path, env)
        assert blocked == []
        return proc, [
            (r.path, r.body["model"], key_name(r.headers.get("authorization")))
            for r in [*dashscope.requests, *local.requests]
        ]

    dashscope, local = LoopbackServer().start(), LoopbackServer().start()
    try:
        # the settings name no server: DashScope, with its key
        proc, seen = run("", "", dashscope, local)
        assert proc.returncode == 0, proc.stderr
        assert (seen, local.requests) == (
            [("/v1/chat/completions", "qwen-plus", "DASHSCOPE_API_KEY")],
            [],
        )
        dashscope.requests.clear()
        # the local server with its own key: that key, there
        proc, seen = run(local.base + "/v1", LOCAL_KEY, dashscope, local)
        assert proc.returncode == 0, proc.stderr
        assert (seen, dashscope.requests) == (
            [("/v1/chat/completions", "qwen-plus", "the local server's key")],
            [],
        )
        local.requests.clear()
        # the local server with no key: never DashScope's (the SDK asks for a key, as it did)
        proc, seen = run(local.base + "/v1", "", dashscope, local)
        assert proc.returncode == 1 and "OpenAIError" in proc.stderr
        assert seen == []
    finally:
        dashscope.stop()
        local.stop()


# --- D3: advice for code serving whatever server its caller or its settings name --------------

HELPER = """from langchain_openai import ChatOpenAI


def get_ChatOpenAI(model_name, **kwargs):
    model_info = get_model_info(model_name)
    params = dict(model_name=model_name, **kwargs)
    params.update(
        openai_api_base=model_info.get("api_base_url"),
        openai_api_key=model_info.get("api_key"),
    )
    return ChatOpenAI(**params)
"""

EMBEDDINGS = """from langchain_core.utils import get_from_dict_or_env


def validate_environment(values):
    values["openai_api_key"] = get_from_dict_or_env(values, "openai_api_key", "OPENAI_API_KEY")
    values["openai_api_base"] = get_from_dict_or_env(
        values, "openai_api_base", "OPENAI_API_BASE", default=""
    )
    return values
"""


def test_no_key_fallback_is_advised_for_a_helper_serving_the_settings_servers(tmp_path):
    (tmp_path / "utils.py").write_text(HELPER)
    assert [f for f in findings(tmp_path) if f[2] == "ML601"] == [
        (
            "utils.py",
            11,
            "ML601",
            "error",
            "manual",
            "ChatOpenAI() (LangChain) takes its base URL from `**params` at run time and its key "
            f'from `model_info.get("api_key")`; make sure they are {QWEN_NAME}\'s ({URL}, the '
            "key from DASHSCOPE_API_KEY): the program sets both on the mapping "
            '(`model_info.get("api_base_url")`, `model_info.get("api_key")`); give the entry '
            f"meant for {QWEN_NAME} its base URL and key where those come from, not a fallback "
            "to DASHSCOPE_API_KEY here: every other server they name would get that key",
        )
    ]


def test_no_rename_is_advised_for_a_key_going_with_a_callers_url(tmp_path):
    (tmp_path / "embeddings.py").write_text(EMBEDDINGS)
    tail = (
        "leave both, and give the callers meant for "
        f"{QWEN_NAME} its base URL and key (from DASHSCOPE_API_KEY) together"
    )
    said = "each the fallback of a setting the caller gives, so the code serves whatever server "
    said += "its caller names: renamed to "
    assert [f for f in findings(tmp_path) if f[2] == "ML401"] == [
        (
            "embeddings.py",
            5,
            "ML401",
            "warning",
            "manual",
            "reads OPENAI_API_KEY; not switched: it goes with "
            f"OPENAI_API_BASE (named on line 7), {said}DASHSCOPE_API_KEY, {QWEN_NAME}'s key "
            f"would go to any server a caller names with an empty key (a local one); {tail}",
        ),
        (
            "embeddings.py",
            6,
            "ML401",
            "warning",
            "manual",
            "reads OPENAI_API_BASE; not switched: it goes with "
            f"OPENAI_API_KEY (named on line 5), {said}DASHSCOPE_BASE_URL, the key a caller gives "
            f"with no URL (or OPENAI_API_KEY) would go to {QWEN_NAME}; {tail}",
        ),
    ]


# --- D4: defaults the program keeps in a settings file of its own -----------------------------

DUMPED = """import json

PLATFORMS = [{"api_base_url": "https://api.openai.com/v1", "api_key": "sk-proj-"}]  # a placeholder

if __name__ == "__main__":
    json.dump(PLATFORMS, open("settings.json", "w"))
"""

FILE_SETTINGS = """from pydantic_settings import BaseSettings, SettingsConfigDict


class ModelSettings(BaseSettings):
    model_config = SettingsConfigDict(yaml_file="model_settings.yaml")

    platforms: list = [{"api_base_url": "https://api.openai.com/v1", "api_key": "sk-proj-"}]
"""


def _persisted(where: str) -> str:
    return (
        f"hard-coded OpenAI URL https://api.openai.com/v1; {QWEN_NAME}'s base URL replaces it "
        "(read from DASHSCOPE_BASE_URL); once the settings file the program keeps this default "
        f"in exists ({where}), its values win: DASHSCOPE_BASE_URL and DASHSCOPE_API_KEY count "
        f"only if set before it is written, else put {QWEN_NAME}'s base URL and key in that file"
    )


def test_a_default_the_program_keeps_in_a_settings_file_says_so(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "settings.py").write_text(DUMPED)
    (tmp_path / "model_settings.py").write_text(FILE_SETTINGS)
    code, out = invoke("scan", str(tmp_path), *QWEN, "--format", "json")
    assert code == 0, out
    found = [
        (Path(f["path"]).name, f["line"], f["fix"], f["message"], f["data"])
        for f in json.loads(out)["findings"]
        if f["rule"] == "ML402" and f["fix"] == "safe"
    ]
    dumped = "`json.dump(PLATFORMS, ...)` on line 6"
    configured = '`yaml_file="model_settings.yaml"` of ModelSettings\'s model_config on line 5'
    assert found == [
        ("model_settings.py", 7, "safe", _persisted(configured), {"persisted": configured}),
        ("settings.py", 3, "safe", _persisted(dumped), {"persisted": dumped}),
    ]
    result = cli("apply", ".", *QWEN, "--diff")
    assert result.exit_code == 0
    assert result.stderr.splitlines()[-1].endswith(
        " The defaults at model_settings.py:7, settings.py:3 go to a "
        "settings file the program reads instead once it is written (see ML402 there): set "
        "DASHSCOPE_BASE_URL and DASHSCOPE_API_KEY before it is written, or put "
        f"{QWEN_NAME}'s base URL and key in that file."
    )
