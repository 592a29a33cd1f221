"""Library functions that call OpenAI's API themselves (ML670, ML401).

Such a function builds its own OpenAI client inside the library, from the key it is given or
from OPENAI_API_KEY, and takes no base URL: whatever key the program hands it goes to
api.openai.com. One entry per function, called as a method of the library's object
(`sr.Recognizer().recognize_whisper_api(audio, api_key=key)`), each checked against the
library's released source.

SpeechRecognition (PyPI wheels, `pip download --no-deps SpeechRecognition==VERSION`, read
2026-12-07; the functions are attached to `speech_recognition.Recognizer` in
speech_recognition/__init__.py):
- 3.10.0: `recognize_whisper_api(audio_data, *, model="whisper-1", api_key=None)`
  (recognizers/whisper.py) sends `openai.Audio.transcribe(model, wav_data, api_key=api_key)`
  (openai<1); with no `api_key` it needs OPENAI_API_KEY set.
- 3.10.4 and 3.11.0: the same function sends `openai.OpenAI(api_key=api_key)
  .audio.transcriptions.create(file=wav_data, model=model)`.
- 3.12.0 and 3.13.0: `recognize_openai(audio_data, *, model="whisper-1", **kwargs)`
  (recognizers/openai.py) sends the same request through `openai.OpenAI()` (OPENAI_API_KEY,
  OPENAI_BASE_URL), and `recognize_whisper_api` is kept as its alias ("Deprecated"), so an
  `api_key=` given to it goes to `transcriptions.create` as an unknown argument.
- 3.14.3: `recognize_openai` only (recognizers/whisper_api/openai.py, the same request);
  `recognize_groq` goes to Groq, not OpenAI.
"""

from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True)
class OpenAICaller:
    """A library function that calls OpenAI's API itself.

    `module`: the top-level module a program imports; `package`: its distribution;
    `method`: the function's name, called on the library's object; `key`: the keyword that
    gives it the key (None: it reads OPENAI_API_KEY only); `request`: the OpenAI SDK request
    it sends; `surface`: that request's API as provider files name it (`[supports]`);
    `tier`: the provider file's model tier serving it; `model`: the OpenAI model it sends
    unless given another (`model=`); `label`: what it is, in words."""

    module: str
    package: str
    method: str
    key: str | None
    request: str
    surface: str
    tier: str
    model: str
    label: str


WHISPER_API = OpenAICaller(
    module="speech_recognition",
    package="SpeechRecognition",
    method="recognize_whisper_api",
    key="api_key",
    request="audio.transcriptions.create",
    surface="audio",
    tier="transcription",
    model="whisper-1",
    label="SpeechRecognition's OpenAI Whisper API recogniser",
)
CALLERS: tuple[OpenAICaller, ...] = (
    WHISPER_API,
    replace(WHISPER_API, method="recognize_openai", key=None),
)
MODULES: tuple[str, ...] = tuple(dict.fromkeys(caller.module for caller in CALLERS))
