"""txtai hands its models to litellm (t62b).

`LLM(path="gpt-4o-mini", method="litellm", api_key=os.environ["OPENAI_API_KEY"])` had its key
read renamed to DASHSCOPE_API_KEY ("safe") while the model stayed OpenAI's, which litellm sends
to api.openai.com: the DashScope key went to OpenAI. `LLM("openai/gpt-4o")` and an application
config's `path: openai/gpt-4o` were not found, and the bare `qwen4-max` an earlier apply wrote
(txtai then loads it from the Hugging Face Hub) passed check. Now the models go on litellm's
route for the provider (`dashscope/qwen4-max`), the key is renamed only with them, and a bare
provider model where txtai reads it keeps check red."""

from __future__ import annotations

import json

from .cli_findings import cli, finding_rows, run_json, write_here
from .notebook_builder import cell, notebook

QWEN = "Alibaba Qwen (DashScope / Model Studio)"
SENDS = "txtai hands it to litellm, which sends a model without a provider prefix to OpenAI"
KEYS = (
    "import os\n\nfrom txtai import LLM\n\n"
    'writer = LLM(path="gpt-4o-mini", method="litellm", api_key=os.environ["OPENAI_API_KEY"])\n'
    'other = LLM(path="gpt-4o-realtime-preview", api_key=os.environ["OPENAI_API_KEY"])\n'
)
LEFT_KEY = (
    "reads OPENAI_API_KEY, which goes to LLM() on line {line} with the OpenAI model "
    f"'gpt-4o-realtime-preview' and no base URL of {QWEN}'s: the model string sends the call "
    f"to OpenAI, so given {QWEN}'s key (DASHSCOPE_API_KEY) it would send it to OpenAI; point "
    f"the call at {QWEN} (its model, base URL and key) and read DASHSCOPE_API_KEY, or keep it "
    "on OpenAI, by hand"
)
UNMAPPED = (
    f"path='gpt-4o-realtime-preview' of txtai's LLM() is an OpenAI model that {QWEN}'s model "
    "table does not map; choose one of qwen4-max, qwen-plus, qwen-flash, qwen3-vl-plus"
)


def test_a_key_is_renamed_only_with_the_model_beside_it(tmp_path, monkeypatch):
    write_here(tmp_path, monkeypatch, {"keys.py": KEYS})
    code, report = run_json("scan", ".", "--provider", "qwen")
    assert code == 0
    assert finding_rows(report, "line", "rule", "severity", "fix", "message") == [
        (
            5,
            "ML622",
            "error",
            "review",
            "path='gpt-4o-mini' of txtai's LLM() is an OpenAI model; apply writes "
            f"'dashscope/qwen-plus' (litellm's dashscope route) for {QWEN}: {SENDS}",
        ),
        (
            5,
            "ML401",
            "warning",
            "safe",
            f"reads OPENAI_API_KEY; {QWEN}'s key is in DASHSCOPE_API_KEY (the OpenAI key is not "
            "copied)",
        ),
        (6, "ML622", "error", "manual", UNMAPPED),
        (6, "ML401", "warning", "manual", LEFT_KEY.format(line=6)),
    ]
    assert cli("apply", ".", "--provider", "qwen", "--yes").exit_code == 0
    assert (tmp_path / "keys.py").read_text() == (
        "import os\n\nfrom txtai import LLM\n\nwriter = LLM(\n"
        '    path="dashscope/qwen-plus",\n    method="litellm",\n'
        '    api_key=os.environ["DASHSCOPE_API_KEY"],\n)\n'
        'other = LLM(path="gpt-4o-realtime-preview", api_key=os.environ["OPENAI_API_KEY"])\n'
    )
    code, report = run_json("check", ".", "--provider", "qwen")
    assert code == 1
    assert finding_rows(report, "line", "rule", "message") == [
        (10, "ML622", UNMAPPED),
        (10, "ML401", LEFT_KEY.format(line=10)),
    ]


def test_an_openai_model_given_to_unknown_code_keeps_the_key_beside_it(tmp_path, monkeypatch):
    source = (
        "import os\n\nfrom mylib import run\n\n"
        'out = run(path="gpt-4o-mini", api_key=os.environ["OPENAI_API_KEY"])\n'
    )
    write_here(tmp_path, monkeypatch, {"a.py": source})
    assert cli("apply", ".", "--provider", "qwen", "--yes").exit_code == 0
    assert (tmp_path / "a.py").read_text() == source
    code, report = run_json("check", ".", "--provider", "qwen")
    assert code == 1  # the model and the key are left to a person
    assert finding_rows(report, "rule", "fix", rules={"ML401"}) == [("ML401", "manual")]


