"""The chapters of the report, one module per group of chapters; each returns flowables."""
