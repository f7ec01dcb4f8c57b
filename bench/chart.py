#!/usr/bin/env python3
"""Draws benchmark CSV columns as stacked line charts, one panel per column, into an SVG, and
into a PNG when ImageMagick's `convert` is present. Standard library only.

  bench/chart.py CSV OUT-BASE TITLE "XCOL[:label]" "YCOL:label[:rate]" ...

XCOL and YCOL are column names of the CSV's header; ":rate" plots the per-row difference of a
running total (for example a counter) instead of its value. Writes OUT-BASE.svg and OUT-BASE.png.
"""
import csv
import shutil
import subprocess
import sys
from xml.sax.saxutils import escape

WIDTH, PANEL, TOP, LEFT, RIGHT, GAP = 900, 160, 56, 80, 24, 56
COLOURS = ["#0969da", "#cf222e", "#1a7f37", "#9a6700", "#8250df"]


def nice_max(v):
    if v <= 0:
        return 1
    step = 10 ** (len(str(int(v))) - 1)
    for m in (1, 2, 4, 8, 10):  # four gridlines at round values
        if v <= m * step:
            return m * step
    return 10 * step


def fmt(v):
    return f"{v:,.0f}" if abs(v) >= 10 or v == 0 else f"{v:.2g}"


def main(argv):
    if len(argv) < 5:
        sys.exit(__doc__)
    path, out, title, xspec = argv[1:5]
    xcol, xlabel = (xspec.split(":", 1) + [xspec])[:2]
    specs = [s.split(":") for s in argv[5:]]
    with open(path, newline="") as f:
        rows = [r for r in csv.DictReader(f)]
    xs = [float(r[xcol]) for r in rows]
    height = TOP + len(specs) * (PANEL + GAP) - GAP + 44
    svg = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
           f'font-family="DejaVu Sans, sans-serif" font-size="12">',
           f'<rect width="{WIDTH}" height="{height}" fill="white"/>',
           f'<text x="{LEFT}" y="28" font-size="16" font-weight="bold">{escape(title)}</text>']
    x0, x1 = min(xs), max(xs)
    x1 = x1 if x1 > x0 else x0 + 1
    plot_w = WIDTH - LEFT - RIGHT
    for i, spec in enumerate(specs):
        col, label = spec[0], spec[1] if len(spec) > 1 else spec[0]
        values = [float(r[col]) for r in rows]
        if len(spec) > 2 and spec[2] == "rate":
            values = [0.0] + [max(0.0, b - a) for a, b in zip(values, values[1:])]
        top = TOP + i * (PANEL + GAP)
        ymax = nice_max(max(values) if values else 1)
        svg.append(f'<text x="{LEFT}" y="{top - 8}" font-weight="bold">{escape(label)}</text>')
        for k in range(5):
            y = top + PANEL - PANEL * k / 4
            svg.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" '
                       f'stroke="#d0d7de" stroke-width="{1 if k else 1.5}"/>')
            svg.append(f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" fill="#57606a">'
                       f'{fmt(ymax * k / 4)}</text>')
        for k in range(6):
            xv = x0 + (x1 - x0) * k / 5
            x = LEFT + plot_w * k / 5
            svg.append(f'<text x="{x:.1f}" y="{top + PANEL + 16}" text-anchor="middle" '
                       f'fill="#57606a">{fmt(xv)}</text>')
        points = " ".join(
            f"{LEFT + plot_w * (x - x0) / (x1 - x0):.1f},{top + PANEL - PANEL * v / ymax:.1f}"
            for x, v in zip(xs, values))
        svg.append(f'<polyline fill="none" stroke="{COLOURS[i % len(COLOURS)]}" '
                   f'stroke-width="1.6" points="{points}"/>')
    svg.append(f'<text x="{WIDTH - RIGHT}" y="{height - 8}" text-anchor="end" fill="#57606a">'
               f'{escape(xlabel)}</text>')
    svg.append("</svg>")
    with open(out + ".svg", "w") as f:
        f.write("\n".join(svg))
    if shutil.which("convert"):
        subprocess.run(["convert", out + ".svg", out + ".png"], check=True)
        print(out + ".png")
    else:
        print(out + ".svg (no ImageMagick for the PNG)")


if __name__ == "__main__":
    main(sys.argv)
