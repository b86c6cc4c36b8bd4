"""Chat pipeline: one line in (Discord or terminal), one reply model out."""
