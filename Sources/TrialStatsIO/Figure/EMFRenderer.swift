import Foundation

extension Drawing {
    /// Device units of the metafile per point: it is drawn in hundredths of a millimetre.
    static let emfScale = 2540.0 / 72

    /// The drawing as an Enhanced Metafile (EMF): the vector image format Word shows natively, and
    /// LibreOffice too, so `tables.docx` can hold the figure without a bitmap. The same shapes as
    /// `svg()` and `pdf()`, in hundredths of a millimetre: polylines and polygons with geometric
    /// pens (flat caps, mitred joins) and solid brushes, text with `ExtTextOutW` in Arial (the
    /// Helvetica-metric font Word has; LibreOffice shows Liberation Sans, of the same metrics),
    /// its character advances given from the Helvetica metrics the layout was measured with.
    ///
    /// GDI has no transparency: a colour drawn at opacity α is written as that colour over white
    /// (α·c + (1 − α)·255), so pointwise bands look as they do where they do not overlap, and a
    /// later band covers an earlier one where they do (their outlines stay visible). Dashes are
    /// cut into solid pieces here, since readers differ in how they draw user-defined pen styles.
    /// The file is deterministic (no dates, no description).
    ///
    /// **References**: [MS-EMF] Enhanced Metafile Format, v20240423: §2.3.4.2 EMR_HEADER,
    /// §2.3.5 drawing records (EMR_POLYLINE, EMR_POLYGON, EMR_EXTTEXTOUTW), §2.3.7 object
    /// creation (EMR_EXTCREATEPEN, EMR_CREATEBRUSHINDIRECT, EMR_EXTCREATEFONTINDIRECTW), §2.3.11
    /// state records; [MS-WMF] §2.2.1.1 LogFont.
    public func emf() -> Data {
        var writer = EMFWriter(scale: Self.emfScale)
        writer.begin(width: width, height: height)
        writer.fill([Point(0, 0), Point(width, 0), Point(width, height), Point(0, height)], color: .white, opacity: 1)
        for shape in shapes {
            switch shape {
            case let .polyline(points, stroke):
                writer.stroke(points, stroke)
            case let .polygon(points, fill, stroke):
                if let fill { writer.fill(points, color: fill.color, opacity: fill.opacity) }
                if let stroke, let first = points.first { writer.stroke(points + [first], stroke) }
            case let .text(text):
                writer.text(text)
            }
        }
        return writer.finish()
    }
}

/// Writes EMF records: little-endian 32-bit fields, every record a multiple of 4 bytes.
struct EMFWriter {
    let scale: Double
    private var bytes: [UInt8] = []
    private var records = 0
    private var bounds = (0, 0, 0, 0)

    init(scale: Double) { self.scale = scale }

    // Record types ([MS-EMF] §2.1.1).
    static let header: UInt32 = 1, polygon: UInt32 = 3, polyline: UInt32 = 4, eof: UInt32 = 14, setMapMode: UInt32 = 17
    static let setBkMode: UInt32 = 18, setTextAlign: UInt32 = 22, setTextColor: UInt32 = 24, selectObject: UInt32 = 37
    static let createBrushIndirect: UInt32 = 39, deleteObject: UInt32 = 40, extCreateFontIndirectW: UInt32 = 82
    static let extTextOutW: UInt32 = 84, extCreatePen: UInt32 = 95
    // Stock objects ([MS-EMF] §2.1.31).
    static let nullBrush: UInt32 = 0x8000_0005, nullPen: UInt32 = 0x8000_0008, defaultFont: UInt32 = 0x8000_000D
    // Handles: 1 pen, 2 brush, 3 font; the table has 4 entries with the reserved 0.
    static let pen: UInt32 = 1, brush: UInt32 = 2, font: UInt32 = 3

    /// A coordinate in device units; clamped to Int32 (a NaN gives 0), so no drawing can trap the writer.
    func device(_ v: Double) -> Int32 {
        let d = (v * scale).rounded()
        return d.isNaN ? 0 : Int32(min(max(d, Double(Int32.min)), Double(Int32.max)))
    }

