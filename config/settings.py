"""Settings, read from environment variables and `.env` (pydantic-settings).

Every field is an environment variable of the same name in upper case
(`DISCORD_TOKEN`, `DEV_GUILD_IDS`, ...). Lists of ids accept a comma-separated
string (`DEV_GUILD_IDS=123,456`) as well as JSON (`DEV_GUILD_IDS=[123,456]`).
`Settings()` with an empty environment works: only connecting to Discord needs a token.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

from pydantic import Field, SecretStr, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from bot.cables.bundled import SEEDS
from bot.cables.limits import MB, InputLimits

IdList = Annotated[list[int], NoDecode]
PathList = Annotated[list[Path], NoDecode]


def _split_list(value: Any) -> Any:
    """`"1, 2"` or `"[1, 2]"` -> a list; other values pass through to pydantic."""
    if not isinstance(value, str):
        return value
    text = value.strip()
    if text.startswith("["):
        return json.loads(text)
    return [part.strip() for part in text.split(",") if part.strip()]


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    discord_token: SecretStr | None = None
    command_prefix: str = Field(default="!", min_length=1)
    library_paths: PathList = Field(default_factory=lambda: [SEEDS])
    cache_dir: Path = Path(".cache")
    # The research desk's SQLite file lives here; kept apart from the cache, which may be wiped.
    data_dir: Path = Path("data")
    # A PostgreSQL desk (`postgresql+asyncpg://...`) instead of SQLite in data_dir.
    database_url: str | None = None
    # `!ask` ranks by meaning as well as by shared words (a bundled sentence encoder,
    # +70 MB of memory, paragraph vectors built in the background); off: words only.
    semantic: bool = True

    # Slash commands are synced to these guilds at start (instant); global sync is `!sync global`.
    dev_guild_ids: IdList = Field(default_factory=list)
    # Users allowed to run `!reload` and `!sync`, on top of the application's owner(s).
    owner_ids: IdList = Field(default_factory=list)
    # Channels where the bot answers; empty means every channel it can see.
    allowed_channel_ids: IdList = Field(default_factory=list)
    # Channels where a pasted cable id or WikiLeaks cable link is expanded into a card.
    link_expansion_channel_ids: IdList = Field(default_factory=list)
    # Prefix commands and link expansion need this privileged intent; slash commands do not.
    message_content_intent: bool = True

    cooldown_rate: int = Field(default=5, ge=1)
    cooldown_seconds: float = Field(default=30.0, gt=0)
    # Discord stops accepting edits of a slash-command reply after 15 minutes.
    pager_timeout_seconds: float = Field(default=300.0, gt=0, le=900)
    log_level: str = "INFO"

    # Bounds on one input (docs/operating.md, "Input limits"): what is over one is rejected.
    input_max_record_mb: int = Field(default=4, ge=1)
    input_max_file_mb: int = Field(default=4096, ge=1)
    input_max_ratio: int = Field(default=200, ge=2)

    def input_limits(self) -> InputLimits:
        return InputLimits(
            max_record_bytes=self.input_max_record_mb * MB,
            max_file_bytes=self.input_max_file_mb * MB,
            max_ratio=self.input_max_ratio,
        )

    @field_validator(
        "library_paths",
        "dev_guild_ids",
        "owner_ids",
        "allowed_channel_ids",
        "link_expansion_channel_ids",
        mode="before",
    )
    @classmethod
    def _lists_from_text(cls, value: Any) -> Any:
        return _split_list(value)

    @field_validator("data_dir")
    @classmethod
    def _data_outside_cache(cls, data_dir: Path, info: ValidationInfo) -> Path:
        # The cache is disposable (`make clean`, a rebuilt index); the desk's data never is.
        cache_dir = info.data.get("cache_dir")
        if cache_dir is None:  # cache_dir itself was invalid and is reported on its own
            return data_dir
        data, cache = data_dir.resolve(), cache_dir.resolve()
        if data == cache or cache in data.parents:
            raise PydanticCustomError(
                "data_in_cache",
                "must not be inside CACHE_DIR ({cache_dir}): the cache may be deleted at any "
                "time, the desk's database must not be",
                {"cache_dir": str(cache_dir)},
            )
        return data_dir
