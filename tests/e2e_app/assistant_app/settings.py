"""Settings: which model answers, what a summary request looks like, what must be configured."""

from __future__ import annotations

import os
from dataclasses import dataclass

SUPPORTED_MODELS = ("gpt-4o", "gpt-4o-mini")

REQUIRED_ENV = ["OPENAI_API_KEY"]

SUMMARY_REQUEST = {
    "model": os.getenv("APP_MODEL", "gpt-4o-mini"),
    "temperature": 0.2,
    "max_tokens": 200,
}


def reply_tokens(model: str) -> int:
    """How long a reply may be: the larger model answers at length."""
    if model == "gpt-4o":
        return 400
    return 200


def validate_model(name: str) -> str:
    """Reject a model the app was not tested with."""
    if name not in SUPPORTED_MODELS:
        raise ValueError(f"unsupported model {name!r}; supported: {', '.join(SUPPORTED_MODELS)}")
    return name


@dataclass
class AssistantSettings:
    model: str = "gpt-4o"
    temperature: float = 0.3
    system_prompt: str = "You are the support assistant of a small web shop."

    def __post_init__(self) -> None:
        validate_model(self.model)


def require_environment() -> dict[str, str]:
    """Stop at start-up, naming the variable, when a required one is missing."""
    missing = [name for name in REQUIRED_ENV if not os.environ.get(name)]
    if missing:
        raise SystemExit(f"missing environment variable(s): {', '.join(missing)}")
    return {name: os.environ[name] for name in REQUIRED_ENV}
