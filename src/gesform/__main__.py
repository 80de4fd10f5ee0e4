"""``python -m gesform`` runs the command line."""

from .cli import main

main()
