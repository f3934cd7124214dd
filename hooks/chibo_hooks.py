"""MkDocs hooks: thin adapters from build events to the ``chibo`` package.

Records are loaded and validated before anything is written, so a bad record stops the
build with every problem listed and a previous ``site/`` intact. Large sites make their
pages in a second process while MkDocs builds (``chibo.output.worker``); ``mkdocs serve``
asks a preview worker kept for the session (``chibo.output.preview``). The build is
pointed at a hidden sibling of ``site/`` and, complete, takes its place in one step
(``chibo.output.publish``). The search index reads each generated page with its tables
reduced to their text, and the page gets them back right after (``chibo.output.searchtext``).
State lives on the config object of the current build, never in this module.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from chibo import text
from chibo.output import assets, markup, policy, preview, publish, search, site, sources, worker
from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import event_priority, get_plugin_logger

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

log = get_plugin_logger("chibo")


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    project = Path(config.config_file_path).parent
    if publish.serving(Path(config.site_dir)):
        try:
            site.attach(config, preview.Preview.start(project, Path(config.site_dir), config.use_directory_urls))
        except preview.PreviewError as error:
            raise PluginError(str(error)) from None
    elif worker.wanted(project):
        site.attach(config, worker.Worker.start(project, config.use_directory_urls))
    else:
        try:
            site.attach(config, site.build(project, config.use_directory_urls))
        except site.RecordsError as error:
            raise PluginError(f"Hồ sơ có lỗi, không tạo trang:\n{error}") from None
    config.mdx_configs.setdefault("toc", {})["slugify"] = text.slugify
    config.markdown_extensions.append(policy.AlignClasses())
    try:
        publish.begin(config)
    except publish.PublishError as error:
        site.from_config(config).close()
        raise PluginError(str(error)) from None
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    pages = site.from_config(config)
    try:
        index = pages.index()
    except site.RecordsError as error:
        raise PluginError(f"Hồ sơ có lỗi, không tạo trang:\n{error}") from None
    except (worker.WorkerError, preview.PreviewError) as error:
        raise PluginError(str(error)) from None
    for warning in index.warnings:
        log.warning(str(warning))
    offline = policy.offline(config)
    config.extra["chibo"] = index.theme_context(offline=offline)
    for entry in index.entries:
        if offline and sources.office_side(entry[0]):
            continue  # the offline copy is shared as a file: the members' pages only
        files.append(site.generated_file(config, entry, pages))
    return assets.fingerprint(search.fold_diacritics(files, config), config)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    pages = site.from_config(config)
    pages.built(page.url)
    return site.search_text(pages, page.file.src_uri, html)


@event_priority(-100)  # after the search plugin has read the page
def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    page.content = site.fill_blocks(site.from_config(config), page.file.src_uri, page.content)
    return context


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    html = markup.fix_material_markup(output)
    return policy.externalize_scripts(html, root=policy.page_root(page.url), site_dir=Path(config.site_dir))


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    html = markup.fix_material_markup(output_content)
    root = policy.template_root(template_name, config)
    return policy.externalize_scripts(html, root=root, site_dir=Path(config.site_dir))


@event_priority(-1000)  # last: after the search index and the offline copy are written
def on_post_build(config: MkDocsConfig) -> None:
    try:
        site.from_config(config).finish()
    except (site.RecordsError, worker.WorkerError, preview.PreviewError) as error:
        raise PluginError(str(error)) from None
    try:
        publish.finish(config)
    except publish.PublishError as error:
        raise PluginError(str(error)) from None


@event_priority(-1000)  # last: after every other plugin has cleaned up
def on_build_error(error: Exception) -> None:
    """A full disk ends the build with one line in Vietnamese, not a traceback; the build's
    folder is deleted as the build ends (``publish``), the published site untouched."""
    message = publish.failure(error)
    if message is not None:
        raise Abort(message)
