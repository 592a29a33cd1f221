"""Trial t64a (MaxKB -> qwen): clients built from what the program is handed at run time.

MaxKB builds its OpenAI clients and its ChatOpenAI subclass from credential rows an admin saves
in its database. apply's fallback to DashScope's URL runs only where the stored URL is empty,
so a stored OpenAI URL and key still reached OpenAI while `check` passed (ML003), and the
subclass built in the module that defines it had no finding at all (ML601). Its code-review
workflow, already on DashScope through an action reading OPENAI_API_KEY, was told to rename the
variable, which breaks the action (ML501).

Exact findings (message, severity, fix, data), bytes on disk, `check`'s exit code, and the
requests a loopback server stands in for DashScope receives (the name of the key in the
Authorization header, never the key)."""

from __future__ import annotations

from pathlib import Path

import pytest

from .cli_findings import finding_rows, invoke, run_json, write
from .loopback_run import run_guarded
from .loopback_server import LoopbackServer

QWEN = ("--provider", "qwen", "--no-cache")
NAME = "Alibaba Qwen (DashScope / Model Studio)"
URL = "https://dashscope.aliyuncs.com/compatible-mode/v1"
DASHSCOPE_KEY = "ds-loopback-0000"
STORED_OPENAI_KEY = "sk-proj-made-up-for-this-test-0000"


def words(shown: str, code: str = "") -> str:
    """What the findings say of URL and key from run-time data (`shown`: their code)."""
    said = (
        f"its base URL and key come first from run-time data the tool cannot see ({shown}: "
        "what the program hands it, such as records of its database): requests reach "
        f"{NAME} only where that data is empty or already {NAME}'s; where stored records hold "
        f"OpenAI's URL, key or models, change them in the data: the URL to {URL}, the key to "
        f"an {NAME} key (as DASHSCOPE_API_KEY holds), and the model names stored with them to "
        f"{NAME}'s"
    )
    if code:
        said += (
            f"; once they are, record that with `# migrate-llm: ignore[{code}]` at the end of "
            "this line (or in a `check --baseline` file), as check cannot see what the "
            "program's data holds"
        )
    return said


MODELS = """import openai


class EmbeddingModel:
    def __init__(self, api_key, base_url, model_name):
        self.client = openai.OpenAI(api_key=api_key, base_url=base_url).embeddings
        self.model_name = model_name

    @staticmethod
    def new_instance(model_name, credential):
        return EmbeddingModel(credential.get("api_key"), credential.get("api_base"), model_name)

    def embed_query(self, text):
        return self.client.create(input=[text], model=self.model_name).data[0].embedding
"""

RUN = """import os

from models import EmbeddingModel

credential = {"api_base": os.environ["STORED_URL"], "api_key": os.environ["STORED_KEY"]}
try:
    print(len(EmbeddingModel.new_instance("text-embedding-v4", credential).embed_query("hi")))
except Exception as e:
    print("FAILED", type(e).__name__)
"""

SCAN_MESSAGE = (
    "OpenAI() takes its base URL from `base_url` at run time (OpenAI's when that is None) and "
    f"its key from `api_key` (OPENAI_API_KEY when that is None); for {NAME} it falls back to "
    f"DASHSCOPE_BASE_URL (default {URL}), its key DASHSCOPE_API_KEY where no URL is given, in "
    f"place of `api_key` (given for OpenAI's URL, it must not go to {NAME}'s), and "
    f"DASHSCOPE_API_KEY when `api_key` is empty where the URL given is {NAME}'s (its "
    "variable's value or any of its regions' URLs in any spelling); another server keeps the "
    f"key the program gives it, which must be an {NAME} key on {NAME}'s URL; "
    + words("`base_url`, `api_key`")
)


