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

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from bot.cables.bundled import SEEDS

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
    pager_timeout_seconds: float = Field(default=300.0, gt=0)
    log_level: str = "INFO"

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
