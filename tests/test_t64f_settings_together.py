"""Trial t64f (Agently, `--provider qwen`), what session 64 left: the URL, key and model of one
settings dict given to a library no table knows move together or not at all.

1. The settings dict bound to a name first (`cfg = {...}`, `cfg = dict(...)`, or its entries
   written after, `cfg["model"] = ...`), then given to the library: the key read was renamed
   and the model mapped while no base URL was given (a key leak, `check` green). Now followed
   as a dict written in the call is: both left (ML401, ML206), `check` fails.
2. A key given by its name to such a library with no model beside it (`Lib(auth={"api_key":
   ...})`): renamed before, the library's default URL unknown. Now left (ML401, manual).
3. A dict whose full endpoint URL ML402 leaves to a person (`"full_url": ".../chat/
   completions"`): its model was mapped alone (ML204 review), the key and URL left on OpenAI.
   Now the model is left too (ML204, manual).
4. The request options of a settings dict whose URL and model apply moves (Agently's
   `"request_options": {"max_tokens": 256}`) were not read: ML112 now checks them as an SDK
   request's arguments (`settings_requests`).
"""

from __future__ import annotations

from .cli_findings import finding_rows, invoke, run_json, write
from .test_project_facts import ACME, TARGET
from .test_t64f_unmoved_settings import migrate

LEFT_KEY = (
    "reads OPENAI_API_KEY, which goes to {callee} on line {line} with {model}no base URL: "
    "migrate-llm does not know that library and gives it none, so its default URL, which may "
    "be OpenAI's, would get Acme Cloud's key (ACME_API_KEY); move the key, a base URL of Acme "
    "Cloud's and {also} together, by hand"
)
LEFT_MODEL = (
    "model='gpt-4o' goes to Framework.set_settings(), which is not an OpenAI SDK call, so apply "
    "leaves it; if it talks to Acme Cloud, use an Acme Cloud model there (the model table says "
    "'acme-large')"
)
HEAD = "import os\n\nfrom agentfw import Framework\n\n"

# -- 1. a settings dict bound to a name ----------------------------------------------------

BOUND = (
    HEAD + 'cfg = {"model": "gpt-4o", "api_key": os.environ["OPENAI_API_KEY"]}\n'
    'Framework.set_settings("OpenAI", cfg)\n'
)
BUILT = (
    HEAD + 'cfg = dict(model="gpt-4o", api_key=os.environ["OPENAI_API_KEY"])\n'
    'Framework.set_settings("OpenAI", cfg)\n'
)
WRITTEN = (
    HEAD + "cfg = {}\n"
    'cfg["model"] = "gpt-4o"\n'
    'cfg["api_key"] = os.environ["OPENAI_API_KEY"]\n'
    'Framework.set_settings("OpenAI", cfg)\n'
)


def _left(line: int, model_at: tuple[int, int], key_at: int) -> list[tuple]:
    key = LEFT_KEY.format(
        callee="Framework.set_settings()",
        line=line,
        model='the OpenAI model `"gpt-4o"` and ',
        also="the model",
    )
    rows = [(model_at[0], "ML206", "manual", LEFT_MODEL), (key_at, "ML401", "manual", key)]
    return sorted(rows, key=lambda row: row[0])


def test_a_bound_dict_display_keeps_its_key_and_model(registry):
    rows, after = migrate(registry, BOUND)
    assert rows == _left(6, (5, 0), 5)
    assert after == BOUND


def test_a_bound_dict_call_keeps_its_key_and_model(registry):
    rows, after = migrate(registry, BUILT)
    assert rows == _left(6, (5, 0), 5)  # before: the model mapped, the key left ("dict()")
    assert after == BUILT


def test_entries_written_to_a_bound_dict_keep_the_key_and_model(registry):
    rows, after = migrate(registry, WRITTEN)
    assert rows == _left(8, (6, 0), 7)
    assert after == WRITTEN


