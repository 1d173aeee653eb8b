"""fieldapp — 社区体检外业助手: offline-first field app for community checkups."""

__version__ = "0.1.0"
