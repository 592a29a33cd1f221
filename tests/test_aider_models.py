"""aider's models in a user's project (t61b): its scripting API's `Model()` (ML620, and ML204
for an environment default), its command lines (ML503 for `--model`, ML621 for shortcut flags
such as `--4o`) and `.aider.conf.yml` (ML503, ML621). aider hands each model to litellm, so
each is written, or advised, on litellm's deepseek route; check is red until it is."""

from __future__ import annotations

from pathlib import Path

import pytest

from .cli_findings import cli, finding_rows, run_json, write_here

ROUTED = "deepseek/deepseek-v4-pro"


def _check(path: str) -> tuple[int, list[tuple[str, int, str, str | None]]]:
    code, report = run_json("check", path, "--provider", "deepseek")
    return code, finding_rows(report, "rule", "line", "severity", "fix")


def _messages(path: str) -> list[str]:
    _, report = run_json("scan", path, "--provider", "deepseek")
    return [f["message"] for f in report["findings"]]


def _apply(path: str) -> None:
    done = cli("apply", path, "--provider", "deepseek", "--yes")
    assert done.exit_code == 0, done.output


SCRIPT_ENV = (
    "import os\n\n"
    "from aider.coders import Coder\n"
    "from aider.models import Model\n\n"
    'MODEL_NAME = os.environ.get("AIDER_MODEL", "{model}")\n\n\n'
    "def main():\n"
    '    coder = Coder.create(main_model=Model(MODEL_NAME), fnames=["calc.py"])\n'
    '    coder.run("add a docstring")\n'
)


@pytest.mark.parametrize(
    ("default", "before"),
    [
        ("gpt-4o", [("ML204", 6, "warning", "review")]),
        # what an earlier apply wrote: litellm fails on it
        ("deepseek-v4-pro", [("ML620", 6, "error", "review")]),
        # aider's alias of gpt-4o
        ("4o", [("ML620", 6, "error", "review")]),
    ],
)
def test_an_environment_default_of_model_is_written_on_the_route(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, default: str, before: list
) -> None:
    write_here(tmp_path, monkeypatch, {"edit.py": SCRIPT_ENV.format(model=default)})
    assert _check("edit.py") == (1, before)
    _apply("edit.py")
    assert (tmp_path / "edit.py").read_text(encoding="utf-8") == SCRIPT_ENV.format(model=ROUTED)
    assert _check("edit.py") == (0, [])


