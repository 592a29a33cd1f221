"""Acme support bot: answers customer questions with an LLM."""

__version__ = "0.4.2"
