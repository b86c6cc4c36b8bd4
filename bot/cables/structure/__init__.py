"""The cable structure parser: one module per part of a cable's anatomy (CABLES.md 7-8).

`bot.cables.build` runs these passes in order over a reader's `RawCable`:
lines -> markers -> header -> body (labels, headings) -> spans, references, signer.
"""
