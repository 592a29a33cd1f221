"""Rules about OpenAI's environment variables and URLs written into Python code: ML401
(`env_reads`), ML402 (`openai_urls`), ML403 (`raw_http`), ML404 (`env_writes`) and ML405
(`key_formats`)."""

from __future__ import annotations

from migrate_llm.rules.env_reads import OpenAIEnvVar
from migrate_llm.rules.env_writes import OpenAIEnvWrite
from migrate_llm.rules.key_formats import OpenAIKeyFormat
from migrate_llm.rules.openai_urls import OpenAIUrl
from migrate_llm.rules.raw_http import RAW_HTTP_RULES

ENVIRONMENT_RULES = (OpenAIEnvVar, OpenAIUrl, *RAW_HTTP_RULES, OpenAIEnvWrite, OpenAIKeyFormat)
