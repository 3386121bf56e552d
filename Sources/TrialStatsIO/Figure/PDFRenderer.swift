import Foundation
import ZIPFoundation

extension Drawing {
    /// The drawing as a one-page vector PDF (PDF 1.4): the same shapes as `svg()`, drawn with
    /// PDF path operators, transparency through ExtGState, text in TrialStats Sans Regular and
    /// Bold (Liberation Sans, the advance widths of Helvetica and Arial), each embedded as a
    /// TrueType font (WinAnsiEncoding, `/Widths` from the font's `hmtx`, the font program reduced
    /// to the glyphs the figure draws), so the figure looks the same in every viewer and passes
    /// a journal's check that every font is embedded. The file is 7-bit ASCII (the font programs
    /// Flate-compressed, then ASCII85) and deterministic (no dates, no ids), so it can be compared
    /// byte for byte.
    ///
    /// Characters outside WinAnsiEncoding are written as a close ASCII spelling ("−" as "-",
    /// "≤" as "<=", "ρ" as "rho"), or "?" when there is none.
    ///
    /// **References**: ISO 32000-1:2008 (PDF 1.7), §8.5 path construction and painting, §9.3
    /// text state, §9.6.3 TrueType fonts, §9.6.4 font subsets, §9.8 font descriptors, §9.9
    /// embedded font programs, §7.4.3 ASCII85Decode, §7.4.4 FlateDecode, §11.6.4.4 constant
    /// opacity, Annex D.2 WinAnsiEncoding.
    public func pdf() -> String {
        var states: [String] = []
        var content = ""
        for shape in shapes { content += pdfOperators(shape, states: &states) }
        let stateDictionary = states.enumerated().map { "/GS\($0.offset) \($0.element)" }.joined(separator: " ")

        // The faces the text uses, with the glyphs it draws in each.
        var used: [Bool: Set<Int>] = [:]
        for case let .text(t) in shapes {
            let font = t.bold ? TrueTypeFont.bold : TrueTypeFont.regular
            for scalar in t.string.unicodeScalars {
                for byte in Self.winAnsiBytes(scalar) { used[t.bold, default: []].insert(font.glyph(winAnsi: byte)) }
            }
        }
        var fontObjects: [String] = [], fontResources: [String] = []
        for bold in [false, true] {
            guard let glyphs = used[bold] else { continue }
            let number = 6 + fontObjects.count
            fontResources.append("/\(bold ? "F2" : "F1") \(number) 0 R")
            fontObjects += Self.pdfFont(bold ? .bold : .regular, glyphs: glyphs, number: number)
        }

        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 \(formatCoordinate(width)) \(formatCoordinate(height))] "
                + "/Resources << /Font << \(fontResources.joined(separator: " ")) >> /ExtGState << \(stateDictionary) >> >> /Contents 4 0 R >>",
            "<< /Length \(content.utf8.count) >>\nstream\n\(content)endstream",
            "<< /Title \(Self.pdfString(title)) /Producer (TrialStats) >>",
        ] + fontObjects
        var out = "%PDF-1.4\n"
        var offsets: [Int] = []
        for (k, body) in objects.enumerated() {
            offsets.append(out.utf8.count)
            out += "\(k + 1) 0 obj\n\(body)\nendobj\n"
        }
        let xref = out.utf8.count
        out += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for offset in offsets {
            let digits = String(offset)
            out += String(repeating: "0", count: 10 - digits.count) + digits + " 00000 n \n"
        }
        out += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R /Info 5 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return out
    }

    /// The three objects of an embedded TrueType font, numbered from `number`: the font
    /// dictionary, its descriptor and the font program reduced to `glyphs`.
    ///
    /// The name carries a subset tag (six capital letters and "+", §9.6.4) computed from the
    /// glyphs kept, so the same figure gets the same name. `/Flags` 32 is Nonsymbolic (the Latin
    /// characters of WinAnsiEncoding); `/StemV`, which a TrueType font does not record, is
    /// estimated from the `OS/2` weight class as 50 + (weight / 65)², as PDF writers commonly do.
    static func pdfFont(_ font: TrueTypeFont, glyphs: Set<Int>, number: Int) -> [String] {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325  // FNV-1a of the face's name and the sorted glyph ids
        for byte in Array(font.postScriptName.utf8) + glyphs.sorted().flatMap(TrueTypeFont.be16) {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        let tag = String((0..<6).map { k in Character(UnicodeScalar(UInt8(65 + (hash >> UInt64(8 * k)) % 26))) })
        let name = "/\(tag)+\(font.postScriptName)"
        let program = font.reduced(to: glyphs)
        let encoded = ascii85(zlibCompressed(program))
        let widths = stride(from: 0, to: 224, by: 16).map { font.winAnsiWidths[$0..<$0 + 16].map(String.init).joined(separator: " ") }
        let box = font.boundingBox.map { String(font.em1000($0)) }.joined(separator: " ")
        let stemV = Int((50 + pow(Double(font.weightClass) / 65, 2)).rounded())  // weightClass is a UInt16: at most about 10^6
        return [
            "<< /Type /Font /Subtype /TrueType /BaseFont \(name) /FirstChar 32 /LastChar 255\n/Widths [\(widths.joined(separator: "\n"))]\n"
                + "/Encoding /WinAnsiEncoding /FontDescriptor \(number + 1) 0 R >>",
            "<< /Type /FontDescriptor /FontName \(name) /Flags 32 /FontBBox [\(box)] /ItalicAngle \(formatCoordinate(font.italicAngle)) "
                + "/Ascent \(font.em1000(font.ascent)) /Descent \(font.em1000(font.descent)) /CapHeight \(font.em1000(font.capHeight)) "
                + "/StemV \(stemV) /MissingWidth \(font.em1000(font.advances[0])) /FontFile2 \(number + 2) 0 R >>",
            "<< /Length \(encoded.utf8.count) /Length1 \(program.count) /Filter [/ASCII85Decode /FlateDecode] >>\nstream\n\(encoded)endstream",
        ]
    }

    /// `bytes` as a zlib stream (RFC 1950: header, deflate data, Adler-32), which FlateDecode reads;
    /// the deflate data from zlib through ZIPFoundation.
    static func zlibCompressed(_ bytes: [UInt8]) -> [UInt8] {
        let input = Data(bytes)
        var deflated = Data()
        do {
            _ = try Data.compress(size: Int64(input.count), bufferSize: 1 << 16, provider: { position, size in
                input.subdata(in: Int(position)..<Int(position) + size)
            }, consumer: { deflated.append($0) })
        } catch {
            preconditionFailure("deflate failed on \(bytes.count) bytes in memory: \(error)")
        }
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in bytes {
            a = (a + UInt32(byte)) % 65521
            b = (b + a) % 65521
        }
        return [0x78, 0x9C] + Array(deflated) + TrueTypeFont.be32(Int(b << 16 | a))
    }

    /// `bytes` in ASCII85 (§7.4.3), lines of at most 80 characters, ending with `~>` and a newline.
    static func ascii85(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = [], line = 0
        func emit(_ c: UInt8) {
            out.append(c)
            line += 1
            if line == 80 { out.append(0x0A); line = 0 }
        }
        for start in stride(from: 0, to: bytes.count, by: 4) {
            let group = bytes[start..<min(start + 4, bytes.count)]
            var word: UInt32 = 0
            for k in 0..<4 { word = word << 8 | UInt32(k < group.count ? group[start + k] : 0) }
            if word == 0 && group.count == 4 { emit(0x7A); continue }  // "z"
            var digits = [UInt8](repeating: 0, count: 5)
            for k in (0..<5).reversed() {
                digits[k] = UInt8(word % 85) + 33
                word /= 85
            }
            digits.prefix(group.count + 1).forEach(emit)
        }
        return String(decoding: out, as: UTF8.self) + "~>\n"
    }

    /// The name of the graphics state with these opacities, defined on first use.
    func pdfState(stroke: Double, fill: Double, _ states: inout [String]) -> String {
        let state = "<< /CA \(formatCoordinate(stroke)) /ca \(formatCoordinate(fill)) >>"
        if let k = states.firstIndex(of: state) { return "/GS\(k) gs " }
        states.append(state)
        return "/GS\(states.count - 1) gs "
    }

    func pdfColor(_ c: Color, _ op: String) -> String {
        [c.red, c.green, c.blue].map { formatCoordinate(Double($0) / 255) }.joined(separator: " ") + " \(op) "
    }

    func pdfPath(_ points: [Point]) -> String {
        points.enumerated().map { k, p in "\(formatCoordinate(p.x)) \(formatCoordinate(height - p.y)) \(k == 0 ? "m" : "l")" }
            .joined(separator: " ") + " "
    }

    func pdfStrokeState(_ s: Stroke) -> String {
        pdfColor(s.color, "RG") + "\(formatCoordinate(s.width)) w [\(s.dash.map(formatCoordinate).joined(separator: " "))] 0 d "
    }

    func pdfOperators(_ shape: Shape, states: inout [String]) -> String {
        switch shape {
        case let .polyline(points, stroke):
            return "q " + pdfState(stroke: stroke.opacity, fill: 1, &states) + pdfStrokeState(stroke) + pdfPath(points) + "S Q\n"
        case let .polygon(points, fill, stroke):
            var out = ""
            if let fill {
                out += "q " + pdfState(stroke: 1, fill: fill.opacity, &states) + pdfColor(fill.color, "rg") + pdfPath(points) + "h f Q\n"
            }
            if let stroke {
                out += "q " + pdfState(stroke: stroke.opacity, fill: 1, &states) + pdfStrokeState(stroke) + pdfPath(points) + "h S Q\n"
            }
            return out
        case let .text(t):
            let width = Drawing.textWidth(t.string, size: t.size, bold: t.bold)
            let shift = t.anchor == .start ? 0 : t.anchor == .middle ? width / 2 : width
            let x = formatCoordinate(t.vertical ? t.at.x : t.at.x - shift)
            let y = formatCoordinate(height - t.at.y + (t.vertical ? -shift : 0))
            let matrix = t.vertical ? "0 1 -1 0 \(x) \(y)" : "1 0 0 1 \(x) \(y)"
            return "BT /\(t.bold ? "F2" : "F1") \(formatCoordinate(t.size)) Tf " + pdfColor(t.color, "rg")
                + "\(matrix) Tm \(Self.pdfString(t.string)) Tj ET\n"
        }
    }

    /// A PDF literal string in WinAnsiEncoding, 7-bit ASCII with octal escapes.
    static func pdfString(_ s: String) -> String {
        var out = "("
        for scalar in s.unicodeScalars {
            for byte in winAnsiBytes(scalar) {
                switch byte {
                case 0x28, 0x29, 0x5C: out += "\\" + String(UnicodeScalar(byte))
                case 0x20..<0x7F: out += String(UnicodeScalar(byte))
                default:
                    let octal = String(byte, radix: 8)
                    out += "\\" + String(repeating: "0", count: 3 - octal.count) + octal
                }
            }
        }
        return out + ")"
    }

    /// The WinAnsiEncoding bytes for one character (ISO 32000-1 Annex D.2), or an ASCII spelling.
    static func winAnsiBytes(_ s: Unicode.Scalar) -> [UInt8] {
        let v = s.value
        if (0x20..<0x7F).contains(v) || (0xA0...0xFF).contains(v) { return [UInt8(v)] }
        if let byte = winAnsiHighCodes[v] { return [byte] }
        if let text = asciiSpellings[v] { return Array(text.utf8) }
        if v == 0x09 || v == 0x0A { return [0x20] }
        return [0x3F]
    }

    /// The codes 128–159 of WinAnsiEncoding by the character they show ("€", "…", "–", "—", "‘", "’", "“", "”", "•", …).
    static let winAnsiHighCodes: [UInt32: UInt8] = Dictionary(uniqueKeysWithValues: TrueTypeFont.winAnsiHigh.enumerated()
        .filter { $0.element != 0 }.map { ($0.element, UInt8(0x80 + $0.offset)) })

    static let asciiSpellings: [UInt32: String] = [0x2212: "-", 0x2264: "<=", 0x2265: ">=", 0x2260: "!=", 0x03C1: "rho", 0x03C7: "chi",
                                                   0x03B1: "alpha", 0x03BC: "mu", 0x03C4: "tau", 0x00B2: "2", 0x2009: " ", 0x202F: " "]
}