def test_a_bound_dict_with_a_url_moves_all_three(registry):
    text = BOUND.replace('{"model"', '{"base_url": "https://api.openai.com/v1", "model"')
    rows, after = migrate(registry, text)
    assert [row[:3] for row in rows] == [
        (5, "ML402", "safe"),
        (5, "ML204", "review"),
        (5, "ML401", "safe"),
    ]
    assert after == (
        HEAD + "cfg = {\n"
        '    "base_url": os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
        '    "model": "acme-large",\n'
        '    "api_key": os.environ["ACME_API_KEY"],\n'
        "}\n"
        'Framework.set_settings("OpenAI", cfg)\n'
    )


def test_a_bound_dict_changed_by_a_method_is_not_followed(registry):
    # `cfg.update(...)` may give it the URL: the key moves with the URL ML402 points, as before
    text = (
        "import os\n\nfrom agentfw import Lib\n\n"
        'cfg = {"api_key": os.environ["OPENAI_API_KEY"]}\n'
        'cfg.update(base_url="https://api.openai.com/v1")\n'
        "lib = Lib(cfg)\n"
    )
    rows, after = migrate(registry, text)
    assert [row[:3] for row in rows] == [(5, "ML401", "safe"), (6, "ML402", "safe")]
    assert 'os.environ["ACME_API_KEY"]' in after


# -- 2. a key given by its name with no model ------------------------------------------------


def test_a_key_entry_with_no_model_is_left(registry):
    text = (
        "import os\n\nfrom agentfw import Lib\n\n"
        'lib = Lib(auth={"api_key": os.environ["OPENAI_API_KEY"]})\n'
        'other = Lib(api_key=os.environ["OPENAI_API_KEY"])\n'
    )
    rows, after = migrate(registry, text)
    assert rows == [
        (5, "ML401", "manual", LEFT_KEY.format(callee="Lib()", line=5, model="", also="its model")),
        (6, "ML401", "manual", LEFT_KEY.format(callee="Lib()", line=6, model="", also="its model")),
    ]  # fmt: skip
    assert after == text


def test_a_key_with_a_model_chosen_at_run_time_is_left(registry):
    text = (
        "import os\n\nfrom agentfw import Lib\n\n\n"
        "def make(model):\n"
        '    return Lib(model=model, api_key=os.environ["OPENAI_API_KEY"])\n'
    )
    rows, after = migrate(registry, text)
    assert [row[:3] for row in rows] == [(7, "ML401", "manual")]
    assert after == text


def test_a_key_given_by_position_or_with_a_url_still_moves(registry):
    text = (
        "import os\n\nfrom agentfw import Lib\n\n"
        'a = Lib(os.environ["OPENAI_API_KEY"])\n'
        'b = Lib(api_key=os.environ["OPENAI_API_KEY"], base_url="https://api.openai.com/v1")\n'
    )
    rows, after = migrate(registry, text)
    assert [row[:3] for row in rows] == [
        (5, "ML401", "safe"),
        (6, "ML402", "safe"),  # the key beside the URL, which ML402 moves with it
        (6, "ML402", "safe"),
    ]
    assert after.count("ACME_API_KEY") == 2


# -- 3. a full endpoint URL left to a person: the model stays with it ---------------------

FULL_URL = (
    HEAD + "Framework.set_settings(\n"
    '    "OpenAICompatible",\n'
    "    {\n"
    '        "full_url": "https://api.openai.com/v1/chat/completions",\n'
    '        "model": "gpt-4o-mini",\n'
    '        "auth": os.environ["OPENAI_API_KEY"],\n'
    "    },\n"
    ")\n"
)


def test_the_model_beside_a_full_url_left_to_a_person_is_left(registry):
    rows, after = migrate(registry, FULL_URL)
    assert [row[:3] for row in rows] == [
        (8, "ML402", "manual"),
        (9, "ML204", "manual"),
        (10, "ML401", "manual"),
    ]
    assert rows[1][3] == (
        "entry 'model' = 'gpt-4o-mini' goes with the OpenAI URL beside it (line 8), which apply "
        "leaves to you (see ML402): apply leaves the model too; change the URL, key and model "
        "together, by hand"
    )
    assert after == FULL_URL


