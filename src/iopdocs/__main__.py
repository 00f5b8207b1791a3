"""Allow `python -m iopdocs`."""

from iopdocs.cli import main

main()
