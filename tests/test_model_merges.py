"""ML209: constants of OpenAI models that the program tells apart and the mapping makes one
(t54d, chatgpt-on-wechat on ERNIE: `GPT_4o` and `GPT_5_MINI` both became
'ernie-4.5-turbo-128k', so the default model passed the reasoning-model test and lost its
temperature, `check` green). Reported in `scan` and kept red in `check` after `apply`; gone
once `--model` maps them apart."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from migrate_llm.cli import app

from .cli_findings import finding_rows, run_json

CONST = 'GPT_4o = "gpt-4o"\nGPT_5 = "gpt-5"\nGPT_5_MINI = "gpt-5-mini"\n'
BOT = (
    "from openai import OpenAI\n"
    "from common import const\n\n"
    "client = OpenAI()\n\n\n"
    "def ask(q, model=const.GPT_4o, temperature=0.9):\n"
    '    args = {"model": model, "temperature": temperature}\n'
    "    if model in [const.GPT_5, const.GPT_5_MINI]:  # reasoning models take no temperature\n"
    '        args.pop("temperature")\n'
    '    return client.chat.completions.create(messages=[{"role": "user", "content": q}], **args)\n'
)
ERNIE = "Baidu Qianfan (ERNIE)"


def _tree(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "common").mkdir()
    (tmp_path / "common" / "const.py").write_text(CONST)
    (tmp_path / "bot.py").write_text(BOT)
    monkeypatch.chdir(tmp_path)


def _merged(command: str, *extra: str) -> tuple[int, list[tuple[str, int, str, str]]]:
    code, report = run_json(command, ".", "--provider", "ernie", "--no-cache", *extra)
    return code, finding_rows(report, "path", "line", "fix", "message", rules=("ML209",))


def _message() -> str:
    return (
        "`model in [const.GPT_5, const.GPT_5_MINI]` tells OpenAI models apart that "
        f"{ERNIE} serves as one: const.GPT_5_MINI ('gpt-5-mini') maps to "
        "'ernie-4.5-turbo-128k', as const.GPT_4o ('gpt-4o') does, which the test leaves out, "
        "so once mapped a program on const.GPT_4o is taken there for const.GPT_5_MINI; map "
        "them apart (`--model gpt-5-mini=<another model>`) or change the test, by hand"
    )


def test_a_membership_test_of_constants_that_merge_is_reported_before_and_after(
    tmp_path, monkeypatch
):
    _tree(tmp_path, monkeypatch)
    assert _merged("scan") == (0, [("bot.py", 9, "manual", _message())])
    done = CliRunner().invoke(app, ["apply", ".", "--provider", "ernie", "--yes", "--no-cache"])
    assert done.exit_code == 0, done.stderr
    assert (tmp_path / "common" / "const.py").read_text() == (
        'GPT_4o = "ernie-4.5-turbo-128k"\n'
        'GPT_5 = "ernie-5.0-thinking-latest"\n'
        'GPT_5_MINI = "ernie-4.5-turbo-128k"\n'
    )
    # the test itself is unchanged (apply adds the client's lines above it)
    assert "    if model in [const.GPT_5, const.GPT_5_MINI]:" in (tmp_path / "bot.py").read_text()
    assert _merged("check") == (1, [("bot.py", 14, "manual", _message())])


def test_constants_mapped_apart_are_not_reported(tmp_path, monkeypatch):
    """`models` in the config (apply's `--model`) maps 'gpt-5-mini' to a model of its own."""
    _tree(tmp_path, monkeypatch)
    (tmp_path / "migrate-llm.toml").write_text('[models]\n"gpt-5-mini" = "ernie-x1-turbo-32k"\n')
    assert _merged("scan") == (0, [])


def test_equal_and_dict_keys_of_another_modules_constants(tmp_path, monkeypatch):
    """`from common.const import ...` is read as `const.X` is; two keys of a dict that merge
    lose an entry."""
    _tree(tmp_path, monkeypatch)
    (tmp_path / "bot.py").write_text(
        "import openai\n\nfrom common.const import GPT_4o, GPT_5_MINI\n\n"
        "LIMITS = {GPT_4o: 128000, GPT_5_MINI: 400000}\n\n\n"
        "def small(model):\n    return model == GPT_5_MINI\n"
    )
    code, found = _merged("scan")
    assert (code, [(line, fix) for _, line, fix, _ in found]) == (0, [(5, "manual"), (9, "manual")])
    assert found[0][3] == (
        "the keys GPT_4o ('gpt-4o') and GPT_5_MINI ('gpt-5-mini') of this dict both map to "
        "'ernie-4.5-turbo-128k' on Baidu Qianfan (ERNIE): once mapped, the later entry replaces the earlier; map "
        "them apart (`--model gpt-5-mini=<another model>`) or merge the entries, by hand"
    )
    assert found[1][3].startswith(
        "`model == GPT_5_MINI` tells OpenAI models apart that Baidu Qianfan (ERNIE) serves as one: GPT_5_MINI "
        "('gpt-5-mini') maps to 'ernie-4.5-turbo-128k', as GPT_4o ('gpt-4o') does"
    )
