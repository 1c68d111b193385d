"""The mechanism profile chart as a PNG picture, for documents that cannot show SVG (Word).

It draws the same layout as the SVG template (:func:`advisor.report.chart.mechanism_profile`;
``templates/mechanism_chart.svg.j2``) with Pillow, which WeasyPrint already depends on: no SVG
rasteriser (cairosvg, rsvg) is needed. Bars are told apart by pattern as well as colour, as in
the SVG, so the picture reads in greyscale."""

from __future__ import annotations

import io
from functools import cache
from importlib.resources import as_file, files

from PIL import Image, ImageDraw, ImageFont

from advisor.report.chart import MechanismProfile

SCALE = 2  # pixels per SVG unit: sharp when printed at the page width
FONT_FILES = {"regular": "LiberationSans-Regular.ttf", "bold": "LiberationSans-Bold.ttf"}
INK, GRID, MUTED = "#111111", "#c8c8c8", "#444444"
FAVOURABLE = "#3b6e99"


@cache
def _font(weight: str, size: int) -> ImageFont.FreeTypeFont:
    with as_file(files("advisor.templates").joinpath("fonts", FONT_FILES[weight])) as path:
        return ImageFont.truetype(str(path), size * SCALE)


def _s(value: float) -> int:
    return round(value * SCALE)


def _hatched(box: tuple[int, int, int, int], background: str, colour: str, step: int, cross: bool) -> Image.Image:
    width, height = box[2] - box[0], box[3] - box[1]
    tile = Image.new("RGB", (max(width, 1), max(height, 1)), background)
    draw = ImageDraw.Draw(tile)
    for x in range(-height, width + height, _s(step)):
        draw.line((x, height, x + height, 0), fill=colour, width=SCALE)
        if cross:
            draw.line((x, 0, x + height, height), fill=colour, width=SCALE)
    return tile


def _dashed_rect(draw: ImageDraw.ImageDraw, box: tuple[int, int, int, int], colour: str) -> None:
    x0, y0, x1, y1 = box
    dash, gap = _s(4), _s(3)
    for x in range(x0, x1, dash + gap):
        draw.line((x, y0, min(x + dash, x1), y0), fill=colour, width=SCALE)
        draw.line((x, y1, min(x + dash, x1), y1), fill=colour, width=SCALE)
    draw.line((x0, y0, x0, y1), fill=colour, width=SCALE)
    draw.line((x1, y0, x1, y1), fill=colour, width=SCALE)


def _bar(image: Image.Image, draw: ImageDraw.ImageDraw, box: tuple[int, int, int, int], judgement: str) -> None:
    if judgement == "unknown":
        _dashed_rect(draw, box, "#555555")
        return
    if judgement == "favourable":
        draw.rectangle(box, fill=FAVOURABLE)
    elif judgement == "watch":
        image.paste(_hatched(box, "#ffffff", "#4a4a4a", 5, cross=False), box[:2])
    else:
        image.paste(_hatched(box, "#f2dede", "#8b1a1a", 6, cross=True), box[:2])
    draw.rectangle(box, outline="#222222", width=1)


def mechanism_chart_png(p: MechanismProfile) -> bytes:
    """The mechanism profile as PNG bytes, laid out as the SVG chart is."""
    image = Image.new("RGB", (_s(p.width), _s(p.height)), "#ffffff")
    draw = ImageDraw.Draw(image)
    regular, bold, small = _font("regular", 11), _font("bold", 11), _font("bold", 10)
    meaning_x = p.track_x + len(p.levels) * p.cell + 12
    for i, level in enumerate(p.levels):
        draw.text((_s(p.track_x + i * p.cell + p.cell / 2), _s(14)), level, font=regular, fill="#333333", anchor="ms")
    draw.text((_s(meaning_x), _s(14)), "level, meaning", font=regular, fill="#333333", anchor="ls")
    for row in p.rows:
        if not row.mechanism:
            draw.text((0, _s(row.y + 16)), row.title.upper(), font=small, fill=MUTED, anchor="ls")
            draw.line((0, _s(row.y + 20), _s(p.width), _s(row.y + 20)), fill="#999999", width=1)
            continue
        draw.text((_s(8), _s(row.y + 15)), row.title, font=regular, fill=INK, anchor="ls")
        for i in range(len(p.levels)):
            x = p.track_x + i * p.cell
            draw.rectangle((_s(x), _s(row.y + 4), _s(x + p.cell), _s(row.y + 6 + p.bar)), outline=GRID, width=1)
        if row.judgement == "unknown":
            box = (_s(p.track_x + 2), _s(row.y + 5), _s(p.track_x + len(p.levels) * p.cell - 2), _s(row.y + 5 + p.bar))
        else:
            box = (_s(p.track_x + 1), _s(row.y + 5), _s(p.track_x + row.bar_width - 1), _s(row.y + 5 + p.bar))
        _bar(image, draw, box, row.judgement)
        x = _s(meaning_x)
        draw.text((x, _s(row.y + 15)), row.level, font=bold, fill=INK, anchor="ls")
        x += round(draw.textlength(row.level, font=bold))
        draw.text((x, _s(row.y + 15)), f", {p.judgements[row.judgement]}", font=regular, fill=INK, anchor="ls")
    y = p.legend_y
    legend = ((0, "favourable", "favourable"), (110, "watch", "watch (medium)"), (250, "concern", "concern"))
    for x, judgement, text in (*legend, (350, "unknown", "not known")):
        _bar(image, draw, (_s(x), _s(y), _s(x + 22), _s(y + p.bar)), judgement)
        draw.text((_s(x + 28), _s(y + 10)), text, font=regular, fill=INK, anchor="ls")
    note = f"* For {' and '.join(p.concern_when_high)}, a high level is the concern and a low one favourable."
    draw.text((0, _s(y + 30)), note, font=_font("regular", 10), fill="#333333", anchor="ls")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
