#!/usr/bin/env python3
"""Draw illustrated demo portraits for the mentordir demo mentors.

The demo mentors are fictional, so their photos must never be photos of real
people (no stock photos, no scraped or photorealistic generated faces). This
script draws flat-illustration avatars with Pillow's ImageDraw instead; every
choice comes from a seed derived from the image file name, so the same name
always gives a byte-identical file.

For each content/mentors/*.md bio (names starting with "_" are skipped) whose
front matter has a "photo: name.jpg" (or .png) line, the image is written
beside the bio unless it already exists (--force overwrites). Files carry no
metadata by default; --with-metadata embeds a small EXIF block (PNG: a text
chunk) so the site's metadata-stripping step gets exercised.

Usage: python3 scripts/demo_portraits.py [--root DIR] [--force] [--with-metadata]
"""
from __future__ import annotations

import argparse
import hashlib
import io
import math
import random
import re
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, PngImagePlugin

RGB = tuple[int, int, int]
Draw = ImageDraw.ImageDraw

WIDTH, HEIGHT, SCALE = 600, 800, 3  # drawn at SCALE x, then downsampled (anti-aliasing)
# Saved larger than the drawing grid: the profile shows photos at up to 640 px square,
# and a demo photo should not trigger the "photo is too small" warning.
OUTPUT_SIZE = (720, 960)
PHOTO_RE = re.compile(r"^photo:\s*([a-z0-9-]+\.(jpg|png))\s*$", re.MULTILINE)
PRONOUNS_RE = re.compile(r"^pronouns:\s*(\S+)", re.MULTILINE)
SKIN_TONES: tuple[RGB, ...] = ((247, 224, 205), (240, 206, 178), (232, 190, 150), (219, 171, 128),
                               (201, 148, 104), (178, 122, 82), (150, 98, 64), (124, 78, 50),
                               (100, 62, 40), (82, 52, 36))
HAIR_COLOURS: tuple[RGB, ...] = ((34, 28, 28), (34, 28, 28), (62, 42, 30), (96, 62, 40),
                                 (132, 72, 42), (196, 160, 98), (150, 146, 142), (206, 204, 200))
SCARF_COLOURS: tuple[RGB, ...] = ((62, 84, 122), (140, 70, 90), (92, 124, 110), (196, 160, 120), (70, 70, 84))
BACKGROUNDS: tuple[RGB, ...] = ((222, 234, 242), (226, 240, 232), (244, 232, 222), (236, 230, 244),
                                (242, 238, 224), (226, 236, 238))
SCRUB_COLOURS: tuple[RGB, ...] = ((46, 132, 136), (104, 146, 196), (46, 64, 106), (122, 54, 74), (74, 128, 100),
                                  (106, 92, 148))
SHIRT_COLOURS: tuple[RGB, ...] = ((214, 228, 240), (120, 150, 184), (236, 236, 236), (186, 208, 196), (92, 102, 128))
HAIR_STYLES = ("short", "long", "bun", "curly", "scarf", "buzz")
WHITE: RGB = (255, 255, 255)
INK: RGB = (30, 24, 26)
COAT: RGB = (246, 246, 244)


@dataclass(frozen=True)
class Look:
    """Every random choice for one portrait."""

    bg: RGB
    bg_style: str  # flat | split | disc
    skin: RGB
    hair: RGB  # the headscarf colour for the "scarf" style
    hair_style: str
    outfit: str  # scrubs | coat | collar
    cloth: RGB  # outer garment
    inner: RGB  # shirt under a coat
    accessory: str  # none | stethoscope | lanyard
    glasses: bool
    part: float  # -1 or 1: side of the hair parting


@dataclass(frozen=True)
class Geometry:
    """Head and body positions in output pixels (600x800); drawing multiplies by SCALE."""

    cx: float
    cy: float
    hw: float  # head width
    hh: float  # head height
    shoulder_y: float
    eye_y: float
    eye_dx: float  # horizontal distance of each eye from the centre line

    @property
    def head(self) -> tuple[float, float, float, float]:
        return (self.cx - self.hw / 2, self.cy - self.hh / 2, self.cx + self.hw / 2, self.cy + self.hh / 2)


