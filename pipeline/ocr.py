"""Pages of a PDF read by OCR: Tesseract with its Vietnamese data, through pytesseract.

Each page is rendered at 300 dpi in grey by pypdfium2 (no file is written), turned upright by
the small angle that lines its text rows up best (a sheet is never fed quite straight, and
Tesseract's own layout analysis loses lines on a page tilted a degree or two), cleared of speckle,
and read with a time limit. The words keep where they stand, in points, so that the PDF reader rebuilds
paragraphs and columns from them as it does from a text layer.
"""
from __future__ import annotations

import os
import re
from typing import Iterator

import numpy
from PIL import Image, ImageFilter

from pipeline.errors import ReadError
from pipeline.read_pdf import OCR_DPI, OCR_INSTALL_HINT, OCR_PAGE_SECONDS, PdfLine, PdfPage, PdfWord

LANGUAGE = "vie"
MAX_PIXELS = 80_000_000  # an A3 page at 300 dpi is 17 million; a bogus page size must not exhaust memory
SKEW_DEGREES = 5.0


def ocr_pages(data: bytes, path: str, numbers: list[int], password: str | None = None) -> Iterator[tuple[int, PdfPage]]:
    """(page number, the page as OCR read it) for each of `numbers` (from 1), one at a time."""
    import pypdfium2

    _check_tesseract(path)
    # Tesseract's OpenMP threads spin against each other and anything else running: one thread
    # read a page in 5.1 s where the default took 20.6 s on a busy two-core machine. A user who
    # sets the variable keeps theirs.
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    document = pypdfium2.PdfDocument(data, password=password)
    try:
        for number in numbers:
            page = document[number - 1]
            width, height = page.get_size()
            scale = min(OCR_DPI / 72, (MAX_PIXELS / max(1.0, width * height)) ** 0.5)
            image = page.render(scale=scale, grayscale=True).to_pil()
            page.close()
            # A scanner's speckle breaks thin strokes: "KL/TW" was read "KL/ITW" until a 3×3 median took it away.
            image = deskew(image).filter(ImageFilter.MedianFilter(3))
            yield number, _read_image(image, path, number, width, height, scale)
    finally:
        document.close()


def _check_tesseract(path: str) -> None:
    import pytesseract

    try:
        languages = pytesseract.get_languages(config="")
    except pytesseract.TesseractNotFoundError:
        raise ReadError(path, f"has pages to read by OCR and Tesseract is not installed: {OCR_INSTALL_HINT}") from None
    if LANGUAGE not in languages:
        raise ReadError(path, f"has pages to read by OCR and Tesseract lacks its Vietnamese data: {OCR_INSTALL_HINT}")


def skew_angle(image: Image.Image) -> float:
    """The angle (degrees, counter-clockwise) that sets the page's text rows level: the rotation
    whose row sums of dark pixels vary most, text rows and the gaps between them then being sharpest."""
    small = image.convert("L")
    small.thumbnail((1000, 1000))
    ink = small.point(lambda value: 255 if value < 128 else 0)

    def sharpness(angle: float) -> float:
        rows = numpy.asarray(ink.rotate(angle, resample=Image.Resampling.NEAREST, fillcolor=0), dtype=numpy.float64).sum(axis=1)
        return float(numpy.square(numpy.diff(rows)).sum())

    coarse = max(numpy.arange(-SKEW_DEGREES, SKEW_DEGREES + 0.01, 0.5), key=sharpness)
    fine = max(numpy.arange(coarse - 0.5, coarse + 0.51, 0.1), key=sharpness)
    return round(float(fine), 1)


def deskew(image: Image.Image) -> Image.Image:
    angle = skew_angle(image)
    if abs(angle) < 0.1:
        return image
    return image.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)


def _read_image(image: Image.Image, path: str, number: int, width: float, height: float, scale: float) -> PdfPage:
    import pytesseract

    try:
        found = pytesseract.image_to_data(image, lang=LANGUAGE, config="--psm 3", timeout=OCR_PAGE_SECONDS,
                                          output_type=pytesseract.Output.DICT)
    except RuntimeError as exc:  # pytesseract's time limit; it kills Tesseract
        if "timeout" not in str(exc).lower():
            raise ReadError(path, f"page {number}: Tesseract failed ({exc})") from None
        raise ReadError(path, f"page {number}: OCR took longer than {OCR_PAGE_SECONDS} s, the limit for a page; "
                              f"give the PDF the report was printed from") from None
    except pytesseract.TesseractError as exc:
        raise ReadError(path, f"page {number}: Tesseract failed ({exc.message.strip() or exc.status})") from None
    lines: dict[tuple, list[PdfWord]] = {}
    confidences = []
    for i, text in enumerate(found["text"]):
        text = _DOUBLED_D.sub("Đ", text.strip())
        if not text:
            continue
        confidence = float(found["conf"][i])
        if confidence >= 0:
            confidences.append(confidence / 100)
        left, top = found["left"][i] / scale, found["top"][i] / scale
        word = PdfWord(text, left, left + found["width"][i] / scale, top, top + found["height"][i] / scale)
        lines.setdefault((found["block_num"][i], found["par_num"][i], found["line_num"][i]), []).append(word)
    for words in lines.values():
        _roman_label(words)
    page = PdfPage(number, width, height, _side_by_side([PdfLine(words, number) for words in lines.values()]), [])
    page.ocr_words = len(confidences)
    page.ocr_confidence = sum(confidences) / len(confidences) if confidences else 0.0
    return page


# Tesseract reads one bold "Đ" as "ĐÐ" (two different letters: Vietnamese D with stroke, Icelandic eth).
_DOUBLED_D = re.compile("ĐÐ|ÐĐ")
# It reads the serifed "II." and "III." of a heading as "H." and "HI.", and "I." as "l." or "|.".
_MISREAD_ROMAN = re.compile(r"^(?=[IVXlH|]*[lH|])[IVXlH|]{1,5}\.$")


def _roman_label(words: list[PdfWord]) -> None:
    """Mend a misread Roman label opening a heading in capitals ("H. MỘT SỐ NỘI DUNG" → "II. …")."""
    if len(words) >= 2 and _MISREAD_ROMAN.match(words[0].text) and words[1].text.isupper():
        words[0].text = words[0].text.replace("H", "II").translate(str.maketrans("l|", "II"))


def _side_by_side(lines: list[PdfLine]) -> list[PdfLine]:
    """Tesseract reads two columns as blocks one after the other; lines at one height are put
    back side by side, as a text layer has them, top to bottom."""
    merged: list[PdfLine] = []
    for line in sorted(lines, key=lambda ln: ln.top):
        middle, height = (line.top + line.bottom) / 2, line.bottom - line.top
        beside = next((m for m in merged[-4:] if abs((m.top + m.bottom) / 2 - middle) < height * 0.5
                       and (line.x1 < m.x0 or line.x0 > m.x1)), None)
        if beside is None:
            merged.append(line)
        else:
            beside.words = sorted(beside.words + line.words, key=lambda w: w.x0)
    return merged
