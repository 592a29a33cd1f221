"""A key given as `api_token=` beside a model on litellm's OpenAI route (t66e, crawl4ai).

crawl4ai's documented `LLMConfig(provider="openai/gpt-4o-mini", api_token=os.getenv(
"OPENAI_API_KEY"))` hands `api_token` to litellm as its key: apply renamed the read to the
provider's variable (`api_token` was not a key keyword) and litellm then sent the provider's
key to OpenAI. Now `api_token` is a key keyword (`sdk.KEY_ENTRY_NAMES`) and ML401 leaves the
read, as for `api_key=`; the same for a class of the module itself, whose object goes on to
code reading its key back. Also: ML640 on a litellm call given `base_url=` a parameter that
defaults to None, and OpenAI's entry of a table of keys keyed by service, left for OpenAI.
Exact bytes after apply, findings and exit codes.
"""

from __future__ import annotations

from pathlib import Path

from .cli_findings import cli, finding_rows, run_json, write_here

DOUBAO = "ByteDance Doubao (Volcengine Ark)"
SETTINGS = """\
from litellm import completion


class Settings:
    def __init__(self, model, api_token=None, base_url=None):
        self.model = model
        self.api_token = api_token
        self.base_url = base_url


def complete(model, prompt, key, base_url=None):
    messages = [{"role": "user", "content": prompt}]
    return completion(model=model, messages=messages, api_key=key, base_url=base_url)


def ask(settings, prompt):
    return complete(settings.model, prompt, settings.api_token, base_url=settings.base_url)
"""
CALLER = """\
import os

from settings import Settings, ask

print(ask(Settings("openai/gpt-4o-mini", api_token=os.getenv("OPENAI_API_KEY")), "hi"))
"""
CRAWLER = """\
import os

from crawl4ai import LLMConfig, LLMExtractionStrategy

strategy = LLMExtractionStrategy(
    llm_config=LLMConfig(provider="openai/gpt-4o-mini", api_token=os.getenv("OPENAI_API_KEY")),
    instruction="Extract product name and price",
)
"""


def _model_left(path: str, line: int, column: int, call: str, model: str) -> str:
    return (
        f"{path}:{line}:{column} ML401 reads OPENAI_API_KEY, which goes to {call}() on line "
        f"{line} with the OpenAI model {model!r} and no base URL of {DOUBAO}'s: the model "
        f"string sends the call to OpenAI, so given {DOUBAO}'s key (ARK_API_KEY) it would send "
        f"it to OpenAI; point the call at {DOUBAO} (its model, base URL and key) and read "
        "ARK_API_KEY, or keep it on OpenAI, by hand"
    )


def _ml401(root: Path) -> list[tuple]:
    code, report = run_json("scan", str(root), "-p", "doubao")
    assert code == 0
    return finding_rows(report, "path", "line", "fix", rules={"ML401"})


def test_an_api_token_beside_an_openai_routed_model_is_left(tmp_path, monkeypatch):
    write_here(tmp_path, monkeypatch, {"settings.py": SETTINGS, "main.py": CALLER})
    assert _ml401(tmp_path) == [("main.py", 5, "manual")]
    done = cli("apply", ".", "-p", "doubao", "--yes")
    assert done.exit_code == 0, done.output
    assert (tmp_path / "main.py").read_text() == CALLER
    checked = cli("check", ".", "-p", "doubao")
    assert checked.exit_code == 1
    assert _model_left("main.py", 5, 52, "Settings", "openai/gpt-4o-mini") in checked.stdout


def test_crawl4ai_llm_config_keeps_openais_key(tmp_path, monkeypatch):
    write_here(tmp_path, monkeypatch, {"extract.py": CRAWLER})
    done = cli("apply", ".", "-p", "doubao", "--yes")
    assert done.exit_code == 0, done.output
    assert (tmp_path / "extract.py").read_text() == CRAWLER
    checked = cli("check", ".", "-p", "doubao")
    assert (checked.exit_code, checked.stdout.splitlines()) == (
        1,
        [
            _model_left("extract.py", 6, 67, "LLMConfig", "openai/gpt-4o-mini"),
            "1 finding for doubao in 1 of 1 file; 0 error, 1 warning, 0 note",
        ],
    )


