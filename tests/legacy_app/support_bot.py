"""A support bot written for openai<1.0 (0.28): which `except` clause takes which error is what
tests/test_e2e_legacy.py checks once the bot is migrated and run on openai>=1.0."""

import openai

MODEL = "gpt-3.5-turbo"


def answer(question, api_key=None):
    """The reply to one question, or the name of the handler that took the error."""
    try:
        resp = openai.ChatCompletion.create(
            model=MODEL,
            messages=[{"role": "user", "content": question}],
            api_key=api_key,
            headers={"X-Request-Source": "support-bot"},
            request_timeout=30,
        )
    except openai.error.APIError:
        return "server error"
    except openai.error.InvalidRequestError as e:
        return "bad request: " + e.json_body["error"]["message"]
    except openai.error.RateLimitError as e:
        return f"rate limited ({e.http_status})"
    except openai.error.OpenAIError:
        return "other error"
    return resp["choices"][0]["message"]["content"]
