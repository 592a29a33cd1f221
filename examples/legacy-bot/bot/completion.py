"""One-shot text tasks on the old completions endpoint."""

import openai

from .retry import with_backoff


@with_backoff(max_attempts=3)
def complete(prompt, max_tokens=256):
    resp = openai.Completion.create(
        engine="text-davinci-003",
        prompt=prompt,
        max_tokens=max_tokens,
        temperature=0.2,
        stop=["\n\n"],
    )
    return resp["choices"][0]["text"].strip()


def summarise_conversation(history):
    transcript = "\n".join(f"{m['role']}: {m['content']}" for m in history)
    prompt = f"Summarise this support conversation in two sentences:\n\n{transcript}\n\nSummary:"
    return complete(prompt)
