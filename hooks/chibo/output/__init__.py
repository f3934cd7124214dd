"""Render: the Report → Markdown pages, HTML blocks, downloads, and the MkDocs glue.

``render`` (Jinja environments) · ``pages`` (URL → template and slice of the Report) ·
``charts`` (SVG geometry) · ``tables`` (the rows of the CSV files and spreadsheets) ·
``downloads`` (JSON, CSV, iCalendar, Atom) · ``spreadsheets`` (.xlsx) · ``documents`` (Party
documents: print pages and .docx) · ``search`` and ``markup`` (small corrections to Material)
· ``policy`` (the content policy, and what makes the pages obey it) · ``site`` (one build, used
by the hooks and by ``standalone``) · ``publish`` (the built folder takes the place of
``site/`` in one step) · ``standalone`` and ``anchors`` (``chibo generate``: the site as a
project without hooks).
"""
