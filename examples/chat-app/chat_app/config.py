"""Application settings, read from config.yaml when PyYAML is installed."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

CONFIG_PATH = Path(__file__).resolve().parent.parent / "config.yaml"


@dataclass(frozen=True)
class Settings:
    app_name: str = "acme-support-bot"
    support_email: str = "support@example.com"
    max_history: int = 10
    temperature: float = 0.3


def load_settings(path: Path = CONFIG_PATH) -> Settings:
    """Return the settings from `path`, or the defaults if it cannot be read."""
    try:
        import yaml
    except ImportError:
        return Settings()
    if not path.is_file():
        return Settings()
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    app = data.get("app", {})
    llm = data.get("llm", {})
    return Settings(
        app_name=app.get("name", Settings.app_name),
        support_email=app.get("support_email", Settings.support_email),
        max_history=int(app.get("max_history", Settings.max_history)),
        temperature=float(llm.get("temperature", Settings.temperature)),
    )


def load_dotenv_if_available() -> None:
    """Load .env into the environment if python-dotenv is installed."""
    try:
        from dotenv import load_dotenv
    except ImportError:
        return
    load_dotenv(Path(__file__).resolve().parent.parent / ".env")
