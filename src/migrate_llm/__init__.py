"""migrate-llm: move OpenAI SDK code and config onto an OpenAI-compatible provider."""

__version__ = "0.1.0"
