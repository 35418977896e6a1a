"""Interactive self-check exercises: bank schema, browser payload, Sphinx directive, Jupyter widget."""
