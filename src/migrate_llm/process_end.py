"""Whether this process ends once the output of its next run is written: the `migrate-llm`
command (`cli.run`, through `command.run`) then exits without the interpreter's teardown,
and memory the system takes back at once need not be freed first."""

from __future__ import annotations

_ends = [False]


def ends_after_next_run() -> None:
    """Say that this process ends once the output of its next run is written."""
    _ends[0] = True


def last_run() -> bool:
    """Whether `ends_after_next_run` was said and no run has asked since: a command that runs
    several (`providers compare`) leaves out at most one run's last file."""
    ends, _ends[0] = _ends[0], False
    return ends
