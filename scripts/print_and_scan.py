"""A PDF "printed and scanned": each page an image at a scanner's resolution, turned a little as a
sheet is never fed quite straight, with the grain of paper and sensor added, and the images saved
as an image-only PDF. The seed's scan for the OCR tests and the benchmark of the read paths.

    python scripts/print_and_scan.py REPORT.pdf SCAN.pdf [--dpi 150] [--angle 1.5]
"""
from __future__ import annotations

import argparse
import random
from pathlib import Path

import pypdfium2
from PIL import Image


def print_and_scan(pdf: Path, out: Path, dpi: int = 150, angle: float = 1.5, seed: int = 14) -> Path:
    rng = random.Random(seed)
    pages = []
    for page in pypdfium2.PdfDocument(pdf):
        image = page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
        image = image.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
        noise = Image.effect_noise(image.size, 25 + rng.random())
        pages.append(Image.blend(image, noise, 0.12))
    pages[0].save(out, save_all=True, append_images=pages[1:], resolution=dpi)
    return out


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdf", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--dpi", type=int, default=150)
    parser.add_argument("--angle", type=float, default=1.5)
    arguments = parser.parse_args()
    print_and_scan(arguments.pdf, arguments.out, arguments.dpi, arguments.angle)