APP = 'from txtai import LLM\nfrom txtai.app import Application\n\ndirect = LLM("openai/gpt-4o")\n'
CONFIG = (
    "llm:\n  path: openai/gpt-4o\n"
    "embeddings:\n  path: openai/text-embedding-3-small\n  method: litellm\n"
    "rag:\n  path: gpt-4o-mini\n"
)
EMBEDDINGS_LEFT = (
    "openai/text-embedding-3-small is an OpenAI model; write openai/text-embedding-v4 with "
    f"{QWEN}'s api_base and key there, by hand"
)

# the model its table maps goes to the provider once moved: txtai's batch is too large there
EMBEDDINGS_BATCH = (
    "txtai sends up to 1024 texts in one embeddings request (batch's default) to "
    f"openai/text-embedding-3-small, and {QWEN} embeds at most 10 inputs per request: set "
    "`batch: 10` under embeddings:, by hand"
)


def test_models_of_code_config_and_notebook_go_on_litellms_route(tmp_path, monkeypatch):
    book = notebook(cell('from txtai import LLM\n\nllm = LLM("gpt-4o")\n'))
    files = {"app.py": APP, "config.yml": CONFIG, "nb.ipynb": json.dumps(book, indent=1) + "\n"}
    write_here(tmp_path, monkeypatch, files)
    code, report = run_json("scan", ".", "--provider", "qwen")
    assert code == 0
    reads = "a txtai application's model, which txtai hands to litellm"
    assert finding_rows(report, "path", "line", "rule", "fix", "message") == [
        (
            "app.py",
            4,
            "ML622",
            "review",
            "path='openai/gpt-4o' of txtai's LLM() is an OpenAI model on litellm's OpenAI "
            f"route; apply writes 'dashscope/qwen4-max' (litellm's dashscope route) for {QWEN}",
        ),
        (
            "config.yml",
            2,
            "ML503",
            "review",
            f"openai/gpt-4o is an OpenAI model; it maps to dashscope/qwen4-max on {QWEN}, on "
            f"litellm's route for it: {reads} (litellm's openai/ route sends it to OpenAI)",
        ),
        ("config.yml", 4, "ML502", "manual", EMBEDDINGS_BATCH),
        ("config.yml", 4, "ML503", "manual", EMBEDDINGS_LEFT),
        (
            "config.yml",
            7,
            "ML503",
            "review",
            f"gpt-4o-mini is an OpenAI model; it maps to dashscope/qwen-plus on {QWEN}, on "
            f"litellm's route for it: {reads} (litellm sends a model without a provider prefix "
            "to OpenAI)",
        ),
        (
            "nb.ipynb",
            3,
            "ML622",
            "review",
            "path='gpt-4o' of txtai's LLM() is an OpenAI model; apply writes "
            f"'dashscope/qwen4-max' (litellm's dashscope route) for {QWEN}: {SENDS}",
        ),
    ]
    assert cli("apply", ".", "--provider", "qwen", "--yes").exit_code == 0
    assert (tmp_path / "app.py").read_text() == APP.replace("openai/gpt-4o", "dashscope/qwen4-max")
    assert (tmp_path / "config.yml").read_text() == (
        "llm:\n  path: dashscope/qwen4-max\n"
        "embeddings:\n  path: openai/text-embedding-3-small\n  method: litellm\n"
        "rag:\n  path: dashscope/qwen-plus\n"
    )
    moved = json.loads((tmp_path / "nb.ipynb").read_text())
    assert moved["cells"][0]["source"] == [
        "from txtai import LLM\n",
        "\n",
        'llm = LLM("dashscope/qwen4-max")\n',
    ]
    code, report = run_json("check", ".", "--provider", "qwen")
    assert code == 1
    assert finding_rows(report, "path", "rule", "message") == [
        ("config.yml", "ML502", EMBEDDINGS_BATCH),
        ("config.yml", "ML503", EMBEDDINGS_LEFT),
    ]