def test_a_token_keyword_is_not_taken_for_a_key(tmp_path, monkeypatch):
    """`token=` names Hugging Face's and GitHub's tokens as often: not a key keyword."""
    source = CRAWLER.replace("api_token=", "token=")
    write_here(tmp_path, monkeypatch, {"extract.py": source})
    assert _ml401(tmp_path) == [("extract.py", 6, "safe")]


def test_the_modules_own_settings_class_is_judged_as_an_imported_one(tmp_path, monkeypatch):
    """t66e _bisect/v9: the class and the call in one module; renamed before."""
    source = SETTINGS + "\n\n" + CALLER.replace("from settings import Settings, ask\n", "")
    write_here(tmp_path, monkeypatch, {"app.py": source})
    line = source.splitlines().index(next(s for s in source.splitlines() if "print(" in s)) + 1
    assert _ml401(tmp_path) == [("app.py", line, "manual")]
    done = cli("apply", ".", "-p", "doubao", "--yes")
    assert done.exit_code == 0, done.output
    assert (tmp_path / "app.py").read_text() == source
    checked = cli("check", ".", "-p", "doubao")
    assert checked.exit_code == 1
    assert _model_left("app.py", line, 52, "Settings", "openai/gpt-4o-mini") in checked.stdout


def test_the_modules_own_class_given_a_bare_openai_model_is_renamed(tmp_path, monkeypatch):
    """Only `openai/...` is judged so: a bare OpenAI model written for the module's own
    client is one apply maps, with the client."""
    source = (
        "import os\n\nfrom openai import OpenAI\n\n\n"
        "class Chat:\n"
        "    def __init__(self, model, api_key=None):\n"
        "        self.model = model\n"
        "        self.client = OpenAI(api_key=api_key)\n\n\n"
        'chat = Chat("gpt-4o-mini", api_key=os.getenv("OPENAI_API_KEY"))\n'
    )
    write_here(tmp_path, monkeypatch, {"app.py": source})
    assert _ml401(tmp_path) == [("app.py", 12, "safe")]


ML640_CALL = """\
from litellm import completion


def complete(model, prompt, key, base_url=None):
    messages = [{"role": "user", "content": prompt}]
    return completion(model=model, messages=messages, api_key=key, base_url=base_url)
"""


def test_a_base_url_parameter_defaulting_to_none_keeps_ml640(tmp_path, monkeypatch):
    write_here(tmp_path, monkeypatch, {"llm.py": ML640_CALL})
    checked = cli("check", ".", "-p", "doubao")
    assert checked.exit_code == 1
    assert checked.stdout.endswith(
        "\n1 finding for doubao in 1 of 1 file; 0 error, 1 warning, 0 note\n"
    )
    assert checked.stdout.startswith(
        "llm.py:6:29 ML640 litellm.completion() takes its model from `model` at run time: an "
        "OpenAI model there (`gpt-4o`, `openai/...`) goes to OpenAI with OPENAI_API_KEY; "
    )


def test_a_base_url_parameter_with_a_url_default_is_pointed_on_purpose(tmp_path, monkeypatch):
    source = ML640_CALL.replace("base_url=None", 'base_url="http://localhost:4000"')
    write_here(tmp_path, monkeypatch, {"llm.py": source})
    checked = cli("check", ".", "-p", "doubao")
    assert (checked.exit_code, checked.stdout) == (0, "0 findings for doubao in 0 of 1 file\n")


KEYS = """\
import os

KEYS_BY_ROUTE = {
    "groq": os.getenv("GROQ_API_KEY"),
    "openai": os.getenv("OPENAI_API_KEY"),
    "anthropic": os.getenv("ANTHROPIC_API_KEY"),
}
"""
TABLE_LEFT = (
    "reads OPENAI_API_KEY under 'openai' in KEYS_BY_ROUTE, a table keyed by service: OpenAI's "
    "key for OpenAI, which stays (renamed, the provider's key would go wherever 'openai' "
    "sends it)"
)


