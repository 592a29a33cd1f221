"""A string naming the key variable bound beside a model on litellm's OpenAI route (t66g).

crawl4ai's config.py: `DEFAULT_PROVIDER = "openai/gpt-4o"` beside `DEFAULT_PROVIDER_API_KEY =
"OPENAI_API_KEY"`, which another module reads with `os.environ.get(...)` as the key of that
default model. ML401 advised renaming the name to the provider's variable; followed, litellm
sent the provider's key to OpenAI and `check` went quiet. Now the advice says why the name
stays, and the provider's variable named there is an error. Exact findings, exit codes and
bytes after apply.
"""

from __future__ import annotations

from .cli_findings import cli, finding_rows, run_json, write_here

DOUBAO = "ByteDance Doubao (Volcengine Ark)"
CONFIG = """\
import os

DEFAULT_PROVIDER = "openai/gpt-4o"
DEFAULT_PROVIDER_API_KEY = "OPENAI_API_KEY"
"""
EXTRACT = """\
import os

import litellm

from pkg.config import DEFAULT_PROVIDER, DEFAULT_PROVIDER_API_KEY


def extract(text, provider=None, api_token=None):
    provider = provider or DEFAULT_PROVIDER
    api_token = api_token or os.environ.get(DEFAULT_PROVIDER_API_KEY)
    messages = [{"role": "user", "content": text}]
    return litellm.completion(model=provider, api_key=api_token, messages=messages)
"""
BESIDE = (
    'beside `DEFAULT_PROVIDER = "openai/gpt-4o"` on line 3, a model on litellm\'s OpenAI '
    "route: the key read under this name goes with that model to OpenAI"
)


def _files(config: str) -> dict[str, str]:
    return {"pkg/__init__.py": "", "pkg/config.py": config, "pkg/extract.py": EXTRACT}


def _ml401(*args: str) -> list[tuple]:
    code, report = run_json("scan", ".", "-p", "doubao", *args)
    assert code == 0
    return finding_rows(report, "path", "line", "severity", "fix", "message", rules={"ML401"})


def test_a_key_name_beside_an_openai_routed_default_is_not_advised_renamed(tmp_path, monkeypatch):
    write_here(tmp_path, monkeypatch, _files(CONFIG))
    assert _ml401() == [
        (
            "pkg/config.py",
            4,
            "warning",
            "manual",
            f"names OPENAI_API_KEY {BESIDE}, so naming ARK_API_KEY here would send {DOUBAO}'s "
            "key to OpenAI; change that model and this name together, by hand",
        )
    ]
    done = cli("apply", ".", "-p", "doubao", "--yes")
    assert done.exit_code == 0, done.output
    assert (tmp_path / "pkg/config.py").read_text() == CONFIG
    assert cli("check", ".", "-p", "doubao").exit_code == 1


def test_the_providers_key_name_beside_an_openai_routed_default_is_an_error(tmp_path, monkeypatch):
    """What a person wrote following the old advice: the Ark key then went to OpenAI."""
    renamed = CONFIG.replace('"OPENAI_API_KEY"', '"ARK_API_KEY"')
    write_here(tmp_path, monkeypatch, _files(renamed))
    assert _ml401() == [
        (
            "pkg/config.py",
            4,
            "error",
            "manual",
            f"names ARK_API_KEY {BESIDE}: {DOUBAO}'s key would be sent to OpenAI; give that "
            f"model {DOUBAO}'s route, or name OpenAI's key variable here, by hand",
        )
    ]
    checked = cli("check", ".", "-p", "doubao")
    assert checked.exit_code == 1
    assert "pkg/config.py:4:28 ML401 names ARK_API_KEY beside" in checked.stdout


def test_the_providers_key_name_beside_its_own_model_is_not_reported(tmp_path, monkeypatch):
    """`openai/<provider model>` is how litellm reaches an OpenAI-compatible endpoint: the
    provider's key named beside it is no leak; nor is a model on the provider's route."""
    for model in ("openai/doubao-seed-2-1-pro-260628", "volcengine/doubao-seed-2-1-pro-260628"):
        config = CONFIG.replace('"OPENAI_API_KEY"', '"ARK_API_KEY"').replace("openai/gpt-4o", model)
        write_here(tmp_path, monkeypatch, _files(config))
        assert _ml401() == []


def test_a_key_name_with_no_routed_model_beside_it_keeps_the_advice(tmp_path, monkeypatch):
    config = CONFIG.replace("openai/gpt-4o", "gpt-4o")
    write_here(tmp_path, monkeypatch, _files(config))
    ((_, _, _, fix, message),) = _ml401()
    assert fix == "manual"
    assert message.startswith(
        "names OPENAI_API_KEY, but the module does not show how it is used; make it name "
        "ARK_API_KEY by hand"
    )


