import Foundation
import Testing
@testable import TrialStatsIO
import ZIPFoundation

/// The fonts the PDF figures embed: valid sfnt programs, the widths the layout measures with, and
/// what `Drawing.pdf()` writes of them.
@Suite("PDF figure fonts: embedded TrueType, widths from hmtx")
struct PDFFontTests {
    /// Advance widths of ASCII 32–126 in 1/1000 em from Adobe's Helvetica AFM (groff `devps/HR`),
    /// the table the layout measured with before the fonts were embedded.
    static let helvetica = [
        278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556, 556, 556,
        278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667,
        611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833,
        556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
    ]
    /// The same for Helvetica-Bold (groff `devps/HB`).
    static let helveticaBold = [
        278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556, 556, 556,
        333, 333, 584, 584, 584, 611, 975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778, 667, 778, 722, 667,
        611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556, 333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889,
        611, 611, 611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584,
    ]

    static let regularText = "Rheumatoid arthritis (n = 8) Ñ … 100%"
    static let boldText = "Number at risk"

    static func drawing() -> Drawing {
        var d = Drawing(width: 300, height: 200, title: "Fonts")
        d.text(.init(string: regularText, at: .init(10, 20)))
        d.text(.init(string: boldText, at: .init(10, 40), bold: true))
        d.line(.init(0, 0), .init(10, 10), .init(color: .black))
        return d
    }

    // MARK: An independent reader of the PDF and the sfnt

