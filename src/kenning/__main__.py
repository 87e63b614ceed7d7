"""``python -m kenning`` (and the file spark-submit runs on a cluster's driver): the ``kenning`` command."""

from kenning.cli import main

if __name__ == "__main__":
    main()
