"""MkDocs hooks: thin adapters from build events to the ``chibo`` package.

Records are loaded and validated before anything is written, so a bad record stops the
build with every problem listed and a previous ``site/`` intact. The pages and downloads are
made beside MkDocs (``chibo.output.maker``: a second process on large sites), in the order
MkDocs reads them; in ``mkdocs serve`` only what a saved record changed is made again.
The build is pointed at a hidden sibling of ``site/`` and, complete, takes its place in one
step (``chibo.output.publish``). The search index reads each generated page with its tables
reduced to their text, and the page gets them back right after (``chibo.output.fence``).

``lifecycle`` is this module's one piece of state, as a plugin's attributes would be: the
session from ``on_startup`` to ``on_shutdown``, the build from ``on_config`` to
``on_post_build`` or ``on_build_error`` (``chibo.output.lifecycle``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from chibo.output import fence, policy, publish
from chibo.output.lifecycle import Lifecycle
from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

lifecycle = Lifecycle()


def on_startup(command: str, dirty: bool) -> None:
    lifecycle.startup(command, dirty)


def on_shutdown() -> None:
    lifecycle.shutdown()


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    lifecycle.begin(config).configure(config)
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    return lifecycle.current().files(files, config, ours=on_page_context)


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    lifecycle.current().theme(env)
    return env


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return lifecycle.current().search_text(page, html)


@event_priority(fence.BLOCKS_PRIORITY)  # after the search plugin has read the page
def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    page.content = lifecycle.current().fill_blocks(page)
    return context


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    lifecycle.current().written(page)
    html = fence.fix_markup(output)
    return policy.externalize_scripts(html, root=policy.page_root(page.url), site_dir=Path(config.site_dir))


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    html = fence.fix_markup(output_content)
    root = policy.template_root(template_name, config)
    return policy.externalize_scripts(html, root=root, site_dir=Path(config.site_dir))


@event_priority(-1000)  # last: after the search index and the offline copy are written
def on_post_build(config: MkDocsConfig) -> None:
    try:
        lifecycle.current().finish(config)
    finally:
        lifecycle.end(failed=False)


@event_priority(-1000)  # last: after every other plugin has cleaned up
def on_build_error(error: Exception) -> None:
    """Stop what the build started and delete its folder; a full disk ends the build with one
    line in Vietnamese, not a traceback (the published site is untouched)."""
    lifecycle.end(failed=True)
    message = publish.failure(error)
    if message is not None:
        raise Abort(message)
