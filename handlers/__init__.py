"""The chat commands: one module each, holding the command's reference entry (`SPEC`), its
typed request, `parse` (a typed line into the request) and `handle` (the request into a
reply), bundled as `COMMAND`. `registry` lists them; `dispatch` runs them and is the one
place where errors become replies.

No Discord or terminal code here: front ends render the returned reply models.
"""
