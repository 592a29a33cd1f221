"""What trial t63a found on QAnything (moonshot), each in our own words (s63).

1. A request sending `model=self.model, temperature=self.temperature, top_p=self.top_p`,
   the model kept from the constructor, whose caller reads it from its settings with a
   default apply maps to kimi-k2.6: `check` passed while kimi-k2.6 rejects both values.
2. `ChatOpenAI(..., model_kwargs={"top_p": 0.01, ...})`: the entry went out as it was.
3. `num_tokens(text, model="gpt-3.5-turbo-0613")`, a default apply leaves, called with it:
   ML207 failed `check` though only a model tiktoken knows reaches the lookup.
4. The key fallback apply writes took Moonshot's cn URL only, not its international one
   (`[regions] intl`), so an empty key went there.

Exact findings, exit codes, bytes on disk, and, for 4, which key the migrated client holds (a
comparison printed, never the key).
"""

from __future__ import annotations

from pathlib import Path

from .cli_findings import finding_rows, invoke, run_json, write
from .loopback_run import run_guarded

KIMI = ["--provider", "moonshot", "--no-cache"]
NAME = "Moonshot AI (Kimi)"

BOT = """import os

from openai import OpenAI

client = OpenAI(
    api_key=os.environ.get("MOONSHOT_API_KEY", "unset"),
    base_url=os.environ.get("MOONSHOT_BASE_URL", "https://api.moonshot.cn/v1"),
)


class Bot:
    def __init__(self, model, temperature, top_p):
        self.model = model
        self.temperature = temperature
        self.top_p = top_p

    def ask(self, text):
        return client.chat.completions.create(
            model=self.model,
            messages=[{"role": "user", "content": text}],
            temperature=self.temperature,
            top_p=self.top_p,
        )


def handle(settings):
    model = settings.get("model", "MODEL")
    return Bot(model, settings.get("temperature", 0.5), 0.99).ask(settings["question"])
"""


def ml115(root: Path, command: str = "scan") -> tuple[int, list[tuple]]:
    code, report = run_json(command, str(root), *KIMI)
    return code, finding_rows(report, "line", "severity", "fix", "message", rules={"ML115"})


def sampling(model: str, default: str, param: str) -> str:
    return (
        f'`self.model` may be {model} or `settings.get("model", "{default}")`, and kimi-k2.6 '
        f"fixes {param} on {NAME}; remove {param}= by hand, or send it only to a model that "
        "takes it (the model ignores or rejects it; apply leaves it: the model is chosen at "
        "run time)"
    )


def test_a_model_kept_from_the_constructor_fails_check_before_and_after_apply(tmp_path):
    write(tmp_path, {"app.py": BOT.replace("MODEL", "gpt-4o-mini")})
    mapped = "kimi-k2.6 (mapped from gpt-4o-mini)"
    assert ml115(tmp_path) == (
        0,
        [
            (21, "warning", "manual", sampling(mapped, "gpt-4o-mini", "temperature")),
            (22, "warning", "manual", sampling(mapped, "gpt-4o-mini", "top_p")),
        ],
    )
    # as apply leaves it (the default mapped, the request as it was): `check` stays red
    write(tmp_path, {"app.py": BOT.replace("MODEL", "kimi-k2.6")})
    assert ml115(tmp_path, "check") == (
        1,
        [
            (21, "warning", "manual", sampling("kimi-k2.6", "kimi-k2.6", "temperature")),
            (22, "warning", "manual", sampling("kimi-k2.6", "kimi-k2.6", "top_p")),
        ],
    )


def test_a_caller_passing_a_model_that_takes_the_values_is_not_reported(tmp_path):
    text = BOT.replace('settings.get("model", "MODEL")', '"moonshot-v1-8k"')
    write(tmp_path, {"app.py": text})
    assert ml115(tmp_path, "check") == (0, [])


CHAT = """import os

from langchain_openai import ChatOpenAI

llm = ChatOpenAI(
    model="kimi-k2.6",
    api_key=os.environ["MOONSHOT_API_KEY"],
    base_url=os.environ.get("MOONSHOT_BASE_URL", "https://api.moonshot.cn/v1"),
    temperature=1.0,
    model_kwargs={"top_p": 0.01, "seed": 1234},
)
"""


def ml601(root: Path, command: str) -> tuple[int, list[tuple]]:
    code, report = run_json(command, str(root), *KIMI)
    return code, finding_rows(report, "line", "severity", "fix", "message", rules={"ML601"})


def test_an_entry_of_model_kwargs_the_model_fixes_is_removed(tmp_path):
    write(tmp_path, {"chain.py": CHAT})
    assert ml601(tmp_path, "check") == (
        1,
        [
            (
                10,
                "warning",
                "review",
                f'kimi-k2.6 fixes top_p on {NAME}: the entry "top_p" of model_kwargs is removed '
                "(the model ignores or rejects it)",
            )
        ],
    )
    assert invoke("apply", str(tmp_path), *KIMI, "--yes", "--allow-dirty")[0] == 0
    assert (tmp_path / "chain.py").read_text() == CHAT.replace(
        '{"top_p": 0.01, "seed": 1234}', '{"seed": 1234}'
    )
    assert ml601(tmp_path, "check") == (0, [])
    assert invoke("apply", str(tmp_path), *KIMI, "--diff")[1] == ""


