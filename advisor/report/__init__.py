"""Every rendering of the advice for people: plain text, Markdown, the HTML/PDF brief and its chart.

Public names:

- ``render_text`` (text)
- ``render_markdown`` (text)
- ``render_brief_html`` (brief)
- ``render_brief_pdf`` (brief)
- ``html_to_pdf`` (pdf)
"""

from advisor.lazy import lazy_exports

__all__ = ["html_to_pdf", "render_brief_html", "render_brief_pdf", "render_markdown", "render_text"]
__getattr__ = lazy_exports(
    __name__,
    {
        "render_text": ".text",
        "render_markdown": ".text",
        "render_brief_html": ".brief",
        "render_brief_pdf": ".brief",
        "html_to_pdf": ".pdf",
    },
)