def test_openais_entry_of_a_key_table_keyed_by_service_stays(tmp_path, monkeypatch):
    write_here(tmp_path, monkeypatch, {"keys.py": KEYS})
    done = cli("apply", ".", "-p", "doubao", "--yes")
    assert done.exit_code == 0, done.output
    assert (tmp_path / "keys.py").read_text() == KEYS
    checked = cli("check", ".", "-p", "doubao")
    assert (checked.exit_code, checked.stdout.splitlines()) == (
        1,
        [
            f"keys.py:5:15 ML401 {TABLE_LEFT}; where the program should reach {DOUBAO}, add an "
            "entry for it reading ARK_API_KEY, by hand",
            "1 finding for doubao in 1 of 1 file; 0 error, 1 warning, 0 note",
        ],
    )


def test_a_key_table_naming_the_target_keeps_openais_entry_as_a_note(tmp_path, monkeypatch):
    source = KEYS.replace(
        '    "anthropic"', '    "volcengine": os.getenv("ARK_API_KEY"),\n    "anthropic"'
    )
    write_here(tmp_path, monkeypatch, {"keys.py": source})
    code, report = run_json("scan", ".", "-p", "doubao", "--show-notes")
    assert code == 0
    assert finding_rows(report, "line", "severity", "fix", "message", rules={"ML401"}) == [
        (5, "note", "none", TABLE_LEFT)
    ]
    assert cli("apply", ".", "-p", "doubao", "--yes").exit_code == 0
    assert (tmp_path / "keys.py").read_text() == source


def test_a_table_not_keyed_by_service_is_renamed(tmp_path, monkeypatch):
    source = KEYS.replace('"groq"', '"primary"').replace('"openai"', '"chat"')
    write_here(tmp_path, monkeypatch, {"keys.py": source})
    assert cli("apply", ".", "-p", "doubao", "--yes").exit_code == 0
    assert (tmp_path / "keys.py").read_text() == source.replace("OPENAI_API_KEY", "ARK_API_KEY")


def test_openais_entries_of_a_table_keyed_by_litellm_model_stay(tmp_path, monkeypatch):
    """crawl4ai's config.py PROVIDER_MODELS: keys are litellm model strings of several
    services; each `openai/...` entry keeps OpenAI's key, the others are not reads of it."""
    source = (
        "import os\n\nPROVIDER_MODELS = {\n"
        '    "groq/llama3-8b-8192": os.getenv("GROQ_API_KEY"),\n'
        '    "openai/gpt-4o-mini": os.getenv("OPENAI_API_KEY"),\n'
        '    "anthropic/claude-3-haiku-20240307": os.getenv("ANTHROPIC_API_KEY"),\n'
        "}\n"
    )
    write_here(tmp_path, monkeypatch, {"config.py": source})
    assert cli("apply", ".", "-p", "doubao", "--yes").exit_code == 0
    assert (tmp_path / "config.py").read_text() == source
    code, report = run_json("scan", ".", "-p", "doubao")
    assert code == 0
    assert finding_rows(report, "line", "fix", "message", rules={"ML401"}) == [
        (
            5,
            "manual",
            TABLE_LEFT.replace("KEYS_BY_ROUTE", "PROVIDER_MODELS")
            + f"; where the program should reach {DOUBAO}, add an entry for it reading "
            "ARK_API_KEY, by hand",
        )
    ]


EMBED = """\
import litellm


def embed(cfg, text):
    return litellm.embedding(model=cfg["provider"], api_key=cfg["api_token"], input=[text])
"""
DICT_CONFIG = """\
import os

from llm import embed

cfg = {"provider": "openai/text-embedding-3-small", "api_token": os.getenv("OPENAI_API_KEY")}
print(embed(cfg, "hi"))
"""