def test_stored_url_and_key_keep_check_red_after_apply(tmp_path: Path) -> None:
    """repros/stored-url-green: scan says what apply writes and what is left in the data;
    after apply, check fails on the data (it passed with 0 findings), and the finding's own
    suppression turns it green."""
    write(tmp_path, {"models.py": MODELS})
    code, report = run_json("scan", str(tmp_path), *QWEN)
    assert code == 0
    assert finding_rows(report, "line", "severity", "fix", "message", "data", rules={"ML003"}) == [
        (
            6,
            "warning",
            "review",
            SCAN_MESSAGE,
            {
                "client": "OpenAI",
                "endpoint": "dynamic",
                "key_when_none": "OPENAI_API_KEY",
                "program_key": "api_key",
                "run_time_data": ["base_url", "api_key"],
            },
        )
    ]
    assert invoke("apply", str(tmp_path), *QWEN, "--yes", "--allow-dirty")[0] == 0
    after = (tmp_path / "models.py").read_text(encoding="utf-8")
    assert after.startswith("import os\n\nimport openai\n")
    assert (
        "            base_url=base_url\n"
        "            or os.environ.get(\n"
        '                "DASHSCOPE_BASE_URL",\n'
        f'                "{URL}",\n'
        "            ),\n"
        "        ).embeddings\n"
    ) in after
    code, report = run_json("check", str(tmp_path), *QWEN)
    assert code == 1
    assert finding_rows(report, "line", "severity", "fix", "message", "data") == [
        (
            8,
            "warning",
            "manual",
            f"OpenAI() falls back to {NAME}'s base URL only where `base_url` is empty: "
            + words("`base_url`, `api_key`", "ML003"),
            {
                "client": "OpenAI",
                "endpoint": "provider",
                "url": URL,
                "endpoint_provider": "qwen",
                "run_time_data": ["base_url", "api_key"],
            },
        )
    ]
    # what the finding is about: a stored OpenAI URL and key still go to OpenAI, an empty
    # one gets DashScope's URL and key
    (tmp_path / "run.py").write_text(RUN, encoding="utf-8")
    server = LoopbackServer().start()
    try:
        env = {"DASHSCOPE_API_KEY": DASHSCOPE_KEY, "DASHSCOPE_BASE_URL": server.base + "/v1"}
        stored = {"STORED_URL": "https://api.openai.com/v1", "STORED_KEY": STORED_OPENAI_KEY}
        proc, blocked = run_guarded("run.py", tmp_path, {**env, **stored})
        assert (proc.stdout.split()[0], blocked, server.requests) == (
            "FAILED",
            ["api.openai.com"],
            [],
        )
        proc, blocked = run_guarded("run.py", tmp_path, {**env, "STORED_URL": "", "STORED_KEY": ""})
        assert (proc.stdout, blocked) == ("8\n", [])
        assert [r.headers["authorization"] for r in server.requests] == [f"Bearer {DASHSCOPE_KEY}"]
    finally:
        server.stop()
    # once the data is changed, the person records it; check passes
    lines = after.splitlines(keepends=True)
    lines[7] = lines[7].rstrip("\n") + "  # migrate-llm: ignore[ML003]\n"
    (tmp_path / "models.py").write_text("".join(lines), encoding="utf-8")
    assert invoke("check", str(tmp_path), *QWEN)[0] == 0


@pytest.mark.parametrize(
    ("url", "key"),
    [
        ('os.environ.get("LLM_URL")', 'os.environ.get("LLM_KEY")'),
        ("settings.llm_url", "settings.llm_key"),
        ("self.api_base", "self.api_key"),
    ],
)
def test_environment_reads_and_settings_are_not_run_time_data(
    tmp_path: Path, url: str, key: str
) -> None:
    """The fallback is right for what the program reads from its own environment or settings:
    after apply, check passes as before."""
    text = (
        "import os\n\nfrom openai import OpenAI\n\nimport settings\n\n\n"
        "class Bot:\n"
        "    def client(self):\n"
        f"        return OpenAI(base_url={url}, api_key={key})\n"
    )
    write(tmp_path, {"app.py": text, "settings.py": "llm_url = None\nllm_key = None\n"})
    _, report = run_json("scan", str(tmp_path), *QWEN)
    [data] = finding_rows(report, "data", rules={"ML003"})
    assert "run_time_data" not in data[0]
    assert invoke("apply", str(tmp_path), *QWEN, "--yes", "--allow-dirty")[0] == 0
    assert invoke("check", str(tmp_path), *QWEN)[0] == 0


def test_a_parameter_no_caller_of_the_module_hands_data_is_not(tmp_path: Path) -> None:
    """A bare parameter counts only where the module's callers hand it a read of what they are
    handed (MaxKB's `new_instance`): one built in another module (screenshot-to-code's factory,
    its callers passing settings) is left as before."""
    text = (
        "from openai import OpenAI\n\n\n"
        "def make(key, url):\n"
        "    return OpenAI(api_key=key, base_url=url)\n"
    )
    write(tmp_path, {"app.py": text})
    _, report = run_json("scan", str(tmp_path), *QWEN)
    [(fix, data)] = finding_rows(report, "fix", "data", rules={"ML003"})
    assert fix == "review" and "run_time_data" not in data
    assert invoke("apply", str(tmp_path), *QWEN, "--yes", "--allow-dirty")[0] == 0
    assert invoke("check", str(tmp_path), *QWEN)[0] == 0


SUBCLASS = """from langchain_openai import ChatOpenAI


class BaseChat(ChatOpenAI):
    \"\"\"The app's own subclass (usage tracking).\"\"\"


def new_chat(model_name, credential):
    return BaseChat(model=model_name, openai_api_base=credential.get("api_base"),
                    openai_api_key=credential.get("api_key"))
"""


