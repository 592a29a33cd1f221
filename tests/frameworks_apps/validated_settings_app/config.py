"""Settings named as the variables they read, tidied by a validator (as arc53/DocsGPT's)."""

from pydantic import field_validator
from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    OPENAI_API_KEY: str | None = None
    OPENAI_BASE_URL: str = "https://api.openai.com/v1"
    LLM_NAME: str = "gpt-4o-mini"

    @field_validator("OPENAI_API_KEY", "OPENAI_BASE_URL", mode="before")
    @classmethod
    def tidy(cls, value):
        """A value pasted with spaces around it, or "none", is what it means."""
        value = value.strip() if isinstance(value, str) else value
        return None if value in ("", "none") else value


settings = Settings()
