"""Mentions OpenAI in prose only; must stay byte-identical."""

print("OpenAI-compatible endpoints are everywhere")
