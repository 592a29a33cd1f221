"""Retry OpenAI calls with exponential backoff."""

import functools
import logging
import random
import time

import openai

log = logging.getLogger(__name__)


def with_backoff(max_attempts: int = 5, base_delay: float = 1.0):
    """Retry on rate limits and transient API errors, doubling the delay each time."""

    def decorator(fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            for attempt in range(1, max_attempts + 1):
                try:
                    return fn(*args, **kwargs)
                except openai.error.RateLimitError:
                    if attempt == max_attempts:
                        raise
                    log.warning("rate limited (attempt %d/%d)", attempt, max_attempts)
                except (openai.error.APIError, openai.error.Timeout) as e:
                    if attempt == max_attempts:
                        raise
                    log.warning("API error %s (attempt %d/%d)", e, attempt, max_attempts)
                time.sleep(base_delay * 2 ** (attempt - 1) + random.random())

        return wrapper

    return decorator
