"""The real app on a real X display, opening Documents › Import, for tests/test_recent_files.py.

    python tests/dialog_driver.py      (PEERDESK_HOME, DISPLAY and the desktop from the env)

Makes an engagement, opens its Documents tab and presses Import. It prints ``dialog``
once the file dialog is on screen (the test then types a file's path into it, as a person
would), ``native`` instead if the dialog is the desktop's own rather than Qt's, and
``imported N`` once N documents are in the notebook; then it quits.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

PASSPHRASE = "a passphrase for the dialog check"


def main() -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit

    from peerdesk.capture.documents import list_documents
    from peerdesk.gui.shell.application import build_window, create_application
    from peerdesk.vault.domain import EngagementDetails
    from peerdesk.vault.library import Library
    from peerdesk.vault.paths import AppPaths

    app = create_application(["peerdesk"])
    paths = AppPaths.from_environment()
    library = Library(paths)
    window = build_window(paths, library=library)
    window.show()
    notebook = library.create(EngagementDetails(title="Recent files check"), PASSPHRASE)
    window._show(notebook)   # as the New engagement dialog does once it is accepted
    assert window.page is not None
    documents = window.page.show_tab("Documents")
    state = {"said": False, "deadline": time.monotonic() + 120}

    def watch() -> None:
        dialog = QApplication.activeModalWidget()
        if not state["said"] and isinstance(dialog, QFileDialog):
            qt_own = dialog.findChild(QLineEdit, "fileNameEdit") is not None
            print("dialog" if qt_own else "native", flush=True)
            state["said"] = True
        if len(list_documents(notebook)) and documents.import_task is not None \
                and not documents.import_task.running:
            print(f"imported {len(list_documents(notebook))}", flush=True)
            window.close()
            app.quit()
            return
        if time.monotonic() > state["deadline"]:
            print("problem: nothing was imported", flush=True)
            app.exit(3)
            return
        QTimer.singleShot(50, watch)

    QTimer.singleShot(0, documents.import_documents)  # type: ignore[attr-defined]
    QTimer.singleShot(50, watch)
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
