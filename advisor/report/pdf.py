"""HTML to PDF with WeasyPrint, fetching nothing but the project's own packaged assets.

The documents we print contain text users typed; even escaped, a renderer that follows any
URL it meets is a risk (local files, the network). The fetcher here serves ``data:`` URLs and
files inside the ``advisor.templates`` package (the embedded fonts), and refuses everything
else without opening it.
"""

from __future__ import annotations

import mimetypes
import os
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from importlib.resources import files
from pathlib import Path
from urllib.parse import unquote, urlsplit

# (family, weight, style, file in advisor.templates/fonts): Liberation fonts, SIL OFL 1.1
# (fonts/LICENSE-Liberation.txt), metric-compatible with Arial.
FONT_FACES = (
    ("Liberation Sans", "normal", "normal", "LiberationSans-Regular.ttf"),
    ("Liberation Sans", "bold", "normal", "LiberationSans-Bold.ttf"),
    ("Liberation Sans", "normal", "italic", "LiberationSans-Italic.ttf"),
)


class AssetRefused(ValueError):
    """A URL the renderer may not fetch: not ``data:`` and not a packaged asset."""


def asset_root() -> Path:
    """The folder of the ``advisor.templates`` package, the only place files are served from."""
    return Path(str(files("advisor.templates"))).resolve()


def packaged_asset(url: str) -> tuple[bytes, str]:
    """The bytes and media type of a ``file:`` URL inside ``advisor.templates``.

    Raises :class:`AssetRefused` for any other URL, before anything is opened.
    """
    parts = urlsplit(url)
    if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
        raise AssetRefused(f"refused to fetch {url!r}: only the advisor's packaged assets are allowed")
    root = asset_root()
    path = Path(unquote(parts.path)).resolve()
    if not path.is_relative_to(root) or not path.is_file():
        raise AssetRefused(f"refused to fetch {url!r}: not a file inside {root}")
    media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return path.read_bytes(), media_type


@cache
def _fetcher_class() -> type:
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class PackagedAssetFetcher(URLFetcher):
        """WeasyPrint fetcher: ``data:`` URLs and packaged assets only; records what was asked."""

        def __init__(self) -> None:
            super().__init__(allowed_protocols=("data", "file"), allow_redirects=False)
            self.requested: list[str] = []

        def fetch(self, url: str, headers: object = None) -> URLFetcherResponse:
            self.requested.append(url)
            if urlsplit(url).scheme == "data":
                return super().fetch(url, headers)
            body, media_type = packaged_asset(url)
            return URLFetcherResponse(url, body, {"Content-Type": media_type})

    return PackagedAssetFetcher


def new_fetcher() -> object:
    """A fresh restricted fetcher (its ``requested`` list records every URL asked for)."""
    return _fetcher_class()()


def font_css() -> str:
    """``@font-face`` rules that embed the packaged fonts (used for PDF output only)."""
    fonts = asset_root() / "fonts"
    return "".join(
        f"@font-face {{ font-family: '{family}'; font-weight: {weight}; font-style: {style}; "
        f"src: url('{(fonts / name).as_uri()}'); }}\n"
        for family, weight, style, name in FONT_FACES
    )


@contextmanager
def _reproducible_fonts() -> Iterator[None]:
    """Fix the timestamp fontTools writes into each embedded font subset (it honours
    SOURCE_DATE_EPOCH), so that the same HTML always gives the same PDF bytes."""
    if "SOURCE_DATE_EPOCH" in os.environ:
        yield
        return
    os.environ["SOURCE_DATE_EPOCH"] = "0"
    try:
        yield
    finally:
        os.environ.pop("SOURCE_DATE_EPOCH", None)


def html_to_pdf(html: str) -> bytes:
    """Render a self-contained HTML document to PDF bytes with the packaged fonts embedded.

    Only ``data:`` URLs and files inside ``advisor.templates`` are fetched; any other
    reference (http, https, other local files) is refused and left out of the PDF. The same
    HTML gives byte-identical PDF bytes (dates come from the document's ``dcterms`` metadata).
    """
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    fetcher = new_fetcher()
    font_config = FontConfiguration()
    fonts = CSS(string=font_css(), url_fetcher=fetcher, font_config=font_config)
    document = HTML(string=html, url_fetcher=fetcher, base_url=None)
    with _reproducible_fonts():
        return document.write_pdf(stylesheets=[fonts], font_config=font_config)
