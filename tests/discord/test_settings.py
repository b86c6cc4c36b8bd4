from __future__ import annotations

import re
from pathlib import Path

import pytest
from pydantic import ValidationError

from config.settings import SEEDS, Settings

_VARS = [name.upper() for name in Settings.model_fields]


@pytest.fixture
def empty_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> pytest.MonkeyPatch:
    for name in _VARS:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)  # no .env here
    return monkeypatch


def test_empty_environment_gives_working_defaults(empty_env: pytest.MonkeyPatch) -> None:
    settings = Settings()
    assert settings.discord_token is None
    assert settings.command_prefix == "!"
    assert settings.library_paths == [SEEDS]
    assert settings.dev_guild_ids == [] and settings.link_expansion_channel_ids == []
    assert settings.message_content_intent is True


def test_id_lists_accept_commas_and_json(empty_env: pytest.MonkeyPatch) -> None:
    empty_env.setenv("DEV_GUILD_IDS", "123, 456")
    empty_env.setenv("OWNER_IDS", "[789]")
    empty_env.setenv("LIBRARY_PATHS", "seeds/raw,seeds/bulk")
    settings = Settings()
    assert settings.dev_guild_ids == [123, 456]
    assert settings.owner_ids == [789]
    assert settings.library_paths == [Path("seeds/raw"), Path("seeds/bulk")]


def test_dot_env_file_is_read_and_token_is_secret(empty_env: pytest.MonkeyPatch) -> None:
    Path(".env").write_text("DISCORD_TOKEN=abc.def\nMESSAGE_CONTENT_INTENT=false\n")
    settings = Settings()
    assert settings.discord_token is not None
    assert settings.discord_token.get_secret_value() == "abc.def"
    assert "abc.def" not in repr(settings)
    assert settings.message_content_intent is False


def test_bad_values_are_rejected(empty_env: pytest.MonkeyPatch) -> None:
    empty_env.setenv("DEV_GUILD_IDS", "not-a-number")
    with pytest.raises(ValidationError):
        Settings()


def _documented_settings() -> dict[str, str]:
    """docs/discord.md's settings table: variable -> documented default."""
    text = (Path(__file__).parents[2] / "docs" / "discord.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `([A-Z_]+)` \| ([^|]+) \|", text, flags=re.MULTILINE)
    return {name: default.strip() for name, default in rows}


def test_every_setting_is_documented_and_every_documented_one_exists() -> None:
    assert set(_documented_settings()) == set(_VARS)


@pytest.mark.parametrize(
    "name", [n for n, f in Settings.model_fields.items() if type(f.default) in (int, float, str)]
)
def test_documented_scalar_defaults_are_the_real_ones(name: str) -> None:
    documented = _documented_settings()[name.upper()].strip("`")
    default = Settings.model_fields[name].default
    if isinstance(default, str):
        assert documented == default
    else:
        assert float(documented) == default


def test_pager_timeout_is_bounded_by_discords_edit_window(empty_env: pytest.MonkeyPatch) -> None:
    empty_env.setenv("PAGER_TIMEOUT_SECONDS", "901")
    with pytest.raises(ValidationError):
        Settings()
