import Foundation

/// A TrueType font program (an sfnt with `glyf` outlines), read for what a figure needs: advance
/// widths for the layout, the metrics of a PDF font descriptor, and the program itself to embed,
/// reduced to the glyphs a figure draws.
///
/// The two faces are TrialStats Sans Regular and Bold, subsets of Liberation Sans 2.1.5 (SIL Open
/// Font License 1.1) made by `scripts/subset-fonts.py` and compiled into the program. Liberation
/// Sans has the advance widths of Arial, which for ASCII are Helvetica's, so text measured with
/// them lays out as in the SVG's Helvetica or Arial.
///
/// **References**: Apple TrueType Reference Manual and OpenType 1.9 (tables `head`, `hhea`,
/// `hmtx`, `maxp`, `loca`, `glyf`, `cmap` format 4, `OS/2`, `post`; the table checksums and
/// `checkSumAdjustment`).
struct TrueTypeFont: Sendable {
    /// The font program as committed.
    let data: [UInt8]
    let postScriptName: String
    let unitsPerEm: Int
    /// xMin, yMin, xMax, yMax in font units.
    let boundingBox: [Int]
    let ascent: Int, descent: Int, capHeight: Int, weightClass: Int
    let italicAngle: Double
    /// Advance width of each glyph id, in font units.
    let advances: [Int]
    /// Glyph id of each Unicode scalar the font maps (its `cmap` 3,1 subtable).
    let glyphs: [UInt32: Int]
    /// Where each table lies in `data`, by tag.
    let tables: [String: Range<Int>]

    static let regular = TrueTypeFont(PackageResources.TrialStatsSans_ttf, postScriptName: "TrialStatsSans")
    static let bold = TrueTypeFont(PackageResources.TrialStatsSans_Bold_ttf, postScriptName: "TrialStatsSans-Bold")

    init(_ data: [UInt8], postScriptName: String) {
        self.data = data
        self.postScriptName = postScriptName
        var tables: [String: Range<Int>] = [:]
        for k in 0..<Self.u16(data, 4) {
            let record = 12 + 16 * k
            let tag = String(decoding: data[record..<record + 4], as: UTF8.self)
            let offset = Self.u32(data, record + 8), length = Self.u32(data, record + 12)
            tables[tag] = offset..<offset + length
        }
        self.tables = tables
        func table(_ tag: String) -> Int {
            guard let range = tables[tag] else { preconditionFailure("\(postScriptName): no \(tag) table") }
            return range.lowerBound
        }
        let head = table("head"), hhea = table("hhea"), os2 = table("OS/2")
        unitsPerEm = Self.u16(data, head + 18)
        boundingBox = [36, 38, 40, 42].map { Self.i16(data, head + $0) }
        ascent = Self.i16(data, hhea + 4)
        descent = Self.i16(data, hhea + 6)
        weightClass = Self.u16(data, os2 + 4)
        capHeight = Self.i16(data, os2 + 88)
        italicAngle = Double(Int32(bitPattern: UInt32(Self.u32(data, table("post") + 4)))) / 65536

        let count = Self.u16(data, table("maxp") + 4), metrics = Self.u16(data, hhea + 34), hmtx = table("hmtx")
        advances = (0..<count).map { Self.u16(data, hmtx + 4 * min($0, metrics - 1)) }

        // cmap: the Windows Unicode BMP subtable (3, 1), format 4.
        let cmap = table("cmap")
        var glyphs: [UInt32: Int] = [:]
        for k in 0..<Self.u16(data, cmap + 2) {
            let record = cmap + 4 + 8 * k
            guard Self.u16(data, record) == 3, Self.u16(data, record + 2) == 1 else { continue }
            let sub = cmap + Self.u32(data, record + 4)
            precondition(Self.u16(data, sub) == 4, "\(postScriptName): cmap (3, 1) is not format 4")
            let segments = Self.u16(data, sub + 6) / 2
            let ends = sub + 14, starts = ends + 2 * segments + 2, deltas = starts + 2 * segments, ranges = deltas + 2 * segments
            for s in 0..<segments {
                let start = Self.u16(data, starts + 2 * s), end = Self.u16(data, ends + 2 * s)
                let delta = Self.u16(data, deltas + 2 * s), rangeOffset = Self.u16(data, ranges + 2 * s)
                guard start <= end, start != 0xFFFF else { continue }
                for c in start...end {
                    var glyph = (c + delta) & 0xFFFF
                    if rangeOffset != 0 {
                        let raw = Self.u16(data, ranges + 2 * s + rangeOffset + 2 * (c - start))
                        glyph = raw == 0 ? 0 : (raw + delta) & 0xFFFF
                    }
                    if glyph != 0 { glyphs[UInt32(c)] = glyph }
                }
            }
        }
        self.glyphs = glyphs
        let advances = advances, unitsPerEm = unitsPerEm
        winAnsiWidths = (32...255).map { code in
            let glyph = Self.winAnsiScalar(UInt8(code)).flatMap { glyphs[$0] } ?? 0
            return Self.em1000(advances[glyph], unitsPerEm: unitsPerEm)
        }
    }