def seed_for(name: str) -> int:
    return int(hashlib.sha256(name.encode("utf-8")).hexdigest(), 16)


def choose_look(rng: random.Random, pronouns: str) -> Look:
    # Keep the illustration plausible for the bio it sits beside: no headscarf or bun for he/him.
    styles = tuple(s for s in HAIR_STYLES if s not in ("scarf", "bun")) if pronouns.startswith("he") else HAIR_STYLES
    style = rng.choice(styles)
    hair = rng.choice(SCARF_COLOURS if style == "scarf" else HAIR_COLOURS)
    outfit = rng.choice(("scrubs", "coat", "collar"))
    cloth = rng.choice(SCRUB_COLOURS if outfit == "scrubs" else SHIRT_COLOURS)
    return Look(bg=rng.choice(BACKGROUNDS), bg_style=rng.choice(("flat", "split", "disc")),
                skin=rng.choice(SKIN_TONES), hair=hair, hair_style=style, outfit=outfit,
                cloth=COAT if outfit == "coat" else cloth, inner=cloth,
                accessory=rng.choice(("none", "stethoscope", "lanyard")), glasses=rng.random() < 0.3,
                part=rng.choice((-1.0, 1.0)))


def choose_geometry(rng: random.Random) -> Geometry:
    hw, hh, cy = rng.uniform(176, 198), rng.uniform(232, 252), 300.0
    return Geometry(cx=WIDTH / 2, cy=cy, hw=hw, hh=hh, shoulder_y=465.0, eye_y=cy + 0.05 * hh, eye_dx=0.2 * hw)


def mix(a: RGB, b: RGB, t: float) -> RGB:
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b))  # type: ignore[return-value]


def sc(*v: float) -> list[float]:
    return [x * SCALE for x in v]


def oval(d: Draw, cx: float, cy: float, rx: float, ry: float, fill: RGB, **kw: object) -> None:
    d.ellipse(sc(cx - rx, cy - ry, cx + rx, cy + ry), fill=fill, **kw)  # type: ignore[arg-type]


def draw_background(d: Draw, look: Look, g: Geometry) -> None:
    d.rectangle(sc(0, 0, WIDTH, HEIGHT), fill=look.bg)
    if look.bg_style == "split":
        d.rectangle(sc(0, HEIGHT * 0.6, WIDTH, HEIGHT), fill=mix(look.bg, INK, 0.05))
    elif look.bg_style == "disc":
        oval(d, g.cx, g.cy + 40, 255, 255, mix(look.bg, WHITE, 0.5))


def draw_back_hair(d: Draw, look: Look, g: Geometry) -> None:
    x0, y0, x1, _ = g.head
    c, hw, hh, style = look.hair, g.hw, g.hh, look.hair_style
    if style in ("short", "long", "curly", "bun"):
        d.rounded_rectangle(sc(x0 - 0.045 * hw, y0 - 0.08 * hh, x1 + 0.045 * hw, g.eye_y), 0.5 * hw * SCALE, c)
    if style == "long":
        d.rounded_rectangle(sc(x0 - 0.1 * hw, y0 - 0.05 * hh, x1 + 0.1 * hw, g.shoulder_y + 40), 0.45 * hw * SCALE, c)
    elif style == "bun":
        oval(d, g.cx, y0 - 0.04 * hh, 0.2 * hw, 0.16 * hh, c)
    elif style == "curly":
        d.ellipse(sc(x0 - 0.2 * hw, y0 - 0.15 * hh, x1 + 0.2 * hw, g.cy + 0.3 * hh), fill=c)
        for i in range(13):
            a = math.pi * (0.95 + 1.1 * i / 12)
            oval(d, g.cx + 0.68 * hw * math.cos(a), g.cy - 0.05 * hh + 0.62 * hh * math.sin(a), 0.14 * hw, 0.14 * hw, c)


