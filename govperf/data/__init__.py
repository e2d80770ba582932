"""Data tables (YAML) loaded once by the modules that use them."""
