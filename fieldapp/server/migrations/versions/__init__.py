"""Server schema revisions, one module each, never edited after they land."""