def draw_body(d: Draw, look: Look, g: Geometry) -> None:
    cx, top, nw = g.cx, g.shoulder_y, 0.2 * g.hw
    neck, shade = mix(look.skin, INK, 0.12), mix(look.cloth, INK, 0.18)
    d.rectangle(sc(cx - nw, g.cy + 0.2 * g.hh, cx + nw, top + 10), fill=neck)
    d.rounded_rectangle(sc(cx - 235, top, cx + 235, HEIGHT + 200), radius=135 * SCALE, fill=look.cloth)
    if look.outfit == "scrubs":  # V-neck with a darker trim
        d.polygon(sc(cx - nw - 6, top, cx + nw + 6, top, cx, top + 95), fill=neck)
        d.line(sc(cx - nw - 6, top, cx, top + 95, cx + nw + 6, top), fill=shade, width=9 * SCALE, joint="curve")
    elif look.outfit == "coat":  # white coat with lapels over a coloured top
        lapel = mix(look.cloth, INK, 0.1)
        d.polygon(sc(cx - 78, top, cx + 78, top, cx, top + 190), fill=look.inner)
        d.polygon(sc(cx - nw, top, cx + nw, top, cx, top + 55), fill=neck)
        for s in (-1, 1):
            d.polygon(sc(cx + s * 78, top - 2, cx + s * 100, top + 30, cx + s * 12, top + 200, cx + s * 4, top + 188),
                      fill=lapel)
        d.line(sc(cx, top + 200, cx, HEIGHT), fill=lapel, width=4 * SCALE)
    else:  # shirt with a collar and a button placket
        d.polygon(sc(cx - nw, top, cx + nw, top, cx, top + 50), fill=neck)
        for s in (-1, 1):
            d.polygon(sc(cx + s * (nw + 6), top - 12, cx + s * 2, top + 50, cx + s * 34, top + 78,
                         cx + s * (nw + 30), top + 8), fill=mix(look.cloth, WHITE, 0.35))
        d.line(sc(cx, top + 52, cx, HEIGHT), fill=shade, width=3 * SCALE)


def draw_accessory(d: Draw, look: Look, g: Geometry) -> None:
    cx, top = g.cx, g.shoulder_y
    if look.accessory == "stethoscope":
        tube = (58, 62, 72) if sum(look.cloth) > 330 else (168, 174, 186)
        for s in (-1, 1):
            d.line(sc(cx + s * 82, top - 2, cx + s * 82, top + 25), fill=tube, width=9 * SCALE)
        d.arc(sc(cx - 82, top - 120, cx + 82, top + 170), 0, 180, fill=tube, width=9 * SCALE)
        d.line(sc(cx + 50, top + 150, cx + 62, top + 205), fill=tube, width=8 * SCALE)
        oval(d, cx + 63, top + 216, 21, 21, (176, 182, 190), outline=tube, width=6 * SCALE)
    elif look.accessory == "lanyard":
        strap = (226, 200, 96) if look.outfit == "scrubs" else mix(look.bg, INK, 0.45)
        grey = (200, 204, 210)
        for s in (-1, 1):
            d.line(sc(cx + s * 70, top - 2, cx + s * 8, top + 150), fill=strap, width=8 * SCALE)
        d.rounded_rectangle(sc(cx - 34, top + 140, cx + 34, top + 222), radius=8 * SCALE, fill=(250, 250, 250),
                            outline=(190, 194, 200), width=2 * SCALE)
        d.rectangle(sc(cx - 34, top + 150, cx + 34, top + 166), fill=strap)
        d.rectangle(sc(cx - 20, top + 180, cx + 20, top + 186), fill=grey)
        d.rectangle(sc(cx - 20, top + 194, cx + 10, top + 200), fill=grey)


