"""Recipe providers for tests: one that fails on cue, counts calls, and can be held mid-generation."""

from __future__ import annotations

import threading

from chalicelib.services.generation_ports import GenerationRequest, GenerationResult, ProviderError, RecipeProvider


class ScriptedProvider:
    """Plays `script` (a ProviderError to raise, or None to answer) then answers with `inner`."""

    def __init__(self, inner: RecipeProvider, script: list[ProviderError | None] | None = None,
                 name: str = "bedrock", always: ProviderError | None = None) -> None:
        self.name = name
        self.inner = inner
        self.script = list(script or [])
        self.always = always
        self.calls = 0
        self.release = threading.Event()
        self.release.set()
        self._lock = threading.Lock()

    def generate(self, request: GenerationRequest) -> GenerationResult:
        with self._lock:
            self.calls += 1
            step = self.script.pop(0) if self.script else self.always
        self.release.wait(10)
        if step is not None:
            raise step
        result = self.inner.generate(request)
        return result.model_copy(update={"provider": self.name})
