"""Render: the Report → Markdown pages, HTML blocks, downloads, and the MkDocs glue.

``render`` (Jinja environments) · ``pages`` (URL → template and slice of the Report) ·
``charts`` (SVG geometry) · ``tables`` (the rows of the CSV files and spreadsheets) ·
``downloads`` (JSON, CSV, iCalendar, Atom) · ``spreadsheets`` (.xlsx) · ``search`` and
``markup`` (small corrections to Material) · ``site`` (one build, used by the hooks and by
``standalone``) · ``standalone`` and ``anchors`` (``chibo generate``: the site as a
project without hooks).
"""
