"""`python -m advisor` runs the command-line interface."""

from advisor.cli.main import main

main()
