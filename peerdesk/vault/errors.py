"""Errors raised by the core, each carrying a plain message a peer can act on.

The GUI and the CLI show ``error.message``; nothing here holds note text.
"""

from __future__ import annotations


class PeerdeskError(Exception):
    """Base for every error the core reports to a person."""

    default_message = "Something went wrong in peerdesk."

    def __init__(self, message: str | None = None) -> None:
        self.message = message or self.default_message
        super().__init__(self.message)


class NotebookClosedError(PeerdeskError):
    default_message = "The notebook is locked. Unlock it to carry on."


class WrongPassphraseError(PeerdeskError):
    default_message = (
        "That passphrase is not the one for this notebook. Check Caps Lock and try again."
    )


class KeyMissingError(PeerdeskError):
    default_message = (
        "This notebook's key is not in the computer's credential store. "
        "Type the notebook's passphrase to open it; peerdesk will put the key back."
    )


class CredentialStoreUnavailableError(PeerdeskError):
    default_message = (
        "The computer's credential store is not available or is locked, so the notebook "
        "cannot be opened without its passphrase. Type the passphrase to open it."
    )


class CredentialStoreRefusedError(PeerdeskError):
    default_message = "The computer's credential store refused the change."


class NotebookDamagedError(PeerdeskError):
    """The notebook file itself (or a file SQLite keeps beside it) is damaged: the key is
    right but what is on the disk is not what peerdesk wrote."""

    default_message = (
        "This notebook file is damaged and cannot be read. Nothing has been changed. "
        "If you have a copy of the file, put it back in peerdesk's folder."
    )


class SidecarDamagedError(NotebookDamagedError):
    """The write-ahead log (-wal) beside a notebook is damaged or belongs to another file."""

    default_message = (
        "The notebook's write-ahead log (the file ending in -wal) is damaged or belongs to "
        "another notebook. Nothing has been changed.")


class NotebookTooNewError(NotebookDamagedError):
    default_message = "This notebook was made by a newer peerdesk. Update peerdesk to open it."


class KeyFileDamagedError(PeerdeskError):
    default_message = (
        "The notebook's key file is damaged or missing, so the passphrase cannot be "
        "checked. The notebook can still open from the computer's credential store."
    )


class NotebookInUseError(PeerdeskError):
    default_message = (
        "This notebook is already open in another peerdesk window. "
        "Close it there first, then try again."
    )


class NotebookNotFoundError(PeerdeskError):
    default_message = "There is no such notebook in peerdesk's folder."


class WeakPassphraseError(PeerdeskError):
    default_message = "Choose a longer passphrase: at least 10 characters."


class StorageError(PeerdeskError):
    """The disk said no: full, read-only or missing folder. Never a sign of damage, so the
    advice is never to put an older copy back."""

    default_message = (
        "peerdesk could not write to the disk. Nothing was changed. "
        "Check that the disk has free space and that the folder can be written to."
    )

    @property
    def while_retrying(self) -> str:
        """The message for a screen that keeps what was refused and tries again by itself:
        the peer need not try again."""
        return self.message.replace(", then try again.", ".")


class DiskFullError(StorageError):
    default_message = "The disk is full, so nothing could be saved. Free some space, then " \
        "try again."


class ReadOnlyError(StorageError):
    default_message = "The folder is on a read-only disk, so nothing could be saved."


class ImmutableFileError(StorageError):
    default_message = "The file is marked as unchangeable, so nothing could be saved."


class PermissionDeniedError(StorageError):
    default_message = "peerdesk has no permission to write there, so nothing could be saved."


class UnexpectedError(PeerdeskError):
    """Something peerdesk did not foresee, told in one sentence (the last resort of the CLI
    and of the window; the cases peerdesk foresees have errors of their own)."""

    @classmethod
    def about(cls, exc: BaseException, what: str) -> UnexpectedError:
        return cls(f"peerdesk could not {what}: something unexpected went wrong "
                   f"({type(exc).__name__}). Nothing more was changed.")


class ValidationError(PeerdeskError):
    """A value a person typed or imported is not acceptable."""

    default_message = "Some of the details are not valid."
