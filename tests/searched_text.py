"""A module's text that records the words searched for in it (`word in text`): tests count
the searches of the whole text a scan makes, which must not grow with the module."""

from __future__ import annotations


class Searched(str):
    def __new__(cls, text: str, words: list[str]) -> Searched:
        made = super().__new__(cls, text)
        made.words = words
        return made

    words: list[str]

    def __contains__(self, word: object) -> bool:
        self.words.append(str(word))
        return super().__contains__(word)  # type: ignore[operator]