def test_a_bare_provider_model_where_txtai_reads_it_keeps_check_red(tmp_path, monkeypatch):
    files = {
        "main.py": 'from txtai import LLM\n\nllm = LLM("qwen4-max")\n',
        "config.yml": "llm:\n  path: qwen4-max\n",
        "run.py": 'from txtai.app import Application\n\napp = Application("config.yml")\n',
    }
    write_here(tmp_path, monkeypatch, files)
    code, report = run_json("check", ".", "--provider", "qwen")
    assert code == 1
    assert finding_rows(report, "path", "rule", "severity", "fix", "message") == [
        (
            "config.yml",
            "ML503",
            "error",
            "review",
            "qwen4-max has no provider prefix, so txtai does not take it for litellm's and "
            "loads it from the Hugging Face Hub: a txtai application's model, which txtai "
            "hands to litellm; apply writes dashscope/qwen4-max",
        ),
        (
            "main.py",
            "ML622",
            "error",
            "review",
            "path='qwen4-max' of txtai's LLM() has no provider prefix, so txtai does not take "
            "it for litellm's and loads it from the Hugging Face Hub with transformers; apply "
            f"writes 'dashscope/qwen4-max' (litellm's dashscope route) for {QWEN}",
        ),
    ]
    assert cli("apply", ".", "--provider", "qwen", "--yes").exit_code == 0
    assert (tmp_path / "main.py").read_text() == (
        'from txtai import LLM\n\nllm = LLM("dashscope/qwen4-max")\n'
    )
    assert (tmp_path / "config.yml").read_text() == "llm:\n  path: dashscope/qwen4-max\n"
    assert run_json("check", ".", "--provider", "qwen")[0] == 0


def test_a_yaml_path_outside_a_txtai_project_is_not_litellms(tmp_path, monkeypatch):
    write_here(tmp_path, monkeypatch, {"config.yml": "llm:\n  path: qwen4-max\n"})
    code, report = run_json("check", ".", "--provider", "qwen")
    assert (code, report["findings"]) == (0, [])


def test_embeddings_on_the_route_warn_of_txtais_batch(tmp_path, monkeypatch):
    source = (
        "from txtai import Embeddings\n\n"
        'emb = Embeddings(path="dashscope/text-embedding-v4", method="litellm", content=True)\n'
    )
    write_here(tmp_path, monkeypatch, {"main.py": source})
    code, report = run_json("check", ".", "--provider", "qwen")
    assert code == 1
    assert finding_rows(report, "line", "column", "rule", "severity", "fix", "message") == [
        (
            3,
            7,
            "ML622",
            "warning",
            "manual",
            "txtai's Embeddings() sends up to 1024 texts in one embeddings request (batch's "
            f"default); {QWEN} embeds at most 10 inputs per request: give it batch=10, by hand",
        )
    ]
    assert report["findings"][0]["data"] == {"batch": 1024, "embedding_batch_max": 10}
    (tmp_path / "main.py").write_text(source.replace("content=True", "content=True, batch=10"))
    code, report = run_json("check", ".", "--provider", "qwen")
    assert (code, report["findings"]) == (0, [])


def test_an_app_configs_embeddings_on_the_route_warn_of_txtais_batch(tmp_path, monkeypatch):
    config = "embeddings:\n  path: dashscope/text-embedding-v4\n  content: true\n"
    run_py = 'from txtai.app import Application\n\napp = Application("config.yml")\n'
    write_here(tmp_path, monkeypatch, {"config.yml": config, "run.py": run_py})
    code, report = run_json("check", ".", "--provider", "qwen")
    assert code == 1
    assert finding_rows(report, "path", "line", "rule", "severity", "fix", "message") == [
        (
            "config.yml",
            2,
            "ML502",
            "warning",
            "manual",
            "txtai sends up to 1024 texts in one embeddings request (batch's default) to "
            f"dashscope/text-embedding-v4, and {QWEN} embeds at most 10 inputs per request: "
            "set `batch: 10` under embeddings:, by hand",
        )
    ]
    (tmp_path / "config.yml").write_text(config + "  batch: 10\n")
    code, report = run_json("check", ".", "--provider", "qwen")
    assert (code, report["findings"]) == (0, [])