def test_a_key_beside_an_openai_route_in_a_dict_is_left(tmp_path, monkeypatch):
    """t66g (crawl4ai's `embedding_llm_config={"provider": "openai/...", "api_token": KEY}`):
    renamed before, the provider's key then went to OpenAI's route with check silent."""
    write_here(tmp_path, monkeypatch, {"llm.py": EMBED, "main.py": DICT_CONFIG})
    assert _ml401(tmp_path) == [("main.py", 5, "manual")]
    done = cli("apply", ".", "-p", "doubao", "--yes")
    assert done.exit_code == 0, done.output
    assert (tmp_path / "main.py").read_text() == DICT_CONFIG
    checked = cli("check", ".", "-p", "doubao")
    assert checked.exit_code == 1
    assert (
        "main.py:5:66 ML401 reads OPENAI_API_KEY, which is the key of the dict on line 5 "
        'beside `"openai/text-embedding-3-small"`, a model on litellm\'s OpenAI route: given '
        f"{DOUBAO}'s key (ARK_API_KEY) it would send that key to OpenAI; change the key and "
        "that model together, by hand"
    ) in checked.stdout


def test_a_key_in_a_dict_with_a_routed_model_of_another_service_is_not_held(tmp_path, monkeypatch):
    """Only litellm's OpenAI route holds the key: a dict naming a Groq route is not this case."""
    source = DICT_CONFIG.replace("openai/text-embedding-3-small", "groq/llama-3.1-8b-instant")
    write_here(tmp_path, monkeypatch, {"llm.py": EMBED, "main.py": source})
    assert "which is the key of the dict" not in cli("scan", ".", "-p", "doubao").stdout


POSITIONAL = """\
import os

from crawlkit import Extractor, LLMConfig


async def extract_with_llm(provider: str, api_token: str = None):
    if api_token is None and provider != "ollama":
        return None
    return await Extractor(llm_config=LLMConfig(provider=provider, api_token=api_token)).run()


async def main():
    await extract_with_llm("openai/gpt-4o", os.getenv("OPENAI_API_KEY"))
"""


def test_a_key_given_by_position_beside_an_openai_route_is_left(tmp_path, monkeypatch):
    """t66g (crawl4ai's quickstart_examples_set_2.py): the model and the key given to the
    module's own function by position, its parameters building `LLMConfig(provider=...,
    api_token=...)`. Renamed before (only a keyword was taken for a key): the provider's key
    went to OpenAI's route with check silent."""
    write_here(tmp_path, monkeypatch, {"main.py": POSITIONAL})
    assert _ml401(tmp_path) == [("main.py", 13, "manual")]
    done = cli("apply", ".", "-p", "doubao", "--yes")
    assert done.exit_code == 0, done.output
    assert (tmp_path / "main.py").read_text() == POSITIONAL
    checked = cli("check", ".", "-p", "doubao")
    assert checked.exit_code == 1
    assert _model_left("main.py", 13, 45, "extract_with_llm", "openai/gpt-4o") in checked.stdout


OWN_CLASS = """\
import os

from crawlkit import LLMConfig


class Runner:
    def __init__(self, provider, api_token=None, *, retries=1):
        self.config = LLMConfig(provider=provider, api_token=api_token)

    def run(self, provider, api_token=None, *args):
        return LLMConfig(provider=provider, api_token=api_token)


Runner("openai/gpt-4o", os.getenv("OPENAI_API_KEY"))
Runner("openai/gpt-4o").run("openai/gpt-4o", os.getenv("OPENAI_API_KEY"))
"""


def test_a_key_given_by_position_to_a_class_or_method_of_the_module(tmp_path, monkeypatch):
    """Positions count past `self` (the class's `__init__`, a method called on an instance
    the call makes)."""
    write_here(tmp_path, monkeypatch, {"app.py": OWN_CLASS})
    assert _ml401(tmp_path) == [("app.py", 14, "manual"), ("app.py", 15, "manual")]
    done = cli("apply", ".", "-p", "doubao", "--yes")
    assert done.exit_code == 0, done.output
    assert (tmp_path / "app.py").read_text() == OWN_CLASS


