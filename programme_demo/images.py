"""Placeholder artwork drawn with Pillow, so the demo needs no downloads."""

import io

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.images import get_image_model


def placeholder_image(title: str, colour: tuple[int, int, int], size=(1200, 675)):
    """Get or draw a flat image with its title on it; keyed by title."""
    image_model = get_image_model()
    existing = image_model.objects.filter(title=title).first()
    if existing:
        return existing
    canvas = PILImage.new("RGB", size, colour)
    draw = ImageDraw.Draw(canvas)
    try:
        font = ImageFont.load_default(size=size[1] // 10)
    except TypeError:  # Pillow < 10.1 has no sized default font.
        font = ImageFont.load_default()
    shade = tuple(max(0, c - 60) for c in colour)
    for offset in range(0, size[0], 60):
        draw.line([(offset, size[1]), (offset + size[1] // 2, 0)], fill=shade, width=8)
    draw.text((size[0] // 14, size[1] // 2), title, fill=(255, 255, 255), font=font, anchor="lm")
    buffer = io.BytesIO()
    canvas.save(buffer, format="PNG")
    slug = "".join(ch if ch.isalnum() else "-" for ch in title.lower()).strip("-")
    image = image_model(title=title, file=ImageFile(buffer, name=f"{slug}.png"))
    image.save()
    return image
