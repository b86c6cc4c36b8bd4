"""The chat's shared machinery: grammar, filters, cable lookup, user errors, reply models and
app state. The commands built on it are `handlers/*`; nothing here imports them."""
