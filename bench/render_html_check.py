"""Render an HTML report in headless Chromium and check the screenshot is not blank.

    python bench/render_html_check.py                       # the lead persona's report
    python bench/render_html_check.py samples/ai_engineer.pdf --keep /tmp/shot.png

Needs the Debian package ``chromium``. Prints the share of non-white pixels and the number of
distinct (coarse) colours; exits 1 when the page looks blank. The PNG is decoded with zlib and
numpy only (Pillow is used when it happens to be installed, e.g. through reportlab).
"""

from __future__ import annotations

import argparse
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars"]


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def decode_png(data: bytes) -> np.ndarray:
    """8-bit RGB/RGBA/grey PNG -> (h, w, channels) uint8 array (no interlace)."""
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    pos, idat, w = 8, [], 0
    while pos < len(data):
        (n,) = struct.unpack(">I", data[pos:pos + 4])
        kind = data[pos + 4:pos + 8]
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            w, h, depth, ctype, _c, _f, interlace = struct.unpack(">IIBBBBB", body)
            if depth != 8 or interlace:
                raise ValueError("only 8-bit, non-interlaced PNGs")
            ch = {0: 1, 2: 3, 4: 2, 6: 4}[ctype]
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
        pos += 12 + n
    raw = np.frombuffer(zlib.decompress(b"".join(idat)), dtype=np.uint8)
    stride = w * ch
    rows = raw.reshape(h, stride + 1)
    out = np.zeros((h, stride), dtype=np.uint8)
    prev = np.zeros(stride, dtype=np.int32)
    for y in range(h):
        f, line = rows[y, 0], rows[y, 1:].astype(np.int32)
        if f == 0:
            cur = line
        elif f == 1:  # Sub: running sum per channel
            cur = np.cumsum(line.reshape(w, ch), axis=0).reshape(-1) % 256
        elif f == 2:  # Up
            cur = (line + prev) % 256
        else:  # Average / Paeth: sequential
            cur = np.zeros(stride, dtype=np.int32)
            lv, pv = line.tolist(), prev.tolist()
            c = [0] * stride
            for i in range(stride):
                a = c[i - ch] if i >= ch else 0
                b = pv[i]
                if f == 3:
                    c[i] = (lv[i] + ((a + b) >> 1)) & 255
                else:
                    cc = pv[i - ch] if i >= ch else 0
                    p = a + b - cc
                    pa, pb, pc = abs(p - a), abs(p - b), abs(p - cc)
                    pr = a if pa <= pb and pa <= pc else (b if pb <= pc else cc)
                    c[i] = (lv[i] + pr) & 255
            cur = np.array(c, dtype=np.int32)
        out[y] = cur
        prev = cur
    return out.reshape(h, w, ch)


def load_png(path: Path) -> np.ndarray:
    try:
        from PIL import Image  # optional, only faster

        with Image.open(path) as im:
            return np.asarray(im.convert("RGB"))
    except ImportError:
        return decode_png(path.read_bytes())[..., :3]


def screenshot(html: Path, png: Path, size: str = "1200,2000", timeout: float = 90.0) -> None:
    exe = chromium()
    if exe is None:
        raise RuntimeError("chromium is not installed (apt-get install chromium)")
    with tempfile.TemporaryDirectory() as profile:
        cmd = [exe, *FLAGS, f"--user-data-dir={profile}", f"--screenshot={png}", f"--window-size={size}",
               html.resolve().as_uri()]
        subprocess.run(cmd, check=True, timeout=timeout, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def screenshot_stats(html: Path, png: Path) -> dict:
    screenshot(html, png)
    img = load_png(png).astype(np.int32)
    h, w, _ = img.shape
    non_white = float((img.min(axis=2) < 245).mean())
    coarse = (img // 32).reshape(-1, 3)
    colours = len({tuple(x) for x in coarse[np.abs(coarse.max(axis=1) - coarse.min(axis=1)) >= 2][::7].tolist()})
    return {"width": w, "height": h, "non_white": round(non_white, 4), "colours": colours}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("resume", nargs="?", default=str(ROOT / "samples" / "lead_ai_engineer.pdf"))
    ap.add_argument("--as-of", default="2026-06-30")
    ap.add_argument("--keep", help="Keep the screenshot here.")
    args = ap.parse_args(argv)
    import analyzer
    from analyzer.render import render

    report = analyzer.analyze(args.resume, as_of=args.as_of)
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "report.html"
        page.write_text(render(report, "html"), "utf-8")
        png = Path(args.keep) if args.keep else Path(tmp) / "shot.png"
        stats = screenshot_stats(page, png)
    print(f"{Path(args.resume).name}: score {report.score:.1f}; screenshot {stats['width']}x{stats['height']}, "
          f"{stats['non_white']:.1%} non-white pixels, {stats['colours']} coloured hues")
    blank = stats["non_white"] < 0.02 or stats["colours"] < 3
    print("BLANK" if blank else "ok")
    return 1 if blank else 0


if __name__ == "__main__":
    sys.exit(main())
