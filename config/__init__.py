from config.settings import Settings

__all__ = ["Settings"]