def test_the_last_entry_goes_with_its_comma_and_the_value_kimi_takes_stays(tmp_path):
    text = CHAT.replace('{"top_p": 0.01, "seed": 1234}', '{"seed": 1, "top_p": 0.01}')
    write(tmp_path, {"chain.py": text, "kept.py": CHAT.replace("0.01", "0.95")})
    assert invoke("apply", str(tmp_path), *KIMI, "--yes", "--allow-dirty")[0] == 0
    assert (tmp_path / "chain.py").read_text() == text.replace(', "top_p": 0.01}', "}")
    assert (tmp_path / "kept.py").read_text() == CHAT.replace("0.01", "0.95")


def test_with_the_model_chosen_at_run_time_the_entry_is_left_to_a_person(tmp_path):
    text = CHAT.replace('"kimi-k2.6"', "name").replace("llm = ", "def make(name):\n    return ")
    write(tmp_path, {"chain.py": text})
    code, rows = ml601(tmp_path, "check")
    assert code == 1
    assert rows[-1] == (
        11,
        "warning",
        "manual",
        "the model of ChatOpenAI from langchain_openai is chosen at run time, and every "
        f"{NAME} model that apply maps OpenAI's chat models to fixes top_p: the entry "
        '"top_p" of model_kwargs sends top_p=0.01; remove the entry, by hand',
    )


COUNTER = """import tiktoken


def num_tokens(text, model="gpt-3.5-turbo-0613"):
    return len(tiktoken.encoding_for_model(model).encode(text))


def size(text):
    return num_tokens(text)
"""


def ml207(root: Path) -> tuple[int, list[tuple]]:
    code, report = run_json("check", str(root), *KIMI)
    return code, finding_rows(report, "line", rules={"ML207"})


def test_a_counters_default_apply_leaves_and_its_callers_keep_is_not_reported(tmp_path):
    write(tmp_path, {"count.py": COUNTER})
    assert ml207(tmp_path) == (1, [])  # ML208 (tiktoken's download) alone
    # a caller of the module handing it a model chosen at run time: reported
    write(tmp_path, {"count.py": COUNTER.replace("(text)\n", "(text, settings.model)\n")})
    assert ml207(tmp_path) == (1, [(5,)])
    # an OpenAI model written at the call, which apply leaves: not reported
    write(tmp_path, {"count.py": COUNTER.replace("(text)\n", '(text, "gpt-4")\n')})
    assert ml207(tmp_path) == (1, [])


APP = """from openai import OpenAI


def make(base, key):
    return OpenAI(base_url=base, api_key=key)
"""
APP_AFTER = """import os

from openai import OpenAI


def make(base, key):
    return OpenAI(
        base_url=base
        or os.environ.get("MOONSHOT_BASE_URL", "https://api.moonshot.cn/v1"),
        api_key=os.environ.get("MOONSHOT_API_KEY", "unset")
        if not base
        else (
            key
            or (
                os.environ.get("MOONSHOT_API_KEY", "unset")
                if str(base).rstrip("/").lower()
                in (
                    os.environ.get("MOONSHOT_BASE_URL", "https://api.moonshot.cn/v1")
                    .rstrip("/")
                    .lower(),
                    "https://api.moonshot.cn/v1",
                    "https://api.moonshot.ai/v1",
                )
                else key
            )
        ),
    )
"""
# whether the client holds Moonshot's key, for a URL of each region and another server
WHICH = """import os

import openai

import app

for base in ("HTTPS://API.Moonshot.ai/v1/", "https://api.moonshot.cn/v1", "http://127.0.0.1:9/v1"):
    try:
        print(app.make(base, "").api_key == os.environ["MOONSHOT_API_KEY"])
    except openai.OpenAIError:
        print("no key")  # openai>=2 refuses an empty key: none goes to another server
"""


def test_the_key_fallback_takes_each_region_of_the_provider(tmp_path):
    write(tmp_path, {"app.py": APP})
    assert invoke("apply", str(tmp_path), *KIMI, "--yes", "--allow-dirty")[0] == 0
    assert (tmp_path / "app.py").read_text() == APP_AFTER
    # the intl URL apply writes is compared with, not pointed at: no region note on it
    _, report = run_json("scan", str(tmp_path), *KIMI)
    assert finding_rows(report, "rule", "line", "message") == [
        ("ML003", 7, f"OpenAI() already points at {NAME}")
    ]
    write(tmp_path, {"which.py": WHICH})
    proc, blocked = run_guarded("which.py", tmp_path, {"MOONSHOT_API_KEY": "mk-loopback-0000"})
    assert (proc.returncode, blocked) == (0, []), proc.stderr
    assert proc.stdout.splitlines() == ["True", "True", "no key"]
