"""iopdocs: the decision papers of an IOP matter, from one case file."""

__version__ = "0.1.0"
