"""Built-in form definitions (YAML data), installed as package ``fieldapp_forms``."""
