"""A mistake in what the user asked for, raised deep in parsing and answered as an error reply."""

from __future__ import annotations

from bot.chat.replies import ErrorReply


class UserError(Exception):
    def __init__(self, message: str, suggestions: list[str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.suggestions = suggestions or []

    def reply(self, notes: list[str] | None = None) -> ErrorReply:
        return ErrorReply(message=self.message, suggestions=self.suggestions, notes=notes or [])
