"""MkDocs hooks: thin adapters from build events to the ``chibo`` package.

Records are loaded and validated in ``on_config``, before MkDocs empties ``site/``, so
a bad record stops the build with every problem listed and a previous ``site/`` intact.
State lives on the config object of the current build, never in this module.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

from chibo import text
from chibo.output import markup, search, site

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

log = get_plugin_logger("chibo")


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    project = Path(config.config_file_path).parent
    try:
        built = site.build(project)
    except site.RecordsError as error:
        raise PluginError(f"Hồ sơ có lỗi, không tạo trang:\n{error}") from None
    for warning in built.records.warnings:
        log.warning(warning)
    site.attach(config, built)
    config.extra["chibo"] = built.theme_context()
    config.mdx_configs.setdefault("toc", {})["slugify"] = text.slugify
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    for page in site.from_config(config).pages:
        files.append(site.generated_file(config, page))
    return search.fold_diacritics(files, config)


def on_post_page(output: str, page: object, config: MkDocsConfig) -> str:
    return markup.fix_material_markup(output)


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    return markup.fix_material_markup(output_content)
