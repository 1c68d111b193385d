"""The jinja2 setup shared by every rendered page: packaged templates, autoescaping on."""

from __future__ import annotations

from importlib.resources import files

import jinja2


def make_environment() -> jinja2.Environment:
    """A jinja2 environment over the packaged templates (``advisor.templates``).

    Everything a user typed is escaped (autoescape), an undefined name is an error, and
    block tags leave no stray whitespace. Callers add their own filters and cache it."""
    root = files("advisor.templates")
    return jinja2.Environment(
        loader=jinja2.FunctionLoader(lambda name: root.joinpath(name).read_text(encoding="utf-8")),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
