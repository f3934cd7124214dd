"""The ``chibo`` command: validate, new, import, schema, demo."""
