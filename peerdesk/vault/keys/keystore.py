"""The notebook key's copy in the operating system's credential store (via ``keyring``).

Every way keyring can fail is turned into one of two plain errors: the key is missing,
or the store cannot be used. A backend that answers ``None`` without being a real
store (the null or fail backends) is *unavailable*, never "no such notebook".
"""

from __future__ import annotations

import sys
from typing import Any

from peerdesk.vault.errors import (
    CredentialStoreRefusedError,
    CredentialStoreUnavailableError,
    KeyMissingError,
)
from peerdesk.vault.keys.secret import from_hex, to_hex, wipe, wipe_str

SERVICE = "peerdesk"
_USELESS_BACKENDS = ("keyring.backends.fail", "keyring.backends.null",
                     "keyrings.alt")  # plaintext or no-op stores are never used


def _discover() -> Any:
    """keyring's backend, found on a thread of its own.

    Finding it imports every backend, and a backend that cannot load here (Windows' on
    Linux, say) keeps its import error, traceback and all, for good. Found from the
    caller's thread, that traceback would keep the caller's frames alive, with the
    passphrase a new notebook was made with still in them; a thread's frames hold none."""
    import threading

    found: dict[str, Any] = {}

    def discover() -> None:
        try:
            import keyring

            found["backend"] = keyring.get_keyring()
        except Exception as exc:  # keyring's discovery can raise almost anything
            found["error"] = exc

    worker = threading.Thread(target=discover, name="peerdesk-keyring-discovery")
    worker.start()
    worker.join()
    if "backend" not in found:
        raise CredentialStoreUnavailableError() from found.get("error")
    return found["backend"]


def _username(notebook_id: str) -> str:
    return f"notebook-{notebook_id}"


class KeyStore:
    """One service entry per notebook: username ``notebook-<id>``, value the key in hex."""

    def __init__(self, service: str = SERVICE) -> None:
        self.service = service
        self._backend: Any = None

    def _keyring(self) -> Any:
        """The usable backend, or ``CredentialStoreUnavailableError``."""
        if self._backend is not None:
            return self._backend
        backend = _discover()
        module = type(backend).__module__
        if module.startswith(_USELESS_BACKENDS) or getattr(backend, "priority", 1) <= 0:
            raise CredentialStoreUnavailableError()
        if sys.platform == "win32" and hasattr(backend, "persist"):
            # Never let the key roam with the profile: deleting it must delete every copy.
            backend.persist = "local machine"
        self._backend = backend
        return backend

    def describe(self) -> str:
        try:
            backend = self._keyring()
        except CredentialStoreUnavailableError:
            return "no credential store available"
        return str(getattr(backend, "name", type(backend).__name__))

    def available(self) -> bool:
        try:
            self._keyring()
        except CredentialStoreUnavailableError:
            return False
        return True

    def load(self, notebook_id: str) -> bytearray:
        """The key, in a buffer the caller wipes (``secret.wipe``) when done. The text the
        store answers with is overwritten as soon as it is read."""
        backend = self._keyring()
        try:
            value = backend.get_password(self.service, _username(notebook_id))
        except Exception as exc:  # locked, prompt dismissed, D-Bus gone
            raise CredentialStoreUnavailableError() from exc
        if value is None:
            raise KeyMissingError()
        key = from_hex(value) if isinstance(value, str) else None
        wipe_str(value)
        if key is None:
            raise KeyMissingError(
                "The credential store holds something for this notebook that is not a "
                "key. Type the passphrase to open it; peerdesk will put the key back.")
        if len(key) != 32:
            wipe(key)
            raise KeyMissingError()
        return key

    def store(self, notebook_id: str, key: bytes | bytearray) -> None:
        backend = self._keyring()
        digits = to_hex(key)
        text = digits.decode("ascii")
        wipe(digits)
        try:
            backend.set_password(self.service, _username(notebook_id), text)
        except Exception as exc:
            raise CredentialStoreUnavailableError() from exc
        finally:
            wipe_str(text)
        # A store that silently drops what it is given is no store: read it back.
        if not self.matches(notebook_id, key):
            raise CredentialStoreUnavailableError()

    def matches(self, notebook_id: str, key: bytes | bytearray) -> bool:
        """True when the store returns exactly ``key`` (its copy is wiped after)."""
        import hmac

        stored = self.load(notebook_id)
        try:
            return hmac.compare_digest(stored, key)
        finally:
            wipe(stored)

    def delete(self, notebook_id: str) -> bool:
        """Delete the key. True if one was deleted, False if there was none."""
        backend = self._keyring()
        try:
            import keyring.errors

            backend.delete_password(self.service, _username(notebook_id))
        except keyring.errors.PasswordDeleteError:
            try:
                wipe(self.load(notebook_id))
            except KeyMissingError:
                return False
            raise CredentialStoreRefusedError(
                "The computer's credential store refused to delete the notebook's key."
            ) from None
        except Exception as exc:
            raise CredentialStoreRefusedError(
                "The computer's credential store could not be reached to delete the key."
            ) from exc
        return True

    def holds(self, notebook_id: str) -> bool:
        """True if the store still returns a key for the notebook."""
        try:
            wipe(self.load(notebook_id))
        except KeyMissingError:
            return False
        return True