def draw_scarf(d: Draw, look: Look, g: Geometry) -> None:
    if look.hair_style != "scarf":
        return
    x0, y0, x1, y1 = g.head
    hw, c, top = g.hw, look.hair, g.shoulder_y
    d.polygon(sc(x0 - 0.12 * hw, g.cy, x1 + 0.12 * hw, g.cy, g.cx + 150, top + 40, g.cx, top + 110,
                 g.cx - 150, top + 40), fill=c)
    oval(d, g.cx, g.cy, 0.65 * hw, 0.6 * g.hh, c)
    d.arc(sc(g.cx - 120, y1 - 60, g.cx + 120, top + 80), 30, 150, fill=mix(c, INK, 0.15), width=5 * SCALE)


def draw_head(d: Draw, look: Look, g: Geometry) -> None:
    if look.hair_style not in ("scarf", "long"):
        for ex in (g.head[0], g.head[2]):
            oval(d, ex, g.eye_y + 0.01 * g.hh, 0.07 * g.hw, 0.1 * g.hh, mix(look.skin, INK, 0.06))
    d.ellipse(sc(*g.head), fill=look.skin)


def draw_front_hair(d: Draw, look: Look, g: Geometry) -> None:
    x0, y0, x1, _ = g.head
    hw, hh, c, style = g.hw, g.hh, look.hair, look.hair_style
    cap = sc(x0 - 0.045 * hw, y0 - 0.08 * hh, x1 + 0.045 * hw, y0 + 0.6 * hh)
    if style == "long":  # side-swept fringe
        d.chord(cap, 168 + 14 * look.part, 372 + 14 * look.part, fill=c)
    elif style in ("short", "buzz"):  # hair cap, then a rounded forehead carved out of it
        short = style == "short"
        d.chord(cap, 180, 360, fill=c) if short else d.chord(sc(*g.head), 195, 345, fill=mix(look.skin, c, 0.5))
        off, top = (0.07 * hw * look.part, y0 + 0.2 * hh) if short else (0.0, y0 + 0.15 * hh)
        d.ellipse(sc(g.cx - 0.33 * hw + off, top, g.cx + 0.33 * hw + off, top + 0.45 * hh), fill=look.skin)
    elif style == "bun":
        d.chord(cap, 185, 355, fill=c)
    elif style == "curly":
        d.chord(cap, 180, 360, fill=c)
        for i in range(7):
            px, py = x0 + 0.1 * hw + i * 0.8 * hw / 6, y0 + 0.27 * hh - 0.02 * hh * abs(i - 3)
            oval(d, px, py, 0.075 * hw, 0.075 * hw, c)
    elif style == "scarf":  # band over the forehead
        d.chord(sc(x0 - 0.02 * hw, y0 - 0.06 * hh, x1 + 0.02 * hw, y0 + 0.44 * hh), 180, 360, fill=c)


def draw_face(d: Draw, look: Look, g: Geometry) -> None:
    hw, hh, ey, cx = g.hw, g.hh, g.eye_y, g.cx
    dark = mix(look.skin, INK, 0.55)
    brow = look.hair if look.hair_style not in ("scarf", "buzz") and sum(look.hair) < 400 else dark
    r = 0.042 * hw
    for s in (-1, 1):
        ex = cx + s * g.eye_dx
        oval(d, ex, ey + 0.16 * hh, 0.085 * hw, 0.04 * hh, mix(look.skin, (232, 110, 110), 0.16))  # cheek
        oval(d, ex, ey, r, r * 1.15, INK)
        oval(d, ex + 0.35 * r, ey - 0.45 * r, 0.25 * r, 0.25 * r, WHITE)  # catch-light
        d.arc(sc(ex - 0.11 * hw, ey - 0.16 * hh, ex + 0.11 * hw, ey - 0.02 * hh), 215, 325, fill=brow,
              width=round(0.025 * hw * SCALE))
    d.arc(sc(cx - 0.05 * hw, ey + 0.06 * hh, cx + 0.05 * hw, ey + 0.15 * hh), 30, 150, fill=dark,
          width=round(0.016 * hw * SCALE))  # nose
    d.arc(sc(cx - 0.15 * hw, ey + 0.1 * hh, cx + 0.15 * hw, ey + 0.27 * hh), 25, 155,
          fill=mix(dark, (150, 40, 50), 0.3), width=round(0.024 * hw * SCALE))  # smile
    if look.glasses:
        frame, w = ((52, 54, 66) if sum(look.skin) > 420 else (206, 178, 128)), round(0.018 * hw * SCALE)
        for s in (-1, 1):
            ex = cx + s * g.eye_dx
            d.rounded_rectangle(sc(ex - 0.13 * hw, ey - 0.08 * hh, ex + 0.13 * hw, ey + 0.08 * hh),
                                radius=0.05 * hw * SCALE, outline=frame, width=w)
            d.line(sc(ex + s * 0.13 * hw, ey - 0.03 * hh, cx + s * 0.5 * hw, ey - 0.05 * hh), fill=frame, width=w)
        d.arc(sc(cx - 0.07 * hw, ey - 0.05 * hh, cx + 0.07 * hw, ey + 0.03 * hh), 200, 340, fill=frame, width=w)


