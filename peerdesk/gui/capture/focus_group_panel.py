"""Focus groups: what each small group fed back, and each participant's one recommendation.

A recommendation becomes a post-it of kind "participant recommendation" on the chosen
flip chart, with this session as its source.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from peerdesk.capture.focus_groups import FocusGroupStore, GroupFeedback
from peerdesk.capture.postits import PostitStore
from peerdesk.vault.domain import FlipChart
from peerdesk.vault.errors import PeerdeskError
from peerdesk.vault.template import ExerciseTemplate

RECOMMENDATION = "participant_recommendation"


def next_group_label(label: str) -> str:
    """"Group 2" after "Group 1"; other labels stay as they are."""
    match = re.search(r"(\d+)\s*$", label)
    if not match:
        return label
    return label[:match.start(1)] + str(int(match.group(1)) + 1)


class FocusGroupPanel(QWidget):
    recommendation_added = Signal(object)  # the Postit

    def __init__(self, store: FocusGroupStore, postits: PostitStore,
                 report_error: Callable[[str], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.postits = postits
        self._report_error = report_error
        self.session_id: int | None = None
        self.exercises: tuple[ExerciseTemplate, ...] = ()
        self.setAccessibleName("Focus group capture")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)

        feedback = QGroupBox("What each small group fed back", self)
        form = QFormLayout(feedback)
        self.exercise_choice = QComboBox(feedback)
        self.exercise_choice.setAccessibleName("Exercise the feedback answers")
        form.addRow(*self._label("E&xercise:", self.exercise_choice, feedback))
        self.group_edit = QLineEdit("Group 1", feedback)
        self.group_edit.setAccessibleName("Group")
        self.group_edit.setAccessibleDescription("Which small group, e.g. Group 1 or Table 3")
        form.addRow(*self._label("&Group:", self.group_edit, feedback))
        self.feedback_edit = QLineEdit(feedback)
        self.feedback_edit.setAccessibleName("What the group said")
        self.feedback_edit.setPlaceholderText("What the group said; Enter adds it")
        self.feedback_edit.returnPressed.connect(self.add_feedback)
        form.addRow(*self._label("&What they said:", self.feedback_edit, feedback))
        self.add_feedback_button = QPushButton("Add feedback (Enter)", feedback)
        self.add_feedback_button.setAccessibleName("Add the group's feedback")
        self.add_feedback_button.clicked.connect(self.add_feedback)
        form.addRow("", self.add_feedback_button)
        self.feedback_list = QListWidget(feedback)
        self.feedback_list.setAccessibleName("Feedback from the groups")
        self.feedback_list.setWordWrap(True)
        form.addRow(self.feedback_list)
        layout.addWidget(feedback, 3)

        recs = QGroupBox("Each participant's one recommendation", self)
        rform = QFormLayout(recs)
        self.rec_edit = QLineEdit(recs)
        self.rec_edit.setAccessibleName("Recommendation")
        self.rec_edit.setPlaceholderText("As the participant wrote it; Enter adds it")
        self.rec_edit.returnPressed.connect(self.add_recommendation)
        rform.addRow(*self._label("Recommendatio&n:", self.rec_edit, recs))
        self.chart_choice = QComboBox(recs)
        self.chart_choice.setAccessibleName("Flip chart for the recommendation")
        rform.addRow(*self._label("On c&hart:", self.chart_choice, recs))
        self.add_rec_button = QPushButton("Add recommendation (Enter)", recs)
        self.add_rec_button.setAccessibleName("Add the recommendation as a post-it")
        self.add_rec_button.clicked.connect(self.add_recommendation)
        rform.addRow("", self.add_rec_button)
        self.rec_count = QLabel(recs)
        self.rec_count.setAccessibleName("Recommendations so far")
        rform.addRow(self.rec_count)
        layout.addWidget(recs, 2)
        self.setTabOrder(self.exercise_choice, self.group_edit)
        self.setTabOrder(self.group_edit, self.feedback_edit)
        self.setTabOrder(self.feedback_edit, self.add_feedback_button)
        self.setTabOrder(self.add_feedback_button, self.feedback_list)
        self.setTabOrder(self.feedback_list, self.rec_edit)
        self.setTabOrder(self.rec_edit, self.chart_choice)
        self.setTabOrder(self.chart_choice, self.add_rec_button)

    @staticmethod
    def _label(text: str, buddy: QWidget, parent: QWidget) -> tuple[QLabel, QWidget]:
        label = QLabel(text, parent)
        label.setBuddy(buddy)
        return label, buddy

    def load(self, session_id: int, exercises: tuple[ExerciseTemplate, ...],
             charts: list[FlipChart]) -> None:
        self.session_id = session_id
        self.exercises = exercises
        self.exercise_choice.clear()
        for number, exercise in enumerate(exercises, start=1):
            self.exercise_choice.addItem(f"{number}. {exercise.title}", exercise.key)
        self.set_charts(charts)
        self._show_feedback()
        self._count_recommendations()

    def select_exercise(self, key: str) -> None:
        """Feedback typed next answers this exercise (the one whose timer just started)."""
        index = self.exercise_choice.findData(key)
        if index >= 0:
            self.exercise_choice.setCurrentIndex(index)

    def set_charts(self, charts: list[FlipChart]) -> None:
        current = self.chart_choice.currentData()
        self.chart_choice.clear()
        for number, chart in enumerate(charts, start=1):
            self.chart_choice.addItem(f"{number} {chart.title}", chart.id)
        index = self.chart_choice.findData(current)
        self.chart_choice.setCurrentIndex(max(index, 0))

    def _title(self, key: str) -> str:
        return next((e.title for e in self.exercises if e.key == key), key)

    def _show_feedback(self) -> None:
        self.feedback_list.clear()
        if self.session_id is None:
            return
        for item in self.store.feedback(self.session_id):
            self._list(item)

    def _list(self, item: GroupFeedback) -> None:
        group = f"{item.group_label}: " if item.group_label else ""
        row = QListWidgetItem(f"{group}{item.text}  [{self._title(item.exercise_key)}]")
        row.setData(Qt.ItemDataRole.UserRole, item.id)
        self.feedback_list.addItem(row)
        self.feedback_list.scrollToItem(row)

    def add_feedback(self) -> None:
        if self.session_id is None:
            return
        key = self.exercise_choice.currentData()
        try:
            item = self.store.add_feedback(self.session_id, str(key or ""),
                                           self.feedback_edit.text(), self.group_edit.text())
        except PeerdeskError as exc:
            self._report_error(exc.message)
            return
        self._list(item)
        self.feedback_edit.clear()
        self.group_edit.setText(next_group_label(self.group_edit.text()))

    def add_recommendation(self) -> None:
        if self.session_id is None:
            return
        chart_id = self.chart_choice.currentData()
        if chart_id is None:
            self._report_error("Add a flip chart first: a recommendation goes on one.")
            return
        try:
            postit = self.postits.add(int(chart_id), self.rec_edit.text(), RECOMMENDATION,
                                      session_id=self.session_id)
        except PeerdeskError as exc:
            self._report_error(exc.message)
            return
        self.rec_edit.clear()
        self._count_recommendations()
        self.recommendation_added.emit(postit)

    def _count_recommendations(self) -> None:
        if self.session_id is None:
            self.rec_count.clear()
            return
        count = sum(1 for p in self.postits.list_for_session(self.session_id)
                    if p.kind == RECOMMENDATION)
        self.rec_count.setText(f"{count} recommendation{'s' if count != 1 else ''} so far "
                               "(listed with the session's post-its)")

    def clear(self) -> None:
        self.session_id = None
        self.exercises = ()
        self.exercise_choice.clear()
        self.chart_choice.clear()
        self.feedback_list.clear()
        self.feedback_edit.clear()
        self.rec_edit.clear()
        self.rec_count.clear()