    /// The Unicode scalar of each WinAnsiEncoding code 128–159 (ISO 32000-1 Annex D.2); 0 where
    /// the code is undefined.
    static let winAnsiHigh: [UInt32] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
        0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
    ]

    /// The Unicode scalar of a WinAnsiEncoding code, or nil where the code is undefined (127 and five of 128–159).
    static func winAnsiScalar(_ code: UInt8) -> UInt32? {
        switch code {
        case 0x20..<0x7F, 0xA0...0xFF: return UInt32(code)
        case 0x80...0x9F: return winAnsiHigh[Int(code) - 0x80] == 0 ? nil : winAnsiHigh[Int(code) - 0x80]
        default: return nil
        }
    }

    /// The glyph id drawn for a WinAnsiEncoding code (0, `.notdef`, when none).
    func glyph(winAnsi code: UInt8) -> Int {
        Self.winAnsiScalar(code).flatMap { glyphs[$0] } ?? 0
    }

    /// The advance widths of WinAnsiEncoding codes 32–255 in 1/1000 em, rounded to whole units:
    /// the PDF font's `/Widths` and the layout's measure (`Drawing.textWidth`), so the two agree.
    let winAnsiWidths: [Int]

    /// Font units in 1/1000 em, rounded.
    func em1000(_ units: Int) -> Int { Self.em1000(units, unitsPerEm: unitsPerEm) }

    /// Only the two bundled fonts are read (unitsPerEm 2048, checked by PDFFontTests), so the
    /// division is by a known positive size and the result is a small whole number.
    static func em1000(_ units: Int, unitsPerEm: Int) -> Int {
        Int((Double(units) * 1000 / Double(unitsPerEm)).rounded())
    }

    // MARK: Reduction to the glyphs used

    /// The font program with the outlines of `used` glyph ids (with `.notdef` and the components
    /// of composite glyphs) and every other glyph empty. Glyph ids, the `cmap` and the metrics are
    /// unchanged, so the font draws the used characters exactly as the whole one; the tables'
    /// checksums and `checkSumAdjustment` are computed anew.
    func reduced(to used: Set<Int>) -> [UInt8] {
        let head = tables["head"]!, glyf = tables["glyf"]!, loca = tables["loca"]!
        let long = Self.i16(data, head.lowerBound + 50) == 1
        let count = advances.count
        let offsets = (0...count).map { long ? Self.u32(data, loca.lowerBound + 4 * $0) : 2 * Self.u16(data, loca.lowerBound + 2 * $0) }

        var keep: Set<Int> = []
        var queue = [0] + used.filter { $0 >= 0 && $0 < count }.sorted()
        while let g = queue.popLast() {
            guard keep.insert(g).inserted else { continue }
            queue += components(of: offsets[g]..<offsets[g + 1], in: glyf.lowerBound).filter { !keep.contains($0) }
        }

        var newGlyf: [UInt8] = [], newLoca: [UInt8] = []
        for g in 0..<count {
            newLoca += long ? Self.be32(newGlyf.count) : Self.be16(newGlyf.count / 2)
            if keep.contains(g) {
                newGlyf += data[glyf.lowerBound + offsets[g]..<glyf.lowerBound + offsets[g + 1]]
                while newGlyf.count % 4 != 0 { newGlyf.append(0) }
            }
        }
        newLoca += long ? Self.be32(newGlyf.count) : Self.be16(newGlyf.count / 2)

        var contents = tables.mapValues { Array(data[$0]) }
        contents["glyf"] = newGlyf
        contents["loca"] = newLoca
        contents["head"]!.replaceSubrange(8..<12, with: [0, 0, 0, 0])
        var out = Self.sfnt(contents, version: Array(data[0..<4]))
        let adjustment = (0xB1B0_AFBA - Self.checksum(out[...]) + 0x1_0000_0000) & 0xFFFF_FFFF
        let headRecord = (0..<contents.count).map { 12 + 16 * $0 }.first { out[$0..<$0 + 4].elementsEqual("head".utf8) }!
        let headOffset = Self.u32(out, headRecord + 8)
        out.replaceSubrange(headOffset + 8..<headOffset + 12, with: Self.be32(adjustment))
        return out
    }

    /// The glyph ids a composite glyph is made of (none for a simple or empty glyph).
    private func components(of range: Range<Int>, in glyf: Int) -> [Int] {
        guard range.count >= 10, Self.i16(data, glyf + range.lowerBound) < 0 else { return [] }
        var found: [Int] = [], p = glyf + range.lowerBound + 10
        while true {
            let flags = Self.u16(data, p)
            found.append(Self.u16(data, p + 2))
            p += 4 + (flags & 0x0001 != 0 ? 4 : 2)  // ARG_1_AND_2_ARE_WORDS
            if flags & 0x0008 != 0 { p += 2 }          // WE_HAVE_A_SCALE
            else if flags & 0x0040 != 0 { p += 4 }     // WE_HAVE_AN_X_AND_Y_SCALE
            else if flags & 0x0080 != 0 { p += 8 }     // WE_HAVE_A_TWO_BY_TWO
            guard flags & 0x0020 != 0 else { return found }  // MORE_COMPONENTS
        }
    }

    /// An sfnt of these tables: the table directory in tag order, each table padded to 4 bytes.
    static func sfnt(_ contents: [String: [UInt8]], version: [UInt8]) -> [UInt8] {
        let tags = contents.keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        var selector = 0
        while 1 << (selector + 1) <= tags.count { selector += 1 }
        var out = version + be16(tags.count) + be16(16 << selector) + be16(selector) + be16(16 * tags.count - (16 << selector))
        var body: [UInt8] = []
        let start = 12 + 16 * tags.count
        for tag in tags {
            let table = contents[tag]!
            out += Array(tag.utf8) + be32(checksum(table[...])) + be32(start + body.count) + be32(table.count)
            body += table
            while body.count % 4 != 0 { body.append(0) }
        }
        return out + body
    }

    /// The sum of the big-endian 32-bit words of `bytes` (zero-padded), modulo 2^32.
    static func checksum(_ bytes: ArraySlice<UInt8>) -> Int {
        var sum: UInt32 = 0, k = bytes.startIndex
        while k < bytes.endIndex {
            var word: UInt32 = 0
            for j in 0..<4 { word = word << 8 | UInt32(k + j < bytes.endIndex ? bytes[k + j] : 0) }
            sum &+= word
            k += 4
        }
        return Int(sum)
    }

    static func u16(_ d: [UInt8], _ at: Int) -> Int { Int(d[at]) << 8 | Int(d[at + 1]) }
    static func i16(_ d: [UInt8], _ at: Int) -> Int { Int(Int16(bitPattern: UInt16(u16(d, at)))) }
    static func u32(_ d: [UInt8], _ at: Int) -> Int { u16(d, at) << 16 | u16(d, at + 2) }
    static func be16(_ v: Int) -> [UInt8] { [UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }
    static func be32(_ v: Int) -> [UInt8] { be16(v >> 16 & 0xFFFF) + be16(v & 0xFFFF) }
}