def test_a_key_name_in_a_function_is_not_taken_for_a_default(tmp_path, monkeypatch):
    """Only names bound in the module's or a class's body sit beside such a default."""
    config = (
        "def defaults():\n"
        '    provider = "openai/gpt-4o"\n'
        '    key_name = "OPENAI_API_KEY"\n'
        "    return provider, key_name\n"
    )
    write_here(tmp_path, monkeypatch, {"pkg/__init__.py": "", "pkg/config.py": config})
    ((_, _, _, _, message),) = _ml401()
    assert "litellm's OpenAI route" not in message


def test_the_providers_key_name_beside_another_names_model_is_not_reported(tmp_path, monkeypatch):
    """Review r2 t3: a key name pairs with a model of the same stem only; DEEPSEEK_KEY_ENV
    beside OPENAI_MODEL, in the module or a class body, was two errors."""
    config = (
        'OPENAI_MODEL = "openai/gpt-4o"\n'
        'DEEPSEEK_MODEL = "deepseek/deepseek-chat"\n'
        'DEEPSEEK_KEY_ENV = "ARK_API_KEY"\n'
        "\n\nclass Backends:\n"
        '    openai_model = "openai/gpt-4o-mini"\n'
        '    deepseek_key_env = "ARK_API_KEY"\n'
    )
    write_here(tmp_path, monkeypatch, {"pkg/__init__.py": "", "pkg/config.py": config})
    assert _ml401() == []
    assert cli("check", ".", "-p", "doubao").exit_code == 0


KEY_NAME_READ = """\
import os

import litellm

MODEL = "openai/gpt-4o"
KEY_NAME = "OPENAI_API_KEY"


def ask(text):
    return litellm.completion(
        model=MODEL,
        api_key=os.environ[KEY_NAME],
        messages=[{"role": "user", "content": text}],
    )
"""


def test_a_key_name_read_through_a_constant_moves_with_its_model_in_one_apply(
    tmp_path, monkeypatch
):
    """Review r2 t4: ML640 took `os.environ[KEY_NAME]` for a read under a built name no rule
    renames and held the call, while ML401 renamed KEY_NAME: the first apply sent the Ark key
    with openai/gpt-4o to OpenAI, the second moved the model. Now both move at once."""
    write_here(tmp_path, monkeypatch, {"a.py": KEY_NAME_READ})
    assert cli("apply", ".", "-p", "doubao", "--yes").exit_code == 0
    applied = (tmp_path / "a.py").read_text()
    assert applied == (
        KEY_NAME_READ.replace("openai/gpt-4o", "volcengine/doubao-seed-2-1-pro-260628")
        .replace('"OPENAI_API_KEY"', '"ARK_API_KEY"')
        .replace(
            "        model=MODEL,\n",
            '        extra_body={"thinking": {"type": "disabled"}},\n        model=MODEL,\n',
        )
        .replace(
            "api_key=os.environ[KEY_NAME],\n",
            'api_key=os.environ[KEY_NAME] or os.environ.get("ARK_API_KEY") or "unset",\n'
            "        api_base=os.environ.get(\n"
            '            "ARK_BASE_URL", "https://ark.cn-beijing.volces.com/api/v3"\n'
            "        ),\n",
        )
    )
    assert cli("apply", ".", "-p", "doubao", "--yes").exit_code == 0
    assert (tmp_path / "a.py").read_text() == applied
    checked = cli("check", ".", "-p", "doubao")
    assert "ML401" not in checked.stdout and "ML640" not in checked.stdout


def test_a_key_name_of_an_owner_word_pairs_with_a_model_of_no_stem(tmp_path, monkeypatch):
    """Review r5: `MODEL_NAME = "openai/gpt-4o"` beside `OPENAI_KEY_NAME = "OPENAI_API_KEY"`
    (stems `()` and `("openai",)`) were not paired, and ML401 advised the rename that sends
    the provider's key to OpenAI. Owner words (openai, the provider's id and aliases) are
    no part of a stem, and an empty stem pairs with one naming no other provider."""
    for model_name, key_name in (
        ("MODEL_NAME", "OPENAI_KEY_NAME"),
        ("MODEL", "DEFAULT_KEY_NAME"),
        ("OPENAI_MODEL", "DOUBAO_KEY_ENV"),
    ):
        config = f'{model_name} = "openai/gpt-4o"\n{key_name} = "OPENAI_API_KEY"\n'
        write_here(tmp_path, monkeypatch, {"pkg/__init__.py": "", "pkg/config.py": config})
        beside = BESIDE.replace("DEFAULT_PROVIDER", model_name).replace("line 3", "line 1")
        assert _ml401() == [
            (
                "pkg/config.py",
                2,
                "warning",
                "manual",
                f"names OPENAI_API_KEY {beside}, so naming ARK_API_KEY here would send {DOUBAO}'s "
                "key to OpenAI; change that model and this name together, by hand",
            )
        ], key_name
