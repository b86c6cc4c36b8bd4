"""The desk's settings: DATA_DIR must stay out of the (disposable) cache."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from bot.desk.database import database_url
from config.settings import Settings


def test_defaults() -> None:
    settings = Settings(_env_file=None)
    assert settings.data_dir == Path("data") and settings.database_url is None


@pytest.mark.parametrize("data_dir", [".cache", ".cache/desk", "./.cache/a/b"])
def test_data_dir_inside_the_cache_is_refused(data_dir: str) -> None:
    with pytest.raises(ValidationError, match=r"must not be inside CACHE_DIR \(\.cache\)"):
        Settings(_env_file=None, data_dir=Path(data_dir))


def test_a_data_dir_beside_the_cache_is_fine(tmp_path: Path) -> None:
    settings = Settings(
        _env_file=None, cache_dir=tmp_path / "cache", data_dir=tmp_path / "cache-data"
    )
    assert database_url(settings).endswith(str(tmp_path / "cache-data" / "desk.sqlite3"))
    assert (tmp_path / "cache-data").is_dir()


def test_database_url_wins_over_data_dir(tmp_path: Path) -> None:
    url = "postgresql+asyncpg://desk@db.example/cablebot"
    settings = Settings(_env_file=None, data_dir=tmp_path / "data", database_url=url)
    assert database_url(settings) == url
    assert not (tmp_path / "data").exists()
