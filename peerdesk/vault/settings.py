"""The app's own settings: a small JSON file in the config folder, never note content.

Notebooks are named here only by their random id, never by title.
"""

from __future__ import annotations

from typing import Any

from peerdesk.vault.files import atomic_write, make_private_dir
from peerdesk.vault.paths import AppPaths

IDLE_CHOICES = (1, 2, 5, 10, 15, 30, 60)
CLIPBOARD_CHOICES = (0, 15, 30, 60, 120, 300)
"""Seconds after a copy when peerdesk empties the clipboard again (0: only on lock, on
destruction and when peerdesk quits)."""


class Settings:
    """Read at every start, so kept free of slow imports (no dataclasses, json on demand)."""

    FIELDS = ("idle_lock_minutes", "text_scale_percent", "last_notebook", "sample_offered",
              "known_notebooks", "clipboard_clear_seconds", "exclude_from_capture")

    def __init__(self, idle_lock_minutes: int = 10, text_scale_percent: int = 100,
                 last_notebook: str | None = None, sample_offered: bool = False,
                 known_notebooks: list[str] | None = None, clipboard_clear_seconds: int = 0,
                 exclude_from_capture: bool = True) -> None:
        self.idle_lock_minutes = idle_lock_minutes
        self.text_scale_percent = text_scale_percent
        self.last_notebook = last_notebook
        self.sample_offered = sample_offered
        self.known_notebooks: list[str] = list(known_notebooks or [])
        self.clipboard_clear_seconds = clipboard_clear_seconds
        self.exclude_from_capture = exclude_from_capture

    def as_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.FIELDS}

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Settings) and self.as_dict() == other.as_dict()

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Settings({self.as_dict()!r})"

    @classmethod
    def load(cls, paths: AppPaths) -> Settings:
        try:
            raw = paths.settings_file.read_text("utf-8")
        except OSError:
            return cls()
        import json

        try:
            doc: Any = json.loads(raw)
        except ValueError:
            return cls()
        if not isinstance(doc, dict):
            return cls()
        settings = cls(**{k: v for k, v in doc.items() if k in cls.FIELDS})
        if not isinstance(settings.idle_lock_minutes, int) or settings.idle_lock_minutes < 1:
            settings.idle_lock_minutes = 10
        if settings.text_scale_percent not in range(80, 201):
            settings.text_scale_percent = 100
        if settings.clipboard_clear_seconds not in CLIPBOARD_CHOICES:
            settings.clipboard_clear_seconds = 0
        settings.exclude_from_capture = settings.exclude_from_capture is not False
        return settings

    def save(self, paths: AppPaths) -> None:
        import json

        make_private_dir(paths.config)
        atomic_write(paths.settings_file,
                     (json.dumps(self.as_dict(), indent=2) + "\n").encode("utf-8"))

    def mentions(self, notebook_id: str) -> list[str]:
        """Names of the settings that refer to a notebook (for destruction's inventory)."""
        found = []
        if self.last_notebook == notebook_id:
            found.append("last_notebook")
        if notebook_id in self.known_notebooks:
            found.append("known_notebooks")
        return found

    def forget(self, notebook_id: str) -> None:
        if self.last_notebook == notebook_id:
            self.last_notebook = None
        self.known_notebooks = [n for n in self.known_notebooks if n != notebook_id]


class IdleLock:
    """Decides when an unlocked notebook has been left alone long enough to lock."""

    def __init__(self, minutes: int, monotonic_now: float) -> None:
        self.minutes = minutes
        self._last = monotonic_now

    def touch(self, monotonic_now: float) -> None:
        self._last = monotonic_now

    def due(self, monotonic_now: float) -> bool:
        return monotonic_now - self._last >= self.minutes * 60

    def remaining(self, monotonic_now: float) -> float:
        return max(0.0, self.minutes * 60 - (monotonic_now - self._last))