def test_a_key_beside_a_constant_also_sent_to_a_client_is_left(tmp_path, monkeypatch):
    source = (
        "import os\n\nfrom openai import OpenAI\nfrom txtai import LLM\n\n"
        'MODEL = "gpt-4o"\nclient = OpenAI()\n'
        "client.chat.completions.create(model=MODEL, messages=[])\n"
        'llm = LLM(MODEL, api_key=os.environ["OPENAI_API_KEY"])\n'
    )
    write_here(tmp_path, monkeypatch, {"a.py": source})
    code, report = run_json("scan", ".", "--provider", "qwen")
    assert code == 0
    assert finding_rows(report, "line", "fix", "message", rules={"ML622", "ML401"}) == [
        (
            6,
            "manual",
            "constant MODEL = 'gpt-4o' (the path of txtai's LLM()) is an OpenAI model; this "
            "module also gives it to an OpenAI client, which takes qwen4-max: write "
            "'dashscope/qwen4-max' where it reaches txtai, 'qwen4-max' where it reaches the "
            "client, by hand",
        ),
        (
            9,
            "manual",
            "reads OPENAI_API_KEY, which goes to LLM() on line 9 with the OpenAI model 'gpt-4o' "
            f"and no base URL of {QWEN}'s: the model string sends the call to OpenAI, so given "
            f"{QWEN}'s key (DASHSCOPE_API_KEY) it would send it to OpenAI; point the call at "
            f"{QWEN} (its model, base URL and key) and read DASHSCOPE_API_KEY, or keep it on "
            "OpenAI, by hand",
        ),
    ]


def test_an_env_default_in_a_constant_goes_on_the_route_with_the_key(tmp_path, monkeypatch):
    # ML204 and ML622 both claimed the default, so apply left 'gpt-4o-mini' ("its rules
    # disagree") while the key was renamed: the DeepSeek key went to api.openai.com.
    source = (
        "import os\n\nfrom txtai import LLM\n\n"
        'MODEL = os.environ.get("MODEL", "gpt-4o-mini")\n'
        'z = LLM(MODEL, api_key=os.environ["OPENAI_API_KEY"])\n'
    )
    write_here(tmp_path, monkeypatch, {"app.py": source})
    code, report = run_json("scan", ".", "--provider", "deepseek")
    assert code == 0
    assert finding_rows(report, "line", "rule", "fix", "message") == [
        (
            5,
            "ML622",
            "review",
            "env default of MODEL = 'gpt-4o-mini' (the path of txtai's LLM()) is an OpenAI "
            "model; apply writes 'deepseek/deepseek-flash' (litellm's deepseek route) for "
            f"DeepSeek: {SENDS}",
        ),
        (
            6,
            "ML401",
            "safe",
            "reads OPENAI_API_KEY; DeepSeek's key is in DEEPSEEK_API_KEY (the OpenAI key is not "
            "copied)",
        ),
    ]
    assert cli("apply", ".", "--provider", "deepseek", "--yes").exit_code == 0
    assert (tmp_path / "app.py").read_text() == (
        "import os\n\nfrom txtai import LLM\n\n"
        'MODEL = os.environ.get("MODEL", "deepseek/deepseek-flash")\n'
        'z = LLM(MODEL, api_key=os.environ["DEEPSEEK_API_KEY"])\n'
    )
    code, report = run_json("check", ".", "--provider", "deepseek")
    assert code == 0
    assert finding_rows(report, "rule", rules={"ML204", "ML622", "ML401"}) == []


def test_a_key_beside_a_model_chosen_at_run_time_is_left(tmp_path, monkeypatch):
    read = 'os.environ["LLM_MODEL"]'
    source = (
        "import os\n\nfrom txtai import LLM\n\n"
        f'llm = LLM({read}, api_key=os.environ["OPENAI_API_KEY"])\n'
    )
    write_here(tmp_path, monkeypatch, {"app.py": source})
    code, report = run_json("scan", ".", "--provider", "deepseek")
    assert code == 0
    assert finding_rows(report, "line", "rule", "fix", "message") == [
        (
            5,
            "ML401",
            "manual",
            "reads OPENAI_API_KEY, which goes to LLM() on line 5 with a model chosen at run "
            f"time (`{read}`) and no base URL of DeepSeek's: the model string "
            "sends the call to OpenAI, so given DeepSeek's key (DEEPSEEK_API_KEY) it would send "
            "it to OpenAI; point the call at DeepSeek (its model, base URL and key) and read "
            "DEEPSEEK_API_KEY, or keep it on OpenAI, by hand",
        ),
    ]
    assert cli("apply", ".", "--provider", "deepseek", "--yes").exit_code == 0
    assert (tmp_path / "app.py").read_text() == source
