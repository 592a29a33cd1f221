"""The research model, named per run (open_deep_research's Configuration default)."""

from dataclasses import dataclass


@dataclass
class Configuration:
    research_model: str = "openai:gpt-4.1"
