"""On real X displays of 1280×720, 1366×768 and 1920×1080 at 100, 150 and 200 % (Qt's
scale factor), the window opens inside the screen with the live session and its post-it
bar open (tests/screen_fit.py also makes the docs' screenshots)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import need_tools
from tests.screen_fit import SCALES, SCREENS, live_session_at, make_home


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("screen-fit")
    make_home(folder / "home", folder / "keyring.json")
    return folder / "home", folder / "keyring.json"


@pytest.mark.system
@pytest.mark.slow
@pytest.mark.parametrize("scale", SCALES)
@pytest.mark.parametrize("screen", SCREENS)
def test_the_window_opens_inside_the_screen(screen: str, scale: str, home: tuple[Path, Path],
                                            tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            ) -> None:
    need_tools("Xvfb", "xdotool", "xwininfo", "import")
    from tests.destruction_helpers import KEYRING_FILE_ENV

    monkeypatch.setenv(KEYRING_FILE_ENV, str(home[1]))
    placed = live_session_at(screen, scale, home[0], tmp_path / "shot.png")
    assert placed.inside, placed
    assert (tmp_path / "shot.png").stat().st_size > 0
