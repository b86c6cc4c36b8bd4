"""What the user asked for cannot be answered, and why: raised where the problem is found
(a filter, a label, a cable id), turned into the error reply in one place
(`handlers.dispatch`)."""

from __future__ import annotations

from typing import Self

from bot.chat.replies import ErrorReply


class UserError(Exception):
    def __init__(
        self, message: str, suggestions: list[str] | None = None, notes: list[str] | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.suggestions = suggestions or []
        self.notes = notes or []

    def noted(self, notes: list[str]) -> Self:
        """This error with `notes` first: what was understood before it went wrong (a
        mistyped id taken as the close match) still helps the user."""
        self.notes[:0] = notes
        return self

    def reply(self) -> ErrorReply:
        return ErrorReply(message=self.message, suggestions=self.suggestions, notes=self.notes)
