"""The default a command-line option declares for its parameter (`option_defaults`), read as
the parameter's default: typer's `typer.Option("gpt-4o")`, click's `@click.option(...,
default="gpt-4o")`; another library's option is not one."""

from __future__ import annotations

import libcst as cst
import pytest

from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.option_defaults import declared_default, default_of
from migrate_llm.rules.python_context import PythonContext, string_value


def _param(registry, text: str) -> tuple[PythonContext, cst.Param]:
    ctx = PythonContext(cst.parse_module(text), RuleContext(registry), text)
    function = next(s for s in ctx.module.body if isinstance(s, cst.FunctionDef))
    return ctx, function.params.params[0]


@pytest.mark.parametrize(
    ("text", "default"),
    [
        (
            'import typer\n\ndef main(model: str = typer.Option("gpt-4o", "--model")): ...\n',
            "gpt-4o",
        ),
        (
            'import typer\n\ndef main(model: str = typer.Option("--model", default="o3")): ...\n',
            "o3",
        ),
        (
            'from typer import Argument\n\ndef main(model: str = Argument("gpt-4o")): ...\n',
            "gpt-4o",
        ),
        (
            "from typing import Annotated\n\nimport typer\n\n"
            'def main(model: Annotated[str, typer.Option()] = "o1"): ...\n',
            "o1",
        ),
        (
            'import click\n\n@click.command()\n@click.option("-m", "--model-name", default="o3")\n'
            "def main(model_name): ...\n",
            "o3",
        ),
        (
            'import click\n\n@click.option("--llm", "model", default="o1")\ndef main(model): ...\n',
            "o1",
        ),
        ('import click\n\n@click.option("--other", default="o1")\ndef main(model): ...\n', None),
        (
            'import click\n\n@click.option("--model", "--llm-model-name", default="o1")\n'
            "def main(model): ...\n",
            "o1",
        ),
        (
            'import click\n\n@click.option("--model", "--llm-model-name", default="o1")\n'
            "def main(llm_model_name): ...\n",
            None,
        ),
        (
            'import click\n\n@click.option("-v", "--verbose-model/--no-verbose-model", default="o1")\n'
            "def main(verbose_model): ...\n",
            "o1",
        ),
        ('import fire\n\ndef main(model: str = fire.Option("gpt-4o")): ...\n', None),
        ("import typer\n\ndef main(model: str = typer.Option(*names)): ...\n", None),
    ],
    ids=[
        "typer",
        "typer-default",
        "typer-argument",
        "annotated",
        "click",
        "click-id",
        "click-other",
        "click-first-long",
        "click-not-longest",
        "click-flag",
        "fire",
        "typer-star",
    ],
)
def test_the_default_an_option_declares_is_the_parameters(registry, text, default):
    ctx, param = _param(registry, text)
    found = declared_default(ctx, param)
    assert (string_value(found) if found is not None else None) == default


def test_a_default_is_named_by_its_parameter_and_function(registry):
    text = (
        "import click\nimport typer\n\n"
        "class Bot:\n"
        '    def __init__(self, model: str = typer.Option("o1")): ...\n\n'
        '@click.option("--model-name", default="o3")\n'
        "def main(model_name): ...\n"
    )
    ctx = PythonContext(cst.parse_module(text), RuleContext(registry), text)
    literals = []

    class Strings(cst.CSTVisitor):
        def visit_SimpleString(self, node: cst.SimpleString) -> None:
            literals.append(node)

    ctx.module.visit(Strings())
    named = {
        string_value(s): (found[0], found[1].name.value) if (found := default_of(ctx, s)) else None
        for s in literals
    }
    assert named == {
        "o1": ("model", "__init__"),
        "--model-name": None,
        "o3": ("model_name", "main"),
    }
