import Foundation

extension Drawing {
    /// The drawing as a standalone SVG document. Every text and attribute value is escaped, so a
    /// label is shown as typed and never read as markup.
    public func svg() -> String {
        let w = formatCoordinate(width), h = formatCoordinate(height)
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"\(escapeXML(title))\" width=\"\(w)\" height=\"\(h)\" "
            + "viewBox=\"0 0 \(w) \(h)\" font-family=\"Helvetica, Arial, 'Liberation Sans', 'Nimbus Sans', sans-serif\" font-size=\"13\">\n"
        out += "<title>\(escapeXML(title))</title>\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
        for shape in shapes { out += Self.svgElement(shape) + "\n" }
        return out + "</svg>\n"
    }

    static func svgColor(_ c: Color) -> String {
        let hex = String((UInt32(c.red) << 16) | (UInt32(c.green) << 8) | UInt32(c.blue), radix: 16, uppercase: true)
        return "#" + String(repeating: "0", count: 6 - hex.count) + hex
    }

    static func svgStroke(_ s: Stroke?) -> String {
        guard let s else { return " stroke=\"none\"" }
        var out = " stroke=\"\(svgColor(s.color))\" stroke-width=\"\(formatCoordinate(s.width))\""
        if !s.dash.isEmpty { out += " stroke-dasharray=\"\(s.dash.map(formatCoordinate).joined(separator: " "))\"" }
        if s.opacity < 1 { out += " stroke-opacity=\"\(formatCoordinate(s.opacity))\"" }
        return out
    }

    static func svgPoints(_ points: [Point]) -> String {
        points.map { "\(formatCoordinate($0.x)),\(formatCoordinate($0.y))" }.joined(separator: " ")
    }

    static func svgElement(_ shape: Shape) -> String {
        switch shape {
        case let .polyline(points, stroke):
            return "<polyline points=\"\(svgPoints(points))\" fill=\"none\"\(svgStroke(stroke))/>"
        case let .polygon(points, fill, stroke):
            let fillText = fill.map { " fill=\"\(svgColor($0.color))\"" + ($0.opacity < 1 ? " fill-opacity=\"\(formatCoordinate($0.opacity))\"" : "") } ?? " fill=\"none\""
            return "<polygon points=\"\(svgPoints(points))\"\(fillText)\(svgStroke(stroke))/>"
        case let .text(t):
            let x = formatCoordinate(t.at.x), y = formatCoordinate(t.at.y)
            var attributes = t.vertical ? "transform=\"translate(\(x) \(y)) rotate(-90)\"" : "x=\"\(x)\" y=\"\(y)\""
            if t.anchor != .start { attributes += " text-anchor=\"\(t.anchor.rawValue)\"" }
            if t.size != 13 { attributes += " font-size=\"\(formatCoordinate(t.size))\"" }
            if t.bold { attributes += " font-weight=\"bold\"" }
            if t.color != .black { attributes += " fill=\"\(svgColor(t.color))\"" }
            for (name, value) in t.data { attributes += " data-\(name)=\"\(escapeXML(value))\"" }
            return "<text \(attributes)>\(escapeXML(t.string))</text>"
        }
    }
}

/// Escapes text for XML content and attributes.
func escapeXML(_ s: String) -> String {
    var out = ""
    out.reserveCapacity(s.utf8.count)
    for c in s.unicodeScalars {
        switch c {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&#39;"
        default:
            // Control characters other than tab and newline are not allowed in XML 1.0.
            if c.value < 0x20 && c != "\t" && c != "\n" { out += "\u{FFFD}" } else { out.unicodeScalars.append(c) }
        }
    }
    return out
}
