"""The `migrate-llm` command's entry point (the console script and `python -m migrate_llm`).

The cycle collector is paused and the kept code installed (`collector.pause_start`,
`kept_code.install`) before the command line's module, and typer with it, is imported:
typer's import made some thirty collections that found nothing (a twentieth of `--help`),
and the expressions it compiles are then made from kept matcher code.
"""

from typing import NoReturn


def run() -> NoReturn:
    """The `migrate-llm` command (`cli.run`), its start prepared first."""
    from migrate_llm import collector, kept_code

    collector.pause_start()  # until the engine starts its run (`collector.started`)
    kept_code.install()
    from migrate_llm.cli import run as run_command

    run_command()
