"""The models the app builds, named `provider/model` as LangGraph templates name them."""

from dataclasses import dataclass, field


@dataclass
class Configuration:
    response_model: str = field(default="openai/gpt-4o-mini")
    embedding_model: str = "openai/text-embedding-3-small"
