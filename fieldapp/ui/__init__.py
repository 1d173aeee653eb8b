"""The desktop app (PySide6): windows, widgets and models over fieldapp.core and fieldapp.store.

The only package that imports Qt. Every action is a call into the layers below; long work
runs through :mod:`fieldapp.ui.ops`, every database write through :mod:`fieldapp.ui.writer`.
"""