    private static func le(_ v: UInt32) -> [UInt8] { [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF), UInt8((v >> 16) & 0xFF), UInt8(v >> 24)] }
    private static func le(_ v: Int32) -> [UInt8] { le(UInt32(bitPattern: v)) }

    /// Appends a record of `type` with its fields.
    private mutating func record(_ type: UInt32, _ fields: [UInt8]) {
        var body = fields
        while body.count % 4 != 0 { body.append(0) }
        bytes += Self.le(type) + Self.le(UInt32(8 + body.count)) + body
        records += 1
    }

    private static func words(_ values: [UInt32]) -> [UInt8] { values.flatMap { le($0) } }

    /// COLORREF: 0x00BBGGRR, the colour over white at `opacity`.
    static func colorRef(_ c: Drawing.Color, opacity: Double) -> UInt32 {
        func blend(_ v: UInt8) -> UInt32 { UInt32((Double(v) * opacity + 255 * (1 - opacity)).rounded()) }
        return blend(c.red) | (blend(c.green) << 8) | (blend(c.blue) << 16)
    }

    mutating func begin(width: Double, height: Double) {
        let w = device(width), h = device(height)
        bounds = (0, 0, Int(w) - 1, Int(h) - 1)
        // The header is written last (it counts bytes and records); reserve its 108 bytes.
        bytes = Array(repeating: 0, count: 108)
        records = 1
        record(Self.setMapMode, Self.words([1]))       // MM_TEXT: one logical unit is one device unit (0.01 mm)
        record(Self.setBkMode, Self.words([1]))        // TRANSPARENT behind text
    }

    /// The header ([MS-EMF] §2.3.4.2, with extensions 1 and 2): the picture's bounds in device
    /// units and its frame in 0.01 mm (the same here), a reference device of 0.01 mm pixels.
    mutating func finish() -> Data {
        record(Self.eof, Self.words([0, 16, 20]))
        let (l, t, r, b) = bounds
        var header = Self.le(Self.header) + Self.le(UInt32(108))
        header += [l, t, r, b].flatMap { Self.le(Int32($0)) }            // Bounds
        header += [l, t, r, b].flatMap { Self.le(Int32($0)) }            // Frame (0.01 mm)
        header += Self.words([0x464D_4520, 0x0001_0000, UInt32(bytes.count), UInt32(records)])
        header += [4, 0, 0, 0]                                           // Handles (u16), Reserved (u16)
        header += Self.words([0, 0, 0])                                  // no description, no palette
        header += Self.words([100_000, 100_000, 1000, 1000])             // Device (pixels), Millimeters
        header += Self.words([0, 0, 0, 1_000_000, 1_000_000])            // no pixel format, no OpenGL, Micrometers
        bytes.replaceSubrange(0..<108, with: header)
        return Data(bytes)
    }

    private mutating func points(_ type: UInt32, _ points: [Drawing.Point]) {
        let xs = points.map { device($0.x) }, ys = points.map { device($0.y) }
        guard let left = xs.min(), let top = ys.min(), let right = xs.max(), let bottom = ys.max() else { return }
        var fields = [left, top, right, bottom].flatMap { Self.le($0) }
        fields += Self.le(UInt32(points.count))
        for (x, y) in zip(xs, ys) { fields += Self.le(x) + Self.le(y) }
        record(type, fields)
    }

    private mutating func selectPen(_ color: UInt32, width: Double) {
        // PS_GEOMETRIC | PS_SOLID | PS_ENDCAP_FLAT | PS_JOIN_MITER, BS_SOLID.
        let penWidth = UInt32(max(1, (width * scale).rounded()))
        record(Self.extCreatePen, Self.words([Self.pen, 0, 0, 0, 0, 0x0001_2200, penWidth, 0, color, 0, 0]))
        record(Self.selectObject, Self.words([Self.pen]))
    }

    private mutating func releasePen() {
        record(Self.selectObject, Self.words([Self.nullPen]))
        record(Self.deleteObject, Self.words([Self.pen]))
    }

    /// A filled polygon without outline.
    mutating func fill(_ shape: [Drawing.Point], color: Drawing.Color, opacity: Double) {
        guard shape.count >= 3 else { return }
        record(Self.createBrushIndirect, Self.words([Self.brush, 0, Self.colorRef(color, opacity: opacity), 0]))
        record(Self.selectObject, Self.words([Self.brush]))
        record(Self.selectObject, Self.words([Self.nullPen]))
        points(Self.polygon, shape)
        record(Self.selectObject, Self.words([Self.nullBrush]))
        record(Self.deleteObject, Self.words([Self.brush]))
    }

    /// An open polyline; a dashed one as its solid pieces.
    mutating func stroke(_ line: [Drawing.Point], _ s: Drawing.Stroke) {
        guard line.count >= 2 else { return }
        selectPen(Self.colorRef(s.color, opacity: s.opacity), width: s.width)
        for piece in s.dash.isEmpty ? [line] : Self.dashed(line, pattern: s.dash) where piece.count >= 2 {
            points(Self.polyline, piece)
        }
        releasePen()
    }

    /// The "on" pieces of a polyline under a dash pattern (on, off, … in points), starting with
    /// the pattern's first dash at the first point, as SVG and PDF draw a dash array with no offset.
    static func dashed(_ line: [Drawing.Point], pattern: [Double]) -> [[Drawing.Point]] {
        let dashes = pattern.count % 2 == 0 ? pattern : pattern + pattern
        guard dashes.contains(where: { $0 > 0 }), dashes.allSatisfy({ $0 >= 0 }) else { return [line] }
        var pieces: [[Drawing.Point]] = []
        var current: [Drawing.Point] = [line[0]]
        var index = 0, left = dashes[0]
        var on = true
        for (a, b) in zip(line, line.dropFirst()) {
            let length = hypot(b.x - a.x, b.y - a.y)
            var done = 0.0
            while length - done > left {
                done += left
                let t = done / length
                let p = Drawing.Point(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t)
                if on {
                    if current.last != p { current.append(p) }
                    pieces.append(current)
                } else {
                    current = [p]
                }
                on.toggle()
                index = (index + 1) % dashes.count
                left = dashes[index]
            }
            left -= length - done
            if on { current.append(b) }
        }
        if on, current.count >= 2 { pieces.append(current) }
        return pieces
    }

    /// One line of text at its baseline, anchored as `anchor` says; vertical text turns 90°
    /// anticlockwise about its anchor.
    mutating func text(_ t: Drawing.Text) {
        let height = Int32(-(t.size * scale).rounded())  // negative: the em height
        let angle: UInt32 = t.vertical ? 900 : 0
        var face = Array("Arial".utf16) + Array(repeating: 0, count: 32 - 5)
        face = Array(face.prefix(32))
        var logFont = Self.le(height) + Self.le(Int32(0)) + Self.words([angle, angle, t.bold ? 700 : 400])
        logFont += [0, 0, 0, 1, 0, 0, 0, 0x22]  // italic, underline, strike-out, DEFAULT_CHARSET, precisions, quality, VARIABLE_PITCH | FF_SWISS
        logFont += face.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        record(Self.extCreateFontIndirectW, Self.le(Self.font) + logFont)
        record(Self.selectObject, Self.words([Self.font]))
        record(Self.setTextColor, Self.words([Self.colorRef(t.color, opacity: 1)]))
        let align: UInt32 = 24 | (t.anchor == .middle ? 6 : t.anchor == .end ? 2 : 0)  // TA_BASELINE | TA_CENTER / TA_RIGHT / TA_LEFT
        record(Self.setTextAlign, Self.words([align]))

        let units = Array(t.string.utf16)
        // Advances from the Helvetica metrics of the layout, one per UTF-16 unit (a surrogate
        // pair's second unit advances 0).
        var advances: [UInt32] = []
        for scalar in t.string.unicodeScalars {
            let width = Drawing.textWidth(String(scalar), size: t.size, bold: t.bold)
            advances.append(UInt32(max(0, (width * scale).rounded())))
            if scalar.value > 0xFFFF { advances.append(0) }
        }
        var string = units.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        while string.count % 4 != 0 { string.append(0) }
        let offString: UInt32 = 76, offDx = offString + UInt32(string.count)
        var fields = Self.words([0, 0, 0, 0])                         // Bounds (ignored)
        fields += Self.le(UInt32(1))                                  // GM_COMPATIBLE
        fields += Self.le(Float(1).bitPattern) + Self.le(Float(1).bitPattern)
        fields += Self.le(device(t.at.x)) + Self.le(device(t.at.y))   // reference point
        fields += Self.words([UInt32(units.count), offString, 0, 0, 0, 0, 0, offDx])
        fields += string + advances.flatMap { Self.le($0) }
        record(Self.extTextOutW, fields)
        record(Self.selectObject, Self.words([Self.defaultFont]))
        record(Self.deleteObject, Self.words([Self.font]))
    }
}