def test_a_key_by_position_into_a_parameter_not_named_for_a_key_is_renamed(tmp_path, monkeypatch):
    """The parameter a position fills decides, as a keyword would: `secret` is no key name,
    and a position only `*args` takes fills no parameter."""
    source = OWN_CLASS.replace("api_token=None, *args", "secret=None, *args").replace(
        'run("openai/gpt-4o", os.getenv', 'run("openai/gpt-4o", None, os.getenv'
    )
    source = source.replace("api_token=api_token)\n\n\nRunner", "api_token=secret)\n\n\nRunner")
    write_here(tmp_path, monkeypatch, {"app.py": source})
    assert _ml401(tmp_path) == [("app.py", 14, "manual"), ("app.py", 15, "safe")]


def _provider_key_routed(path: str, line: int, column: int, where: str, model: str) -> str:
    return (
        f"{path}:{line}:{column} ML401 reads ARK_API_KEY, which {where} beside `{model}`, a "
        f"model on litellm's OpenAI route: the model string sends the call, and {DOUBAO}'s "
        f"key, to OpenAI; give it {DOUBAO}'s model and route, or read OpenAI's key there, by "
        "hand"
    )


def test_the_providers_key_given_by_position_beside_an_openai_route_is_an_error(
    tmp_path, monkeypatch
):
    """What apply wrote before (t66g): check passed, and litellm sent the Ark key to OpenAI."""
    renamed = POSITIONAL.replace("OPENAI_API_KEY", "ARK_API_KEY")
    write_here(tmp_path, monkeypatch, {"main.py": renamed})
    checked = cli("check", ".", "-p", "doubao")
    assert checked.exit_code == 1
    assert (
        _provider_key_routed(
            "main.py", 13, 45, "goes to extract_with_llm() on line 13", '"openai/gpt-4o"'
        )
        in checked.stdout.splitlines()
    )
    assert cli("apply", ".", "-p", "doubao", "--yes").exit_code == 0
    assert (tmp_path / "main.py").read_text() == renamed


def test_the_providers_key_in_a_dict_beside_an_openai_route_is_an_error(tmp_path, monkeypatch):
    renamed = DICT_CONFIG.replace("OPENAI_API_KEY", "ARK_API_KEY")
    write_here(tmp_path, monkeypatch, {"llm.py": EMBED, "main.py": renamed})
    checked = cli("check", ".", "-p", "doubao")
    assert checked.exit_code == 1
    assert (
        _provider_key_routed(
            "main.py",
            5,
            66,
            "is the key of the dict on line 5",
            '"openai/text-embedding-3-small"',
        )
        in checked.stdout.splitlines()
    )


def test_the_providers_key_beside_its_own_model_or_url_is_not_reported(tmp_path, monkeypatch):
    """`openai/<the provider's model>`, or an OpenAI model at the provider's base URL: the
    OpenAI route reaching the provider, as litellm's docs for compatible endpoints write it."""
    source = (
        "import os\n\nfrom crawlkit import LLMConfig\n\n"
        'a = LLMConfig(provider="openai/doubao-seed-2-1-pro-260628", '
        'api_token=os.getenv("ARK_API_KEY"))\n'
        'b = LLMConfig(provider="openai/gpt-4o", api_token=os.getenv("ARK_API_KEY"), '
        'base_url="https://ark.cn-beijing.volces.com/api/v3")\n'
        'c = LLMConfig(provider="openai/gpt-4o", api_token=os.getenv("ARK_API_KEY"))\n'
    )
    write_here(tmp_path, monkeypatch, {"app.py": source})
    checked = cli("check", ".", "-p", "doubao").stdout.splitlines()
    assert [line for line in checked if "litellm's OpenAI route" in line] == [
        _provider_key_routed("app.py", 7, 51, "goes to LLMConfig() on line 7", '"openai/gpt-4o"')
    ]


