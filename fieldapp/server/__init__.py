"""The central server (docs/sync.md): accounts, the sync API, photo files, conflicts.

``fieldapp serve`` runs :func:`fieldapp.server.app.create_app` under uvicorn;
``fieldapp server …`` manages accounts. Needs the ``server`` extras (FastAPI, SQLAlchemy,
Alembic, psycopg); nothing here imports Qt.
"""
