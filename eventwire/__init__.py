"""eventwire: a trustworthy record of political events from news articles."""

__version__ = "0.1.0"

__all__ = ["__version__"]
