"""`python -m fieldapp` is the `fieldapp` command."""

from fieldapp.cli import main

if __name__ == "__main__":  # not when a photo worker process re-imports the main module
    raise SystemExit(main())
