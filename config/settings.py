"""Settings, read from environment variables and `.env` (pydantic-settings)."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    discord_token: str | None = None
    command_prefix: str = "!"
    library_paths: list[Path] = Field(default_factory=lambda: [SEEDS])
    cache_dir: Path = Path(".cache")
