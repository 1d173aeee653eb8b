"""Alembic environment and revisions of the server database (run by ``fieldapp serve``)."""
