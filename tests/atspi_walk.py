"""Walks peerdesk the way a screen reader sees it, through AT-SPI (pyatspi).

Run by tests/test_accessibility.py with Debian's /usr/bin/python3 (pyatspi is not in the
virtual environment). Prints one JSON object: the unnamed interactive controls found on
each screen, and what happened when buttons were pressed through AT-SPI.
"""

from __future__ import annotations

import json
import sys
import time

import pyatspi

INTERACTIVE = {
    "push button", "toggle button", "check box", "radio button", "combo box", "text",
    "password text", "spin button", "list", "table", "tree", "tree table", "page tab",
    "menu item", "slider", "entry", "link", "check menu item", "radio menu item",
}


def find_app(name: str, timeout: float = 30.0) -> pyatspi.Accessible:
    desktop = pyatspi.Registry.getDesktop(0)
    end = time.time() + timeout
    while time.time() < end:
        for i in range(desktop.childCount):
            app = desktop.getChildAtIndex(i)
            if app is not None and app.name == name:
                return app
        time.sleep(0.2)
    raise SystemExit(f"no application named {name!r} on the accessibility bus")


def showing(node: pyatspi.Accessible) -> bool:
    states = node.getState()
    return states.contains(pyatspi.STATE_SHOWING) and states.contains(pyatspi.STATE_VISIBLE)


def nodes(root: pyatspi.Accessible, depth: int = 0):
    if depth > 60:
        return
    try:
        count = root.childCount
    except Exception:
        return
    yield root
    for i in range(min(count, 400)):
        try:
            child = root.getChildAtIndex(i)
        except Exception:
            continue
        if child is not None:
            yield from nodes(child, depth + 1)


def unnamed(root: pyatspi.Accessible) -> list[str]:
    problems = []
    for node in nodes(root):
        try:
            role = node.getRoleName()
            if role in INTERACTIVE and showing(node) and not (node.name or "").strip():
                parent = node.parent
                problems.append(f"{role} in {parent.getRoleName()} {parent.name!r}")
        except Exception:
            continue
    return problems


def find(root: pyatspi.Accessible, role: str, name: str | None = None,
         timeout: float = 10.0) -> pyatspi.Accessible:
    end = time.time() + timeout
    while time.time() < end:
        for node in nodes(root):
            try:
                if node.getRoleName() == role and (name is None or node.name == name) \
                        and showing(node):
                    return node
            except Exception:
                continue
        time.sleep(0.2)
    seen = []
    for node in nodes(root):
        try:
            if showing(node) and node.getRoleName() in ("label", "dialog", "frame"):
                text = node.queryText().getText(0, -1) if node.getRoleName() == "label" else ""
                seen.append(f"{node.getRoleName()} {node.name!r} {text!r}")
        except Exception:
            continue
    raise SystemExit(f"no {role} named {name!r} showing; showing: {seen}")


def press(node: pyatspi.Accessible) -> None:
    action = node.queryAction()
    for i in range(action.nActions):
        if action.getName(i) in ("Press", "press", "click", "activate"):
            action.doAction(i)
            return
    action.doAction(0)


def main() -> int:
    passphrase = sys.argv[1]
    app = find_app("peerdesk")
    report: dict[str, object] = {"screens": {}}
    screens: dict[str, list[str]] = {}
    find(app, "list", "Engagements")
    screens["Engagement list"] = unnamed(app)

    press(find(app, "push button", "Open the selected engagement"))
    field = find(app, "password text", "Passphrase")
    screens["Unlock notebook"] = unnamed(app)
    field.queryEditableText().setTextContents(passphrase)
    press(find(app, "push button", "Unlock"))
    tabs = find(app, "page tab list", None, timeout=20)
    report["opened_by_atspi_press"] = True
    for i in range(tabs.childCount):
        tab = tabs.getChildAtIndex(i)
        if tab.getRoleName() != "page tab":
            continue
        tabs.querySelection().selectChild(i)
        time.sleep(0.8)
        screens[tab.name] = unnamed(app)
    press(find(app, "push button", "Lock"))
    find(app, "password text", "Passphrase")  # the passphrase, where the engagement was
    screens["Locked"] = unnamed(app)
    press(find(app, "push button", "Show all engagements"))
    find(app, "list", "Engagements")
    report["locked_by_atspi_press"] = True
    report["screens"] = screens
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