    /// The dictionaries and stream data of each object of `pdf`, by object number.
    static func objects(_ pdf: String) -> [Int: (dictionary: String, stream: String?)] {
        var out: [Int: (String, String?)] = [:]
        for part in pdf.components(separatedBy: "endobj\n").dropLast() {
            guard let header = part.range(of: #"(\d+) 0 obj\n"#, options: .regularExpression) else { continue }
            let number = Int(part[header].split(separator: " ")[0])!
            let body = String(part[header.upperBound...])
            if let s = body.range(of: "\nstream\n") {
                let dictionary = String(body[..<s.lowerBound])
                let length = Int(dictionary.firstMatch(of: /\/Length (\d+)/)!.1)!
                out[number] = (dictionary, String(decoding: Array(body[s.upperBound...].utf8).prefix(length), as: UTF8.self))
            } else {
                out[number] = (body, nil)
            }
        }
        return out
    }

    static func ascii85Decode(_ text: String) -> [UInt8] {
        var out: [UInt8] = [], group: [UInt32] = []
        func flush(_ count: Int) {
            var word: UInt32 = 0
            for k in 0..<5 { word = word &* 85 &+ (k < group.count ? group[k] : 84) }
            out += [24, 16, 8, 0].map { UInt8(word >> UInt32($0) & 0xFF) }.prefix(count)
            group = []
        }
        for c in text.utf8 {
            if c == UInt8(ascii: "~") { break }
            if c == UInt8(ascii: "z") && group.isEmpty { out += [0, 0, 0, 0]; continue }
            guard (33...117).contains(c) else { continue }
            group.append(UInt32(c - 33))
            if group.count == 5 { flush(4) }
        }
        if !group.isEmpty { flush(group.count - 1) }
        return out
    }

    /// A zlib stream inflated (its deflate data through ZIPFoundation), with its header and Adler-32 checked.
    static func inflate(_ z: [UInt8]) throws -> [UInt8] {
        #expect((Int(z[0]) << 8 | Int(z[1])) % 31 == 0 && z[0] & 0x0F == 8)
        let deflated = Data(z[2..<(z.count - 4)])
        var out = Data()
        _ = try Data.decompress(size: Int64(deflated.count), bufferSize: 1 << 16, skipCRC32: true, provider: { p, n in
            deflated.subdata(in: Int(p)..<min(Int(p) + n, deflated.count))  // asks for whole buffers
        }, consumer: { out.append($0) })
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in out { a = (a + UInt32(byte)) % 65521; b = (b + a) % 65521 }
        let stored = z.suffix(4).reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        #expect(stored == b << 16 | a, "Adler-32")
        return Array(out)
    }

    static func u16(_ d: [UInt8], _ at: Int) -> Int { Int(d[at]) << 8 | Int(d[at + 1]) }
    static func u32(_ d: [UInt8], _ at: Int) -> Int { u16(d, at) << 16 | u16(d, at + 2) }

    /// The tables of an sfnt by tag, after checking that the directory is in order, every table
    /// lies inside the file and its checksum is right, and the file sums to 0xB1B0AFBA.
    static func checkedTables(_ font: [UInt8]) -> [String: [UInt8]] {
        func sum(_ bytes: [UInt8]) -> UInt32 {
            var s: UInt32 = 0
            for k in stride(from: 0, to: bytes.count, by: 4) {
                s &+= (0..<4).reduce(UInt32(0)) { $0 << 8 | UInt32(k + $1 < bytes.count ? bytes[k + $1] : 0) }
            }
            return s
        }
        #expect(u32(font, 0) == 0x0001_0000)
        var tables: [String: [UInt8]] = [:], previous = ""
        for k in 0..<u16(font, 4) {
            let r = 12 + 16 * k
            let tag = String(decoding: font[r..<r + 4], as: UTF8.self)
            #expect(tag > previous, "table directory in tag order")
            previous = tag
            let offset = u32(font, r + 8), length = u32(font, r + 12)
            #expect(offset % 4 == 0 && offset + length <= font.count, "\(tag) inside the file")
            var table = Array(font[offset..<min(offset + length, font.count)])
            if tag == "head" { table.replaceSubrange(8..<12, with: [0, 0, 0, 0]) }
            #expect(sum(table) == UInt32(u32(font, r + 4)), "\(tag) checksum")
            tables[tag] = Array(font[offset..<min(offset + length, font.count)])
        }
        #expect(sum(font) == 0xB1B0_AFBA, "checkSumAdjustment")
        return tables
    }

    /// Byte length of each glyph's outline (0 for an empty glyph), from `loca`.
    static func glyphLengths(_ tables: [String: [UInt8]]) -> [Int] {
        let long = u16(tables["head"]!, 50) == 1, count = u16(tables["maxp"]!, 4), loca = tables["loca"]!
        let offsets = (0...count).map { long ? u32(loca, 4 * $0) : 2 * u16(loca, 2 * $0) }
        #expect(offsets.last! <= tables["glyf"]!.count)
        return (0..<count).map { offsets[$0 + 1] - offsets[$0] }
    }

    // MARK: Tests

    @Test("the committed fonts are valid sfnt programs and keep Helvetica's ASCII widths, so the layout is unchanged")
    func committedFonts() {
        for (font, afm) in [(TrueTypeFont.regular, Self.helvetica), (TrueTypeFont.bold, Self.helveticaBold)] {
            let tables = Self.checkedTables(font.data)
            #expect(Set(tables.keys).isSuperset(of: ["cmap", "glyf", "head", "hhea", "hmtx", "loca", "maxp", "name", "OS/2", "post"]))
            #expect(Array(font.winAnsiWidths.prefix(95)) == afm, "\(font.postScriptName)")
            #expect(font.unitsPerEm == 2048 && font.italicAngle == 0)
            // Every character of WinAnsiEncoding has a glyph (the five undefined codes and 127 aside).
            let missing = (32...255).filter { TrueTypeFont.winAnsiScalar(UInt8($0)) != nil && font.glyph(winAnsi: UInt8($0)) == 0 }
            #expect(missing.isEmpty, "\(font.postScriptName): no glyph for codes \(missing)")
        }
        #expect(Drawing.textWidth("…", size: 1000) == 1000 && Drawing.textWidth("Number", size: 10, bold: true) == 37.78)
    }

    @Test("every font is embedded as a TrueType program with /Widths from its hmtx and a complete descriptor")
    func embeddedFonts() throws {
        let pdf = Self.drawing().pdf()
        #expect(pdf.hasPrefix("%PDF-1.4\n") && pdf.utf8.allSatisfy { $0 < 128 })
        let objects = Self.objects(pdf)
        let fonts = objects.values.filter { $0.dictionary.contains("/Type /Font ") }
        #expect(fonts.count == 2 && !pdf.contains("/Type1") && !pdf.contains("Helvetica"))
        for (dictionary, _) in fonts {
            let bold = dictionary.contains("TrialStatsSans-Bold")
            let font = bold ? TrueTypeFont.bold : TrueTypeFont.regular
            #expect(dictionary.contains("/Subtype /TrueType") && dictionary.contains("/FirstChar 32 /LastChar 255")
                && dictionary.contains("/Encoding /WinAnsiEncoding"))
            #expect(dictionary.firstMatch(of: /\/BaseFont \/[A-Z]{6}\+TrialStatsSans/) != nil)
            let widths = dictionary.firstMatch(of: /\/Widths \[([^\]]*)\]/)!.1.split(whereSeparator: \.isWhitespace).map { Int($0)! }
            // /Widths from hmtx, read here through the cmap: code → Unicode → glyph → advance.
            let expected = (32...255).map { code -> Int in
                let glyph = TrueTypeFont.winAnsiScalar(UInt8(code)).flatMap { font.glyphs[$0] } ?? 0
                return Int((Double(font.advances[glyph]) * 1000 / 2048).rounded())
            }
            #expect(widths == expected)
            let text = bold ? Self.boldText : Self.regularText
            let codes = text.unicodeScalars.flatMap(Drawing.winAnsiBytes)
            #expect(Double(codes.map { widths[Int($0) - 32] }.reduce(0, +)) == Drawing.textWidth(text, size: 1000, bold: bold))

            let descriptorNumber = Int(dictionary.firstMatch(of: /\/FontDescriptor (\d+) 0 R/)!.1)!
            let descriptor = objects[descriptorNumber]!.dictionary
            for key in ["/Flags 32", "/FontBBox [", "/ItalicAngle 0", "/Ascent 905", "/Descent -212", "/CapHeight 688", "/StemV "] {
                #expect(descriptor.contains(key), "\(key) in \(descriptor)")
            }
            let fileNumber = Int(descriptor.firstMatch(of: /\/FontFile2 (\d+) 0 R/)!.1)!
            let (streamDictionary, stream) = objects[fileNumber]!
            #expect(streamDictionary.contains("/Filter [/ASCII85Decode /FlateDecode]"))
            let program = try Self.inflate(Self.ascii85Decode(stream!))
            #expect(Int(streamDictionary.firstMatch(of: /\/Length1 (\d+)/)!.1)! == program.count)

            // A valid sfnt, with the outlines of the characters drawn (and of the components of
            // composite glyphs: "Ñ" is N and a tilde) and no others.
            let tables = Self.checkedTables(program)
            let lengths = Self.glyphLengths(tables)
            #expect(lengths.count == font.advances.count, "glyph ids kept")
            let drawn = Set(codes.filter { $0 != 0x20 }.map { font.glyph(winAnsi: $0) })
            for glyph in drawn { #expect(lengths[glyph] > 0, "glyph \(glyph) of \(font.postScriptName)") }
            #expect(lengths[0] > 0, ".notdef")
            let unused = font.glyph(winAnsi: UInt8(ascii: "Q"))
            #expect(lengths[unused] == 0, "Q is not drawn")
            if !bold {
                let n = font.glyph(winAnsi: UInt8(ascii: "N"))
                #expect(lengths[n] > 0, "N, a component of Ñ, is kept though not drawn on its own")
            }
            #expect(tables["hmtx"]! == Array(font.data[font.tables["hmtx"]!]) && tables["cmap"]! == Array(font.data[font.tables["cmap"]!]))
        }
    }

    @Test("the same figure gives the same bytes; a different text gives a different subset")
    func deterministic() {
        let a = Self.drawing().pdf(), b = Self.drawing().pdf()
        #expect(a == b)
        var other = Self.drawing()
        other.text(.init(string: "Quartile", at: .init(10, 60)))
        let c = other.pdf()
        #expect(c != a)
        let tag = { (pdf: String) in pdf.firstMatch(of: #/\/BaseFont \/([A-Z]{6})\+TrialStatsSans /#)!.1 }
        #expect(tag(a) == tag(b) && tag(a) != tag(c))
    }

    @Test("the font programs compress: a figure's PDF stays small")
    func size() {
        let pdf = Self.drawing().pdf()
        #expect(pdf.utf8.count < 20_000, "\(pdf.utf8.count) bytes")
    }
}
