#!/usr/bin/env python3
"""Makes the two fonts the PDF figures embed, from Liberation Sans 2.1.5 (SIL OFL 1.1).

Maintainer script, not run by the build: its output is committed in
Sources/TrialStatsIO/Figure/Resources/. Run it from the repository root, after
scripts/setup-python.sh (fontTools 4.68.0 in .venv) and `apt-get install fonts-liberation2`
(Debian package 2.1.5-1):

    .venv/bin/python scripts/subset-fonts.py

For each of LiberationSans-Regular.ttf and LiberationSans-Bold.ttf it keeps only the glyphs of the
characters a PDF in WinAnsiEncoding can show (ISO 32000-1 Annex D.2: 32-126, 160-255 and the 27
characters of 128-159), drops the hinting instructions and the OpenType layout tables (a figure
needs neither), and keeps every advance width as it is, so text measured with these fonts lays
out exactly as with the originals (metric-compatible with Arial and Helvetica).

Liberation is a Reserved Font Name of the font's licence (OFL 1.1, condition 3): a subset is a
Modified Version and must not carry it. The subsets are therefore named "TrialStats Sans"
(PostScript names TrialStatsSans and TrialStatsSans-Bold); the copyright and licence records of
the name table are kept, and the description record says where the glyphs come from.
"""
import pathlib
import sys

from fontTools import subset
from fontTools.ttLib import TTFont

SOURCE = pathlib.Path("/usr/share/fonts/truetype/liberation2")
TARGET = pathlib.Path("Sources/TrialStatsIO/Figure/Resources")
VERSION = "Version 2.1.5"

# WinAnsiEncoding 128-159 (ISO 32000-1 Annex D.2): the code points of the defined codes.
WIN_ANSI_HIGH = [0x20AC, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152,
                 0x017D, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A,
                 0x0153, 0x017E, 0x0178]
UNICODES = list(range(0x20, 0x7F)) + WIN_ANSI_HIGH + list(range(0xA0, 0x100))

FACES = [("Regular", "TrialStatsSans", "Regular"), ("Bold", "TrialStatsSans-Bold", "Bold")]


def make(face, postscript, style):
    source = SOURCE / f"LiberationSans-{face}.ttf"
    font = TTFont(source)
    version = font["name"].getDebugName(5)
    if not version.startswith(VERSION):
        sys.exit(f"{source}: {version}, expected {VERSION}")
    options = subset.Options()
    options.hinting = False
    options.layout_features = []
    options.glyph_names = True
    options.notdef_outline = True
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 10, 13, 14]
    options.drop_tables += ["GSUB", "GPOS", "GDEF", "kern", "hdmx", "LTSH", "VDMX", "DSIG", "gasp", "FFTM", "meta"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=UNICODES)
    subsetter.subset(font)

    name = font["name"]
    full = "TrialStats Sans" if style == "Regular" else "TrialStats Sans Bold"
    records = {
        1: "TrialStats Sans",
        2: style,
        3: f"{postscript} (subset of Liberation Sans {face} 2.1.5)",
        4: full,
        6: postscript,
        10: f"Subset of Liberation Sans {face} {VERSION[8:]} (WinAnsiEncoding characters, no hinting) "
            "for the PDF figures of TrialStats; renamed as the SIL Open Font License 1.1 asks of a Modified Version.",
    }
    for record in list(name.names):
        if record.nameID in records:
            name.removeNames(nameID=record.nameID)
    for name_id, text in records.items():
        name.setName(text, name_id, 3, 1, 0x409)
        name.setName(text, name_id, 1, 0, 0)
    # Deterministic bytes: the head table's modified date is the source font's, not today's.
    font.recalcTimestamp = False
    out = TARGET / f"{postscript}.ttf"
    font.save(out)
    print(f"{out}: {out.stat().st_size} bytes, {len(font.getGlyphOrder())} glyphs, from {source} ({version})")


if __name__ == "__main__":
    for face in FACES:
        make(*face)
