"""chibo: records of model party cells ("chi bộ kiểu mẫu") to a MkDocs site.

The way of the data: ``loader`` (YAML with line marks) → ``validate`` (models in
``models``) → ``records`` (all files, once) → ``compute`` (status, shares, targets) →
``render`` and ``pages`` (Markdown from templates) → ``site`` (what the hooks use).
"""
