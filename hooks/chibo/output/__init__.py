"""Render: the Report → Markdown pages, HTML blocks, downloads, and the MkDocs glue.

``render`` (Jinja environments) · ``pages`` (URL → template and slice of the Report) ·
``charts`` (SVG geometry) · ``downloads`` (JSON, CSV, iCalendar, Atom) · ``search`` and
``markup`` (small corrections to Material) · ``site`` (one build, used by the hooks).
"""
