"""The model ids the openai SDK names in its model literal types, and the recording of them kept
in `tests/data/openai_sdk_models.txt`, which the default tests read so that a new SDK release
cannot change their outcome. Regenerate the recording from the installed SDK with

    python -m tests.sdk_models --write

(from the repository root); `python -m pytest -m sdk_drift -n 0` tells when the installed SDK
names an id the recording or providers/openai.toml does not hold."""

from __future__ import annotations

import sys
import typing
from pathlib import Path

RECORDED = Path(__file__).parent / "data" / "openai_sdk_models.txt"


def installed_models() -> tuple[str, set[str]]:
    """The installed openai SDK's version and the strings of its model literal types."""
    import openai
    from openai.types import AudioModel, EmbeddingModel, ImageModel, ModerationModel, VideoModel
    from openai.types.shared import AllModels, ChatModel, ResponsesModel

    def literals(kind: object) -> set[str]:
        """The strings of a type's `Literal[...]` parts, through unions and aliases."""
        found: set[str] = set()
        for arg in typing.get_args(kind):
            found |= {arg} if isinstance(arg, str) else literals(arg)
        return found

    kinds = (AudioModel, EmbeddingModel, ImageModel, ModerationModel, VideoModel)
    named = set().union(*map(literals, (*kinds, AllModels, ChatModel, ResponsesModel)))
    return openai.__version__, named


def recorded_models() -> set[str]:
    """The ids in the recording (one a line; `#` starts a comment)."""
    lines = RECORDED.read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def write() -> str:
    """Record the installed SDK's ids; returns what was written, in one line."""
    version, named = installed_models()
    header = (
        f"# The model ids of the openai SDK's model literal types (openai {version}).\n"
        "# Regenerate: python -m tests.sdk_models --write (see tests/sdk_models.py)\n"
    )
    RECORDED.write_text(header + "".join(f"{m}\n" for m in sorted(named)), encoding="utf-8")
    return f"wrote {len(named)} ids of openai {version} to {RECORDED}"


if __name__ == "__main__":
    if sys.argv[1:] != ["--write"]:
        sys.exit("usage: python -m tests.sdk_models --write")
    print(write())
