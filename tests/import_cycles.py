"""Print, as JSON, every group of peerdesk's modules that import one another in a circle
(Tarjan's strongly connected components over grimp's graph, which counts imports inside
functions and for type checkers). Run as a script, so that the package it reads is the one
on PYTHONPATH, not one already imported by the test run."""

from __future__ import annotations

import json
import sys

import grimp


def cycles(package: str) -> list[list[str]]:
    graph = grimp.build_graph(package, cache_dir=None)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for imported in sorted(graph.find_modules_directly_imported_by(module)):
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in on_stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == module:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    sys.setrecursionlimit(10_000)
    for module in sorted(graph.modules):
        if module not in index:
            visit(module)
    return sorted(found)


if __name__ == "__main__":
    print(json.dumps(cycles(sys.argv[1] if len(sys.argv) > 1 else "peerdesk")))