def test_a_subclass_built_in_its_module_from_data_is_reported(tmp_path: Path) -> None:
    """repros/stored-url-chat proj2: 0 findings and check rc 0 while it reached OpenAI; now a
    warning (as for the same class built in another module), nothing rewritten."""
    write(tmp_path, {"models.py": SUBCLASS})
    code, report = run_json("check", str(tmp_path), *QWEN)
    assert code == 1
    shown = '`credential.get("api_base")`, `credential.get("api_key")`'
    assert finding_rows(report, "line", "rule", "severity", "fix", "message", "data") == [
        (
            4,
            "ML601",
            "warning",
            "manual",
            "BaseChat derives from ChatOpenAI (LangChain); its constructions are not "
            f"rewritten: built on line 9, {words(shown, 'ML601')}",
            {
                "framework": "langchain",
                "class": "ChatOpenAI",
                "run_time_data": ['credential.get("api_base")', 'credential.get("api_key")'],
                "built_line": 9,
            },
        )
    ]
    assert invoke("apply", str(tmp_path), *QWEN, "--yes", "--allow-dirty")[0] == 0
    assert (tmp_path / "models.py").read_text(encoding="utf-8") == SUBCLASS


def test_a_subclass_built_from_settings_stays_exempt(tmp_path: Path) -> None:
    """AgentGPT's case (t54f D) is unchanged: values of a settings module are other findings'."""
    text = SUBCLASS.replace("def new_chat(model_name, credential):", "def new_chat(model_name):")
    text = text.replace("credential.get(", "settings.get(")
    write(tmp_path, {"models.py": "import settings\n" + text})
    _, report = run_json("scan", str(tmp_path), *QWEN)
    assert finding_rows(report, "rule", rules={"ML601"}) == []


WORKFLOW = """name: review
on: [pull_request]
jobs:
  review:
    runs-on: ubuntu-latest
    steps:
      - uses: some-org/llm-review-action@v1
        env:
          OPENAI_API_KEY: ${{{{ secrets.{secret} }}}}
          OPENAI_API_ENDPOINT: {url}
          MODEL: qwen-plus
"""


def test_an_action_step_already_on_the_provider_is_a_note(tmp_path: Path) -> None:
    """repros/workflow-already-qwen: the action reads OPENAI_API_KEY; renaming it (ML501's
    advice) broke the step and check stayed red."""
    path = ".github/workflows/review.yml"
    write(tmp_path, {path: WORKFLOW.format(secret="ALIYUN_LLM_API_KEY", url=URL)})
    _, report = run_json("scan", str(tmp_path), *QWEN)
    beside = f"beside OPENAI_API_ENDPOINT, {NAME}'s base URL ({URL})"
    tail = f"the step is on {NAME} already, and the action reads these names; left as it is"
    data = {"url_variable": "OPENAI_API_ENDPOINT", "url": URL}
    assert finding_rows(report, "line", "severity", "fix", "message", "data") == [
        (
            9,
            "note",
            "none",
            f"OPENAI_API_KEY is handed to the action this step runs {beside}: {tail}",
            {"variable_from": "OPENAI_API_KEY", **data},
        ),
        (
            10,
            "note",
            "none",
            f"OPENAI_API_ENDPOINT is handed to the action this step runs set to {NAME}'s base "
            f"URL ({URL}): {tail}",
            {"variable_from": "OPENAI_API_ENDPOINT", **data},
        ),
    ]
    assert invoke("check", str(tmp_path), *QWEN)[0] == 0
    # a secret named for OpenAI: said, still a note
    write(tmp_path, {path: WORKFLOW.format(secret="OPENAI_API_KEY", url=URL)})
    _, report = run_json("scan", str(tmp_path), *QWEN)
    assert finding_rows(report, "line", "severity", "fix", rules={"ML501"})[0] == (
        9,
        "note",
        "manual",
    )
    assert invoke("check", str(tmp_path), *QWEN)[0] == 0


@pytest.mark.parametrize(
    ("url", "run"),
    [("https://api.openai.com/v1", False), (URL, True)],
)
def test_a_step_on_openai_or_running_the_projects_code_is_still_a_warning(
    tmp_path: Path, url: str, run: bool
) -> None:
    """OpenAI's endpoint beside the key, or a step running the project's own code (which apply
    moves to DASHSCOPE_API_KEY), keeps ML501's warning."""
    text = WORKFLOW.format(secret="ALIYUN_LLM_API_KEY", url=url)
    if run:
        text = text.replace(
            "      - uses: some-org/llm-review-action@v1\n", "      - run: python review.py\n"
        )
    write(tmp_path, {".github/workflows/review.yml": text})
    _, report = run_json("scan", str(tmp_path), *QWEN)
    assert finding_rows(report, "line", "severity", "fix", rules={"ML501"})[0] == (
        9,
        "warning",
        "manual",
    )
    assert invoke("check", str(tmp_path), *QWEN)[0] == 1
