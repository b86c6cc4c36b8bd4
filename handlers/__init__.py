"""One module per chat command; each exposes `handle(state, args) -> Reply`.

No Discord or terminal code here: front ends render the returned reply models.
"""