def test_check_fails_on_each_dict_left(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    key_only = (
        "import os\n\nfrom agentfw import Lib\n\nlib = Lib(auth=os.environ['OPENAI_API_KEY'])\n"
    )
    files = {"bound.py": BOUND, "written.py": WRITTEN, "full.py": FULL_URL, "key.py": key_only}
    write(tmp_path, files)
    assert invoke("apply", ".", *TARGET, "--yes", "--allow-dirty")[0] == 0
    for name, text in files.items():
        assert (tmp_path / name).read_text(encoding="utf-8") == text
    code, report = run_json("check", ".", *ACME)
    assert code == 1
    assert finding_rows(report, "path", "line", "rule") == [
        ("bound.py", 5, "ML206"),
        ("bound.py", 5, "ML401"),
        ("full.py", 8, "ML402"),
        ("full.py", 9, "ML204"),
        ("full.py", 10, "ML401"),
        ("key.py", 5, "ML401"),
        ("written.py", 6, "ML206"),
        ("written.py", 7, "ML401"),
    ]


# -- 4. a settings dict's request options are the request's arguments -----------------------

OPTIONS = (
    "from agentfw import Framework\n\n"
    "Framework.set_settings(\n"
    '    "OpenAICompatible",\n'
    "    {\n"
    '        "base_url": "https://api.openai.com/v1",\n'
    '        "model": "gpt-4o",\n'
    '        "request_options": {"temperature": 0.2, "max_completion_tokens": 256},\n'
    "    },\n"
    ")\n"
)


def test_request_options_beside_a_moved_url_and_model_are_checked(registry):
    rows, after = migrate(registry, OPTIONS)
    assert rows == [
        (6, "ML402", "safe", "hard-coded OpenAI URL https://api.openai.com/v1; Acme Cloud's base "
         "URL replaces it (read from ACME_BASE_URL)"),
        (7, "ML204", "review", "entry 'model' = 'gpt-4o' maps to 'acme-large' on Acme Cloud"),
        (8, "ML112", "safe", "Acme Cloud takes max_tokens=, not max_completion_tokens="),
    ]  # fmt: skip
    assert after == (
        "import os\n\n"
        "from agentfw import Framework\n\n"
        "Framework.set_settings(\n"
        '    "OpenAICompatible",\n'
        "    {\n"
        '        "base_url": os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
        '        "model": "acme-large",\n'
        '        "request_options": {"temperature": 0.2, "max_tokens": 256},\n'
        "    },\n"
        ")\n"
    )


def test_request_options_are_not_read_where_the_dict_is_not_moved(registry):
    # another server's URL, a model chosen at run time, a URL ML402 leaves with an OpenAI key
    local = OPTIONS.replace("https://api.openai.com/v1", "http://localhost:11434/v1")
    chosen = OPTIONS.replace('"gpt-4o"', "MODEL")
    keyed = OPTIONS.replace(
        '"model": "gpt-4o",',
        '"model": "gpt-4o", "auth": "sk-proj-abcdefghijklmnopqrstuvwxyz0123456789ABCD",',
    )
    for text in (local, chosen, keyed):
        rows, _ = migrate(registry, text)
        assert [row for row in rows if row[1] == "ML112"] == []


def test_scan_reports_the_option_and_apply_renames_it(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, {"app.py": OPTIONS})
    code, report = run_json("scan", ".", *ACME)
    assert code == 0
    assert finding_rows(report, "line", "rule", "fix", rules={"ML112"}) == [(8, "ML112", "safe")]
    assert invoke("apply", ".", *TARGET, "--yes", "--allow-dirty")[0] == 0
    text = (tmp_path / "app.py").read_text(encoding="utf-8")
    assert '"request_options": {"temperature": 0.2, "max_tokens": 256}' in text
    code, report = run_json("check", ".", *ACME)
    assert finding_rows(report, "rule", rules={"ML112"}) == []