# review r2 t1: a key followed into a parameter not named for a key that reaches `api_token=`
# (by position or keyword), or into `*args` spread on to a call: ML401 renamed the read, and
# the provider's key went to OpenAI with the caller's `openai/gpt-4o`
UNNAMED_KEY = """\
import os

from crawlkit import LLMConfig


def make(model, key):
    return LLMConfig(provider=model, api_token=key)


def spread(*args):
    return LLMConfig(*args)


def ask(model, question, *args):
    return model + question


a = make("openai/gpt-4o", os.getenv("OPENAI_API_KEY"))
b = make(model="openai/gpt-4o", key=os.getenv("OPENAI_API_KEY"))
c = spread("openai/gpt-4o", os.getenv("OPENAI_API_KEY"))
d = ask("openai/gpt-4o", "hi", os.getenv("OPENAI_API_KEY"))
"""


def test_a_key_into_a_parameter_reaching_a_key_entry_or_spread_args_is_held(tmp_path, monkeypatch):
    """`ask` keeps its `*args` (no call spreads them): that read is renamed."""
    write_here(tmp_path, monkeypatch, {"app.py": UNNAMED_KEY})
    assert _ml401(tmp_path) == [
        ("app.py", 18, "manual"),
        ("app.py", 19, "manual"),
        ("app.py", 20, "manual"),
        ("app.py", 21, "safe"),
    ]
    assert cli("apply", ".", "-p", "doubao", "--yes").exit_code == 0
    lines = UNNAMED_KEY.splitlines(keepends=True)
    lines[20] = lines[20].replace("OPENAI_API_KEY", "ARK_API_KEY")
    assert (tmp_path / "app.py").read_text() == "".join(lines)
    checked = cli("check", ".", "-p", "doubao")
    assert "in 1 of 1 file; 0 error, 7 warning, 0 note" in checked.output


def test_the_providers_key_into_an_unnamed_parameter_is_an_error(tmp_path, monkeypatch):
    """What apply wrote before: check passed."""
    renamed = UNNAMED_KEY.replace("OPENAI_API_KEY", "ARK_API_KEY")
    write_here(tmp_path, monkeypatch, {"app.py": renamed})
    checked = cli("check", ".", "-p", "doubao")
    assert checked.exit_code == 1
    routed = [line for line in checked.stdout.splitlines() if "litellm's OpenAI route" in line]
    assert routed == [
        _provider_key_routed("app.py", 18, 27, "goes to make() on line 18", '"openai/gpt-4o"'),
        _provider_key_routed("app.py", 19, 37, "goes to make() on line 19", '"openai/gpt-4o"'),
        _provider_key_routed("app.py", 20, 29, "goes to spread() on line 20", '"openai/gpt-4o"'),
    ]


def test_the_providers_key_in_a_dict_with_its_base_url_or_a_moved_deployment_is_no_error(
    tmp_path, monkeypatch
):
    """Review r2 t5: a dict giving the provider's base URL (its URL or its variable) beside
    `openai/...` reaches the provider; a Router deployment's model ML640 moves goes there."""
    source = (
        "import os\n\nfrom litellm import Router\n\n"
        'a = {"model": "openai/gpt-4o", "api_key": os.getenv("ARK_API_KEY"), '
        '"api_base": "https://ark.cn-beijing.volces.com/api/v3"}\n'
        'b = {"model": "openai/gpt-4o", "api_key": os.getenv("ARK_API_KEY"), '
        '"base_url": os.getenv("ARK_BASE_URL")}\n'
        "router = Router(\n"
        "    model_list=[\n"
        '        {"model_name": "gpt-4o", "litellm_params": '
        '{"model": "openai/gpt-4o", "api_key": os.getenv("ARK_API_KEY")}}\n'
        "    ]\n"
        ")\n"
    )
    write_here(tmp_path, monkeypatch, {"app.py": source})
    checked = cli("check", ".", "-p", "doubao").stdout
    assert "ML401" not in checked
    assert "app.py:9:52 ML640 a Router deployment sends the request to OpenAI" in checked
