"""Render: the Report → Markdown pages, HTML blocks, downloads, and the MkDocs glue.

``render`` (Jinja environments) · ``pages`` (URL → template and slice of the Report) ·
``charts`` (SVG geometry) · ``downloads`` (JSON, CSV, iCalendar, Atom) · ``search`` and
``markup`` (small corrections to Material) · ``policy`` (the content policy, and what
makes the pages obey it) · ``site`` (one build, used by the hooks) · ``publish`` (the
built folder takes the place of ``site/`` in one step).
"""