def render(name: str, pronouns: str = "") -> Image.Image:
    rng = random.Random(seed_for(name))
    look, g = choose_look(rng, pronouns), choose_geometry(rng)
    img = Image.new("RGB", (WIDTH * SCALE, HEIGHT * SCALE))
    d = ImageDraw.Draw(img)
    for layer in (draw_background, draw_back_hair, draw_body, draw_accessory, draw_scarf, draw_head,
                  draw_front_hair, draw_face):
        layer(d, look, g)
    return img.resize(OUTPUT_SIZE, Image.Resampling.LANCZOS)


def encode(img: Image.Image, name: str, with_metadata: bool) -> bytes:
    buf = io.BytesIO()
    text = "mentordir illustrated demo portrait (not a real person)"
    if name.endswith(".png"):
        info = PngImagePlugin.PngInfo()
        if with_metadata:
            info.add_text("Description", text)
        img.save(buf, "PNG", optimize=True, pnginfo=info)
        return buf.getvalue()
    exif = Image.Exif()
    if with_metadata:  # ImageDescription, Software, Orientation=normal
        exif.update({0x010E: text, 0x0131: "scripts/demo_portraits.py", 0x0112: 1})
    img.save(buf, "JPEG", quality=82, optimize=True, progressive=False, exif=exif.tobytes() if len(exif) else b"")
    return buf.getvalue()


def front_matter(bio: Path) -> str:
    text = bio.read_text(encoding="utf-8")
    parts = text.split("---", 2)
    return parts[1] if text.startswith("---") and len(parts) == 3 else text


def photo_name(front: str) -> str | None:
    match = PHOTO_RE.search(front)
    return match.group(1) if match else None


def pronouns_of(front: str) -> str:
    match = PRONOUNS_RE.search(front)
    return match.group(1).lower() if match else ""


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Draw illustrated demo portraits for content/mentors/*.md.")
    ap.add_argument("--root", type=Path, default=Path(__file__).resolve().parent.parent)
    ap.add_argument("--force", action="store_true", help="overwrite images that already exist")
    ap.add_argument("--with-metadata", action="store_true", help="embed a small EXIF/text block (pipeline test)")
    args = ap.parse_args(argv)
    folder = args.root / "content" / "mentors"
    written = kept = no_photo = 0
    for bio in sorted(folder.glob("*.md")):
        front = front_matter(bio)
        name = None if bio.name.startswith("_") else photo_name(front)
        if name is None:
            no_photo += not bio.name.startswith("_")
            continue
        target = bio.parent / name
        if target.exists() and not args.force:
            kept += 1
            continue
        data = encode(render(name, pronouns_of(front)), name, args.with_metadata)
        target.write_bytes(data)
        written += 1
        print(f"wrote {target} ({len(data)} bytes)")
    print(f"{written} written, {kept} already present, {no_photo} bios without a valid photo line ({folder})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