def test_literals_of_model_weak_model_and_editor_model(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = (
        "from aider.models import Model\n\n"
        'main = Model("gpt-4o", weak_model="gpt-4o-mini", editor_model="openai/gpt-4o")\n'
        'other = Model("4o")\n'
    )
    write_here(tmp_path, monkeypatch, {"s.py": source})
    assert _check("s.py") == (
        1,
        [
            ("ML620", 3, "error", "review"),
            ("ML620", 3, "error", "review"),
            ("ML620", 3, "error", "review"),
            ("ML620", 4, "error", "review"),
        ],
    )
    assert _messages("s.py") == [
        "model='gpt-4o' of aider's Model() is an OpenAI model; apply writes "
        "'deepseek/deepseek-v4-pro' (litellm's deepseek route) for DeepSeek: aider hands it to "
        "litellm, which sends a model without a provider prefix to OpenAI",
        "weak_model='gpt-4o-mini' of aider's Model() is an OpenAI model; apply writes "
        "'deepseek/deepseek-flash' (litellm's deepseek route) for DeepSeek: aider hands it to "
        "litellm, which sends a model without a provider prefix to OpenAI",
        "editor_model='openai/gpt-4o' of aider's Model() is an OpenAI model on litellm's "
        "OpenAI route; apply writes 'deepseek/deepseek-v4-pro' (litellm's deepseek route) for "
        "DeepSeek",
        "model='4o' of aider's Model() is aider's alias of gpt-4o, an OpenAI model; apply "
        "writes 'deepseek/deepseek-v4-pro' (litellm's deepseek route) for DeepSeek: aider hands "
        "it to litellm, which sends a model without a provider prefix to OpenAI",
    ]
    _apply("s.py")
    assert (tmp_path / "s.py").read_text(encoding="utf-8") == (
        "from aider.models import Model\n\n"
        "main = Model(\n"
        '    "deepseek/deepseek-v4-pro",\n'
        '    weak_model="deepseek/deepseek-flash",\n'
        '    editor_model="deepseek/deepseek-v4-pro",\n'
        ")\n"
        'other = Model("deepseek/deepseek-v4-pro")\n'
    )
    assert _check("s.py") == (0, [])


def test_a_model_of_an_aider_command_line_is_advised_on_the_route(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A script is not edited: the advice names the routed id, and following it exactly turns
    check green (t61b D2: it named the bare id, on which aider fails)."""
    script = (
        "#!/bin/sh\n"
        "aider --model gpt-4o --weak-model gpt-4o-mini --yes calc.py\n"
        "aider --editor-model openai/gpt-4o --model 4o\n"
        "python tool.py --model gpt-4o\n"
    )
    write_here(tmp_path, monkeypatch, {"run.sh": script})
    assert _check("run.sh") == (
        1,
        [
            ("ML503", 2, "warning", "manual"),
            ("ML503", 2, "warning", "manual"),
            ("ML503", 3, "warning", "manual"),
            ("ML503", 3, "warning", "manual"),
            ("ML503", 4, "warning", "manual"),
        ],
    )
    messages = _messages("run.sh")
    reads = "on litellm's route for it: aider reads it and hands it to litellm"
    assert messages[:2] == [
        f"gpt-4o is an OpenAI model; it maps to {ROUTED} on DeepSeek, {reads} (litellm sends a "
        "model without a provider prefix to OpenAI); change it by hand",
        "gpt-4o-mini is an OpenAI model; it maps to deepseek/deepseek-flash on DeepSeek, "
        f"{reads} (litellm sends a model without a provider prefix to OpenAI); change it by "
        "hand",
    ]
    assert messages[2] == (
        f"openai/gpt-4o is an OpenAI model; it maps to {ROUTED} on DeepSeek, {reads} (litellm's "
        "openai/ route sends it to OpenAI); change it by hand"
    )
    assert messages[3].startswith(
        f"4o is aider's alias of gpt-4o, an OpenAI model; it maps to {ROUTED}"
    )
    # another program's option: its model may be for an OpenAI client
    assert (
        messages[4]
        == "gpt-4o is an OpenAI model; it maps to deepseek-v4-pro on DeepSeek; change it by hand"
    )
    _apply("run.sh")
    assert (tmp_path / "run.sh").read_text(encoding="utf-8") == script
    (tmp_path / "run.sh").write_text(
        "#!/bin/sh\n"
        f"aider --model {ROUTED} --weak-model deepseek/deepseek-flash --yes calc.py\n"
        f"aider --editor-model {ROUTED} --model {ROUTED}\n",
        encoding="utf-8",
    )
    assert _check("run.sh") == (0, [])
    # the bare id the old advice gave: litellm fails on it
    (tmp_path / "run.sh").write_text("aider --model deepseek-v4-pro --yes\n", encoding="utf-8")
    assert _check("run.sh") == (1, [("ML503", 1, "error", "manual")])
    assert _messages("run.sh") == [
        'deepseek-v4-pro has no provider prefix, so litellm fails on it ("LLM Provider NOT '
        'provided"): aider reads it and hands it to litellm; write deepseek/deepseek-v4-pro '
        "there, by hand"
    ]


def test_shortcut_flags_of_openai_models(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    script = "#!/bin/sh\naider --4o --yes calc.py\ncd src && python -m aider --mini calc.py\nmytool --4o\n"
    write_here(tmp_path, monkeypatch, {"run.sh": script})
    assert _check("run.sh") == (
        1,
        [("ML621", 2, "error", "manual"), ("ML621", 3, "error", "manual")],
    )
    assert _messages("run.sh") == [
        "--4o makes aider use gpt-4o, an OpenAI model, which litellm sends to OpenAI; write "
        f"--model {ROUTED} (litellm's deepseek route) in its place, by hand",
        "--mini makes aider use gpt-4o-mini, an OpenAI model, which litellm sends to OpenAI; "
        "write --model deepseek/deepseek-flash (litellm's deepseek route) in its place, by hand",
    ]
    _apply("run.sh")
    assert (tmp_path / "run.sh").read_text(encoding="utf-8") == script
    (tmp_path / "run.sh").write_text(
        f"#!/bin/sh\naider --model {ROUTED} --yes calc.py\n"
        "cd src && python -m aider --model deepseek/deepseek-flash calc.py\nmytool --4o\n",
        encoding="utf-8",
    )
    assert _check("run.sh") == (0, [])


@pytest.mark.parametrize(
    ("value", "rule"),
    [("openai/gpt-4o", "ML503"), ("4o", "ML503"), ("gpt-4o", "ML503")],
)
def test_a_model_of_the_config_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: str, rule: str
) -> None:
    conf = f"# aider settings\nmodel: {value}\nauto-commits: false\n"
    write_here(tmp_path, monkeypatch, {".aider.conf.yml": conf})
    assert _check(".aider.conf.yml") == (1, [(rule, 2, "warning", "review")])
    _apply(".aider.conf.yml")
    assert (tmp_path / ".aider.conf.yml").read_text(encoding="utf-8") == (
        f"# aider settings\nmodel: {ROUTED}\nauto-commits: false\n"
    )
    assert _check(".aider.conf.yml") == (0, [])


def test_a_shortcut_flag_of_the_config_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_here(tmp_path, monkeypatch, {".aider.conf.yml": "4o: true\nmini: false\n"})
    assert _check(".aider.conf.yml") == (1, [("ML621", 1, "error", "manual")])
    assert _messages(".aider.conf.yml") == [
        "4o: makes aider use gpt-4o, an OpenAI model, which litellm sends to OpenAI; write "
        f"model: {ROUTED} (litellm's deepseek route) in its place, by hand"
    ]
    (tmp_path / ".aider.conf.yml").write_text(f"model: {ROUTED}\nmini: false\n", encoding="utf-8")
    assert _check(".aider.conf.yml") == (0, [])


def test_aider_s_own_tree_is_left_to_the_other_rules(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In aider's repository (it holds the package) code building `Model("gpt-4")` is aider's
    own, not the user's program ML620 is about: ML205 reports it as before (manual)."""
    (tmp_path / ".git").mkdir()
    write_here(
        tmp_path,
        monkeypatch,
        {
            "aider/__init__.py": "",
            "scripts/run.py": 'from aider.models import Model\n\nm = Model("gpt-4")\n',
        },
    )
    code, report = run_json("check", "scripts/run.py", "--provider", "deepseek")
    assert (code, finding_rows(report, "rule", "line")) == (1, [("ML205", 3)])
