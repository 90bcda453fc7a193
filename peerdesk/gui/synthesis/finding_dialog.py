"""A small dialog for a new finding: headline, kind and, when made from scratch, the chart."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from peerdesk.gui.widgets.colours import problem_style
from peerdesk.synthesis.findings import KIND_TEXTS
from peerdesk.vault.domain import FlipChart

# The kind of finding a post-it's kind suggests.
KIND_FROM_POSTIT = {"strength": "strength", "area_to_explore": "area_to_explore",
                    "suggestion": "suggestion", "participant_recommendation": "suggestion",
                    "observation": "area_to_explore"}


class FindingDialog(QDialog):
    def __init__(self, parent: QWidget | None, charts: list[FlipChart] | None,
                 headline: str = "", kind: str = "strength", chart_id: int | None = None,
                 postits: int = 0) -> None:
        super().__init__(parent)
        grouping = charts is None
        self.setWindowTitle("Group into a finding" if grouping else "New finding")
        self.setAccessibleName(self.windowTitle())
        form = QFormLayout(self)
        if grouping:
            intro = QLabel("The selected post-it will support this finding, on its flip "
                           "chart." if postits == 1 else
                           f"The {postits} selected post-its will support this finding. It "
                           "goes on the flip chart of the first one.", self)
            intro.setWordWrap(True)
            form.addRow(intro)
        self.headline = QLineEdit(headline, self)
        self.headline.setAccessibleName("Headline")
        self.headline.setAccessibleDescription("The key message, in one sentence.")
        self.headline.setPlaceholderText("The key message, in one sentence")
        self.headline.setMinimumWidth(420)
        self.headline.selectAll()
        form.addRow("&Headline:", self.headline)
        self.kind = QComboBox(self)
        self.kind.setAccessibleName("Kind of finding")
        for key, text in KIND_TEXTS.items():
            self.kind.addItem(text, key)
        self.kind.setCurrentIndex(max(0, self.kind.findData(kind)))
        form.addRow("&Kind:", self.kind)
        self.chart = QComboBox(self)
        self.chart.setAccessibleName("Flip chart")
        for chart in charts or []:
            self.chart.addItem(chart.title, chart.id)
        if chart_id is not None:
            self.chart.setCurrentIndex(max(0, self.chart.findData(chart_id)))
        if not grouping:
            form.addRow("&Flip chart:", self.chart)
        else:
            self.chart.hide()
        self.problem = QLabel(self)
        self.problem.setStyleSheet(problem_style())
        self.problem.setAccessibleName("Problem")
        self.problem.setWordWrap(True)
        form.addRow(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Make the finding")
        self.ok_button.setAccessibleName("Make the finding")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName("Cancel")
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.headline.setFocus()

    def _accept(self) -> None:
        if not self.headline.text().strip():
            self.problem.setText("Give the finding a headline.")
            self.headline.setFocus()
            return
        self.accept()

    def values(self) -> tuple[str, str, int | None]:
        chart = self.chart.currentData()
        return (self.headline.text().strip(), str(self.kind.currentData()),
                None if chart is None else int(chart))
