"""chibo: a Party committee's programmes for building model party cells, and each cell's records, to a MkDocs site.

The way of the data, one folder per step; imports go down this list, never up:

* ``records/`` — read and check: YAML with line marks, models, validation, JSON Schema;
* ``report/`` — compute: one frozen Report per build (figures, targets, selection, roadmap);
* ``output/`` — render: pages, downloads, templates, theme overrides, MkDocs glue;
* ``commands/`` — the ``chibo`` command (validate, new, import, schema, demo).

Beside them, shared by all: ``vocab`` (codes and labels), ``formats`` (Vietnamese dates
and numbers), ``text`` (accent folding).
"""
